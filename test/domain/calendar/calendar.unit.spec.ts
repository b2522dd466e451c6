// Example tests of the business calendar (S9's business hours = time ranges +
// weekdays; later the SLA clock of T4). Instants are written in UTC (`Z`).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addBusinessSeconds, businessSeconds, isOpen, nextOpening } from '../../../src/domain/calendar/businessTime.js';
import { alwaysOpen, calendarCodec, decodeCalendar } from '../../../src/domain/calendar/calendarCodec.js';
import type { Calendar } from '../../../src/domain/calendar/calendarTypes.js';

const calendar = (definition: unknown): Calendar => {
  const decoded = decodeCalendar(definition);
  if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
  return decoded.right;
};
const z = (iso: string) => Date.parse(iso);
const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());
const HOUR = 3600;
const workdays = (ranges: { start: string; end: string }[]) => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });

describe('S9 business hours in Asia/Shanghai (UTC+8, no DST)', () => {
  // Split shift: 09:00-12:00 and 13:30-18:00 on weekdays; Saturday mornings.
  const shop = calendar({
    kind: 'weekly',
    zone: 'Asia/Shanghai',
    week: { ...workdays([{ start: '09:00', end: '12:00' }, { start: '13:30', end: '18:00' }]), sat: [{ start: '10:00', end: '12:00' }] },
    exceptions: [
      { date: '2026-10-01', closed: true, name: '国庆节' },
      { date: '2026-10-02', closed: true },
      { date: '2026-09-27', ranges: [{ start: '09:00', end: '18:00' }], name: '调休上班' },
    ],
  });

  it('is open inside each shift, closed over lunch and at the end instant', () => {
    expect(isOpen(shop, z('2026-12-04T01:00:00Z'))).toBe(true); // Fri 09:00 local: a range includes its start
    expect(isOpen(shop, z('2026-12-04T04:00:00Z'))).toBe(false); // 12:00: not its end
    expect(isOpen(shop, z('2026-12-04T05:00:00Z'))).toBe(false); // 13:00 lunch
    expect(isOpen(shop, z('2026-12-04T05:30:00Z'))).toBe(true); // 13:30
    expect(isOpen(shop, z('2026-12-06T03:00:00Z'))).toBe(false); // Sunday
  });

  it('next opening: itself when open, the afternoon shift over lunch, Monday from Saturday noon', () => {
    expect(iso(nextOpening(shop, z('2026-12-04T02:00:00Z')))).toBe('2026-12-04T02:00:00.000Z');
    expect(iso(nextOpening(shop, z('2026-12-04T04:10:00Z')))).toBe('2026-12-04T05:30:00.000Z');
    expect(iso(nextOpening(shop, z('2026-12-05T04:00:00Z')))).toBe('2026-12-07T01:00:00.000Z');
  });

  it('business seconds of a week: 5 x 7.5 h + 2 h', () => {
    expect(businessSeconds(shop, z('2026-11-29T16:00:00Z'), z('2026-12-06T16:00:00Z'))).toBe((5 * 7.5 + 2) * HOUR);
    expect(businessSeconds(shop, z('2026-12-04T03:00:00Z'), z('2026-12-04T06:00:00Z'))).toBe(1.5 * HOUR); // 11:00-14:00
    expect(businessSeconds(shop, z('2026-12-04T06:00:00Z'), z('2026-12-04T03:00:00Z'))).toBe(0);
  });

  it('an SLA of 8 business hours started Friday 17:00 is due Monday 15:30 (Saturday counts 2 h)', () => {
    expect(iso(addBusinessSeconds(shop, z('2026-12-04T09:00:00Z'), 8 * HOUR))).toBe('2026-12-07T07:30:00.000Z');
  });

  it('counted from the next opening when closed; time running out at a closing gives the closing', () => {
    expect(iso(addBusinessSeconds(shop, z('2026-12-03T23:00:00Z'), HOUR))).toBe('2026-12-04T02:00:00.000Z'); // from 07:00 local
    expect(iso(addBusinessSeconds(shop, z('2026-12-04T01:00:00Z'), 3 * HOUR))).toBe('2026-12-04T04:00:00.000Z'); // 12:00, not 13:30
    expect(iso(addBusinessSeconds(shop, z('2026-12-04T04:30:00Z'), 0))).toBe('2026-12-04T05:30:00.000Z');
  });

  it('holidays close the day; a make-up Sunday opens on its own ranges', () => {
    expect(isOpen(shop, z('2026-10-01T02:00:00Z'))).toBe(false); // Thursday, 国庆节
    expect(iso(nextOpening(shop, z('2026-09-30T10:00:00Z')))).toBe('2026-10-03T02:00:00.000Z'); // Sat 10:00 after two closed days
    expect(isOpen(shop, z('2026-09-27T05:00:00Z'))).toBe(true); // Sunday 13:00, make-up day 09:00-18:00
    expect(businessSeconds(shop, z('2026-09-26T16:00:00Z'), z('2026-09-27T16:00:00Z'))).toBe(9 * HOUR);
  });
});

describe('S9 ranges ending at 24:00 and crossing midnight', () => {
  const late = calendar({
    kind: 'weekly',
    zone: 'Asia/Shanghai',
    week: { fri: [{ start: '20:00', end: '24:00' }], sat: [{ start: '22:00', end: '02:00' }] },
    exceptions: [{ date: '2026-12-06', closed: true }],
  });

  it('24:00 is the next midnight; a range ending at 24:00 unites with one starting at 00:00', () => {
    expect(isOpen(late, z('2026-12-04T15:59:00Z'))).toBe(true); // Fri 23:59
    expect(isOpen(late, z('2026-12-04T16:00:00Z'))).toBe(false); // Sat 00:00
  });

  it('22:00-02:00 belongs to the day it starts on, even when the next day is a holiday', () => {
    expect(isOpen(late, z('2026-12-05T17:00:00Z'))).toBe(true); // Sun 01:00, Sunday closed
    expect(businessSeconds(late, z('2026-12-05T00:00:00Z'), z('2026-12-07T00:00:00Z'))).toBe(4 * HOUR);
    expect(iso(addBusinessSeconds(late, z('2026-12-05T13:00:00Z'), 3 * HOUR))).toBe('2026-12-05T17:00:00.000Z'); // Sat 21:00 + 3 h
  });

  it('a crossing range that runs into the next day\'s range makes one opening', () => {
    const united = calendar({ kind: 'weekly', zone: 'UTC', week: { mon: [{ start: '22:00', end: '03:00' }], tue: [{ start: '01:00', end: '05:00' }] } });
    expect(businessSeconds(united, z('2026-11-30T00:00:00Z'), z('2026-12-02T00:00:00Z'))).toBe(7 * HOUR);
    expect(iso(nextOpening(united, z('2026-12-01T04:59:00Z')))).toBe('2026-12-01T04:59:00.000Z');
  });
});

describe('DST: a boundary is the first instant the clock reads it or later (America/New_York)', () => {
  // 2026-03-08: 02:00 EST -> 03:00 EDT (07:00Z). 2026-11-01: 02:00 EDT -> 01:00 EST (06:00Z).
  const ny = calendar({
    kind: 'weekly',
    zone: 'America/New_York',
    week: { sun: [{ start: '01:30', end: '02:30' }, { start: '09:00', end: '17:00' }] },
  });

  it('spring forward: 02:30 never happens, so the range ends when the clocks jump (03:00 EDT)', () => {
    expect(iso(nextOpening(ny, z('2026-03-08T00:00:00Z')))).toBe('2026-03-08T06:30:00.000Z'); // 01:30 EST
    expect(isOpen(ny, z('2026-03-08T06:59:00Z'))).toBe(true);
    expect(isOpen(ny, z('2026-03-08T07:00:00Z'))).toBe(false); // 03:00 EDT
    expect(businessSeconds(ny, z('2026-03-08T00:00:00Z'), z('2026-03-09T00:00:00Z'))).toBe((0.5 + 8) * HOUR);
    expect(iso(nextOpening(ny, z('2026-03-08T07:00:00Z')))).toBe('2026-03-08T13:00:00.000Z'); // 09:00 EDT
  });

  it('fall back: 01:30 happens twice; the range starts at the first, and the repeated hour after 01:30 stays open', () => {
    expect(iso(nextOpening(ny, z('2026-11-01T00:00:00Z')))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    // The end 02:30 is first read at 02:30 EST (07:30Z): 01:30 EDT to 02:30 EST is two hours.
    expect(businessSeconds(ny, z('2026-11-01T00:00:00Z'), z('2026-11-01T12:00:00Z'))).toBe(2 * HOUR);
    expect(isOpen(ny, z('2026-11-01T06:15:00Z'))).toBe(true); // 01:15 EST, the second time round
    expect(iso(addBusinessSeconds(ny, z('2026-11-01T05:30:00Z'), 2 * HOUR + 60))).toBe('2026-11-01T14:01:00.000Z'); // 09:01 EST
  });

  it('a range wholly inside the gap is closed that day, open on other Sundays', () => {
    const gap = calendar({ kind: 'weekly', zone: 'America/New_York', week: { sun: [{ start: '02:15', end: '02:45' }] } });
    expect(businessSeconds(gap, z('2026-03-08T00:00:00Z'), z('2026-03-09T00:00:00Z'))).toBe(0);
    expect(iso(nextOpening(gap, z('2026-03-08T00:00:00Z')))).toBe('2026-03-15T06:15:00.000Z'); // 02:15 EDT a week later
  });

  it('9 to 5 is 8 business hours on both change days', () => {
    const office = calendar({ kind: 'weekly', zone: 'America/New_York', week: { sun: [{ start: '09:00', end: '17:00' }] } });
    expect(businessSeconds(office, z('2026-03-08T00:00:00Z'), z('2026-03-09T00:00:00Z'))).toBe(8 * HOUR);
    expect(businessSeconds(office, z('2026-11-01T00:00:00Z'), z('2026-11-02T00:00:00Z'))).toBe(8 * HOUR);
    // A whole local day 00:00-24:00 is 23 h and 25 h of business time.
    const allDay = calendar({ kind: 'weekly', zone: 'America/New_York', week: { sun: [{ start: '00:00', end: '24:00' }] } });
    expect(businessSeconds(allDay, z('2026-03-08T00:00:00Z'), z('2026-03-09T12:00:00Z'))).toBe(23 * HOUR);
    expect(businessSeconds(allDay, z('2026-11-01T00:00:00Z'), z('2026-11-02T12:00:00Z'))).toBe(25 * HOUR);
  });
});

describe('24x7 and never-open calendars', () => {
  it('24x7 is open at every instant and counts wall-clock seconds', () => {
    const always = alwaysOpen('Asia/Shanghai');
    expect(E.isRight(always)).toBe(true);
    const cal = (always as E.Right<Calendar>).right;
    expect(isOpen(cal, 0)).toBe(true);
    expect(nextOpening(cal, 123)).toBe(123);
    expect(businessSeconds(cal, 0, 86_400_000)).toBe(86_400);
    expect(addBusinessSeconds(cal, 1000, 60)).toBe(61_000);
  });

  it('a week with no ranges never opens: null, and no endless loop', () => {
    const never = calendar({ kind: 'weekly', zone: 'Europe/London', week: {} });
    expect(isOpen(never, z('2026-12-04T12:00:00Z'))).toBe(false);
    expect(nextOpening(never, z('2026-12-04T12:00:00Z'))).toBeNull();
    expect(addBusinessSeconds(never, z('2026-12-04T12:00:00Z'), 60)).toBeNull();
    expect(businessSeconds(never, 0, z('2100-01-01T00:00:00Z'))).toBe(0);
  });

  it('a week with no ranges opens only on its exception days, found however far ahead', () => {
    const events = calendar({
      kind: 'weekly',
      zone: 'Asia/Kolkata',
      week: {},
      exceptions: [{ date: '2030-01-15', ranges: [{ start: '10:00', end: '11:00' }] }, { date: '2027-06-01', closed: true }],
    });
    expect(iso(nextOpening(events, z('2026-12-04T00:00:00Z')))).toBe('2030-01-15T04:30:00.000Z');
    expect(iso(addBusinessSeconds(events, z('2026-12-04T00:00:00Z'), 1800))).toBe('2030-01-15T05:00:00.000Z');
    expect(addBusinessSeconds(events, z('2026-12-04T00:00:00Z'), 3601)).toBeNull();
    expect(nextOpening(events, z('2030-01-15T05:30:00Z'))).toBeNull();
  });

  it('every weekday closed by exceptions for a while: found after them; all closed for good: null', () => {
    const closedDays = Array.from({ length: 30 }, (_, i) => ({ date: `2026-12-${String(i + 1).padStart(2, '0')}`, closed: true as const }));
    const shut = calendar({ kind: 'weekly', zone: 'UTC', week: { mon: [{ start: '09:00', end: '10:00' }] }, exceptions: closedDays });
    expect(iso(nextOpening(shut, z('2026-11-30T10:00:00Z')))).toBe('2027-01-04T09:00:00.000Z');
  });
});

describe('the codec', () => {
  const ok = { kind: 'weekly', zone: 'America/New_York', week: { mon: [{ start: '09:00', end: '17:00' }] } };
  const issues = (input: unknown) => {
    const decoded = decodeCalendar(input);
    return E.isLeft(decoded) ? decoded.left.issues : [];
  };

  it('encodes back to the definition it read', () => {
    const cal = calendar({ ...ok, exceptions: [{ date: '2026-12-25', closed: true }] });
    expect(calendarCodec.encode(cal)).toEqual({ ...ok, exceptions: [{ date: '2026-12-25', closed: true }] });
    expect(E.isRight(decodeCalendar(calendarCodec.encode(cal)))).toBe(true);
  });

  it('an unknown zone names the zone', () => {
    expect(issues({ ...ok, zone: 'Asia/Shangai' })).toEqual([{ path: 'zone', reason: 'unknown time zone "Asia/Shangai" (an IANA name such as Asia/Shanghai)' }]);
    expect(issues({ kind: '24x7', zone: 42 })).toEqual([{ path: 'zone', reason: 'expected an IANA time zone name, got 42' }]);
  });

  it('a malformed time names the range and the end', () => {
    expect(issues({ ...ok, week: { tue: [{ start: '9:00', end: '25:00' }] } })).toEqual([
      { path: 'week.tue.0.start', reason: 'must be a local time HH:MM from 00:00 to 23:59, got "9:00"' },
      { path: 'week.tue.0.end', reason: 'must be a local time HH:MM from 00:00 to 24:00, got "25:00"' },
    ]);
    expect(issues({ ...ok, week: { tue: [{ start: '24:00', end: '02:00' }] } })[0]?.path).toBe('week.tue.0.start');
  });

  it('start equal to end is refused; end before start crosses midnight', () => {
    expect(issues({ ...ok, week: { wed: [{ start: '10:00', end: '10:00' }] } })).toEqual([
      { path: 'week.wed.0.end', reason: 'must differ from start 10:00 (an end before the start crosses midnight; a whole day is 00:00-24:00)' },
    ]);
    expect(issues({ ...ok, week: { wed: [{ start: '22:00', end: '02:00' }] } })).toEqual([]);
  });

  it('overlapping ranges in one day name the later one; touching ones are fine', () => {
    expect(issues({ ...ok, week: { thu: [{ start: '13:00', end: '18:00' }, { start: '09:00', end: '13:30' }] } })).toEqual([
      { path: 'week.thu.1', reason: '09:00-13:30 overlaps range 0 (13:00-18:00)' },
    ]);
    expect(issues({ ...ok, week: { thu: [{ start: '20:00', end: '02:00' }, { start: '21:00', end: '22:00' }] } })[0]?.path).toBe('week.thu.1');
    expect(issues({ ...ok, week: { thu: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '24:00' }] } })).toEqual([]);
  });

  it('bad dates, duplicate dates and unclear exceptions name the exception', () => {
    expect(issues({ ...ok, exceptions: [{ date: '2026-02-29', closed: true }] })).toEqual([
      { path: 'exceptions.0.date', reason: 'must be a local date YYYY-MM-DD (a real date, year 1900 or later), got "2026-02-29"' },
    ]);
    expect(issues({ ...ok, exceptions: [{ date: '2026-10-01', closed: true }, { date: '2026-10-01', ranges: [] }] })).toEqual([
      { path: 'exceptions.1.date', reason: 'duplicate date 2026-10-01 (also exceptions.0)' },
    ]);
    expect(issues({ ...ok, exceptions: [{ date: '2026-10-01', closed: true }, { date: '2026-10-02', closed: false }, { date: '2026-10-01', closed: true }] })).toEqual([
      { path: 'exceptions.1.closed', reason: 'must be true, got false' },
      { path: 'exceptions.2.date', reason: 'duplicate date 2026-10-01 (also exceptions.0)' },
    ]);
    expect(issues({ ...ok, exceptions: [{ date: '2026-10-01' }] })[0]?.path).toBe('exceptions.0');
    expect(issues({ ...ok, exceptions: {} })[0]?.path).toBe('exceptions');
    expect(issues({ ...ok, exceptions: [{ date: '2026-10-01', closed: true, ranges: [] }] })[0]?.path).toBe('exceptions.0');
    expect(issues({ ...ok, exceptions: [{ date: '2026-10-01', ranges: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '12:00' }] }] })[0]?.path).toBe('exceptions.0.ranges.1');
  });

  it('unknown fields, weekdays and kinds are refused by name', () => {
    expect(issues({ ...ok, week: { monday: [] } })).toEqual([{ path: 'week.monday', reason: 'unknown field' }]);
    expect(issues({ ...ok, timezone: 'UTC' })).toEqual([{ path: 'timezone', reason: 'unknown field' }]);
    expect(issues({ kind: 'monthly', zone: 'UTC' })).toEqual([{ path: 'kind', reason: 'must be one of 24x7, weekly, got "monthly"' }]);
    expect(issues('open')[0]?.reason).toMatch(/must be an object/);
  });
});
