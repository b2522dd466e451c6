/**
 * A simulation result as the comparison figures of one strategy (the rows of
 * `kefu simulate` and `kefu whatif`). A session's wait runs from its arrival to
 * its first assignment; the mean and max are over the sessions that were
 * assigned. The queue's p95 is time-weighted: the length the queue stayed at or
 * under for 95% of the run. Fairness uses the reports' own Gini and max/min.
 */
import { gini, maxMinRatio } from '../projections/reports/attendance/fairness.js';
import type { QueueSample, SimulationResult, StrategySummary, SummaryOptions } from './workload.js';

export const DEFAULT_SERVICE_LEVEL_MS = 30_000;
export const DEFAULT_FIRST_RESPONSE_SLA_MS = 60_000;

/** The smallest length the queue stayed at or under for `q` of the time in [start, end). */
export const timeWeightedQuantile = (samples: readonly QueueSample[], start: number, end: number, q: number): number => {
  const spans = new Map<number, number>();
  samples.forEach((s, i) => {
    const from = Math.max(start, s.at);
    const to = Math.min(end, samples[i + 1]?.at ?? end);
    if (to > from) spans.set(s.length, (spans.get(s.length) ?? 0) + (to - from));
  });
  const total = [...spans.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  let covered = 0;
  for (const [length, ms] of [...spans].sort((a, b) => a[0] - b[0])) {
    covered += ms;
    if (covered >= q * total) return length;
  }
  return Math.max(...spans.keys());
};

export const summarize = (result: SimulationResult, options: SummaryOptions = {}): StrategySummary => {
  const serviceLevelMs = options.serviceLevelMs ?? DEFAULT_SERVICE_LEVEL_MS;
  const slaMs = options.firstResponseSlaMs ?? DEFAULT_FIRST_RESPONSE_SLA_MS;
  const waits: number[] = [];
  let withinLevel = 0;
  let slaBreaches = 0;
  let abandoned = 0;
  let timeouts = 0;
  let served = 0;
  for (const s of result.sessions) {
    if (s.assignedAt !== undefined) {
      const wait = s.assignedAt - s.arrivedAt;
      waits.push(wait);
      if (wait <= serviceLevelMs) withinLevel++;
    }
    if (s.fate === 'served') served++;
    else if (s.fate === 'abandoned') abandoned++;
    else if (s.fate === 'timed-out') timeouts++;
    // Unanswered sessions breach once they have been in the shop longer than the SLA.
    const answeredOrGone = s.firstResponseAt ?? s.endedAt ?? result.end;
    if (answeredOrGone - s.arrivedAt > slaMs) slaBreaches++;
  }
  const n = result.sessions.length;
  const received = result.agents.map((a) => a.received);
  const totalReceived = received.reduce((a, b) => a + b, 0);
  const shares = totalReceived === 0 ? [] : received.map((r) => r / totalReceived);
  return {
    strategy: result.strategy,
    sessions: n,
    served,
    meanWaitMs: waits.length === 0 ? null : waits.reduce((a, b) => a + b, 0) / waits.length,
    serviceLevelMs,
    serviceLevel: n === 0 ? null : withinLevel / n,
    maxWaitMs: waits.length === 0 ? null : waits.reduce((m, w) => (w > m ? w : m), 0),
    p95Queue: timeWeightedQuantile(result.queue, result.start, result.end, 0.95),
    utilisation: result.agents.map((a) => ({ agentId: a.agentId, utilisation: a.onlineMs > 0 ? a.loadMs / a.onlineMs : null, received: a.received })),
    maxMinShare: shares.length === 0 ? null : maxMinRatio(shares),
    gini: gini(received),
    abandoned,
    timeouts,
    slaBreaches,
  };
};
