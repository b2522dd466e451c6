/**
 * Decider tests (given events, when a command, then events, on the pure desk
 * decider): the queue's order (R10), auto-dequeue (R11) and manual picks (R12,
 * R13), grouped by the desk they start from; and R14's smart switch, a pure
 * function. What agents see of the queue (the queue view, a projection) is in
 * views.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../../src/domain/desk/deskEvents.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { drawsFromSeed } from '../../../src/domain/seededDraws.js';
import type { RoutingSettingsPatch } from '../../../src/routing/settings.js';
import { smartSwitch } from '../../../src/routing/smartSwitch.js';
import { deskCommand } from '../../../src/testing/deskCommand.js';
import { designated, standing } from '../../../src/testing/deskDecisions.js';
import {
  agentBusy,
  agentRegistered,
  channelRuleSet,
  coAgentAdded,
  groupCreated,
  onlineAgent,
  routingConfigured,
  sessionAssigned,
  sessionEnded,
  sessionQueued,
  T0,
} from '../../../src/testing/deskHistory.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { scenario } from '../../../src/testing/scenario.js';

const theDesk = scenario(deskModule.decider);
const d = desk('shop-1');

/** a1 (max 1) is full with s1 since T0; s2, s3, s4 (customers c1, c2, c3; c2 a VIP) queued a second apart. */
const fullDesk = (settings: RoutingSettingsPatch = {}): DeskEvent[] => [
  routingConfigured({ stickyRecentContact: false, ...settings }),
  ...onlineAgent('a1', { maxSessions: 1 }),
  sessionAssigned('s1', 'a1', { customerId: 'c0' }),
  sessionQueued('s2', { customerId: 'c1', at: T0 + 1000 }),
  sessionQueued('s3', { customerId: 'c2', vip: true, at: T0 + 2000 }),
  sessionQueued('s4', { customerId: 'c3', at: T0 + 3000 }),
];
const assignedTo = (agentId: string, ...sessions: string[]) =>
  sessions.map((sessionId) => ({ type: 'SessionAssigned' as const, data: { sessionId, agentId, via: 'queue' as const } }));

describe('one agent full, three sessions waiting', () => {
  it('R10/R11: serves the earliest first by default (FIFO) when a session ends, saying what freed the slot and how long it waited', () => {
    theDesk
      .given(...fullDesk({ vipFirst: false }))
      .when(deskCommand(d.end({ sessionId: 's1' }), { now: T0 + 10_000 }))
      .then(
        sessionEnded('s1', ['a1'], { reason: 'system', at: T0 + 10_000 }),
        sessionAssigned('s2', 'a1', {
          customerId: 'c1',
          via: 'queue',
          queuedAt: T0 + 1000,
          decision: designated('dequeue', standing('a1', { maxSessions: 1, lastAssignedAt: T0 }), { trigger: 'session-ended', waitedMs: 9000 }),
          at: T0 + 10_000,
        }),
      );
  });

  it('R10: serves the latest first when set to LIFO', () => {
    theDesk
      .given(...fullDesk({ vipFirst: false, queueOrder: 'lifo' }))
      .when(deskCommand(d.end({ sessionId: 's1' })))
      .thenMatch({ type: 'SessionEnded' }, ...assignedTo('a1', 's4'));
  });

  it('R10: lets VIP customers jump ahead when enabled', () => {
    theDesk
      .given(...fullDesk({ vipFirst: true }))
      .when(deskCommand(d.end({ sessionId: 's1' })))
      .thenMatch({ type: 'SessionEnded' }, ...assignedTo('a1', 's3'));
  });

  it('R10: re-sorts the waiting sessions when the order changes', () => {
    theDesk
      .given(...fullDesk({ vipFirst: true }), routingConfigured({ stickyRecentContact: false, vipFirst: false, queueOrder: 'lifo' }))
      .when(deskCommand(d.end({ sessionId: 's1' })))
      .thenMatch({ type: 'SessionEnded' }, ...assignedTo('a1', 's4'));
  });

  it('R11: takes the next one when its max is raised', () => {
    theDesk
      .given(...fullDesk({ vipFirst: false }))
      .when(deskCommand(d.setMax('a1', 2)))
      .thenMatch(
        { type: 'AgentMaxSessionsChanged', data: { from: 1, to: 2 } },
        { type: 'SessionAssigned', data: { sessionId: 's2', agentId: 'a1', via: 'queue', decision: { step: 'dequeue', trigger: 'max-raised' } } },
      );
  });

  it('R11: gives the next one to an agent coming online', () => {
    theDesk
      .given(...fullDesk({ vipFirst: false }), agentRegistered('a2', { maxSessions: 1 }))
      .when(deskCommand(d.online('a2')))
      .thenMatch({ type: 'AgentStatusChanged', data: { agentId: 'a2', to: 'online' } }, ...assignedTo('a2', 's2'));
  });
});

describe('one agent full, six sessions waiting, a second agent offline', () => {
  const history = (maxSessions: number) => [
    routingConfigured({ stickyRecentContact: false }),
    ...onlineAgent('a1', { maxSessions: 1 }),
    sessionAssigned('s1', 'a1'),
    ...['s2', 's3', 's4', 's5', 's6', 's7'].map((id) => sessionQueued(id)),
    agentRegistered('a2', { maxSessions }),
  ];
  const online = { type: 'AgentStatusChanged' as const, data: { agentId: 'a2', to: 'online' as const } };

  it('R11: lets the agent going online take N sessions at once', () => {
    theDesk
      .given(...history(10))
      .when(deskCommand(d.online('a2', 3)))
      .thenMatch(online, ...assignedTo('a2', 's2', 's3', 's4'));
  });

  it('R11: without N, fills its free slots: everything left when it has room', () => {
    theDesk
      .given(...history(10))
      .when(deskCommand(d.online('a2')))
      .thenMatch(online, ...assignedTo('a2', 's2', 's3', 's4', 's5', 's6', 's7'));
  });

  it('R11: without N, fills its free slots only', () => {
    theDesk
      .given(...history(4))
      .when(deskCommand(d.online('a2')))
      .thenMatch(online, ...assignedTo('a2', 's2', 's3', 's4', 's5'));
  });
});

describe('two agents full, one session waiting', () => {
  // a1 (max 1) has s1; a2 (max 1) has w1; w2 waits for anyone.
  const history = [
    routingConfigured({ stickyRecentContact: false }),
    ...onlineAgent('a1', { maxSessions: 1 }),
    ...onlineAgent('a2', { maxSessions: 1 }),
    sessionAssigned('s1', 'a1', { customerId: 'c0' }),
    sessionAssigned('w1', 'a2', { customerId: 'c1' }),
    sessionQueued('w2', { customerId: 'c2' }),
  ];

  it('R11: the queue takes the slot a transfer frees', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.transfer({ sessionId: 's1', toAgentId: 'a2' })))
      .thenMatch(
        { type: 'SessionTransferred', data: { sessionId: 's1', from: 'a1', to: 'a2' } },
        { type: 'SessionAssigned', data: { sessionId: 'w2', agentId: 'a1', via: 'queue', decision: { trigger: 'transferred-away' } } },
      );
  });
});

describe('an invited agent full, one session waiting', () => {
  it('R11: the queue takes the slot a leaving co-agent frees', () => {
    theDesk
      .given(
        ...onlineAgent('a1', { maxSessions: 1 }),
        ...onlineAgent('a2', { maxSessions: 1 }),
        sessionAssigned('s1', 'a1'),
        coAgentAdded('s1', 'a2'),
        sessionQueued('w2'),
      )
      .when(deskCommand(d.leave({ sessionId: 's1', agentId: 'a2' })))
      .thenMatch(
        { type: 'CoAgentLeft', data: { sessionId: 's1', agentId: 'a2' } },
        { type: 'SessionAssigned', data: { sessionId: 'w2', agentId: 'a2', via: 'queue', decision: { trigger: 'co-agent-left' } } },
      );
  });
});

describe('everyone busy, one session waiting for group g2 and one for anyone', () => {
  // x1 is in g1, x2 in g2 (full with s1), boss an admin; the app channel is pinned to g2.
  const history = [
    groupCreated('g1'),
    groupCreated('g2'),
    agentRegistered('boss', { role: 'admin' }),
    agentBusy('boss', { from: 'offline' }),
    agentRegistered('x1', { groups: ['g1'] }),
    agentBusy('x1', { from: 'offline' }),
    ...onlineAgent('x2', { groups: ['g2'], maxSessions: 1 }),
    routingConfigured({ pinningEnabled: true, stickyRecentContact: false }),
    channelRuleSet('app', { groups: ['g2'] }),
    sessionAssigned('s1', 'x2', { customerId: 'c0', channel: 'app', via: 'channel-pin' }),
    agentBusy('x2'),
    sessionQueued('s2', { customerId: 'c1', channel: 'app', target: { kind: 'pool', groups: ['g2'], agents: [] }, via: 'channel-pin' }),
    sessionQueued('s3', { customerId: 'c2' }),
  ];

  it('R12/R13: lets an agent pick what waits for anyone, not what waits for another group', () => {
    const x1 = d.asAgent('x1');
    theDesk.given(...history).when(deskCommand(x1.pick({ sessionId: 's2', agentId: 'x1' }))).thenFails('queue.not-visible');
    theDesk
      .given(...history)
      .when(deskCommand(x1.pick({ sessionId: 's3', agentId: 'x1' })))
      .thenMatch({ type: 'SessionAssigned', data: { sessionId: 's3', agentId: 'x1', via: 'manual-pick', decision: { trigger: 'picked by x1' } } });
  });

  it('R12/R13: lets an admin pick from every lane, once', () => {
    const picked = sessionAssigned('s2', 'boss', {
      customerId: 'c1',
      channel: 'app',
      via: 'manual-pick',
      queuedAt: T0,
      decision: designated('manual-pick', 'boss', { trigger: 'picked by boss', waitedMs: 0 }),
    });
    theDesk
      .given(...history)
      .when(deskCommand(d.asAgent('boss').pick({ sessionId: 's2', agentId: 'boss' })))
      .then(picked);
    theDesk.given(...history, picked).when(deskCommand(d.pick({ sessionId: 's2', agentId: 'boss' }))).thenFails('queue.not-queued');
  });
});

describe('R14 smart switch (a pure function)', () => {
  const draws = () => drawsFromSeed(3);
  it('answers VIP first, then the longest waiting, then the most unreplied', () => {
    const sessions = [
      { sessionId: 'old', vip: false, waitingSince: 100, unreplied: 1 },
      { sessionId: 'vip', vip: true, waitingSince: 900, unreplied: 1 },
      { sessionId: 'noisy', vip: false, waitingSince: 100, unreplied: 7 },
    ];
    expect(smartSwitch(sessions, draws())).toBe('vip');
    expect(smartSwitch(sessions.slice(0, 1).concat(sessions.slice(2)), draws())).toBe('noisy');
    expect(smartSwitch([{ sessionId: 'answered', vip: false, unreplied: 0 }, { sessionId: 'waiting', vip: false, waitingSince: 5, unreplied: 1 }], draws())).toBe('waiting');
    expect(smartSwitch([], draws())).toBeUndefined();
  });

  it('draws among sessions still tied, the same way for the same seed', () => {
    const tied = ['a', 'b', 'c', 'd'].map((sessionId) => ({ sessionId, vip: false, waitingSince: 1, unreplied: 2 }));
    const picks = new Set(Array.from({ length: 40 }, (_, seed) => smartSwitch(tied, drawsFromSeed(seed))));
    expect(picks.size).toBeGreaterThan(1);
    expect(smartSwitch(tied, drawsFromSeed(5))).toBe(smartSwitch(tied, drawsFromSeed(5)));
  });
});
