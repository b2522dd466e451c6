/**
 * A recorded day: a shop's log read back as the workload it was (the same
 * arrivals, agents, shifts, pins, handling and reply times) beside what really
 * happened to it, measured the way a simulation measures its own runs, so that
 * `summarize(actual)` and `summarize(playWorkload(workload, other))` compare like
 * with like (`kefu whatif`). What a log cannot tell (how long a served customer
 * would have waited, who handles a transferred session in the replay, ...) is
 * decided here and said in `assumptions`, printed with the table.
 *
 * Pure: it takes events already decoded by the registry (desk and conversation
 * modules; others are passed over).
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError } from '../domain/errors.js';
import { DEFAULT_ZONE } from '../domain/shopSettings/shopSettingsShape.js';
import type { ProjectedEvent } from '../projections/projection.js';
import { DEFAULT_ROUTING_SETTINGS, type RoutingSettings } from '../routing/settings.js';
import { agentOutcomeOf, busyMsOf, simAgentOf } from './recordedAgents.js';
import { assumptionsOf, type DayFacts } from './recordedAssumptions.js';
import { foldRecordedLog, type RecordedSession } from './recordedFold.js';
import type { QueueSample, SessionFate, SessionOutcome, SimArrival, SimulationResult, Workload } from './workload.js';

export interface RecordedDayOptions {
  readonly shopId: string;
  /** The shop's time zone for the figures; default Asia/Shanghai (the shop settings' default). */
  readonly zone?: string;
  /** Arrivals from here (inclusive; default: the shop's first event). */
  readonly from?: number;
  /** ... to here (exclusive; default: just after the shop's last event). */
  readonly to?: number;
}

/** The routing configuration of the day: in force when it began, and every change during it. */
export interface RecordedRouting {
  readonly atStart: RoutingSettings;
  /** Whether a RoutingConfigured event set `atStart` (else the defaults were in force). */
  readonly configured: boolean;
  readonly changes: readonly { readonly at: number; readonly settings: RoutingSettings }[];
}

export interface RecordedDay {
  readonly workload: Workload;
  /** What happened, measured from the log. */
  readonly actual: SimulationResult;
  readonly assumptions: readonly string[];
  readonly routing: RecordedRouting;
  readonly facts: DayFacts;
}

/** The name of the recorded column: `recorded (least-load)`. */
export const recordedStrategyName = (routing: RecordedRouting): string =>
  `recorded (${routing.atStart.baseMode}${routing.changes.length > 0 ? `, then ${routing.changes.map((c) => c.settings.baseMode).join(', ')}` : ''})`;

const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

/**
 * The session as the end of the window sees it (what came after `end` has not
 * happened yet), judged as the simulator judges its own: ended while waiting
 * (never assigned, or requeued and not picked up again) is abandoned.
 */
const fateOf = (s: RecordedSession, end: number): SessionFate => {
  if (s.endedAt === undefined || s.endedAt >= end) return 'open';
  if (s.endedWaiting === true) return 'abandoned';
  return s.endReason === 'timeout' ? 'timed-out' : 'served';
};

const outcomeOf = (s: RecordedSession, end: number): SessionOutcome => {
  const assigned = s.assignedAt !== undefined && s.assignedAt < end;
  const firstResponseAt = assigned ? s.replies.find((r) => r >= (s.assignedAt as number) && r < end) : undefined;
  const fate = fateOf(s, end);
  return {
    sessionId: s.sessionId,
    customerId: s.customerId,
    channel: s.channel,
    arrivedAt: s.arrivedAt,
    ...(assigned ? { assignedAt: s.assignedAt as number, agentId: s.agentId as string, via: s.via as string } : {}),
    ...(firstResponseAt === undefined ? {} : { firstResponseAt }),
    ...(fate === 'open' ? {} : { endedAt: s.endedAt as number }),
    fate,
  };
};

/**
 * The session as a replay plays it: its handling from the first assignment to the
 * end (the log's end if it had not ended), the customer's later messages, the
 * holder's first reply time, and for a customer who left the queue unserved,
 * the wait after which it left.
 */
const arrivalOf = (s: RecordedSession, end: number, fallbackHandleMs: number): SimArrival => {
  const base = {
    sessionId: s.sessionId,
    customerId: s.customerId,
    at: s.arrivedAt,
    channel: s.channel,
    ...(s.entryGroup === undefined ? {} : { entryGroup: s.entryGroup }),
    ...(s.vip ? { vip: true } : {}),
  };
  if (s.assignedAt === undefined) {
    return {
      ...base,
      handleMs: fallbackHandleMs,
      followUps: [],
      replyMs: fallbackHandleMs,
      ...(s.endedAt === undefined ? {} : { patienceMs: s.endedAt - s.arrivedAt }),
    };
  }
  const assignedAt = s.assignedAt;
  // Still held when the window ends: held to the end in the replay too.
  const handleMs = (s.endedAt ?? end) - assignedAt;
  const firstReply = s.replies.find((r) => r >= assignedAt);
  return {
    ...base,
    handleMs,
    followUps: s.customerMessages.filter((m) => m > assignedAt && m - assignedAt < handleMs).map((m) => m - assignedAt),
    // No reply before the end: the replay's reply would come at the end, i.e. never.
    replyMs: firstReply === undefined ? handleMs : firstReply - assignedAt,
  };
};

/**
 * The queue's samples within the window, in the simulator's form (playWorkload):
 * the length at the start first, then each change, a change at the instant of
 * the last sample replacing it, one to the length already shown left out.
 */
const queueWithin = (changes: readonly QueueSample[], start: number, end: number): QueueSample[] => {
  let atStart = 0;
  for (const c of changes) if (c.at < start) atStart = c.length;
  const samples: QueueSample[] = [{ at: start, length: atStart }];
  for (const c of changes) {
    if (c.at < start || c.at >= end) continue;
    const last = samples[samples.length - 1] as QueueSample;
    if (last.at === c.at) samples[samples.length - 1] = c;
    else if (last.length !== c.length) samples.push(c);
  }
  return samples;
};

export const recordedDay = (events: Iterable<ProjectedEvent>, options: RecordedDayOptions): E.Either<ValidationError, RecordedDay> => {
  if (options.from !== undefined && options.to !== undefined && options.to <= options.from) {
    return E.left(validationError('recorded day', [{ path: 'to', reason: `must be after from (${new Date(options.from).toISOString()})` }]));
  }
  const from = options.from ?? Number.MIN_SAFE_INTEGER;
  const to = options.to ?? Number.MAX_SAFE_INTEGER;
  const log = foldRecordedLog(events, { shopId: options.shopId, from, to });
  if (log.events === 0 || log.firstAt === undefined || log.lastAt === undefined) {
    return E.left(validationError('recorded day', [{ path: 'shopId', reason: `the log has no events of shop ${options.shopId}` }]));
  }
  const start = options.from ?? log.firstAt;
  const end = options.to ?? log.lastAt + 1;

  const day = [...log.sessions.values()].filter((s) => s.routed && !s.proactive && !s.diverted).sort((a, b) => a.arrivedAt - b.arrivedAt);
  const handled = day.filter((s) => s.assignedAt !== undefined && s.endedAt !== undefined).map((s) => (s.endedAt as number) - (s.assignedAt as number));
  const fallbackHandleMs = median(handled) ?? 0;
  const agents = [...log.agents.values()].filter((a) => (a.snapshots[0]?.at ?? end) < end);

  // A configuration set before the first customer came (after the agents were registered, say) was in force for the whole day.
  const settled = Math.max(start, day[0]?.arrivedAt ?? start);
  const before = log.routing.filter((r) => r.at <= settled);
  const routing: RecordedRouting = {
    atStart: before[before.length - 1]?.settings ?? DEFAULT_ROUTING_SETTINGS,
    configured: before.length > 0,
    changes: log.routing.filter((r) => r.at > settled && r.at < end),
  };

  const workload: Workload = {
    shopId: options.shopId,
    zone: options.zone ?? DEFAULT_ZONE,
    start,
    end,
    groups: [...log.groups].sort(),
    agents: agents.map((a) => simAgentOf(a, start, end)),
    arrivals: day.map((s) => arrivalOf(s, end, fallbackHandleMs)),
    pins: [...log.pins].map(([customerId, agentId]) => ({ customerId, agentId })),
  };
  const actual: SimulationResult = {
    strategy: recordedStrategyName(routing),
    start,
    end,
    sessions: day.map((s) => outcomeOf(s, end)),
    agents: agents.map((a) => agentOutcomeOf(a, start, end)),
    queue: queueWithin(log.queue, start, end),
    commands: log.commands,
    events: log.events,
  };
  const all = [...log.sessions.values()];
  const facts: DayFacts = {
    sessions: day.length,
    neverAssigned: day.filter((s) => s.assignedAt === undefined).length,
    stillOpen: day.filter((s) => s.assignedAt !== undefined && s.endedAt === undefined).length,
    fallbackHandleMs,
    transferred: day.filter((s) => s.transfers > 0).length,
    requeued: day.filter((s) => s.requeues > 0).length,
    waitingMessages: day.reduce((n, s) => n + s.customerMessages.filter((m) => m > s.arrivedAt && (s.assignedAt === undefined || m < s.assignedAt)).length, 0),
    proactive: all.filter((s) => s.proactive).length,
    diverted: all.filter((s) => s.diverted).length,
    busyMs: agents.reduce((ms, a) => ms + busyMsOf(a, start, end), 0),
    agentChanges: agents.filter((a) => a.changes.length > 0).map((a) => ({ agentId: a.agentId, changes: a.changes })),
    routing,
    pins: workload.pins.length,
    conversations: log.conversations,
  };
  return E.right({ workload, actual, assumptions: assumptionsOf(facts), routing, facts });
};
