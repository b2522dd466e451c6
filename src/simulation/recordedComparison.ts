/**
 * The what-if tables as rows: the recorded day's figures beside the replay's,
 * one figure a row (sessions, waits, service level, queue, timeouts, fairness),
 * then one agent a row (sessions received and utilisation, recorded and
 * replayed). Cells are numbers or short strings; the CLI prints them.
 */
import type { StrategySummary } from './workload.js';

export type ComparisonCell = string | number | null;
export type ComparisonRow = readonly [label: string, recorded: ComparisonCell, whatIf: ComparisonCell];

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 100) / 10);
const percent = (share: number | null): string | null => (share === null ? null : `${(share * 100).toFixed(1)}%`);
const ratio = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/** The figure rows, each a label and the two columns' values. */
export const comparisonRows = (recorded: StrategySummary, whatIf: StrategySummary): ComparisonRow[] => {
  const row = (label: string, of: (s: StrategySummary) => ComparisonCell): ComparisonRow => [label, of(recorded), of(whatIf)];
  return [
    row('sessions', (s) => s.sessions),
    row('served', (s) => s.served),
    row('mean wait (s)', (s) => seconds(s.meanWaitMs)),
    row(`P(wait <= ${recorded.serviceLevelMs / 1000} s)`, (s) => percent(s.serviceLevel)),
    row('max wait (s)', (s) => seconds(s.maxWaitMs)),
    row('p95 queue', (s) => s.p95Queue),
    row('abandoned (queue timeouts)', (s) => s.abandoned),
    row('timeouts', (s) => s.timeouts),
    row('SLA breaches', (s) => s.slaBreaches),
    row('max/min share', (s) => ratio(s.maxMinShare)),
    row('Gini', (s) => ratio(s.gini)),
  ];
};

export type AgentComparisonRow = readonly [agentId: string, receivedRecorded: number, receivedWhatIf: number, utilisationRecorded: string | null, utilisationWhatIf: string | null];

/** One row an agent (every agent of either side, in the recorded order first). */
export const agentComparisonRows = (recorded: StrategySummary, whatIf: StrategySummary): AgentComparisonRow[] => {
  const ids = [...new Set([...recorded.utilisation.map((u) => u.agentId), ...whatIf.utilisation.map((u) => u.agentId)])];
  return ids.map((agentId) => {
    const r = recorded.utilisation.find((u) => u.agentId === agentId);
    const w = whatIf.utilisation.find((u) => u.agentId === agentId);
    return [agentId, r?.received ?? 0, w?.received ?? 0, percent(r?.utilisation ?? null), percent(w?.utilisation ?? null)];
  });
};
