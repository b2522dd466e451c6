/**
 * M17 and M21 over a real engine's log (desk, conversation, review; virtual
 * clock): the events the folds read have the shapes the modules write, the
 * inline fold (event by event as the engine commits) equals a replay of the
 * log decoded by the registry, and the figures come out as computed by hand.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { conversationModule } from '../../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../../src/domain/desk/deskModule.js';
import { reviewModule } from '../../../../src/domain/review/reviewModule.js';
import { createEngine } from '../../../../src/engine.js';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { attendanceReport } from '../../../../src/projections/reports/attendance/attendanceReport.js';
import { liveMonitorReport } from '../../../../src/projections/reports/attendance/liveMonitor.js';
import type { LiveMonitorState } from '../../../../src/projections/reports/attendance/liveMonitorFold.js';
import { queryReport } from '../../../../src/projections/reports/reportKit.js';
import { seededRandom } from '../../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../../src/runtime/virtualClock.js';
import { desk } from '../../../../src/testing/deskInputs.js';
import { readEverything } from '../../../conformance/fixtures.js';
import { engineDriver } from '../../../support/engineDriver.js';
import { ZONE, local } from './attendanceEvents.js';

const SHOP = 'shop-att-engine';
const options = { zone: ZONE };

describe('M17, M21 over a real engine', () => {
  it('M17, M21: attendance and the live monitor from the engine\'s own events; inline equals replay', async () => {
    const start = local('2026-03-10 09:00');
    const clock = virtualClock(start);
    const engine = createEngine({
      modules: [deskModule, conversationModule, reviewModule],
      clock,
      random: seededRandom(3),
      reactor: { mode: 'manual' },
      inlineProjections: [liveMonitorReport.projection(options)],
    });
    const driver = engineDriver(engine, clock);
    const d = desk(SHOP);
    const { moveTo: at, step: run } = driver;
    await run(d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 10 }));
    await run(d.registerAgent({ agentId: 'a2', name: 'A2', maxSessions: 10 }));
    await run(d.online('a1'));
    // 09:00:10 the customer writes; the only agent online gets the session; its reply at 09:00:40 is 30 s later.
    await at(start + 10_000);
    await run({ type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: 'c1' }, data: { sessionId: 's1', messageId: 'm1', customerId: 'c1', content: { kind: 'text', text: 'hi' }, channel: 'web' } });
    await at(start + 40_000);
    await run({ type: 'SendAgentMessage', shopId: SHOP, actor: { kind: 'agent', id: 'a1' }, data: { sessionId: 's1', messageId: 'm2', content: { kind: 'text', text: 'hello' } } });
    // a2 works 09:30-10:00, busy 09:45-09:50; a1 goes busy at 10:00; the queries ask at 10:30.
    await at(local('2026-03-10 09:30'));
    await run(d.online('a2'));
    await at(local('2026-03-10 09:45'));
    await run(d.busy('a2'));
    await at(local('2026-03-10 09:50'));
    await run(d.online('a2'));
    await at(local('2026-03-10 10:00'));
    await run(d.offline('a2'));
    await run(d.busy('a1'));

    const replay = liveMonitorReport.projection(options);
    let state = replay.initialState();
    for (const recorded of await readEverything(engine.store)) {
      const decoded = engine.registry.decodeRecorded(recorded);
      if (E.isLeft(decoded)) throw new Error(JSON.stringify(decoded.left));
      state = replay.apply(state, decoded.right as ProjectedEvent);
    }
    expect(engine.projection<LiveMonitorState>('live-monitor')).toEqual(state);

    const attendance = queryReport(attendanceReport, state.attendance, { shopId: SHOP, from: '2026-03-10', to: '2026-03-10', asOf: local('2026-03-10 10:30') }, options);
    expect(attendance).toEqual(
      E.right([
        // a1: online 09:00-10:00 (3,600 s), busy since 10:00 and still busy at 10:30 (1,800 s): the day is open, no latest offline.
        { agentId: 'a1', day: '2026-03-10', earliestOnline: '09:00:00', latestOffline: null, serviceSec: 5400, onlineSec: 3600, busySec: 1800, offlineSec: 0 },
        // a2: online 09:30-09:45 and 09:50-10:00 (1,500 s), busy 09:45-09:50 (300 s).
        { agentId: 'a2', day: '2026-03-10', earliestOnline: '09:30:00', latestOffline: '10:00:00', serviceSec: 1800, onlineSec: 1500, busySec: 300, offlineSec: 0 },
        { agentId: '(team-average)', day: '2026-03-10', earliestOnline: '09:15:00', latestOffline: '10:00:00', serviceSec: 3600, onlineSec: 2550, busySec: 1050, offlineSec: 0 },
      ]),
    );
    const live = queryReport(liveMonitorReport, state, { shopId: SHOP, from: '2026-03-10', to: '2026-03-10', asOf: local('2026-03-10 10:30') }, options);
    // a1 holds s1, received it today, one pair of 30 s, one assignment over 1.5 h of service.
    expect(E.isRight(live) && live.right[0]).toMatchObject({ agentId: 'a1', status: 'busy', receiving: 1, sessionsToday: 1, avgResponseSecToday: 30, assignmentsPerOnlineHour: 1 / 1.5 });
    expect(E.isRight(live) && live.right[2]).toMatchObject({ agentId: '(shop)', queueLength: 0, receiving: 1 });
  });
});
