/** T4/T5 in the report kit: SLA achieved and breached per policy version, equal to the tickets' read model. */
import * as E from 'fp-ts/lib/Either.js';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { project } from '../../../src/projections/projection.js';
import { dayName, queryReport } from '../../../src/projections/reports/reportKit.js';
import { slaReport } from '../../../src/projections/reports/slaReport.js';
import { slaCountsByVersion, slaResultsProjection } from '../../../src/projections/slaResults.js';
import type { SlaClock } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import type { TicketEvent } from '../../../src/tickets/ticket/ticketTypes.js';
import { envelopes, MINUTE, SHOP, slaRecord, T0 } from '../tickets/ticketEnvelopes.js';

const options = { zone: 'UTC' };
const today = dayName(Math.floor(T0 / 86_400_000));
const set = (ticketId: string, version: number, due: number, at = T0): TicketEvent => ({
  type: 'TicketSlaSet',
  data: { ticketId, sla: slaRecord(version, 'p1', due, due + 60 * MINUTE), reason: version === 1 ? 'created' : 'recomputed', at },
});
const stopped = (ticketId: string, clock: SlaClock, result: 'met' | 'breached', version: number, at: number): TicketEvent => ({
  type: 'TicketSlaClockStopped',
  data: { ticketId, clock, result, elapsedSeconds: (at - T0) / 1000, dueAt: T0 + 30 * MINUTE, version, policyId: 'p1', policyRevision: 1, at },
});
const breached = (ticketId: string, clock: SlaClock, version: number, at: number): TicketEvent => ({ type: 'TicketSlaBreached', data: { ticketId, clock, dueAt: at, version, nextAt: null, at } });

const rowsOf = (events: readonly TicketEvent[], from = today, to = today) => {
  const { wrap } = envelopes();
  const wrapped = events.map((e) => wrap(e));
  const state = project(slaReport.projection(options), wrapped);
  const rows = queryReport(slaReport, state, { shopId: SHOP, from, to }, options);
  if (E.isLeft(rows)) throw new Error(JSON.stringify(rows.left));
  return { rows: rows.right, reference: slaCountsByVersion(project(slaResultsProjection, wrapped), SHOP) };
};

describe('SLA results in the report kit (T4/T5)', () => {
  const history = [
    set('1', 1, T0 + 30 * MINUTE),
    set('2', 1, T0 + 30 * MINUTE),
    stopped('1', 'response', 'met', 1, T0 + 10 * MINUTE),
    set('1', 2, T0 + 20 * MINUTE, T0 + 15 * MINUTE),
    set('2', 2, T0 + 20 * MINUTE, T0 + 15 * MINUTE),
    breached('2', 'response', 2, T0 + 20 * MINUTE),
    stopped('2', 'response', 'breached', 2, T0 + 25 * MINUTE),
    stopped('1', 'resolution', 'met', 2, T0 + 26 * MINUTE),
  ];

  it('T4: achieved, breached and running per policy version, with the achieved rate', () => {
    const { rows } = rowsOf(history);
    // Version 1: ticket 1's response met. Version 2: ticket 1's resolution met, ticket 2's response breached, its resolution running.
    expect(rows).toEqual([
      { policyId: 'p1', version: 1, achieved: 1, breached: 0, running: 0, achievedRate: 1 },
      { policyId: 'p1', version: 2, achieved: 1, breached: 1, running: 1, achievedRate: 0.5 },
    ]);
  });

  it('T4: a range without the decision day counts no result, only what runs now', () => {
    const { rows } = rowsOf(history, '2000-01-01', '2000-01-02');
    expect(rows.map((r) => [r.version, r.achieved, r.breached, r.running, r.achievedRate])).toEqual([
      [1, 0, 0, 0, null],
      [2, 0, 0, 1, null],
    ]);
  });

  test.prop([fc.array(fc.tuple(fc.constantFrom('1', '2', '3'), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 50 })), { maxLength: 25 })])(
    'T4: over the whole range the counts equal the tickets read model (slaCountsByVersion)',
    (steps) => {
      const events: TicketEvent[] = steps.map(([ticket, kind, version, minute], i) => {
        const at = T0 + (i + minute) * MINUTE;
        if (kind === 0) return set(ticket, version, at + 30 * MINUTE, at);
        if (kind === 1) return stopped(ticket, 'response', minute % 2 === 0 ? 'met' : 'breached', version, at);
        if (kind === 2) return breached(ticket, 'resolution', version, at);
        return stopped(ticket, 'resolution', 'met', version, at);
      });
      const { rows, reference } = rowsOf(events, '2000-01-01', '2100-01-01');
      expect(rows.map(({ policyId, version, achieved, breached: b, running }) => ({ policyId, version, achieved, breached: b, running })).filter((r) => r.achieved + r.breached + r.running > 0)).toEqual(reference);
    },
  );
});
