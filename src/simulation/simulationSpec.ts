/**
 * What a simulated shop looks like, as a plain JSON object (the file `kefu
 * simulate --spec` reads): its agents and their shifts, how customers arrive over
 * the local day, how long handling and replies take, how patient customers are,
 * and who is VIP or pinned. `generateWorkload` turns a spec and a seed into a
 * Workload. The codec names the field of every error (`agents.count: must be an
 * integer from 1 to 10000, got 0`), so a bad file is fixed in one look.
 */
import type * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { ValidationError } from '../domain/errors.js';
import { decodeWith, identifier, intInRange, struct } from '../domain/validation.js';
import { isKnownZone } from '../domain/calendar/zone.js';

const refined = <A>(base: t.Type<A, A, unknown>, name: string, ok: (a: A) => boolean, reason: string) =>
  new t.Type<A, A, unknown>(
    name,
    (u): u is A => base.is(u) && ok(u),
    (u, c) => {
      const decoded = base.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      return ok(decoded.right) ? decoded : t.failure(u, c, `${reason}, got ${JSON.stringify(u)}`);
    },
    t.identity,
  );

const numberIn = (min: number, max: number) => refined(t.number, `Number[${min}..${max}]`, (n) => Number.isFinite(n) && n >= min && n <= max, `must be a number from ${min} to ${max}`);
const share = numberIn(0, 1);
const positiveMs = refined(t.number, 'Milliseconds', (n) => Number.isFinite(n) && n > 0 && n <= 30 * 86_400_000, 'must be a number of milliseconds above 0 (at most 30 days)');
const clockTime = refined(t.string, 'ClockTime', (s) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'must be a local time HH:MM (00:00 to 23:59)');
const localDate = refined(t.string, 'LocalDate', (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a date YYYY-MM-DD');
const zone = refined(t.string, 'Zone', isKnownZone, 'must be an IANA time zone such as Asia/Shanghai');
const perHour = refined(
  t.readonlyArray(t.number),
  'PerHour',
  (a) => a.length === 24 && a.every((n) => Number.isFinite(n) && n >= 0 && n <= 100_000) && a.some((n) => n > 0),
  'must be 24 numbers (arrivals per local hour, 0 to 100000, not all 0)',
);
const groupName = identifier('group id');

const shiftCodec = struct('ShiftSpec', { from: clockTime, to: clockTime });
const burstCodec = struct('BurstSpec', { day: intInRange(0, 365), from: clockTime, to: clockTime, factor: numberIn(0, 100) });
const channelCodec = struct('ChannelSpec', { name: identifier('channel'), weight: numberIn(0, 1_000_000) });

const exponentialTime = struct('ExponentialTime', { distribution: refined(t.string, 'Exponential', (s) => s === 'exponential', 'must be exponential or log-normal'), meanMs: positiveMs });
const logNormalTime = struct('LogNormalTime', { distribution: refined(t.string, 'LogNormal', (s) => s === 'log-normal', 'must be exponential or log-normal'), medianMs: positiveMs, sigma: numberIn(0, 5) });

/** An exponential time with a mean, or a log-normal one with a median and a shape; the error names the field of the kind given. */
const timeDistribution = new t.Type<TimeDistribution, TimeDistribution, unknown>(
  'TimeDistribution',
  (u): u is TimeDistribution => exponentialTime.is(u) || logNormalTime.is(u),
  (u, c) => {
    const kind = typeof u === 'object' && u !== null ? (u as { distribution?: unknown }).distribution : undefined;
    if (kind === 'log-normal') return logNormalTime.validate(u, c) as t.Validation<TimeDistribution>;
    if (kind === 'exponential') return exponentialTime.validate(u, c) as t.Validation<TimeDistribution>;
    return t.failure(u, [...c, { key: 'distribution', type: t.string, actual: kind }], `must be exponential (with meanMs) or log-normal (with medianMs and sigma), got ${JSON.stringify(kind)}`);
  },
  t.identity,
);

export type TimeDistribution = { readonly distribution: 'exponential'; readonly meanMs: number } | { readonly distribution: 'log-normal'; readonly medianMs: number; readonly sigma: number };

export interface ShiftSpec {
  /** Local time the shift starts ... */
  readonly from: string;
  /** ... and ends (at or before `from`: the next day). */
  readonly to: string;
}

export interface SimulationSpec {
  readonly shopId: string;
  /** The shop's IANA zone: shifts, hours and bursts are local times there. */
  readonly zone: string;
  /** The first local day (YYYY-MM-DD). */
  readonly startDate: string;
  readonly days: number;
  readonly agents: {
    readonly count: number;
    readonly maxSessions: number;
    /** Agent i joins groups[i mod n] (an empty list: no groups). */
    readonly groups: readonly string[];
    /** R4's capabilities, spread evenly from min to max over the agents (absent: the engine's default). */
    readonly capability?: { readonly min: number; readonly max: number };
    /** Agent i works shifts[i mod n] every day. */
    readonly shifts: readonly ShiftSpec[];
  };
  readonly arrivals: {
    /** Arrivals per local hour of the day (24 numbers). */
    readonly perHour: readonly number[];
    /** The rate multiplied by `factor` between two local times of day `day` (0: the first day). */
    readonly bursts: readonly { readonly day: number; readonly from: string; readonly to: string; readonly factor: number }[];
  };
  readonly handleTime: TimeDistribution;
  /** How long the holder takes to answer each customer message. */
  readonly replyTime: TimeDistribution;
  /** The mean number of later customer messages of a session (geometric). */
  readonly followUpsMean: number;
  /** How long customers wait in the queue before leaving (exponential); absent: as long as it takes. */
  readonly patience?: { readonly meanMs: number };
  /** How many distinct customers arrive (returning customers make stickiness matter, R1); 0: every arrival a new customer. */
  readonly customerPool: number;
  readonly vipShare: number;
  /** R7: the share of the pool pinned to an agent (used by strategies with pinning). */
  readonly pinnedShare: number;
  /** R13: the share of arrivals that come through an entry group (one of agents.groups, uniformly). */
  readonly entryGroupShare: number;
  readonly channels: readonly { readonly name: string; readonly weight: number }[];
}

export const simulationSpecCodec: t.Type<SimulationSpec, SimulationSpec, unknown> = struct('SimulationSpec', {
  shopId: identifier('shop id'),
  zone,
  startDate: localDate,
  days: intInRange(1, 366),
  agents: struct(
    'AgentsSpec',
    { count: intInRange(1, 10_000), maxSessions: intInRange(1, 10_000), groups: t.readonlyArray(groupName), shifts: refined(t.readonlyArray(shiftCodec), 'Shifts', (a) => a.length > 0, 'must list at least one shift') },
    { capability: struct('CapabilitySpread', { min: intInRange(0, 100), max: intInRange(0, 100) }) },
  ),
  arrivals: struct('ArrivalsSpec', { perHour, bursts: t.readonlyArray(burstCodec) }),
  handleTime: timeDistribution,
  replyTime: timeDistribution,
  followUpsMean: numberIn(0, 100),
  customerPool: intInRange(0, 10_000_000),
  vipShare: share,
  pinnedShare: share,
  entryGroupShare: share,
  channels: refined(t.readonlyArray(channelCodec), 'Channels', (a) => a.length > 0 && a.some((c) => c.weight > 0), 'must list at least one channel with a weight above 0'),
}, { patience: struct('PatienceSpec', { meanMs: positiveMs }) }) as unknown as t.Type<SimulationSpec, SimulationSpec, unknown>;

/** A shop of twelve agents in two groups on two shifts over one weekday, open 08:00-22:00, busiest late morning and evening. */
export const DEFAULT_SIMULATION_SPEC: SimulationSpec = {
  shopId: 'sim-shop',
  zone: 'Asia/Shanghai',
  startDate: '2026-03-02',
  days: 1,
  agents: {
    count: 12,
    maxSessions: 2,
    groups: ['presales', 'aftersales'],
    capability: { min: 60, max: 100 },
    shifts: [
      { from: '08:00', to: '17:00' },
      { from: '13:00', to: '22:00' },
    ],
  },
  arrivals: {
    perHour: [0, 0, 0, 0, 0, 0, 0, 0, 40, 70, 90, 95, 80, 75, 80, 85, 80, 70, 60, 70, 85, 80, 0, 0],
    bursts: [{ day: 0, from: '20:00', to: '20:30', factor: 2 }],
  },
  handleTime: { distribution: 'log-normal', medianMs: 360_000, sigma: 0.6 },
  replyTime: { distribution: 'log-normal', medianMs: 25_000, sigma: 0.8 },
  followUpsMean: 3,
  patience: { meanMs: 300_000 },
  customerPool: 800,
  vipShare: 0.05,
  pinnedShare: 0.05,
  entryGroupShare: 0.3,
  channels: [
    { name: 'web', weight: 5 },
    { name: 'app', weight: 3 },
    { name: 'wechat', weight: 2 },
  ],
};

/** Checks a spec (from a file, after the flags were applied); the error names each bad field. */
export const decodeSimulationSpec = (input: unknown): E.Either<ValidationError, SimulationSpec> => decodeWith(simulationSpecCodec, 'simulation spec')(input);

/** A spec with some fields replaced; nested objects merge one level (so `{ agents: { count: 5 } }` keeps the shifts). */
export const withSpecOverrides = (base: SimulationSpec, patch: Record<string, unknown>): unknown => {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      typeof value === 'object' && value !== null && !Array.isArray(value) && typeof current === 'object' && current !== null && !Array.isArray(current)
        ? { ...(current as Record<string, unknown>), ...(value as Record<string, unknown>) }
        : value;
  }
  return out;
};
