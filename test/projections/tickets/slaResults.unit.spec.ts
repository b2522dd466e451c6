/** T4/T5: the SLA results report, per ticket clock and per policy and version. */
import { describe, expect, it } from 'vitest';
import { project } from '../../../src/projections/projection.js';
import { slaCountsByVersion, slaResultsOf, slaResultsProjection } from '../../../src/projections/slaResults.js';
import type { SlaClock } from '../../../src/tickets/settings/ticketSettingsTypes.js';
import type { TicketEvent } from '../../../src/tickets/ticket/ticketTypes.js';
import { envelopes, MINUTE, SHOP, slaRecord, T0 } from './ticketEnvelopes.js';

const set = (ticketId: string, version: number, policyId: string, due: number, at = T0): TicketEvent => ({
  type: 'TicketSlaSet',
  data: { ticketId, sla: slaRecord(version, policyId, due, due + 60 * MINUTE), reason: version === 1 ? 'created' : 'recomputed', at },
});
const stopped = (ticketId: string, clock: SlaClock, result: 'met' | 'breached', version: number, policyId: string, at: number): TicketEvent => ({
  type: 'TicketSlaClockStopped',
  data: { ticketId, clock, result, elapsedSeconds: (at - T0) / 1000, dueAt: T0 + 30 * MINUTE, version, policyId, policyRevision: 1, at },
});
const breached = (ticketId: string, clock: SlaClock, version: number, at: number): TicketEvent => ({ type: 'TicketSlaBreached', data: { ticketId, clock, dueAt: at, version, nextAt: null, at } });

describe('SLA results report (T4/T5)', () => {
  const { wrap } = envelopes();
  const events = [
    wrap(set('1', 1, 'p1', T0 + 30 * MINUTE)),
    wrap(set('2', 1, 'p1', T0 + 30 * MINUTE)),
    wrap(stopped('1', 'response', 'met', 1, 'p1', T0 + 10 * MINUTE)),
    // Version 2 in force: the running clocks move to it, the stopped one keeps version 1.
    wrap(set('1', 2, 'p1', T0 + 20 * MINUTE, T0 + 15 * MINUTE)),
    wrap(set('2', 2, 'p1', T0 + 20 * MINUTE, T0 + 15 * MINUTE)),
    wrap(breached('2', 'response', 2, T0 + 20 * MINUTE)),
    wrap(stopped('2', 'response', 'breached', 2, 'p1', T0 + 25 * MINUTE)),
    wrap(stopped('1', 'resolution', 'met', 2, 'p1', T0 + 26 * MINUTE)),
  ];
  const state = project(slaResultsProjection, events);

  it('T5: per ticket per clock: policy, revision, version, due, stopped at, result or running', () => {
    expect(slaResultsOf(state, SHOP, '1')).toEqual([
      { ticketId: '1', clock: 'response', policyId: 'p1', policyRevision: 1, version: 1, dueAt: T0 + 30 * MINUTE, result: 'met', stoppedAt: T0 + 10 * MINUTE, elapsedSeconds: 600 },
      { ticketId: '1', clock: 'resolution', policyId: 'p1', policyRevision: 1, version: 2, dueAt: T0 + 30 * MINUTE, result: 'met', stoppedAt: T0 + 26 * MINUTE, elapsedSeconds: 1560 },
    ]);
    const two = slaResultsOf(state, SHOP, '2');
    expect(two.map((r) => [r.clock, r.version, r.result, r.breachedAt])).toEqual([
      ['response', 2, 'breached', T0 + 20 * MINUTE],
      ['resolution', 2, 'running', undefined],
    ]);
    expect(two[1]!.dueAt).toBe(T0 + 80 * MINUTE);
  });

  it('T4: counts per policy and version say which version each result was measured under', () => {
    expect(slaCountsByVersion(state, SHOP)).toEqual([
      { policyId: 'p1', version: 1, achieved: 1, breached: 0, running: 0 },
      { policyId: 'p1', version: 2, achieved: 1, breached: 1, running: 1 },
    ]);
    expect(slaCountsByVersion(state, SHOP, 'p9')).toEqual([]);
  });

  it('T4: a running clock past its breach counts as breached; a clear drops running clocks and keeps stopped ones', () => {
    const more = project(slaResultsProjection, [wrap(breached('2', 'resolution', 2, T0 + 90 * MINUTE))], state);
    expect(slaCountsByVersion(more, SHOP).find((c) => c.version === 2)).toEqual({ policyId: 'p1', version: 2, achieved: 1, breached: 2, running: 1 });
    const cleared = project(slaResultsProjection, [wrap({ type: 'TicketSlaCleared', data: { ticketId: '2', reason: 'type-changed', version: 3, at: T0 + 95 * MINUTE } })], more);
    expect(slaResultsOf(cleared, SHOP, '2').map((r) => [r.clock, r.result])).toEqual([['response', 'breached']]);
    expect(slaCountsByVersion(cleared, SHOP).find((c) => c.version === 2)).toEqual({ policyId: 'p1', version: 2, achieved: 1, breached: 1, running: 0 });
  });

  it('T5: a second stop of a clock and events of unknown tickets change nothing', () => {
    const again = project(slaResultsProjection, [wrap(stopped('1', 'response', 'breached', 3, 'p1', T0 + 99 * MINUTE)), wrap(breached('zz', 'response', 1, T0))], state);
    expect(slaResultsOf(again, SHOP, '1')).toEqual(slaResultsOf(state, SHOP, '1'));
    expect(slaCountsByVersion(again, SHOP)).toEqual(slaCountsByVersion(state, SHOP));
    expect(slaResultsOf(again, SHOP, 'zz')).toEqual([]);
  });
});
