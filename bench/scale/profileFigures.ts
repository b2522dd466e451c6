/**
 * A run's profile (profile.ts) as table rows, and as the detail line printed to
 * stderr (every state and wait event seen, every CPU group), so the BENCHMARKS.md
 * paragraph on the bound can cite what was measured. Idle backends are left out of
 * the rows: a pool's spare connections are idle too, so their count says nothing
 * about whether the client keeps the server waiting.
 */
import type { Figure } from '../lib/measure.js';
import type { RunProfile } from './profile.js';

const pct = (seconds: number, p: RunProfile) => (100 * seconds) / p.cpu.capacity;
const mean = (p: RunProfile, key: string) => (p.states[key] ?? 0) / Math.max(1, p.samples);

/** The wait events of one type, most frequent first, as "Event 80%". */
const topEvents = (p: RunProfile, type: string): string => {
  const events = Object.entries(p.waitEvents).filter(([k]) => k.startsWith(`${type}:`));
  const total = events.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return '';
  return `; ${events
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([k, n]) => `${k.slice(type.length + 1)} ${Math.round((100 * n) / total)}%`)
    .join(', ')}`;
};

/**
 * `ops` operations of `unit` (an assignment, a row) were done in the window, and
 * `lifetime` over the children's life, which the commit and WAL counters cover.
 */
export const profileFigures = (suite: string, label: string, p: RunProfile, ops: number, lifetime: number, unit: string): Figure[] => {
  const f = (name: string, value: number, figureUnit: string): Figure => ({ suite, name: `${label}: ${name}`, value, unit: figureUnit });
  const cores = '% of all CPUs';
  return [
    f('client CPU (the Node processes)', pct(p.cpu.client, p), cores),
    f(`client CPU per ${unit}`, (1e6 * p.cpu.client) / ops, 'us'),
    f(`client threads put on a CPU per ${unit} (wake-ups, schedstat)`, p.slices.client / ops, 'x'),
    f('client CPU spent in the kernel (share of client CPU)', (100 * p.system.client) / Math.max(1e-9, p.cpu.client), '%'),
    f('server CPU (backends of the benchmark database)', pct(p.cpu.server, p), cores),
    f(`server CPU per ${unit}`, (1e6 * p.cpu.server) / ops, 'us'),
    f(
      'other CPU (WAL writer, checkpointer, profiler, other processes, hypervisor steal)',
      pct(p.cpu.serverOther + p.cpu.profiler + p.cpu.otherMachine + p.cpu.steal, p),
      cores,
    ),
    f('idle CPU (iowait included)', pct(p.cpu.idle + p.cpu.iowait, p), cores),
    f('runnable, waiting for a CPU (client + server threads, mean)', (p.runQueue.client + p.runQueue.server + p.runQueue.serverOther) / p.seconds, 'threads'),
    f(`sampled backends on a CPU (mean of ${p.samples} samples)`, mean(p, 'CPU'), 'backends'),
    f(`sampled backends waiting on Lock${topEvents(p, 'Lock')}`, mean(p, 'Lock'), 'backends'),
    f(`sampled backends waiting on LWLock${topEvents(p, 'LWLock')}`, mean(p, 'LWLock'), 'backends'),
    f(`sampled backends waiting on IO${topEvents(p, 'IO')}`, mean(p, 'IO'), 'backends'),
    f(`transactions per ${unit} (pg_stat_database commits / ${unit}s, children's whole life)`, p.commits / lifetime, 'x'),
    f("WAL flushes per commit (pg_stat_wal wal_sync / commits, children's whole life)", p.wal.syncs / Math.max(1, p.commits), 'x'),
  ];
};

export const profileDetail = (label: string, p: RunProfile): string => {
  const events = Object.entries(p.waitEvents)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${(n / p.samples).toFixed(2)}`)
    .join(', ');
  const cpu = Object.entries(p.cpu)
    .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
    .join(', ');
  const states = Object.entries(p.states)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${(n / p.samples).toFixed(2)}`)
    .join(', ');
  const sys = Object.entries(p.system)
    .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
    .join(', ');
  const rq = Object.entries(p.runQueue)
    .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
    .join(', ');
  return `  ${label}: ${p.seconds.toFixed(1)} s, ${p.samples} samples; cpu: ${cpu}; of which system: ${sys}; run queue: ${rq}; backends by state (mean): ${states}; active waits (mean backends): ${events || 'none'}; WAL ${(p.wal.bytes / 2 ** 20).toFixed(1)} MiB, ${p.wal.writes} writes, ${p.wal.syncs} syncs, ${p.commits} commits\n`;
};
