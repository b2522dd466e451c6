/**
 * Decider tests (given events, when a command, then events, on the pure desk
 * decider): agents' statuses, capacity, groups, admins, lifecycle and
 * permissions, grouped by the desk they start from. What only the engine shows
 * (the agent board, the decoding of bad input) is in views.unit.spec.ts and
 * badInput.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { isOverCapacity } from '../../../src/routing/eligibility.js';
import { deskCommand } from '../../../src/testing/deskCommand.js';
import { designated, standing } from '../../../src/testing/deskDecisions.js';
import {
  agentBusy,
  agentEnabledChanged,
  agentLifecycleChanged,
  agentMaxSessionsChanged,
  agentOffline,
  agentOnline,
  agentRegistered,
  agentRoleChanged,
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

describe('an agent registered, offline', () => {
  const history = [agentRegistered('a1')];

  it('A6: records when it comes online, for the attendance clock', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.online('a1'), { now: T0 + 60_000 }))
      .then(agentOnline('a1', { at: T0 + 60_000 }));
  });

  it('A6: records when it then goes busy, and keeps the time as the status\'s start', () => {
    const state = theDesk
      .given(...history, agentOnline('a1', { at: T0 + 60_000 }))
      .when(deskCommand(d.busy('a1'), { now: T0 + 90_000 }))
      .then(agentBusy('a1', { at: T0 + 90_000 }));
    const agent = state.agents.get('a1')!;
    expect([agent.status, agent.statusSince]).toEqual(['busy', T0 + 90_000]);
  });
});

describe('an agent online with room', () => {
  const history = [...onlineAgent('a1', { maxSessions: 2 }), sessionAssigned('s1', 'a1', { customerId: 'c1' })];

  it('A1: treats a repeated status as nothing to do', () => {
    theDesk.given(...history).when(deskCommand(d.online('a1'))).thenNothing();
  });

  it('A2: gives it new sessions while it is under max', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.open({ sessionId: 's2', customerId: 'c2', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionAssigned', data: { sessionId: 's2', agentId: 'a1', via: 'base-mode' } });
  });

  it('P1: lets the agent change its own status and max', () => {
    const a1 = d.asAgent('a1');
    theDesk.given(...history).when(deskCommand(a1.busy('a1'))).then(agentBusy('a1'));
    theDesk.given(...history).when(deskCommand(a1.setMax('a1', 9))).then(agentMaxSessionsChanged('a1', 2, 9));
  });
});

describe('two agents online, one of them busy with a session', () => {
  // Round robin would pick a1 next (it has waited longest since its last session), were it online.
  const history = [
    ...onlineAgent('a1'),
    ...onlineAgent('a2'),
    sessionAssigned('s1', 'a1', { customerId: 'c1' }),
    sessionAssigned('s2', 'a2', { customerId: 'c2' }),
    sessionAssigned('s3', 'a2', { customerId: 'c3' }),
    agentBusy('a1'),
  ];

  it('A1: gives new sessions to the online agent only', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.open({ sessionId: 's4', customerId: 'c4', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionAssigned', data: { sessionId: 's4', agentId: 'a2' } });
  });

  it('P1/P2: does not let an agent change settings, its capability or another agent\'s status', () => {
    const a2 = d.asAgent('a2');
    for (const input of [a2.configure({ baseMode: 'random' }), a2.setCapability({ agentId: 'a2', capability: 99 }), a2.online('a1')]) {
      theDesk.given(...history).when(deskCommand(input)).thenFails('actor.not-allowed');
    }
  });
});

describe('an agent going busy with its session', () => {
  it('A1: keeps the session with it (busy answers its sessions; only new ones pass it by)', () => {
    const state = theDesk
      .given(...onlineAgent('a1'), sessionAssigned('s1', 'a1'))
      .when(deskCommand(d.busy('a1')))
      .then(agentBusy('a1'));
    expect(state.sessions.get('s1')?.owner).toBe('a1');
  });
});

describe('every agent busy or offline', () => {
  it('A1: queues a new session for anyone', () => {
    theDesk
      .given(...onlineAgent('a1'), agentBusy('a1'), agentRegistered('a2'))
      .when(deskCommand(d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's1', target: { kind: 'any' }, via: 'no-agent' } });
  });
});

describe('an agent at max', () => {
  it('A2: is skipped by auto-assignment: the next session queues', () => {
    theDesk
      .given(...onlineAgent('a1', { maxSessions: 2 }), sessionAssigned('s1', 'a1'), sessionAssigned('s2', 'a1'))
      .when(deskCommand(d.open({ sessionId: 's3', customerId: 'c3', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's3' } });
  });

  it('A2: may have its max lowered below its load, and is then over capacity', () => {
    const state = theDesk
      .given(...onlineAgent('a1', { maxSessions: 3 }), sessionAssigned('s1', 'a1'), sessionAssigned('s2', 'a1'), sessionAssigned('s3', 'a1'))
      .when(deskCommand(d.setMax('a1', 1)))
      .then(agentMaxSessionsChanged('a1', 3, 1));
    expect(isOverCapacity(state.agents.get('a1')!)).toBe(true);
  });
});

describe('an agent over capacity (three sessions, max 1), one session waiting', () => {
  const history = [
    ...onlineAgent('a1', { maxSessions: 3 }),
    sessionAssigned('s1', 'a1'),
    sessionAssigned('s2', 'a1'),
    sessionAssigned('s3', 'a1'),
    agentMaxSessionsChanged('a1', 3, 1),
    sessionQueued('s4'),
  ];

  it('A2: assigns it nothing new', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.open({ sessionId: 's5', customerId: 'c5', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's5' } });
  });

  it('A2: stays over capacity while its load is above max, and takes nothing from the queue', () => {
    const state = theDesk.given(...history).when(deskCommand(d.end({ sessionId: 's1' }))).then(sessionEnded('s1', ['a1'], { reason: 'system' }));
    expect([state.agents.get('a1')!.load, isOverCapacity(state.agents.get('a1')!)]).toEqual([2, true]);
  });

  it('A2: is no longer over capacity once load <= max, and still at max the waiting session waits', () => {
    const state = theDesk
      .given(...history, sessionEnded('s1', ['a1']))
      .when(deskCommand(d.end({ sessionId: 's2' })))
      .then(sessionEnded('s2', ['a1'], { reason: 'system' }));
    const agent = state.agents.get('a1')!;
    expect([agent.load, isOverCapacity(agent)]).toEqual([1, false]);
    expect([...state.queue.entries.keys()]).toEqual(['s4']);
  });
});

describe('a shop with groups night and menswear', () => {
  const history = [groupCreated('night'), groupCreated('menswear')];

  it('A3/A4: registers an agent in several groups, with capability 80 by default', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 3, groups: ['night', 'menswear'] })))
      .then(agentRegistered('a1', { groups: ['night', 'menswear'], capability: 80 }));
  });

  it('A3: refuses unknown groups, at registration and later', () => {
    theDesk.given(...history).when(deskCommand(d.registerAgent({ agentId: 'a2', name: 'B', maxSessions: 2, groups: ['ghosts'] }))).thenFails('group.unknown');
    theDesk
      .given(...history, agentRegistered('a1', { groups: ['night', 'menswear'] }))
      .when(deskCommand(d.setGroups({ agentId: 'a1', groups: ['night', 'ghosts'] })))
      .thenFails('group.unknown');
  });
});

describe('an admin and an agent with room for one, admins left out of auto-assignment', () => {
  const history = [routingConfigured({ adminsExcluded: true }), ...onlineAgent('boss', { role: 'admin' }), ...onlineAgent('a1', { maxSessions: 1 })];
  const full = [...history, sessionAssigned('s1', 'a1', { customerId: 'c1' })];

  it('A5: gives the session to the agent, not the admin', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionAssigned', data: { agentId: 'a1' } });
  });

  it('A5: queues the next one rather than give it to the admin', () => {
    theDesk
      .given(...full)
      .when(deskCommand(d.open({ sessionId: 's2', customerId: 'c2', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's2', target: { kind: 'any' } } });
  });

  it('A5: still lets the admin pick from the queue', () => {
    theDesk
      .given(...full, sessionQueued('s2', { customerId: 'c2' }))
      .when(deskCommand(d.asAgent('boss').pick({ sessionId: 's2', agentId: 'boss' })))
      .then(
        sessionAssigned('s2', 'boss', {
          customerId: 'c2',
          via: 'manual-pick',
          queuedAt: T0,
          decision: designated('manual-pick', standing('boss'), { trigger: 'picked by boss', waitedMs: 0 }),
        }),
      );
  });

  it('A5: still lets the admin receive a transfer', () => {
    theDesk
      .given(...full)
      .when(deskCommand(d.transfer({ sessionId: 's1', toAgentId: 'boss' })))
      .thenMatch({ type: 'SessionTransferred', data: { sessionId: 's1', from: 'a1', to: 'boss' } });
  });
});

describe('an admin online while admins are left out, one session waiting', () => {
  it('A5: lets the admin take the queued work once the switch is turned off', () => {
    theDesk
      .given(routingConfigured({ adminsExcluded: true }), ...onlineAgent('boss', { role: 'admin' }), sessionQueued('s1', { customerId: 'c1' }))
      .when(deskCommand(d.configure({ adminsExcluded: false })))
      .thenMatch(
        { type: 'RoutingConfigured', data: { settings: { adminsExcluded: false } } },
        { type: 'SessionAssigned', data: { sessionId: 's1', agentId: 'boss', via: 'queue' } },
      );
  });
});

describe('a pending agent', () => {
  const history = [agentRegistered('p', { lifecycle: 'pending' })];

  it('A7: cannot come online', () => {
    theDesk.given(...history).when(deskCommand(d.online('p'))).thenFails('agent.not-working');
  });

  it('A7: is activated', () => {
    theDesk.given(...history).when(deskCommand(d.activateAgent({ agentId: 'p' }))).then(agentLifecycleChanged('p', 'active'));
  });
});

describe('an active agent online', () => {
  const history = onlineAgent('p');

  it('A7: is taken offline when frozen', () => {
    theDesk.given(...history).when(deskCommand(d.freezeAgent({ agentId: 'p' }))).then(agentLifecycleChanged('p', 'frozen'), agentOffline('p'));
  });

  it('A7: is taken offline when disabled', () => {
    theDesk.given(...history).when(deskCommand(d.disableAgent({ agentId: 'p' }))).then(agentEnabledChanged('p', false), agentOffline('p'));
  });
});

describe('a frozen agent', () => {
  const history = [...onlineAgent('p'), agentLifecycleChanged('p', 'frozen'), agentOffline('p')];

  it('A7: gets no sessions: the customer waits', () => {
    theDesk
      .given(...history)
      .when(deskCommand(d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall' })))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's1' } });
  });

  it('A7: is unfrozen, not activated', () => {
    theDesk.given(...history).when(deskCommand(d.activateAgent({ agentId: 'p' }))).thenFails('agent.frozen');
    theDesk.given(...history).when(deskCommand(d.unfreezeAgent({ agentId: 'p' }))).then(agentLifecycleChanged('p', 'active'));
  });
});

describe('a disabled agent', () => {
  const history = [...onlineAgent('p'), agentEnabledChanged('p', false), agentOffline('p')];

  it('A7: cannot come online until enabled', () => {
    theDesk.given(...history).when(deskCommand(d.online('p'))).thenFails('agent.not-working');
    theDesk.given(...history).when(deskCommand(d.enableAgent({ agentId: 'p' }))).then(agentEnabledChanged('p', true));
  });

  it('A7/P1: may not act', () => {
    theDesk.given(...history).when(deskCommand(d.asAgent('p').online('p'))).thenFails('actor.not-allowed');
  });
});

describe('an enabled agent offline, one session waiting', () => {
  it('A7/R11: takes the waiting customer when it comes online', () => {
    theDesk
      .given(...onlineAgent('p'), agentEnabledChanged('p', false), agentOffline('p'), sessionQueued('s1'), agentEnabledChanged('p', true))
      .when(deskCommand(d.online('p')))
      .thenMatch({ type: 'AgentStatusChanged', data: { agentId: 'p', to: 'online' } }, { type: 'SessionAssigned', data: { sessionId: 's1', agentId: 'p', via: 'queue' } });
  });
});

describe('two agents, one of them made an admin', () => {
  const history = [...onlineAgent('a1'), ...onlineAgent('a2')];

  it('P2: lets the system change an agent\'s role', () => {
    theDesk.given(...history).when(deskCommand(d.setRole({ agentId: 'a2', role: 'admin' }))).then(agentRoleChanged('a2', 'admin'));
  });

  it('P2: lets the admin change the settings', () => {
    theDesk
      .given(...history, agentRoleChanged('a2', 'admin'))
      .when(deskCommand(d.asAgent('a2').configure({ baseMode: 'random' })))
      .then(routingConfigured({ baseMode: 'random' }));
  });
});
