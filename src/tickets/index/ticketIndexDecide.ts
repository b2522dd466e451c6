/**
 * Deciding a bucket's command. Indexing and unindexing are idempotent (a
 * reaction delivered again writes nothing). A recompute for a version the
 * bucket already fanned out writes nothing; otherwise the bucket's open ids in
 * chunks of at most 500, one TicketSlaRecomputeRequested each (one with no ids
 * for an empty bucket, so the version is recorded). The race: a ticket created
 * under an older version but indexed after the bucket fanned out a newer one
 * would be missed, so indexing it also requests its recompute.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../../domain/decider.js';
import type { DomainError } from '../../domain/errors.js';
import { authorizeBy } from '../../domain/permissions/policy.js';
import { whoFromContext } from '../../domain/permissions/who.js';
import { ticketIndexPolicy } from './ticketIndexPolicy.js';
import type { TicketIndexState } from './ticketIndexState.js';
import { RECOMPUTE_CHUNK, type TicketIndexCommand, type TicketIndexEvent } from './ticketIndexTypes.js';

export const TICKET_INDEX_ERROR_CODES = ['actor.not-allowed', 'actor.unknown'] as const;

const chunks = <A>(items: readonly A[], size: number): readonly (readonly A[])[] => {
  const out: A[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length === 0 ? [[]] : out;
};

export const decideTicketIndex = (command: TicketIndexCommand, s: TicketIndexState, context: DecideContext): E.Either<DomainError, readonly TicketIndexEvent[]> => {
  const who = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(ticketIndexPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  const at = command.meta.now;
  switch (command.type) {
    case 'IndexTicket': {
      const { ticketId, version } = command.data;
      if (s.open.has(ticketId)) return E.right([]);
      const indexed: TicketIndexEvent = { type: 'TicketIndexed', data: { ticketId, version, at } };
      return E.right(version < s.recomputedVersion ? [indexed, { type: 'TicketSlaRecomputeRequested', data: { version: s.recomputedVersion, ticketIds: [ticketId], at } }] : [indexed]);
    }
    case 'UnindexTicket':
      return E.right(s.open.has(command.data.ticketId) ? [{ type: 'TicketUnindexed', data: { ticketId: command.data.ticketId, at } }] : []);
    case 'RecomputeIndexedTickets': {
      const { version } = command.data;
      if (version <= s.recomputedVersion) return E.right([]);
      const ids = s.open.toArray().sort();
      return E.right(chunks(ids, RECOMPUTE_CHUNK).map((ticketIds): TicketIndexEvent => ({ type: 'TicketSlaRecomputeRequested', data: { version, ticketIds, at } })));
    }
  }
};
