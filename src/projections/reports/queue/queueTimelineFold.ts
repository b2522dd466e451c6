/**
 * The queue's length over time, folded into quarter hours: for each 15-minute
 * bucket in which the length changed, its maximum, its length at the bucket's
 * end, the time-weighted area under it (length x ms) and how many sessions
 * started waiting in it. A bucket with no change is not stored: its length is
 * the last stored bucket's end, all through.
 *
 * Buckets are numbered in UTC (epoch / 15 min): every zone's offset is a whole
 * number of quarter hours, so a UTC quarter hour is a local one, and the fold
 * does not depend on the zone (rows name the buckets in the shop's zone).
 *
 * What waits is what the desk put in its queue (deskEvolve.ts, queueView.ts):
 * SessionQueued and SessionRequeued add a session; SessionAssigned (from the
 * queue by the rules, a manual pick, a requeue served) and SessionEnded (ended,
 * abandoned or timed out while waiting) take it out; SessionDiverted too, like
 * the live monitor, though the desk diverts before queueing. The state keeps
 * the waiting sessions (bounded by the queue) and 96 buckets a day at most.
 */
import type { Projection, ProjectedEvent } from '../../projection.js';

export const BUCKET_MS = 15 * 60_000;

export interface QueueBucket {
  /** The longest the queue was in the bucket (its length at the start included, unless it changed at that instant). */
  max: number;
  /** Its length after the bucket's last change. */
  end: number;
  /** Length x milliseconds from the bucket's start to its last change (the rest is `end` to the bucket's end). */
  areaMs: number;
  /** Sessions that started waiting in the bucket (queued or requeued). */
  joined: number;
}

export interface ShopQueueTimeline {
  /** The sessions waiting now (a set as a record). */
  waiting: Record<string, true>;
  length: number;
  /** When the length last changed: the open bucket's area runs from here. */
  changedAt: number;
  /** Bucket number (epoch ms / 15 min) -> its figures; only buckets with a change. */
  buckets: Record<string, QueueBucket>;
}

export interface QueueTimelineState {
  readonly shops: Record<string, ShopQueueTimeline>;
}

export const bucketOfInstant = (at: number): number => Math.floor(at / BUCKET_MS);

/** Moves the shop's length by `delta` at `at`, closing the bucket of the previous change if `at` is in a later one. */
const changeLength = (shop: ShopQueueTimeline, rawAt: number, delta: number, joined: number): void => {
  // Events come in log order; a clock a little behind another process's is not allowed to run the area backwards.
  const at = Math.max(rawAt, shop.changedAt);
  const key = bucketOfInstant(at);
  const lastKey = bucketOfInstant(shop.changedAt);
  let cell = shop.buckets[key];
  if (key !== lastKey) {
    const previous = shop.buckets[lastKey];
    if (previous !== undefined) previous.areaMs += shop.length * ((lastKey + 1) * BUCKET_MS - shop.changedAt);
  }
  if (cell === undefined) {
    // The length carried into the bucket counts for its maximum only if it lasted: not when the change is at the very start.
    const start = key * BUCKET_MS;
    cell = { max: at > start ? shop.length : 0, end: shop.length, areaMs: shop.length * (at - start), joined: 0 };
    shop.buckets[key] = cell;
  } else {
    cell.areaMs += shop.length * (at - shop.changedAt);
  }
  shop.length += delta;
  shop.changedAt = at;
  cell.end = shop.length;
  if (shop.length > cell.max) cell.max = shop.length;
  cell.joined += joined;
};

interface Seen {
  readonly sessionId: string;
  readonly at: number;
}

export const applyQueueTimeline = (state: QueueTimelineState, event: ProjectedEvent): QueueTimelineState => {
  const type = event.type;
  const joins = type === 'SessionQueued' || type === 'SessionRequeued';
  const leaves = type === 'SessionAssigned' || type === 'SessionEnded' || type === 'SessionDiverted';
  if (!joins && !leaves) return state;
  const d = event.data as Seen;
  const shopId = event.metadata.shopId;
  const shop = (state.shops[shopId] ??= { waiting: {}, length: 0, changedAt: d.at, buckets: {} });
  const waiting = shop.waiting[d.sessionId] === true;
  if (joins && !waiting) {
    shop.waiting[d.sessionId] = true;
    changeLength(shop, d.at, 1, 1);
  } else if (leaves && waiting) {
    delete shop.waiting[d.sessionId];
    changeLength(shop, d.at, -1, 0);
  }
  return state;
};

export const queueTimelineProjection = (): Projection<QueueTimelineState> => ({
  name: 'queue-timeline',
  initialState: () => ({ shops: {} }),
  apply: applyQueueTimeline,
});
