/**
 * Decider tests (given events, when a command, then events, on the pure desk
 * decider): transfers to an agent and to a group (S5), invitations and barge-ins
 * (S6), ending sessions (S7) and who may do them (P1), grouped by the desk they
 * start from. The acceptance deadline on the engine's clock is in
 * transferClock.unit.spec.ts and transferDeadlines.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { deskCommand } from '../../../src/testing/deskCommand.js';
import { designated, standing } from '../../../src/testing/deskDecisions.js';
import {
  agentBusy,
  agentRegistered,
  coAgentAdded,
  coAgentLeft,
  groupCreated,
  onlineAgent,
  routingConfigured,
  sessionAssigned,
  sessionEnded,
  sessionTransferred,
  T0,
  transferDeclined,
  transferExpired,
  transferRequested,
} from '../../../src/testing/deskHistory.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { scenario } from '../../../src/testing/scenario.js';

const theDesk = scenario(deskModule.decider);
const d = desk('shop-1');
const HOUR = 3_600_000;

/** alice's session s1 is with a1. */
const alice = sessionAssigned('s1', 'a1', { customerId: 'alice' });

describe('a session with a1, a2 online with room', () => {
  const history = [...onlineAgent('a1'), ...onlineAgent('a2'), alice];

  it("S5: moves the session and the load to a2, and makes a2 the customer's last contact", () => {
    const state = theDesk
      .given(...history)
      .when(deskCommand(d.asAgent('a1').transfer({ sessionId: 's1', toAgentId: 'a2', note: 'knows returns' })))
      .then(sessionTransferred('s1', 'a1', 'a2', { note: 'knows returns', decision: designated('transfer', standing('a2'), { trigger: 'transferred by a1 from a1' }) }));
    expect([state.agents.get('a1')?.load, state.agents.get('a2')?.load]).toEqual([0, 1]);
    expect(state.lastContact.get('alice')?.agentId).toBe('a2');
  });

  it('S6: adds an invited co-agent, who shares the session and its load', () => {
    const state = theDesk
      .given(...history)
      .when(deskCommand(d.asAgent('a1').invite({ sessionId: 's1', agentId: 'a2' })))
      .then(coAgentAdded('s1', 'a2', { by: 'a1' }));
    expect(state.agents.get('a2')?.load).toBe(1);
  });

  it('S7: refuses a second session for the customer while one is at the desk', () => {
    theDesk.given(...history).when(deskCommand(d.open({ sessionId: 'dup', customerId: 'alice', channel: 'app' }))).thenFails('customer.session-active');
  });

  it('S7: lets the customer end it, and their next message starts a new session, with stickiness', () => {
    theDesk.given(...history).when(deskCommand(d.asCustomer('alice').end({ sessionId: 's1' }))).then(sessionEnded('s1', ['a1'], { reason: 'customer-left' }));
    theDesk
      .given(...history, sessionEnded('s1', ['a1'], { reason: 'customer-left' }))
      .when(deskCommand(d.open({ sessionId: 's2', customerId: 'alice', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionAssigned', data: { sessionId: 's2', agentId: 'a1', via: 'sticky' } });
  });
});

describe('a session with a1; a2 busy, a3 offline', () => {
  const history = [...onlineAgent('a1'), ...onlineAgent('a2'), agentRegistered('a3'), alice, agentBusy('a2')];
  const transfer = (data: Parameters<typeof d.transfer>[0]) => theDesk.given(...history).when(deskCommand(d.transfer(data)));

  it('S5: reaches the busy agent', () => {
    transfer({ sessionId: 's1', toAgentId: 'a2' }).thenMatch({ type: 'SessionTransferred', data: { from: 'a1', to: 'a2' } });
  });

  it('S5: refuses an offline agent, the current owner, an unknown agent and no target at all', () => {
    transfer({ sessionId: 's1', toAgentId: 'a3' }).thenFails('transfer.target-unavailable');
    transfer({ sessionId: 's1', toAgentId: 'a1' }).thenFails('transfer.same-agent');
    transfer({ sessionId: 's1', toAgentId: 'nobody' }).thenFails('agent.unknown');
    transfer({ sessionId: 's1' }).thenFails('transfer.target-required');
  });
});

describe('a session with a1, transfers needing acceptance within 30 s', () => {
  it('S5: asks a2 to accept, leaving the session with a1 meanwhile', () => {
    const state = theDesk
      .given(routingConfigured({ transferNeedsAcceptance: true, transferAcceptSeconds: 30 }), ...onlineAgent('a1'), ...onlineAgent('a2'), alice)
      .when(deskCommand(d.transfer({ sessionId: 's1', toAgentId: 'a2' }), { commandId: 'req-1' }))
      .then(transferRequested('s1', 'a1', 'a2', { requestId: 'req-1', expiresAt: T0 + 30_000 }));
    expect(state.sessions.get('s1')?.owner).toBe('a1');
  });
});

describe('a transfer to a2 waiting for its answer (expires at T0 + 30 s)', () => {
  const history = [
    routingConfigured({ transferNeedsAcceptance: true, transferAcceptSeconds: 30 }),
    ...onlineAgent('a1'),
    ...onlineAgent('a2'),
    ...onlineAgent('a3'),
    alice,
    transferRequested('s1', 'a1', 'a2', { requestId: 'req-1', expiresAt: T0 + 30_000 }),
  ];
  const answer = { sessionId: 's1', requestId: 'req-1' };

  it('S5/P1: is answered by a2 only, and no second transfer starts meanwhile', () => {
    theDesk.given(...history).when(deskCommand(d.asAgent('a1').accept(answer))).thenFails('actor.not-allowed');
    theDesk.given(...history).when(deskCommand(d.transfer({ sessionId: 's1', toAgentId: 'a3' }))).thenFails('transfer.pending');
  });

  it('S5: accepted, moves the session to a2', () => {
    const state = theDesk
      .given(...history)
      .when(deskCommand(d.asAgent('a2').accept(answer)))
      .then(sessionTransferred('s1', 'a1', 'a2', { requestId: 'req-1', decision: designated('transfer', 'a2', { trigger: 'accepted a transfer from a1' }) }));
    expect([state.sessions.get('s1')?.owner, state.sessions.get('s1')?.pendingTransfer]).toEqual(['a2', undefined]);
  });

  it('S5: declined, leaves the session where it was', () => {
    const state = theDesk.given(...history).when(deskCommand(d.asAgent('a2').decline(answer))).then(transferDeclined('s1', 'req-1'));
    expect([state.sessions.get('s1')?.owner, state.sessions.get('s1')?.pendingTransfer]).toEqual(['a1', undefined]);
  });

  it('S5: expires at its time, not before, and records the time it expired even when fired late', () => {
    theDesk.given(...history).when(deskCommand(d.expire(answer), { now: T0 + 29_999 })).thenFails('transfer.not-expired');
    theDesk.given(...history).when(deskCommand(d.expire(answer), { now: T0 + 30_000 })).then(transferExpired('s1', 'req-1', { at: T0 + 30_000 }));
    const state = theDesk.given(...history).when(deskCommand(d.expire(answer), { now: T0 + HOUR })).then(transferExpired('s1', 'req-1', { at: T0 + 30_000 }));
    expect([state.sessions.get('s1')?.owner, state.sessions.get('s1')?.pendingTransfer]).toEqual(['a1', undefined]);
  });

  it('S5: refuses an answer after its time, even before the expiry is recorded', () => {
    theDesk.given(...history).when(deskCommand(d.asAgent('a2').accept(answer), { now: T0 + 30_000 })).thenFails('transfer.expired');
  });
});

describe('a transfer to a2 that expired', () => {
  const history = [
    routingConfigured({ transferNeedsAcceptance: true, transferAcceptSeconds: 45 }),
    ...onlineAgent('a1'),
    ...onlineAgent('a2'),
    alice,
    transferRequested('s1', 'a1', 'a2', { requestId: 'req-1', expiresAt: T0 + 45_000 }),
    transferExpired('s1', 'req-1', { at: T0 + 45_000 }),
  ];

  it('S5: can no longer be accepted', () => {
    theDesk.given(...history).when(deskCommand(d.asAgent('a2').accept({ sessionId: 's1', requestId: 'req-1' }), { now: T0 + 50_000 })).thenFails('transfer.unknown');
  });

  it('S5: expiring it again is nothing to do (a deadline fired twice has one effect)', () => {
    theDesk.given(...history).when(deskCommand(d.expire({ sessionId: 's1', requestId: 'req-1' }), { now: T0 + 50_000 })).thenNothing();
  });
});

describe('a session with a1, who shares group returns with r1 and r2 and has waited longest', () => {
  // Round robin would pick a1 (assigned first), but a session never goes back to its owner.
  const history = [
    groupCreated('returns'),
    ...onlineAgent('a1', { groups: ['returns'] }),
    ...onlineAgent('r1', { groups: ['returns'] }),
    ...onlineAgent('r2', { groups: ['returns'] }),
    alice,
    sessionAssigned('s2', 'r1'),
    sessionAssigned('s3', 'r2'),
  ];

  it("S5: lets the group's routing pick the agent, never the current owner", () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.transfer({ sessionId: 's1', toGroupId: 'returns' })))
      .thenMatch({
        type: 'SessionTransferred',
        data: { sessionId: 's1', from: 'a1', to: 'r1', groupId: 'returns', decision: { step: 'transfer', trigger: 'transferred to group returns by system from a1' } },
      });
  });
});

describe("a session with a1, the group's only agent busy", () => {
  const history = [groupCreated('returns'), ...onlineAgent('a1'), ...onlineAgent('r1', { groups: ['returns'], maxSessions: 1 }), alice, agentBusy('r1')];

  it('S5: fails cleanly when no agent of the group can take it (the session stays), or the group is unknown', () => {
    theDesk.given(...history).when(deskCommand(d.transfer({ sessionId: 's1', toGroupId: 'returns' }))).thenFails('transfer.no-agent-available');
    theDesk.given(...history).when(deskCommand(d.transfer({ sessionId: 's1', toGroupId: 'nope' }))).thenFails('group.unknown');
  });
});

describe('a session with a1, a2 invited', () => {
  const history = [...onlineAgent('a1'), ...onlineAgent('a2'), alice, coAgentAdded('s1', 'a2', { by: 'a1' })];

  it('S6: refuses inviting a2 again, and a2 ending the session', () => {
    theDesk.given(...history).when(deskCommand(d.invite({ sessionId: 's1', agentId: 'a2' }))).thenFails('invite.already-in-session');
    theDesk.given(...history).when(deskCommand(d.asAgent('a2').end({ sessionId: 's1' }))).thenFails('actor.not-allowed');
  });

  it('S6: lets a2 leave, freeing its share of the load', () => {
    const state = theDesk.given(...history).when(deskCommand(d.asAgent('a2').leave({ sessionId: 's1', agentId: 'a2' }))).then(coAgentLeft('s1', 'a2'));
    expect(state.agents.get('a2')?.load).toBe(0);
  });

  it('S5/S6: lets a2 take the session over by transfer without counting it twice', () => {
    const state = theDesk
      .given(...history)
      .when(deskCommand(d.transfer({ sessionId: 's1', toAgentId: 'a2' })))
      .thenMatch({ type: 'CoAgentLeft', data: { sessionId: 's1', agentId: 'a2' } }, { type: 'SessionTransferred', data: { from: 'a1', to: 'a2' } });
    expect([state.agents.get('a1')?.load, state.agents.get('a2')?.load]).toEqual([0, 1]);
  });
});

describe('a session with a1 of g1; its lead, another group\'s lead, an admin and a colleague busy', () => {
  const history = [
    groupCreated('g1'),
    groupCreated('g2'),
    ...onlineAgent('a1', { groups: ['g1'] }),
    ...[
      agentRegistered('lead1', { groups: ['g1'], role: 'team-lead' }),
      agentRegistered('lead2', { groups: ['g2'], role: 'team-lead' }),
      agentRegistered('boss', { role: 'admin' }),
      agentRegistered('a2', { groups: ['g1'] }),
    ],
    alice,
    ...['lead1', 'lead2', 'boss', 'a2'].map((id) => agentBusy(id, { from: 'offline' })),
  ];
  const join = (actor: string, agentId: string) => theDesk.given(...history).when(deskCommand(d.asAgent(actor).join({ sessionId: 's1', agentId })));

  it('S6/P1: does not let an agent, another group\'s lead, or a lead on behalf of someone else barge in', () => {
    join('a2', 'a2').thenFails('actor.not-allowed');
    join('lead2', 'lead2').thenFails('actor.not-allowed');
    join('lead1', 'boss').thenFails('actor.not-allowed');
  });

  it('S6: lets the team lead of the group, and an admin, barge in', () => {
    join('lead1', 'lead1').then(coAgentAdded('s1', 'lead1', { via: 'barge-in', by: 'lead1' }));
    const state = theDesk
      .given(...history, coAgentAdded('s1', 'lead1', { via: 'barge-in', by: 'lead1' }))
      .when(deskCommand(d.asAgent('boss').join({ sessionId: 's1', agentId: 'boss' })))
      .then(coAgentAdded('s1', 'boss', { via: 'barge-in', by: 'boss' }));
    expect(state.sessions.get('s1')?.coAgents).toEqual(['lead1', 'boss']);
  });
});

describe('three sessions with a1 and a2 (max 5), a2 invited to one', () => {
  const history = [
    ...onlineAgent('a1', { maxSessions: 5 }),
    ...onlineAgent('a2', { maxSessions: 5 }),
    sessionAssigned('s1', 'a1', { customerId: 'c1' }),
    sessionAssigned('s2', 'a2', { customerId: 'c2' }),
    sessionAssigned('s3', 'a1', { customerId: 'c3' }),
    coAgentAdded('s1', 'a2', { by: 'a1' }),
  ];

  it('S7: ending by the agent frees the owner and the co-agent', () => {
    theDesk.given(...history).when(deskCommand(d.asAgent('a1').end({ sessionId: 's1' }))).then(sessionEnded('s1', ['a1', 'a2'], { reason: 'agent' }));
  });

  it('S7: ends a batch, by the system, with its reason, freeing every slot', () => {
    const state = theDesk
      .given(...history, sessionEnded('s1', ['a1', 'a2']))
      .when(deskCommand(d.endMany({ sessionIds: ['s2', 's3'], reason: 'timeout' })))
      .then(sessionEnded('s2', ['a2'], { reason: 'timeout' }), sessionEnded('s3', ['a1'], { reason: 'timeout' }));
    expect([state.agents.get('a1')?.load, state.agents.get('a2')?.load, state.sessions.size]).toEqual([0, 0, 0]);
  });

  it('S7: refuses a batch with one unknown session, and so ends none of them', () => {
    theDesk.given(...history).when(deskCommand(d.endMany({ sessionIds: ['s2', 'ghost'] }))).thenFails('session.unknown');
  });
});
