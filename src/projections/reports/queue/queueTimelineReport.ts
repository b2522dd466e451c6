/**
 * `queue-timeline`: the shop's queue over the day, a row per 15-minute bucket of
 * every day of the range, in the shop's zone (rows of zeros included, so a chart
 * has the whole day): its longest, its length at the bucket's end, its
 * time-weighted mean over the bucket and the sessions that started waiting in it.
 *
 * Buckets with no change carry the length before them. After the last event the
 * fold saw, the length is carried too (nothing recorded changed it); a query with
 * `asOf` stops at the bucket that holds it. On a day the clocks go back, a local
 * `HH:MM` shows twice (rows stay in time order); on a day they go forward, some
 * never show. The queue is the shop's: no agent or channel dimension (like the
 * SLA results), so such filters are not checked against it and do not narrow it.
 */
import { wallAt, DAY_MS } from '../../../domain/calendar/zone.js';
import { dayClock, dayName, type CheckedQuery, type ReportDefinition, type ReportOptions } from '../reportKit.js';
import { BUCKET_MS, queueTimelineProjection, type QueueTimelineState, type ShopQueueTimeline } from './queueTimelineFold.js';

export const QUEUE_TIMELINE_COLUMNS = ['day', 'bucketStart', 'maxQueueLength', 'endQueueLength', 'meanQueueLength', 'queuedSessions'] as const;

export interface QueueTimelineRow {
  readonly [column: string]: string | number;
  readonly day: string;
  /** Local `HH:MM` of the bucket's first instant. */
  readonly bucketStart: string;
  readonly maxQueueLength: number;
  readonly endQueueLength: number;
  readonly meanQueueLength: number;
  readonly queuedSessions: number;
}

const two = (n: number): string => String(n).padStart(2, '0');

const localTime = (zone: string, at: number): string => {
  const minutes = Math.floor((((wallAt(zone, at) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  return `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
};

/** The queue's length at the start of bucket `first`: the end of the last stored bucket before it. */
const lengthBefore = (shop: ShopQueueTimeline | undefined, first: number): number => {
  if (shop === undefined) return 0;
  let best = Number.NEGATIVE_INFINITY;
  let length = 0;
  for (const key in shop.buckets) {
    const k = Number(key);
    if (k < first && k > best) {
      best = k;
      length = shop.buckets[key]!.end;
    }
  }
  return length;
};

export const queueTimelineRows = (state: QueueTimelineState, query: CheckedQuery, options: ReportOptions): readonly QueueTimelineRow[] => {
  const clock = dayClock(options.zone);
  const shop = state.shops[query.shopId];
  const first = Math.floor(clock.startOf(query.fromDay) / BUCKET_MS);
  let carried = lengthBefore(shop, first);
  const openBucket = shop === undefined ? undefined : Math.floor(shop.changedAt / BUCKET_MS);
  const rows: QueueTimelineRow[] = [];
  for (let day = query.fromDay; day <= query.toDay; day++) {
    const name = dayName(day);
    const end = Math.ceil(clock.startOf(day + 1) / BUCKET_MS);
    for (let k = Math.floor(clock.startOf(day) / BUCKET_MS); k < end; k++) {
      const start = k * BUCKET_MS;
      if (query.asOf !== undefined && start >= query.asOf) return rows;
      const cell = shop?.buckets[String(k)];
      let row: QueueTimelineRow;
      if (cell === undefined) {
        row = { day: name, bucketStart: localTime(options.zone, start), maxQueueLength: carried, endQueueLength: carried, meanQueueLength: carried, queuedSessions: 0 };
      } else {
        // The bucket of the last change is still open: its end length runs to the bucket's end.
        const rest = k === openBucket ? cell.end * (start + BUCKET_MS - (shop as ShopQueueTimeline).changedAt) : 0;
        row = { day: name, bucketStart: localTime(options.zone, start), maxQueueLength: cell.max, endQueueLength: cell.end, meanQueueLength: (cell.areaMs + rest) / BUCKET_MS, queuedSessions: cell.joined };
        carried = cell.end;
      }
      rows.push(row);
    }
  }
  return rows;
};

export const queueTimelineReport: ReportDefinition<QueueTimelineState, QueueTimelineRow> = {
  name: 'queue-timeline',
  columns: [...QUEUE_TIMELINE_COLUMNS],
  projection: () => queueTimelineProjection(),
  // The whole shop's queue: no agent or channel dimension.
  known: () => ({ agents: () => undefined, channels: () => undefined }),
  rows: queueTimelineRows,
};
