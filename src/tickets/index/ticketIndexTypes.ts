/**
 * The commands and events of one ticket-index bucket (all the system's: the
 * ticket module's reactions index and unindex, a new SLA version's deadlines
 * recompute). A recompute request names at most 500 ticket ids, so a bucket of
 * thousands of open tickets writes several events of a bounded size.
 */
import * as t from 'io-ts';
import type { Command } from '../../domain/command.js';
import type { DomainEvent } from '../../domain/decider.js';
import type { CommandCodecs, EventDefinitions } from '../../domain/module.js';
import { intInRange, nonNegativeInt, struct, timestamp } from '../../domain/validation.js';
import { ticketIdCodec } from '../ticket/ticketCommands.js';
import { TICKET_INDEX_BUCKETS } from './ticketIndexBucket.js';

export const RECOMPUTE_CHUNK = 500;

export const bucketCodec = intInRange(0, TICKET_INDEX_BUCKETS - 1);

export type TicketIndexCommand =
  /** A ticket created under SLA version `version` (the one in force at its creation). */
  | Command<'IndexTicket', { readonly ticketId: string; readonly version: number }>
  /** Its first completion: no SLA clock runs any more. */
  | Command<'UnindexTicket', { readonly ticketId: string }>
  /** SLA version `version` took effect: every open ticket of the bucket recomputes. */
  | Command<'RecomputeIndexedTickets', { readonly bucket: number; readonly version: number }>;

export type TicketIndexCommandType = TicketIndexCommand['type'];

type At = { readonly at: number };

export type TicketIndexEvent =
  | DomainEvent<'TicketIndexed', { readonly ticketId: string; readonly version: number } & At>
  | DomainEvent<'TicketUnindexed', { readonly ticketId: string } & At>
  | DomainEvent<'TicketSlaRecomputeRequested', { readonly version: number; readonly ticketIds: readonly string[] } & At>;

export const ticketIndexCommandCodecs = {
  IndexTicket: struct('IndexTicket', { ticketId: ticketIdCodec, version: nonNegativeInt }),
  UnindexTicket: struct('UnindexTicket', { ticketId: ticketIdCodec }),
  RecomputeIndexedTickets: struct('RecomputeIndexedTickets', { bucket: bucketCodec, version: nonNegativeInt }),
} satisfies CommandCodecs<TicketIndexCommand>;

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });

export const ticketIndexEventDefinitions = {
  TicketIndexed: v1(struct('TicketIndexed', { ticketId: ticketIdCodec, version: nonNegativeInt, at: timestamp })),
  TicketUnindexed: v1(struct('TicketUnindexed', { ticketId: ticketIdCodec, at: timestamp })),
  TicketSlaRecomputeRequested: v1(struct('TicketSlaRecomputeRequested', { version: nonNegativeInt, ticketIds: t.readonlyArray(ticketIdCodec), at: timestamp })),
} satisfies EventDefinitions<TicketIndexEvent>;
