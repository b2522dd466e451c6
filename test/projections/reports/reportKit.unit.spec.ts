/** The report kit's contract: natural days in the shop's zone, and queries checked field by field. */
import * as E from 'fp-ts/lib/Either.js';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkQuery, checkReportOptions, dayClock, dayName, dayNumber, ratio, type KnownNames } from '../../../src/projections/reports/reportKit.js';

const ZONES = ['UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'America/St_Johns', 'America/Havana', 'America/Santiago', 'Asia/Beirut'];

/** The reference: the local date as Intl writes it. */
const intlDay = (zone: string, at: number): number => {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  return dayNumber(parts) as number;
};

const known: KnownNames = { agents: () => new Set(['lin', 'wei']), channels: () => new Set(['web', 'app']) };
const pathsOf = (q: unknown) => {
  const checked = checkQuery(q, known);
  return E.isLeft(checked) ? checked.left.issues.map((i) => i.path) : [];
};

describe('report kit: natural days', () => {
  const range = fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) });

  test.prop([fc.constantFrom(...ZONES), range])('dayOf is the local date Intl gives, DST and half-hour zones included', (zone, at) => {
    expect(dayClock(zone).dayOf(at)).toBe(intlDay(zone, at));
  });

  test.prop([fc.constantFrom(...ZONES), range], { numRuns: 2000 })('startOf is the first instant of the local day', (zone, at) => {
    const clock = dayClock(zone);
    const day = clock.dayOf(at);
    const start = clock.startOf(day);
    expect(clock.dayOf(start)).toBe(day);
    expect(clock.dayOf(start - 1)).toBe(day - 1);
    expect(start).toBeLessThanOrEqual(at);
  });

  it('startOf is right on every day of 2024-2026 in every zone (each DST change, midnight ones included)', () => {
    for (const zone of ZONES) {
      const clock = dayClock(zone);
      for (let day = dayNumber('2024-01-01') as number; day <= (dayNumber('2026-12-31') as number); day++) {
        const start = clock.startOf(day);
        expect([zone, clock.dayOf(start), clock.dayOf(start - 1), intlDay(zone, start)]).toEqual([zone, day, day - 1, day]);
      }
    }
  });

  it('day numbers and names round-trip; impossible dates are refused', () => {
    expect(dayName(dayNumber('2026-12-03') as number)).toBe('2026-12-03');
    expect(dayNumber('2026-02-30')).toBeUndefined();
    expect(dayNumber('2026-2-3')).toBeUndefined();
  });

  it('a ratio with no denominator is null, never NaN', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
  });
});

describe('report kit: bad input names the field', () => {
  it('an unknown time zone names `zone`', () => {
    const bad = checkReportOptions({ zone: 'Mars/Olympus' });
    expect(E.isLeft(bad) && bad.left.issues.map((i) => i.path)).toEqual(['zone']);
    expect(E.isRight(checkReportOptions({ zone: 'Asia/Shanghai' }))).toBe(true);
  });

  it('a range with from > to names `to`', () => {
    expect(pathsOf({ shopId: 's', from: '2026-12-03', to: '2026-12-01' })).toEqual(['to']);
  });

  it('unknown agents and channels name their place in the list', () => {
    expect(pathsOf({ shopId: 's', from: '2026-12-01', to: '2026-12-01', agents: ['lin', 'ghost'], channels: ['fax'] })).toEqual(['agents.1', 'channels.0']);
  });

  it('bad dates, a missing shop and a bad asOf name theirs', () => {
    expect(pathsOf({ from: '2026-13-01', to: 'tomorrow', asOf: -1 })).toEqual(['shopId', 'from', 'to', 'asOf']);
  });

  it('a report without an agent dimension does not check agents against it', () => {
    const checked = checkQuery({ shopId: 's', from: '2026-12-01', to: '2026-12-02', agents: ['anyone'] }, { agents: () => undefined, channels: () => undefined });
    expect(E.isRight(checked) && [checked.right.fromDay, checked.right.toDay, [...(checked.right.agents ?? [])]]).toEqual([dayNumber('2026-12-01'), dayNumber('2026-12-02'), ['anyone']]);
  });
});
