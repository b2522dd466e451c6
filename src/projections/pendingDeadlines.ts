/**
 * The deadlines still pending, as a pure fold over the log (DESIGN principle 10):
 * an event's reactions schedule, move or cancel deadlines by key, and an event
 * caused by a deadline's command (its causation id is the deadline's id) settles
 * it. Any engine that folds the log knows every pending deadline, whatever
 * process set it and however often processes restarted.
 *
 * Ordered by due time, then by the position of the event that set it, then by its
 * place among that event's reactions: firing in this order is the same on every
 * machine. The structures are persistent (B+ tree and immutable maps), so a fold
 * step is O(log n) and never copies the set; memory is bounded by the deadlines
 * pending, not by the log.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Map as ImmutableMap } from 'immutable';
import * as t from 'io-ts';
import { BTree } from '../domain/btree.js';
import type { ValidationError } from '../domain/errors.js';
import { messageIdCodec, shopIdCodec } from '../domain/ids.js';
import type { ReactionCommand } from '../domain/reaction.js';
import { stableId } from '../domain/stableId.js';
import { decodeWith, nonEmptyString, nonNegativeInt, struct, timestamp } from '../domain/validation.js';

export interface Deadline {
  /** The command id it fires with; an event caused by that command settles it. */
  readonly id: string;
  readonly shopId: string;
  /** Its name within the shop: scheduling the key again moves it, cancelling the key drops it. */
  readonly key: string;
  /** Epoch milliseconds at which it is due. */
  readonly at: number;
  /** The global position of the event that set it, and the reaction's place among that event's. */
  readonly position: number;
  readonly index: number;
  readonly command: ReactionCommand;
  /** The event that set it (the fired command's causation). */
  readonly causationId: string;
  readonly correlationId: string;
}

type SortKey = readonly [at: number, position: number, index: number];
const bySortKey = (a: SortKey, b: SortKey) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const sortKeyOf = (d: Deadline): SortKey => [d.at, d.position, d.index];
const scoped = (shopId: string, key: string) => `${shopId}\u0000${key}`;

export interface PendingDeadlines {
  readonly byTime: BTree<SortKey, Deadline>;
  readonly byId: ImmutableMap<string, Deadline>;
  /** Shop and key to the id of the deadline that holds that key now. */
  readonly byKey: ImmutableMap<string, string>;
}

export const noDeadlines = (): PendingDeadlines => ({
  byTime: new BTree<SortKey, Deadline>(undefined, bySortKey),
  byId: ImmutableMap(),
  byKey: ImmutableMap(),
});

/** The id a deadline fires with: the same wherever and however often its event is folded. */
export const deadlineId = (module: string, eventId: string, key: string): string => stableId('dl-', [module, eventId, key]);

/** Drops a deadline: fired, or found moot when fired. Unknown ids change nothing. */
export const settle = (state: PendingDeadlines, id: string): PendingDeadlines => {
  const deadline = state.byId.get(id);
  if (deadline === undefined) return state;
  const slot = scoped(deadline.shopId, deadline.key);
  return {
    byTime: state.byTime.without(sortKeyOf(deadline)),
    byId: state.byId.delete(id),
    byKey: state.byKey.get(slot) === id ? state.byKey.delete(slot) : state.byKey,
  };
};

/** Sets a deadline, replacing the one that held its key. */
export const scheduleDeadline = (state: PendingDeadlines, deadline: Deadline): PendingDeadlines => {
  const slot = scoped(deadline.shopId, deadline.key);
  const previous = state.byKey.get(slot);
  const base = previous === undefined ? state : settle(state, previous);
  return {
    byTime: base.byTime.with(sortKeyOf(deadline), deadline, true),
    byId: base.byId.set(deadline.id, deadline),
    byKey: base.byKey.set(slot, deadline.id),
  };
};

export const cancelDeadline = (state: PendingDeadlines, shopId: string, key: string): PendingDeadlines => {
  const id = state.byKey.get(scoped(shopId, key));
  return id === undefined ? state : settle(state, id);
};

/** The earliest pending deadline. */
export const nextDeadline = (state: PendingDeadlines): Deadline | undefined => {
  const first = state.byTime.minKey();
  return first === undefined ? undefined : state.byTime.get(first);
};

export const pendingCount = (state: PendingDeadlines): number => state.byId.size;

/** Every pending deadline in firing order. */
export const pendingInOrder = (state: PendingDeadlines): Deadline[] => [...state.byTime.values()];

/** What the fold needs of an event's envelope. */
export interface DeadlineEnvelope {
  readonly eventId: string;
  readonly causationId: string;
  readonly correlationId: string;
  readonly shopId: string;
  readonly position: number;
}

/** What one module's reactions to an event do to deadlines (dispatches are the reactor's). */
export type DeadlineChange =
  | { readonly kind: 'schedule'; readonly module: string; readonly key: string; readonly at: number; readonly command: ReactionCommand }
  | { readonly kind: 'cancel'; readonly key: string };

/**
 * One step of the fold: the event settles the deadline that caused it, then its
 * reactions schedule and cancel, in order.
 */
export const foldDeadlines = (
  state: PendingDeadlines,
  envelope: DeadlineEnvelope,
  changes: readonly DeadlineChange[],
): PendingDeadlines => {
  let next = settle(state, envelope.causationId);
  changes.forEach((change, index) => {
    if (change.kind === 'cancel') {
      next = cancelDeadline(next, envelope.shopId, change.key);
      return;
    }
    next = scheduleDeadline(next, {
      id: deadlineId(change.module, envelope.eventId, change.key),
      shopId: envelope.shopId,
      key: change.key,
      at: change.at,
      position: envelope.position,
      index,
      command: change.command,
      causationId: envelope.eventId,
      correlationId: envelope.correlationId,
    });
  });
  return next;
};

const deadlineCodec = struct('Deadline', {
  id: messageIdCodec,
  shopId: shopIdCodec,
  key: nonEmptyString(500),
  at: timestamp,
  position: nonNegativeInt,
  index: nonNegativeInt,
  command: struct('ReactionCommand', { type: nonEmptyString(200), data: t.unknown }),
  causationId: messageIdCodec,
  correlationId: messageIdCodec,
});

const savedCodec = struct('PendingDeadlines', { deadlines: t.array(deadlineCodec) });

/** As saved with a checkpoint: the deadlines in firing order. */
export const encodeDeadlines = (state: PendingDeadlines): unknown => ({ deadlines: pendingInOrder(state) });

export const decodeDeadlines = (saved: unknown): E.Either<ValidationError, PendingDeadlines> =>
  E.map((decoded: t.TypeOf<typeof savedCodec>) => {
    // Built mutably once, then shared: a decode is O(n log n), not a clone per deadline.
    const byTime = new BTree<SortKey, Deadline>(undefined, bySortKey);
    let byId = ImmutableMap<string, Deadline>().asMutable();
    let byKey = ImmutableMap<string, string>().asMutable();
    for (const deadline of decoded.deadlines) {
      byTime.set(sortKeyOf(deadline), deadline);
      byId = byId.set(deadline.id, deadline);
      byKey = byKey.set(scoped(deadline.shopId, deadline.key), deadline.id);
    }
    return { byTime, byId: byId.asImmutable(), byKey: byKey.asImmutable() };
  })(decodeWith(savedCodec, 'pending deadlines')(saved));
