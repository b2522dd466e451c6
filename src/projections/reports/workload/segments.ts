/**
 * Segments: one agent's reception of one session (open point 4), from its
 * assignment (or transfer in, or the agent opening it) to its transfer out,
 * requeue or end. Every workload figure is judged per segment and counted in the
 * cell of (segment's agent, the natural day the segment started, the session's
 * channel): open point 8, a segment across midnight counts on its first day.
 *
 * The cell is updated as the segment goes (live == replay, and an open session
 * already shows): reception counts (M1, M2, M7, M8, auto-assigned) at the start,
 * messages, pairs and "replied" as they happen, M14/M15 as the segment's average
 * so far changes (it moves from one numerator to the other), transferred-out and
 * M16's duration when the segment ends.
 */
import { bucketOf, cellOf, type CellTree, type WorkCell } from './workCells.js';

export type Via = 'proactive' | 'transferred-in' | 'assigned';

export interface Segment {
  agentId: string;
  via: Via;
  /** Reception start (epoch ms) and its natural day. */
  start: number;
  day: number;
  agentMessages: number;
  customerMessages: number;
  /** Open point 2/3: when the open question's clock started; null when nothing waits for this agent. */
  openSince: number | null;
  pairs: number;
  pairSec: number;
  firstResponseSec: number | null;
  replied: boolean;
  /** M3 for a proactive segment: the customer wrote in it (the agent's next message then replies). */
  customerWrote: boolean;
  /** What the cell counts this segment as now (M14, M15, M20's average bucket; -1: no bucket). */
  within30: boolean;
  over50OrUnreplied: boolean;
  avgBucket: number;
}

/** An open session as the fold follows it: what its segments inherit, and its whole-session figures (M22). */
export interface OpenSession {
  customerId: string;
  channel: string;
  initiation: string;
  entryGroupId: string | null;
  originPage: string;
  originRef: string | null;
  /** A customer question no reply or auto answer has answered (it waits, even while queued). */
  waiting: boolean;
  /** Whether the session waited in the queue before its next reception: what it was sent meanwhile counts nowhere (M10). */
  queued: boolean;
  /** Customer messages before the first reception of a session that never queued (its opening message): the receiving agent's (M10). */
  beforeReception: number;
  receptions: number;
  firstReceptionAt: number | null;
  lastAgentId: string | null;
  pairs: number;
  pairSec: number;
  firstResponseSec: number | null;
  rating: number | null;
  segment: Segment | null;
}

const cellOfSegment = (tree: CellTree, session: OpenSession, seg: Segment): WorkCell => cellOf(tree, seg.agentId, seg.day, session.channel);

/** Moves the segment between M14/M15 numerators and M20 average buckets when its average (so far) or its reply changed. */
const restate = (cell: WorkCell, seg: Segment): void => {
  const avg = seg.pairs === 0 ? null : seg.pairSec / seg.pairs;
  const within30 = avg !== null && avg <= 30; // open point 5: inclusive
  const over50 = !seg.replied || (avg !== null && avg > 50); // open point 6: unreplied counts, a replied one without a pair does not
  if (within30 !== seg.within30) {
    cell.within30 += within30 ? 1 : -1;
    seg.within30 = within30;
  }
  if (over50 !== seg.over50OrUnreplied) {
    cell.over50OrUnreplied += over50 ? 1 : -1;
    seg.over50OrUnreplied = over50;
  }
  const bucket = avg === null ? -1 : bucketOf(avg);
  if (bucket !== seg.avgBucket) {
    if (seg.avgBucket >= 0) cell.avgBuckets[seg.avgBucket] = (cell.avgBuckets[seg.avgBucket] ?? 0) - 1;
    if (bucket >= 0) cell.avgBuckets[bucket] = (cell.avgBuckets[bucket] ?? 0) + 1;
    seg.avgBucket = bucket;
  }
};

/** A reception starts: counted at once in M1, M2 and its kind (M7, M8, auto-assigned). */
export const startSegment = (tree: CellTree, session: OpenSession, agentId: string, via: Via, at: number, day: number): Segment => {
  const seg: Segment = {
    agentId,
    via,
    start: at,
    day,
    agentMessages: 0,
    customerMessages: 0,
    // Open point 2: a question still waiting is timed for this agent from its reception.
    openSince: session.waiting ? at : null,
    pairs: 0,
    pairSec: 0,
    firstResponseSec: null,
    replied: false,
    customerWrote: false,
    within30: false,
    over50OrUnreplied: false,
    avgBucket: -1,
  };
  const cell = cellOfSegment(tree, session, seg);
  // Open point 2: the opening message of a session assigned at once was never "sent while queued".
  if (!session.queued && session.beforeReception > 0) {
    seg.customerMessages += session.beforeReception;
    cell.customerMessages += session.beforeReception;
  }
  session.beforeReception = 0;
  session.queued = false;
  cell.customers[session.customerId] = true;
  cell.sessions += 1;
  if (via === 'proactive') cell.proactive += 1;
  else if (via === 'transferred-in') cell.transferredIn += 1;
  else cell.autoAssigned += 1;
  restate(cell, seg);
  session.segment = seg;
  session.receptions += 1;
  if (session.firstReceptionAt === null) session.firstReceptionAt = at;
  session.lastAgentId = agentId;
  return seg;
};

/** The reception ends (transfer out, requeue, end): M16's duration, and M6 for a transfer. */
export const endSegment = (tree: CellTree, session: OpenSession, at: number, transferredOut: boolean): void => {
  const seg = session.segment;
  if (seg === null) return;
  const cell = cellOfSegment(tree, session, seg);
  cell.ended += 1;
  cell.durationSum += Math.max(0, at - seg.start) / 1000;
  if (transferredOut) cell.transferredOut += 1;
  session.segment = null;
};

/** A customer message: counted in the segment (none while queued: M10); a question starts the clock if none runs (open point 3). */
export const customerWrote = (tree: CellTree, session: OpenSession, at: number): void => {
  session.waiting = true;
  const seg = session.segment;
  if (seg === null) {
    if (!session.queued && session.receptions === 0) session.beforeReception += 1;
    return;
  }
  seg.customerMessages += 1;
  seg.customerWrote = true;
  if (seg.openSince === null) seg.openSince = at;
  cellOfSegment(tree, session, seg).customerMessages += 1;
};

/** Open point 1: an auto answer (not a notice) answers what waits; no pair, no reply. */
export const autoAnswered = (session: OpenSession): void => {
  session.waiting = false;
  if (session.segment !== null) session.segment.openSince = null;
};

/** The holding agent's own message (not an internal note): M10, M3, and the pair it closes (M12, M13). */
export const agentWrote = (tree: CellTree, session: OpenSession, at: number): void => {
  const seg = session.segment;
  if (seg === null) return;
  const cell = cellOfSegment(tree, session, seg);
  seg.agentMessages += 1;
  cell.agentMessages += 1;
  if (seg.openSince !== null) {
    const sec = Math.max(0, at - seg.openSince) / 1000;
    seg.pairs += 1;
    seg.pairSec += sec;
    cell.pairCount += 1;
    cell.pairSum += sec;
    session.pairs += 1;
    session.pairSec += sec;
    if (seg.firstResponseSec === null) {
      seg.firstResponseSec = sec;
      cell.firstResponseCount += 1;
      cell.firstResponseSum += sec;
      const b = bucketOf(sec);
      cell.firstBuckets[b] = (cell.firstBuckets[b] ?? 0) + 1;
    }
    if (session.firstResponseSec === null) session.firstResponseSec = sec;
    seg.openSince = null;
  }
  session.waiting = false;
  // M3 (open point 10): any message of the agent replies; in its own proactive session only one after the customer wrote
  // (the customer answered, the agent replied again), so a timed pair never belongs to an unreplied segment.
  if (!seg.replied && (seg.via !== 'proactive' || seg.customerWrote)) {
    seg.replied = true;
    cell.replied += 1;
  }
  restate(cell, seg);
};
