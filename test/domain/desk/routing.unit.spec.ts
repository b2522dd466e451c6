/**
 * Decider tests (given events, when a command, then events, on the pure desk
 * decider): who a new session goes to, rule by rule (R1-R3, R6-R9, S12, R15),
 * grouped by the desk it arrives at. R4's and R5's shares over long runs, and
 * R5's use of the engine's seed, are in shares.unit.spec.ts; the decoding of a
 * bad pipeline is in badInput.unit.spec.ts.
 */
import { describe, it } from 'vitest';
import type { DeskEvent } from '../../../src/domain/desk/deskEvents.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { AssignVia } from '../../../src/routing/decision.js';
import { deskCommand } from '../../../src/testing/deskCommand.js';
import { designated, picked, shopScope, standing } from '../../../src/testing/deskDecisions.js';
import {
  agentBusy,
  agentOffline,
  agentOnline,
  channelRuleSet,
  customerBlacklisted,
  customerPinned,
  groupCreated,
  onlineAgent,
  routingConfigured,
  sessionAssigned,
  sessionDiverted,
  sessionEnded,
  sessionQueued,
  T0,
} from '../../../src/testing/deskHistory.js';
import { desk } from '../../../src/testing/deskInputs.js';
import { scenario } from '../../../src/testing/scenario.js';

const theDesk = scenario(deskModule.decider);
const d = desk('shop-1');
const DAY = 86_400_000;

const open = (sessionId: string, customerId: string, extra: { channel?: string; requestedAgentId?: string; keywordReplied?: boolean } = {}) =>
  deskCommand(d.open({ sessionId, customerId, channel: extra.channel ?? 'web-mall', ...extra }));
/** The session went to `agentId` by `via`. */
const goesTo = (sessionId: string, agentId: string, via: AssignVia) => ({ type: 'SessionAssigned' as const, data: { sessionId, agentId, via } });

/** alice was served by a1 (and the session ended); round robin would give a newcomer a2. */
const servedBefore = (at = T0): DeskEvent[] => [sessionAssigned('s0', 'a1', { customerId: 'alice', at }), sessionEnded('s0', ['a1'], { at })];

describe('three agents online, a returning customer served last by a1', () => {
  it('R1: sends the customer back to a1, saying when a1 served them', () => {
    theDesk
      .given(...onlineAgent('a1'), ...onlineAgent('a2'), ...onlineAgent('a3'), ...servedBefore())
      .when(open('s1', 'alice'))
      .then(
        sessionAssigned('s1', 'a1', {
          customerId: 'alice',
          via: 'sticky',
          decision: designated('sticky', standing('a1', { lastAssignedAt: T0 }), { trigger: `served this customer last, at ${new Date(T0).toISOString()}` }),
        }),
      );
  });

  it('R1: is switched off by the setting', () => {
    theDesk
      .given(routingConfigured({ stickyRecentContact: false }), ...onlineAgent('a1'), ...onlineAgent('a2'), ...servedBefore())
      .when(open('s1', 'alice'))
      .thenMatch(goesTo('s1', 'a2', 'base-mode'));
  });
});

describe('two agents with room for one each, a returning customer served last by a1', () => {
  const agents = [routingConfigured({ stickyWindowDays: 30 }), ...onlineAgent('a1', { maxSessions: 1 }), ...onlineAgent('a2', { maxSessions: 1 })];

  it('R1: falls back to the base mode when a1 is away', () => {
    theDesk
      .given(...agents, ...servedBefore(), agentOffline('a1'))
      .when(open('s1', 'alice'))
      .thenMatch(goesTo('s1', 'a2', 'base-mode'));
  });

  it('R1: falls back to the base mode when a1 is full', () => {
    theDesk
      .given(...agents, ...servedBefore(), sessionAssigned('s9', 'a1', { customerId: 'bob' }))
      .when(open('s1', 'alice'))
      .thenMatch(goesTo('s1', 'a2', 'base-mode'));
  });

  it('R1: falls back to the base mode when the contact is older than the window', () => {
    theDesk
      .given(...agents, ...servedBefore(T0 - 31 * DAY))
      .when(open('s1', 'alice'))
      .thenMatch(goesTo('s1', 'a2', 'base-mode'));
  });
});

describe('least load: big (max 10) and small (max 2) online', () => {
  const agents = [routingConfigured({ baseMode: 'least-load', stickyRecentContact: false }), ...onlineAgent('big', { maxSessions: 10 }), ...onlineAgent('small', { maxSessions: 2 })];
  const load = (...owners: string[]) => owners.map((agentId, i) => sessionAssigned(`old${i}`, agentId));
  const eligible = [shopScope({ eligible: 2 })];

  it('R2: with neither assigned yet, ties 0/10 and 0/2, and the tie goes by id', () => {
    theDesk
      .given(...agents)
      .when(open('s1', 'c1'))
      .then(
        sessionAssigned('s1', 'big', {
          customerId: 'c1',
          mode: 'least-load',
          decision: picked('base-mode', {
            mode: 'least-load',
            chosen: standing('big', { maxSessions: 10 }),
            runnersUp: [standing('small', { maxSessions: 2 })],
            scopes: eligible,
            tieBreak: 'agent-id',
          }),
        }),
      );
  });

  it('R2: picks the smallest ratio: 0/2 before 1/10, and 1/10 before 1/2', () => {
    theDesk
      .given(...agents, ...load('big'))
      .when(open('s1', 'c1'))
      .thenMatch({ type: 'SessionAssigned', data: { agentId: 'small', decision: { tieBreak: 'key' } } });
    // small at 1/2; big at 1/10 to 4/10 stays below it.
    for (const more of [0, 1, 2, 3]) {
      theDesk
        .given(...agents, ...load('big', 'small', ...Array<string>(more).fill('big')))
        .when(open('s1', 'c1'))
        .thenMatch({ type: 'SessionAssigned', data: { agentId: 'big', decision: { chosen: { load: 1 + more }, tieBreak: 'key' } } });
    }
  });

  it('R2: at 5/10 against 1/2, a tie, gives it to the agent idle longest', () => {
    theDesk
      .given(...agents, ...load('big', 'small', 'big', 'big', 'big', 'big'))
      .when(open('s1', 'c1'))
      .then(
        sessionAssigned('s1', 'small', {
          customerId: 'c1',
          mode: 'least-load',
          decision: picked('base-mode', {
            mode: 'least-load',
            chosen: standing('small', { load: 1, maxSessions: 2, lastAssignedAt: T0 }),
            runnersUp: [standing('big', { load: 5, maxSessions: 10, lastAssignedAt: T0 })],
            scopes: eligible,
            tieBreak: 'idle-longest',
          }),
        }),
      );
  });
});

describe('round robin: three agents online the same time', () => {
  const agents = [...onlineAgent('a1', { maxSessions: 10 }), ...onlineAgent('a2', { maxSessions: 10 }), ...onlineAgent('a3', { maxSessions: 10 })];

  it('R3: deals sessions in turn', () => {
    const deal = ['a1', 'a2', 'a3', 'a1', 'a2', 'a3'];
    deal.forEach((agentId, i) => {
      const dealt = deal.slice(0, i).map((owner, j) => sessionAssigned(`s${j}`, owner));
      theDesk.given(...agents, ...dealt).when(open(`s${i}`, `c${i}`)).thenMatch(goesTo(`s${i}`, agentId, 'base-mode'));
    });
  });
});

describe('a channel pinned to a group: w1 and w2 (max 1) in wechat-team, x1 outside', () => {
  const rule = [
    groupCreated('wechat-team'),
    ...onlineAgent('w1', { groups: ['wechat-team'], maxSessions: 1 }),
    ...onlineAgent('w2', { groups: ['wechat-team'], maxSessions: 1 }),
    ...onlineAgent('x1', { maxSessions: 5 }),
    routingConfigured({ pinningEnabled: true, stickyRecentContact: false }),
    channelRuleSet('wechat-oa', { groups: ['wechat-team'] }),
  ];
  const w1Full = sessionAssigned('s1', 'w1', { customerId: 'c1', channel: 'wechat-oa', via: 'channel-pin' });

  it('R6: sends the channel to its group, with the base mode inside the group', () => {
    theDesk.given(...rule).when(open('s1', 'c1', { channel: 'wechat-oa' })).thenMatch(goesTo('s1', 'w1', 'channel-pin'));
    theDesk.given(...rule, w1Full).when(open('s2', 'c2', { channel: 'wechat-oa' })).thenMatch(goesTo('s2', 'w2', 'channel-pin'));
  });

  it('R6: leaves other channels to the base mode, outside the group when it is full', () => {
    const w2Full = sessionAssigned('s2', 'w2', { customerId: 'c2', channel: 'wechat-oa', via: 'channel-pin' });
    theDesk.given(...rule, w1Full, w2Full).when(open('s3', 'c3')).thenMatch(goesTo('s3', 'x1', 'base-mode'));
  });

  it('R6/R13: queues for the group when its agents are online but full or busy, though x1 has room', () => {
    theDesk
      .given(...rule, w1Full, agentBusy('w2'))
      .when(open('s2', 'c2', { channel: 'wechat-oa' }))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's2', target: { kind: 'pool', groups: ['wechat-team'], agents: [] }, via: 'channel-pin' } });
  });

  it('R6/R11: gives the waiting session to the group\'s agent coming back online', () => {
    const waiting = sessionQueued('s2', { customerId: 'c2', channel: 'wechat-oa', target: { kind: 'pool', groups: ['wechat-team'], agents: [] }, via: 'channel-pin' });
    theDesk
      .given(...rule, w1Full, agentBusy('w2'), waiting)
      .when(deskCommand(d.online('w2')))
      .thenMatch({ type: 'AgentStatusChanged', data: { agentId: 'w2', to: 'online' } }, goesTo('s2', 'w2', 'queue'));
  });

  it('R6: falls back to other online agents when none of the group is online', () => {
    theDesk
      .given(...rule, agentOffline('w1'), agentOffline('w2'))
      .when(open('s1', 'c1', { channel: 'wechat-oa' }))
      .thenMatch(goesTo('s1', 'x1', 'base-mode'));
  });

  it('R6: ignores a rule that is switched off, and every rule when pinning is off', () => {
    theDesk
      .given(...rule, channelRuleSet('wechat-oa', { groups: ['wechat-team'], enabled: false }))
      .when(open('s1', 'c1', { channel: 'wechat-oa' }))
      .thenMatch(goesTo('s1', 'w1', 'base-mode'));
    theDesk
      .given(...rule, routingConfigured({ pinningEnabled: false, stickyRecentContact: false }))
      .when(open('s1', 'c1', { channel: 'wechat-oa' }))
      .thenMatch(goesTo('s1', 'w1', 'base-mode'));
  });

  it('R6: pins a channel to named agents too', () => {
    theDesk
      .given(...rule, channelRuleSet('app', { agents: ['x1'] }))
      .when(open('s1', 'c1', { channel: 'app' }))
      .thenMatch(goesTo('s1', 'x1', 'channel-pin'));
  });
});

describe('a customer pinned to agent mine, two other agents free', () => {
  const pinned = [...onlineAgent('mine'), ...onlineAgent('free1'), ...onlineAgent('free2'), routingConfigured({ pinningEnabled: true }), customerPinned('vip-lucy', 'mine')];
  const waiting = [agentOffline('mine'), sessionQueued('s2', { customerId: 'vip-lucy', target: { kind: 'agent', agentId: 'mine' }, via: 'customer-pin' })];

  it('R7: sends the customer to their agent', () => {
    theDesk
      .given(...pinned)
      .when(open('s1', 'vip-lucy'))
      .then(sessionAssigned('s1', 'mine', { customerId: 'vip-lucy', via: 'customer-pin', decision: designated('customer-pin', 'mine') }));
  });

  it('R7: makes the customer wait for their agent when it is away, though others are free', () => {
    theDesk
      .given(...pinned, agentOffline('mine'))
      .when(open('s2', 'vip-lucy'))
      .thenMatch({ type: 'SessionQueued', data: { sessionId: 's2', target: { kind: 'agent', agentId: 'mine' }, via: 'customer-pin' } });
  });

  it('R7: keeps the customer waiting while free agents come and go, and out of their reach', () => {
    theDesk.given(...pinned, ...waiting, agentOffline('free1')).when(deskCommand(d.online('free1'))).then(agentOnline('free1'));
    theDesk.given(...pinned, ...waiting).when(deskCommand(d.asAgent('free1').pick({ sessionId: 's2', agentId: 'free1' }))).thenFails('queue.not-visible');
  });

  it('R7/R11: gives the customer to their agent when it is back', () => {
    theDesk
      .given(...pinned, ...waiting)
      .when(deskCommand(d.online('mine')))
      .thenMatch({ type: 'AgentStatusChanged', data: { agentId: 'mine', to: 'online' } }, goesTo('s2', 'mine', 'queue'));
  });
});

describe('two agents online, a customer asking for a2', () => {
  const agents = [...onlineAgent('a1'), ...onlineAgent('a2')];

  it('R8: routes normally when the shop does not let customers choose', () => {
    theDesk.given(...agents).when(open('s1', 'c1', { requestedAgentId: 'a2' })).thenMatch(goesTo('s1', 'a1', 'base-mode'));
  });

  it('R8: honours the choice when the shop allows it', () => {
    theDesk
      .given(...agents, routingConfigured({ customerChoice: true }))
      .when(open('s1', 'c1', { requestedAgentId: 'a2' }))
      .thenMatch({ type: 'SessionAssigned', data: { sessionId: 's1', agentId: 'a2', via: 'customer-choice', requestedAgentId: 'a2' } });
  });

  it('R8: routes normally when the chosen agent is offline', () => {
    theDesk
      .given(...agents, routingConfigured({ customerChoice: true }), agentOffline('a2'))
      .when(open('s1', 'c1', { requestedAgentId: 'a2' }))
      .thenMatch(goesTo('s1', 'a1', 'base-mode'));
  });
});

describe('a customer last served by an agent outside the group their channel is pinned to', () => {
  // bob's last contact is `last` (an outreach); the app channel is pinned to group g (pinned, grouped).
  const shop = [
    groupCreated('g'),
    ...onlineAgent('pinned', { groups: ['g'] }),
    ...onlineAgent('grouped', { groups: ['g'] }),
    ...onlineAgent('last'),
    routingConfigured({ pinningEnabled: true }),
    channelRuleSet('app', { groups: ['g'] }),
    sessionAssigned('p1', 'last', { customerId: 'bob', channel: 'app', via: 'proactive' }),
    sessionEnded('p1', ['last']),
  ];

  it('R9: the channel pin beats sticky', () => {
    theDesk.given(...shop).when(open('s1', 'bob', { channel: 'app' })).thenMatch({ type: 'SessionAssigned', data: { via: 'channel-pin' } });
  });

  it('R9: a customer pin beats the channel pin', () => {
    theDesk.given(...shop, customerPinned('bob', 'pinned')).when(open('s1', 'bob', { channel: 'app' })).thenMatch(goesTo('s1', 'pinned', 'customer-pin'));
  });

  it('R9/S12: the blacklist beats everything', () => {
    theDesk
      .given(...shop, customerPinned('bob', 'pinned'), customerBlacklisted('bob'))
      .when(open('s1', 'bob', { channel: 'app' }))
      .then(sessionDiverted('s1', 'blacklisted', { customerId: 'bob', channel: 'app' }));
  });

  it('R9: runs a reordered pipeline as configured: sticky before the channel pin', () => {
    const reordered = shop.map((e) =>
      e.type === 'RoutingConfigured' ? routingConfigured({ pinningEnabled: true, pipeline: ['blacklist', 'sticky', 'channel-pin', 'base-mode'] }) : e,
    );
    theDesk.given(...reordered).when(open('s1', 'bob', { channel: 'app' })).thenMatch(goesTo('s1', 'last', 'sticky'));
  });
});

describe('an agent online, a blacklisted customer, a bypassed channel, keyword replies first', () => {
  const shop = [...onlineAgent('a1'), customerBlacklisted('spammer'), routingConfigured({ bypassChannels: ['wechat-oa'], keywordReplyFirst: true })];

  it('S12: sends the blacklisted customer to leave-a-message mode, not to the agent', () => {
    theDesk.given(...shop).when(open('s1', 'spammer')).then(sessionDiverted('s1', 'blacklisted', { customerId: 'spammer' }));
  });

  it('R15: lets a bypassed channel, and a message a keyword already answered, pass the desk by', () => {
    theDesk.given(...shop).when(open('s2', 'c1', { channel: 'wechat-oa' })).then(sessionDiverted('s2', 'bypassed-channel', { customerId: 'c1', channel: 'wechat-oa' }));
    theDesk
      .given(...shop)
      .when(open('k1', 'c2', { channel: 'app', keywordReplied: true }))
      .then(sessionDiverted('k1', 'keyword-reply', { customerId: 'c2', channel: 'app' }));
  });
});
