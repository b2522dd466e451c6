// T4/T5 properties of the pure SLA clock: elapsed business time and its inverse
// agree with a minute-by-minute counter over random calendars and pauses.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { isOpen } from '../../../src/domain/calendar/businessTime.js';
import { elapsedSeconds, instantAtElapsed } from '../../../src/tickets/sla/slaClock.js';
import { MIN, WINDOW_MINUTES, bruteClock, calendarDefinition, compiled, createdAtArb, openMinute, pausesArb } from './slaArbitraries.js';

const RUNS = { numRuns: 60 };

const clockCase = fc
  .tuple(calendarDefinition, createdAtArb)
  .chain(([definition, createdAt]) =>
    fc.record({
      definition: fc.constant(definition),
      createdAt: fc.constant(createdAt),
      pauses: pausesArb(createdAt),
      probes: fc.array(fc.integer({ min: 0, max: WINDOW_MINUTES }), { minLength: 1, maxLength: 12 }),
      targets: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })), { minLength: 1, maxLength: 6 }),
    }),
  );

describe('T4 the SLA clock against a minute-by-minute counter', () => {
  test.prop([calendarDefinition, createdAtArb], { numRuns: 30 })('the reference reads the calendar as isOpen does', (definition, createdAt) => {
    const calendar = compiled(definition);
    for (let i = 0; i < WINDOW_MINUTES; i += 11) expect(openMinute(definition, createdAt + i * MIN)).toBe(isOpen(calendar, createdAt + i * MIN));
  });

  test.prop([clockCase], RUNS)('elapsedSeconds = counted business minutes x 60, pauses excluded (an open pause runs to the instant asked)', ({ definition, createdAt, pauses, probes }) => {
    const calendar = compiled(definition);
    const brute = bruteClock(definition, createdAt, pauses);
    for (const m of probes) {
      const at = createdAt + m * MIN;
      expect(elapsedSeconds(calendar, createdAt, pauses, at)).toBe(brute.elapsedMinutes(at) * 60);
    }
    expect(elapsedSeconds(calendar, createdAt, pauses, createdAt - MIN)).toBe(0);
  });

  test.prop([clockCase], RUNS)('instantAtElapsed is the first instant the count reaches n; null in an open pause', ({ definition, createdAt, pauses, targets, probes }) => {
    const calendar = compiled(definition);
    const brute = bruteClock(definition, createdAt, pauses);
    // Besides random counts, exactly the count at each pause's start and at random instants:
    // time that runs out where a pause begins or the calendar closes.
    const edges = [...pauses.map((p) => p.from), ...probes.map((m) => createdAt + m * MIN)].filter((at) => at <= createdAt + WINDOW_MINUTES * MIN);
    for (const n of [...targets, ...edges.map((at) => brute.elapsedMinutes(at))]) {
      const expected = brute.instantAt(n);
      const actual = instantAtElapsed(calendar, createdAt, pauses, n * 60);
      if (expected === 'unknown') expect(actual).toBeNull();
      // Beyond the reference's window: the first counting minute (or the n-th) may start exactly where the window ends.
      else if (expected === 'beyond') expect(actual === null || actual >= createdAt + WINDOW_MINUTES * MIN).toBe(true);
      else {
        expect(actual).toBe(expected);
        expect(elapsedSeconds(calendar, createdAt, pauses, expected)).toBe(n * 60);
        if (n > 0) expect(elapsedSeconds(calendar, createdAt, pauses, expected - MIN)).toBeLessThan(n * 60);
      }
    }
  });
});
