/**
 * A spec and a seed made into a Workload: the agents with their daily shifts,
 * the arrivals of a Poisson process following the local hour, and what each
 * customer does. Each aspect (arrivals, customers, times) draws from its own
 * seeded stream, so changing the handle time of a spec keeps the same arrivals.
 * Pure: the same spec and seed give the same workload.
 */
import { DAY_MS, firstReach, wallAt } from '../domain/calendar/zone.js';
import { draws, exponential, logNormal, poissonArrivals, weighted, type Burst, type Draws } from './distributions.js';
import type { SimulationSpec, TimeDistribution } from './simulationSpec.js';
import type { CustomerPin, SimAgent, SimArrival, Workload } from './workload.js';

const HOUR_MS = 3_600_000;
/**
 * A customer has one session at the desk at a time, so a returning customer comes
 * back no sooner than this after its last arrival (the simulator still defers an
 * arrival whose customer's earlier session is open, see playWorkload.ts).
 */
const RETURN_GAP_MS = 4 * HOUR_MS;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The wall-clock midnight (as UTC fields) of the spec's day `k`. */
const wallMidnight = (startDate: string, k: number): number => Date.parse(`${startDate}T00:00:00Z`) + k * DAY_MS;

/** The instant a local time of day `k` is first reached in the zone (DST gaps: when the clocks jump past it). */
const instantOf = (spec: SimulationSpec, k: number, hhmm: string, nextDay = false): number =>
  firstReach(spec.zone, wallMidnight(spec.startDate, k + (nextDay ? 1 : 0)) + minutesOf(hhmm) * 60_000);

const drawTime = (d: Draws, time: TimeDistribution): number =>
  time.distribution === 'exponential' ? exponential(d, time.meanMs) : logNormal(d, time.medianMs, time.sigma);

/** At least a second: a session's handling and a reply always take some time. */
const wholeMs = (ms: number): number => Math.max(1000, Math.round(ms));

/** A geometric count with the given mean (0, 1, 2, ...). */
const geometric = (d: Draws, mean: number): number => {
  if (mean <= 0) return 0;
  const p = 1 / (mean + 1);
  return Math.floor(Math.log(1 - d.next()) / Math.log(1 - p));
};

// Separate streams per aspect, from one seed.
const stream = (seed: number, aspect: number): Draws => draws((seed ^ Math.imul(aspect + 1, 0x9e3779b9)) | 0);

const agentsOf = (spec: SimulationSpec, start: number, end: number): SimAgent[] => {
  const { count, groups, shifts, capability, maxSessions } = spec.agents;
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const shift = shifts[i % shifts.length] as { from: string; to: string };
    const overnight = minutesOf(shift.to) <= minutesOf(shift.from);
    const daily = Array.from({ length: spec.days }, (_, k) => ({
      from: Math.max(start, instantOf(spec, k, shift.from)),
      to: Math.min(end, instantOf(spec, k, shift.to, overnight)),
    })).filter((s) => s.to > s.from);
    const cap = capability === undefined ? undefined : Math.round(capability.min + ((capability.max - capability.min) * i) / Math.max(1, count - 1));
    return {
      agentId: `agent-${String(i + 1).padStart(width, '0')}`,
      groups: groups.length === 0 ? [] : [groups[i % groups.length] as string],
      maxSessions,
      ...(cap === undefined ? {} : { capability: cap }),
      shifts: daily,
    };
  });
};

export const generateWorkload = (spec: SimulationSpec, seed: number): Workload => {
  const start = instantOf(spec, 0, '00:00');
  const end = instantOf(spec, spec.days, '00:00');
  const agents = agentsOf(spec, start, end);
  const bursts: Burst[] = spec.arrivals.bursts
    .filter((b) => b.day < spec.days)
    .map((b) => ({ from: instantOf(spec, b.day, b.from), to: instantOf(spec, b.day, b.to, minutesOf(b.to) <= minutesOf(b.from)), factor: b.factor }));
  const hourOf = (t: number): number => Math.floor((((wallAt(spec.zone, t) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS);
  const times = poissonArrivals(stream(seed, 0), { perHour: spec.arrivals.perHour, bursts }, start, end, hourOf);

  const pool = spec.customerPool;
  const vipCount = Math.round(pool * spec.vipShare);
  const pinnedCount = Math.round(pool * spec.pinnedShare);
  const customers = stream(seed, 1);
  const behaviour = stream(seed, 2);
  const channels = spec.channels.map((c) => [c.name, c.weight] as const);
  const width = String(times.length).length;
  const lastSeen = new Map<number, number>();
  /** A returning customer from the pool, not one seen within RETURN_GAP_MS (who may still be at the desk); else a new one. */
  const customerAt = (at: number, i: number): number => {
    if (pool === 0) return i;
    for (let tries = 0; tries < 8; tries++) {
      const k = customers.below(pool);
      const seen = lastSeen.get(k);
      if (seen === undefined || at - seen >= RETURN_GAP_MS) {
        lastSeen.set(k, at);
        return k;
      }
    }
    return pool + i;
  };
  const arrivals: SimArrival[] = times.map((at, i) => {
    const k = customerAt(at, i);
    const vip = pool > 0 && k < pool ? k < vipCount : customers.next() < spec.vipShare;
    const channel = weighted(customers, channels);
    const entryGroup = spec.agents.groups.length > 0 && customers.next() < spec.entryGroupShare ? spec.agents.groups[customers.below(spec.agents.groups.length)] : undefined;
    const handleMs = wholeMs(drawTime(behaviour, spec.handleTime));
    const followUps = Array.from({ length: geometric(behaviour, spec.followUpsMean) }, () => Math.floor(behaviour.next() * handleMs))
      .filter((ms) => ms > 0)
      .sort((a, b) => a - b);
    const replyMs = wholeMs(drawTime(behaviour, spec.replyTime));
    const patienceMs = spec.patience === undefined ? undefined : wholeMs(exponential(behaviour, spec.patience.meanMs));
    return {
      sessionId: `s${String(i + 1).padStart(width, '0')}`,
      customerId: `c${k + 1}`,
      at,
      channel,
      ...(entryGroup === undefined ? {} : { entryGroup }),
      ...(vip ? { vip } : {}),
      handleMs,
      followUps,
      replyMs,
      ...(patienceMs === undefined ? {} : { patienceMs }),
    };
  });

  // The last customers of the pool are pinned, agent by agent in turn (R7).
  const pins: CustomerPin[] =
    agents.length === 0 ? [] : Array.from({ length: pinnedCount }, (_, j) => ({ customerId: `c${pool - j}`, agentId: (agents[j % agents.length] as SimAgent).agentId }));
  return { shopId: spec.shopId, zone: spec.zone, start, end, groups: [...spec.agents.groups], agents, arrivals, pins };
};
