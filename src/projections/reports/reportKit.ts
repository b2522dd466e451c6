/**
 * The report kit's contract. A report is a pure fold over envelopes (a
 * Projection) plus query functions over its state. Its state is bounded: it keeps
 * what its queries need (rows per agent x natural day, the open sessions), never
 * the log. The same fold runs inline (live, event by event, from the engine's
 * inline projections), from a subscription with a checkpoint, or in one pass over
 * any store or an NDJSON file (src/runtime/reportRunner.ts); all three hand it the
 * same ProjectedEvent, decoded by the registry (one decode path).
 *
 * For speed a report's state is a plain object that its own fold updates in
 * place: the fold owns it, and queries copy what they return. It is JSON-shaped
 * (records, arrays, numbers, strings) so a checkpoint saves it as it is.
 *
 * Days are natural days in the shop's time zone, named `YYYY-MM-DD`; a query's
 * range is inclusive on both ends.
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { isKnownZone, offsetAt, DAY_MS } from '../../domain/calendar/zone.js';
import type { Projection } from '../projection.js';

/** What every report is built with. */
export interface ReportOptions {
  /** The shop's IANA time zone: natural days are its days. */
  readonly zone: string;
}

/** A cell of an exported row: numbers unformatted (a rate is 0.25, not "25%"), null when undefined (no sessions, a delayed figure). */
export type Cell = string | number | null;
export type ReportRow = Readonly<Record<string, Cell>>;

/** A query over a report: a shop, an inclusive range of natural days, optionally some agents and channels. */
export interface ReportQuery {
  readonly shopId: string;
  readonly from: string;
  readonly to: string;
  readonly agents?: readonly string[];
  readonly channels?: readonly string[];
  /**
   * The time the query is asked at (epoch ms): M19's delayed conversions show
   * only for days at least 2 or 3 days before it. Default: no delay applied.
   */
  readonly asOf?: number;
}

/** A checked query: days as day numbers (days since 1970-01-01 in the zone), filters as sets. */
export interface CheckedQuery {
  readonly shopId: string;
  readonly fromDay: number;
  readonly toDay: number;
  readonly agents?: ReadonlySet<string>;
  readonly channels?: ReadonlySet<string>;
  readonly asOf?: number;
}

/** What a report knows exists, to refuse a query that names an agent or a channel it never saw. */
export interface KnownNames {
  /** Undefined: the report has no agent dimension (an agents filter is not checked against it). */
  readonly agents: (shopId: string) => ReadonlySet<string> | undefined;
  readonly channels: (shopId: string) => ReadonlySet<string> | undefined;
}

/**
 * One report: its fold, its columns (the CSV header, in order) and its rows for a
 * checked query. `rows` never fails: the query was checked against `known` first.
 */
export interface ReportDefinition<S, Row extends ReportRow = ReportRow> {
  readonly name: string;
  readonly columns: readonly (keyof Row & string)[];
  // Reports read events of several modules; the registry decoded them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projection: (options: ReportOptions) => Projection<S, any>;
  readonly known: (state: S) => KnownNames;
  readonly rows: (state: S, query: CheckedQuery, options: ReportOptions) => readonly Row[];
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` -> day number, or undefined when it is not a real date. */
export const dayNumber = (date: string): number | undefined => {
  const m = DAY.exec(date);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return ms / DAY_MS;
};

/** Day number -> `YYYY-MM-DD`. */
export const dayName = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Checks the options a report is built with: an unknown zone is a typed error naming `zone`. */
export const checkReportOptions = (options: unknown): E.Either<ValidationError, ReportOptions> => {
  const zone = (options as { zone?: unknown } | null)?.zone;
  if (typeof zone !== 'string' || !isKnownZone(zone)) {
    return E.left(validationError('ReportOptions', [{ path: 'zone', reason: `unknown time zone ${JSON.stringify(zone)} (an IANA name such as Asia/Shanghai)` }]));
  }
  return E.right({ zone });
};

/**
 * The local day of an instant, fast: offsets are cached per quarter hour (every
 * zone's transitions fall on quarter hours), so a fold over a million events asks
 * Intl a few thousand times. One per zone; pure in effect (a bounded memo).
 */
export interface DayClock {
  readonly zone: string;
  /** The natural day (day number) of `at` in the zone. */
  readonly dayOf: (at: number) => number;
  /** The first instant of a natural day in the zone (its local midnight). */
  readonly startOf: (day: number) => number;
}

const QUARTER = 15 * 60_000;
const MEMO_LIMIT = 50_000;

const clocks = new Map<string, DayClock>();

/** The zone's day clock, one per zone for the process: every report of a set shares its memo. */
export const dayClock = (zone: string): DayClock => {
  let clock = clocks.get(zone);
  if (clock === undefined) {
    clock = makeDayClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
};

const makeDayClock = (zone: string): DayClock => {
  const memo = new Map<number, number>();
  // A log comes in time order: the last quarter hour asked is nearly always the next one asked.
  let lastKey = Number.NaN;
  let lastOffset = 0;
  const offset = (at: number): number => {
    const key = Math.floor(at / QUARTER);
    if (key === lastKey) return lastOffset;
    let o = memo.get(key);
    if (o === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      o = offsetAt(zone, key * QUARTER);
      memo.set(key, o);
    }
    lastKey = key;
    lastOffset = o;
    return o;
  };
  const dayOf = (at: number) => Math.floor((at + offset(at)) / DAY_MS);
  // Local midnight: guess with the offset at UTC midnight, then correct once (a DST change near midnight).
  const startOf = (day: number) => {
    const wall = day * DAY_MS;
    let at = wall - offset(wall);
    at = wall - offset(at);
    return dayOf(at) < day ? at + (day * DAY_MS - (at + offset(at))) : at;
  };
  return { zone, dayOf, startOf };
};

const issue = (path: string, reason: string): ValidationIssue => ({ path, reason });

/**
 * Checks a query against what the report knows: `from`/`to` real dates with
 * from <= to (else `to`), agents and channels the report has seen (else
 * `agents.<i>` / `channels.<i>`), `shopId` a non-empty string.
 */
export const checkQuery = (query: unknown, known: KnownNames): E.Either<ValidationError, CheckedQuery> => {
  const q = (query ?? {}) as Partial<Record<keyof ReportQuery, unknown>>;
  const issues: ValidationIssue[] = [];
  const shopId = typeof q.shopId === 'string' && q.shopId.length > 0 ? q.shopId : undefined;
  if (shopId === undefined) issues.push(issue('shopId', 'expected a shop id'));
  const fromDay = typeof q.from === 'string' ? dayNumber(q.from) : undefined;
  const toDay = typeof q.to === 'string' ? dayNumber(q.to) : undefined;
  if (fromDay === undefined) issues.push(issue('from', `expected a date YYYY-MM-DD, got ${JSON.stringify(q.from)}`));
  if (toDay === undefined) issues.push(issue('to', `expected a date YYYY-MM-DD, got ${JSON.stringify(q.to)}`));
  if (fromDay !== undefined && toDay !== undefined && fromDay > toDay) issues.push(issue('to', `the range ends (${String(q.to)}) before it starts (${String(q.from)})`));
  const names = (field: 'agents' | 'channels', knownSet: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined => {
    const value = q[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      issues.push(issue(field, 'expected a list of ids'));
      return undefined;
    }
    value.forEach((v, i) => {
      if (typeof v !== 'string') issues.push(issue(`${field}.${i}`, 'expected an id'));
      else if (knownSet !== undefined && !knownSet.has(v)) issues.push(issue(`${field}.${i}`, `unknown ${field === 'agents' ? 'agent' : 'channel'} ${JSON.stringify(v)} in shop ${String(shopId)}`));
    });
    return new Set(value as string[]);
  };
  const agents = names('agents', shopId === undefined ? undefined : known.agents(shopId));
  const channels = names('channels', shopId === undefined ? undefined : known.channels(shopId));
  if (q.asOf !== undefined && (typeof q.asOf !== 'number' || !Number.isSafeInteger(q.asOf) || q.asOf < 0)) issues.push(issue('asOf', 'expected epoch milliseconds'));
  if (issues.length > 0) return E.left(validationError('ReportQuery', issues));
  return E.right({
    shopId: shopId as string,
    fromDay: fromDay as number,
    toDay: toDay as number,
    ...(agents === undefined ? {} : { agents }),
    ...(channels === undefined ? {} : { channels }),
    ...(q.asOf === undefined ? {} : { asOf: q.asOf as number }),
  });
};

/** Checks the query against the report's state, then answers its rows. */
export const queryReport = <S, Row extends ReportRow>(
  report: ReportDefinition<S, Row>,
  state: S,
  query: unknown,
  options: ReportOptions,
): E.Either<ValidationError, readonly Row[]> => E.map((q: CheckedQuery) => report.rows(state, q, options))(checkQuery(query, report.known(state)));

/** A ratio that is null when its denominator is 0 (no sessions: no rate), never NaN. */
export const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

/** The names of the rows that sum up a team (open point 7), the same in every report. */
export const TEAM_AVERAGE = '(team-average)';
export const TEAM_TOTAL = '(team-total)';
