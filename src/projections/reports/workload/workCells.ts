/**
 * The workload fold's cells: one per (agent, natural day, channel), holding the
 * counts and sums every workload, overview and trend figure is a ratio of (M1-M16,
 * M20). Queries add cells up; nothing in a cell is a ratio, so any range, any set
 * of agents and channels is a plain sum (M1 aside: its customer sets are unioned
 * per agent and day, then counted).
 *
 * A cell is a plain object the fold updates in place (reportKit.ts: speed).
 */
import { record } from './plainRecords.js';

/** Response-time buckets (M20), in seconds, upper bounds inclusive; the last bucket is "over 120 s". */
export const BUCKET_BOUNDS: readonly number[] = [10, 20, 30, 45, 60, 120];
export const BUCKET_NAMES: readonly string[] = ['0_10', '10_20', '20_30', '30_45', '45_60', '60_120', 'over_120'];

/** The bucket of a duration in seconds: the first whose upper bound is >= it. */
export const bucketOf = (sec: number): number => {
  for (let i = 0; i < BUCKET_BOUNDS.length; i++) if (sec <= (BUCKET_BOUNDS[i] as number)) return i;
  return BUCKET_BOUNDS.length;
};

export interface WorkCell {
  /** M1: the customers received, de-duplicated (a set as a record). */
  customers: Record<string, true>;
  /** M2: segments received (counted at reception). */
  sessions: number;
  /** M3: segments that became replied. */
  replied: number;
  transferredOut: number;
  transferredIn: number;
  proactive: number;
  autoAssigned: number;
  /** M10/M11 (open point 11). */
  agentMessages: number;
  customerMessages: number;
  /** M12: the first pair of each segment that had one. */
  firstResponseSum: number;
  firstResponseCount: number;
  /** M13: every pair. */
  pairSum: number;
  pairCount: number;
  /** M14/M15 numerators: segments whose state (so far) is within 30 s / over 50 s or unreplied. */
  within30: number;
  over50OrUnreplied: number;
  /** M16: ended segments and their durations. */
  ended: number;
  durationSum: number;
  /** M20: segments by first response, and by average response (so far), per bucket. */
  firstBuckets: number[];
  avgBuckets: number[];
}

export const newCell = (): WorkCell => ({
  customers: record(),
  sessions: 0,
  replied: 0,
  transferredOut: 0,
  transferredIn: 0,
  proactive: 0,
  autoAssigned: 0,
  agentMessages: 0,
  customerMessages: 0,
  firstResponseSum: 0,
  firstResponseCount: 0,
  pairSum: 0,
  pairCount: 0,
  within30: 0,
  over50OrUnreplied: 0,
  ended: 0,
  durationSum: 0,
  firstBuckets: [0, 0, 0, 0, 0, 0, 0],
  avgBuckets: [0, 0, 0, 0, 0, 0, 0],
});

/** Agent -> day number (as a key) -> channel -> cell. */
export type CellTree = Record<string, Record<string, Record<string, WorkCell>>>;

/** The cell of (agent, day, channel), made when it is first needed. */
export const cellOf = (tree: CellTree, agentId: string, day: number, channel: string): WorkCell => {
  let days = tree[agentId];
  if (days === undefined) tree[agentId] = days = record();
  // A day number as the key: V8 keeps integer keys as fast elements, and no string is made per event.
  let channels = days[day];
  if (channels === undefined) days[day] = channels = record();
  let cell = channels[channel];
  if (cell === undefined) channels[channel] = cell = newCell();
  return cell;
};

/** The counts of a cell without its customer set, summed (a query's running total). */
export type CellSums = Omit<WorkCell, 'customers'>;

export const emptySums = (): CellSums => {
  const { customers: _none, ...sums } = newCell();
  return sums;
};

const COUNT_FIELDS = [
  'sessions',
  'replied',
  'transferredOut',
  'transferredIn',
  'proactive',
  'autoAssigned',
  'agentMessages',
  'customerMessages',
  'firstResponseSum',
  'firstResponseCount',
  'pairSum',
  'pairCount',
  'within30',
  'over50OrUnreplied',
  'ended',
  'durationSum',
] as const satisfies readonly (keyof CellSums)[];

/** Adds a cell (or other sums) into `into`, in place. */
export const addSums = (into: CellSums, from: CellSums): void => {
  for (const f of COUNT_FIELDS) into[f] += from[f];
  for (let i = 0; i < into.firstBuckets.length; i++) {
    into.firstBuckets[i] = (into.firstBuckets[i] ?? 0) + (from.firstBuckets[i] ?? 0);
    into.avgBuckets[i] = (into.avgBuckets[i] ?? 0) + (from.avgBuckets[i] ?? 0);
  }
};
