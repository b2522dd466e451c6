/**
 * The ticket-index module: `ticket-index-<shopId>-<bucket>` for buckets 0..15,
 * the open tickets a new SLA version recomputes (README, "SLA versions"). Its
 * reactions: every event that publishes an SLA version (ticket-settings'
 * SLA_VERSION_EVENT_TYPES, data `version` and `effectiveAt`) schedules, for
 * each bucket, RecomputeIndexedTickets at effectiveAt (key
 * `sla-version-<version>-<bucket>`); each recompute request dispatches
 * RecomputeTicketSla to its tickets. Reads nothing but the permissions (the
 * system needs none). Snapshots: a bucket can hold thousands of ids.
 */
import { defineModule } from '../../domain/module.js';
import { permissionReferencesFor } from '../../domain/permissions/who.js';
import { dispatch, reactionsTo, schedule, type ReactionMap } from '../../domain/reaction.js';
import { SLA_VERSION_EVENT_TYPES, type TicketSettingsEvent } from '../settings/ticketSettingsEvents.js';
import { decideTicketIndex } from './ticketIndexDecide.js';
import { evolveTicketIndex, initialTicketIndexState, ticketIndexSnapshot, type TicketIndexState } from './ticketIndexState.js';
import { TICKET_INDEX_BUCKET_NUMBERS, ticketIndexBucket, ticketIndexStream } from './ticketIndexBucket.js';
import { ticketIndexCommandCodecs, ticketIndexEventDefinitions, type TicketIndexCommand, type TicketIndexEvent } from './ticketIndexTypes.js';

export const slaVersionKey = (version: number, bucket: number): string => `sla-version-${version}-${bucket}`;

const fanOut = ({ data }: { readonly data: { readonly version: number; readonly effectiveAt: number } }) =>
  TICKET_INDEX_BUCKET_NUMBERS.map((bucket) => schedule(slaVersionKey(data.version, bucket), data.effectiveAt, 'RecomputeIndexedTickets', { bucket, version: data.version }));

const versionReactions: ReactionMap = reactionsTo<TicketSettingsEvent>(Object.fromEntries(SLA_VERSION_EVENT_TYPES.map((type) => [type, fanOut])));

const indexReactions: ReactionMap = reactionsTo<TicketIndexEvent>({
  TicketSlaRecomputeRequested: ({ data }) => data.ticketIds.map((ticketId) => dispatch('RecomputeTicketSla', { ticketId, version: data.version })),
});

export const ticketIndexModule = defineModule<TicketIndexState, TicketIndexCommand, TicketIndexEvent>({
  name: 'ticket-index',
  commands: ticketIndexCommandCodecs,
  events: ticketIndexEventDefinitions,
  streamOf: (command) => ticketIndexStream(command.meta.shopId, command.type === 'RecomputeIndexedTickets' ? command.data.bucket : ticketIndexBucket(command.data.ticketId)),
  references: (command) => permissionReferencesFor(command.meta.shopId, command.meta.actor),
  reactions: { ...versionReactions, ...indexReactions },
  decider: { initialState: initialTicketIndexState, decide: decideTicketIndex, evolve: evolveTicketIndex },
  snapshot: ticketIndexSnapshot,
});
