/**
 * The shapes the simulator, what-if and the testing kit share. A `Workload` is
 * what happens to a shop independently of routing: agents and their shifts,
 * customers arriving, what each customer does and how long each session's
 * handling takes once an agent holds it. Playing a workload under a routing
 * strategy on a virtual clock (playWorkload.ts) gives a `SimulationResult`, one
 * outcome per session; `summarize` turns a result into the comparison figures.
 * A recorded day read from a log (recordedDay.ts) is a workload too, with the
 * result of what really happened beside it, so what-if compares like with like.
 * All times are epoch milliseconds; every array is in time order.
 */
import type { RoutingSettings } from '../routing/settings.js';

export interface Shift {
  /** Online from here (inclusive) ... */
  readonly from: number;
  /** ... to here (exclusive): the agent goes offline. */
  readonly to: number;
}

export interface SimAgent {
  readonly agentId: string;
  readonly groups: readonly string[];
  readonly maxSessions: number;
  /** The weighted mode's capability (R4), when it has one. */
  readonly capability?: number;
  readonly shifts: readonly Shift[];
}

export interface SimArrival {
  readonly sessionId: string;
  readonly customerId: string;
  /** When the customer's first message arrives: the session opens. */
  readonly at: number;
  readonly channel: string;
  /** R13: the entry group the customer came in through. */
  readonly entryGroup?: string;
  readonly vip?: boolean;
  /**
   * From the session's assignment to its end: the agent's handling, which
   * what-if keeps whatever agent gets the session and whenever.
   */
  readonly handleMs: number;
  /** The customer's later messages, as offsets from the assignment (each < handleMs). */
  readonly followUps: readonly number[];
  /** How long the holder takes to answer each customer message (the first included). */
  readonly replyMs: number;
  /** The customer leaves the queue after waiting this long; absent: waits as long as it takes. */
  readonly patienceMs?: number;
}

export interface CustomerPin {
  readonly customerId: string;
  readonly agentId: string;
}

export interface Workload {
  readonly shopId: string;
  /** The shop's time zone (days and hours of the figures). */
  readonly zone: string;
  readonly start: number;
  readonly end: number;
  readonly groups: readonly string[];
  readonly agents: readonly SimAgent[];
  readonly arrivals: readonly SimArrival[];
  /** R7: customers pinned to an agent (used when the strategy enables pinning). */
  readonly pins: readonly CustomerPin[];
}

/** A routing configuration to play a workload under: a name for the tables and the settings (R1-R10). */
export interface Strategy {
  readonly name: string;
  readonly routing: Partial<RoutingSettings>;
}

export type SessionFate =
  /** Assigned, handled and ended. */
  | 'served'
  /** Left the queue after its patience ran out (a timeout of the queue). */
  | 'abandoned'
  /** Ended by the engine's no-response timeout (the conversation's clock). */
  | 'timed-out'
  /** Still waiting or still held when the run stopped. */
  | 'open';

export interface SessionOutcome {
  readonly sessionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly arrivedAt: number;
  /** The first assignment. */
  readonly assignedAt?: number;
  readonly agentId?: string;
  /** How the first assignment was made (the decision's step or path: base-mode, sticky, customer-pin, queue, ...). */
  readonly via?: string;
  /** The holder's first reply. */
  readonly firstResponseAt?: number;
  readonly endedAt?: number;
  readonly fate: SessionFate;
}

export interface AgentOutcome {
  readonly agentId: string;
  /** Time on duty within the run: online or busy, or still holding sessions after going offline. */
  readonly onlineMs: number;
  /** The integral of load / maxSessions over the run (ms): utilisation = loadMs / onlineMs. */
  readonly loadMs: number;
  /** Sessions the agent received (assignments, queue picks, transfers in). */
  readonly received: number;
}

export interface QueueSample {
  readonly at: number;
  /** The queue's length from `at` until the next sample. */
  readonly length: number;
}

export interface SimulationResult {
  readonly strategy: string;
  readonly start: number;
  readonly end: number;
  readonly sessions: readonly SessionOutcome[];
  readonly agents: readonly AgentOutcome[];
  /** Every change of the queue's length. */
  readonly queue: readonly QueueSample[];
  /** Commands dispatched and events written. */
  readonly commands: number;
  readonly events: number;
}

export interface SummaryOptions {
  /** P(wait <= t) is reported for this t (ms); default 30,000. */
  readonly serviceLevelMs?: number;
  /** A session breaches the first-response SLA when its first response comes later than this after arrival (ms); default 60,000. */
  readonly firstResponseSlaMs?: number;
}

/** The comparison figures of one strategy (the rows of `kefu simulate` and `kefu whatif`). */
export interface StrategySummary {
  readonly strategy: string;
  readonly sessions: number;
  readonly served: number;
  readonly meanWaitMs: number | null;
  readonly serviceLevelMs: number;
  /** Share of the sessions that arrived whose wait was <= serviceLevelMs (abandoned ones count as not). */
  readonly serviceLevel: number | null;
  readonly maxWaitMs: number | null;
  /** The 95th percentile of the queue's length over time (time-weighted). */
  readonly p95Queue: number;
  readonly utilisation: readonly { readonly agentId: string; readonly utilisation: number | null; readonly received: number }[];
  /** Max over min of the agents' shares of received sessions; null when an agent got none or there are fewer than two. */
  readonly maxMinShare: number | null;
  readonly gini: number | null;
  readonly abandoned: number;
  readonly timeouts: number;
  readonly slaBreaches: number;
}
