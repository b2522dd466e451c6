/**
 * The desk's history builders make events the desk's own codecs read back
 * unchanged: a `given` history built from them is one the log could hold, and an
 * expectation built from them has no field the desk would not write.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { DeskEvent } from '../../src/domain/desk/deskEvents.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createRegistry } from '../../src/domain/registry.js';
import { groupScope, picked, shopScope, standing, waiting } from '../../src/testing/deskDecisions.js';
import * as h from '../../src/testing/deskHistory.js';
import { metadata } from '../conformance/fixtures.js';

const registry = createRegistry([deskModule]);

const readBack = (event: DeskEvent) => {
  const encoded = registry.encodeEvent(event);
  return registry.decodeEvent({ ...encoded, metadata: metadata(), stream: 'routing-shop-1', streamVersion: 1, globalPosition: 1 });
};

const built: readonly DeskEvent[] = [
  h.routingConfigured(),
  h.routingConfigured({ baseMode: 'least-load', capacity: { transfer: 'strict' } }, { at: h.T0 + 1 }),
  h.groupCreated('g1'),
  h.channelRuleSet('app', { groups: ['g1'], agents: ['a1'], enabled: false }),
  h.customerPinned('lucy', 'a1'),
  h.customerUnpinned('lucy'),
  h.customerBlacklisted('spammer'),
  h.agentRegistered('a1'),
  h.agentRegistered('boss', { role: 'admin', groups: ['g1'], maxSessions: 1, capability: 100, lifecycle: 'pending', name: 'Boss' }),
  ...h.onlineAgent('a2', { maxSessions: 2 }),
  h.agentBusy('a1'),
  h.agentOffline('a1', { from: 'busy' }),
  h.agentMaxSessionsChanged('a1', 3, 1),
  h.agentLifecycleChanged('a1', 'frozen'),
  h.agentEnabledChanged('a1', false),
  h.agentGroupsChanged('a1', ['g1']),
  h.agentRoleChanged('a1', 'team-lead'),
  h.agentCapabilityChanged('a1', 50),
  h.sessionAssigned('s1', 'a1'),
  h.sessionAssigned('s2', 'a1', { customerId: 'alice', channel: 'app', vip: true, via: 'queue', queuedAt: h.T0 - 5, entryGroupId: 'g1', requestedAgentId: 'a1' }),
  h.sessionAssigned('s3', 'a2', {
    mode: 'least-load',
    decision: picked('base-mode', { mode: 'least-load', chosen: standing('a2'), runnersUp: [standing('a1', { load: 1 })], scopes: [shopScope({ eligible: 2 })], tieBreak: 'key' }),
  }),
  h.sessionAssigned('s4', 'a1', { via: 'requeue' }),
  h.sessionQueued('s5'),
  h.sessionQueued('s6', { target: { kind: 'pool', groups: ['g1'], agents: [] }, via: 'channel-pin', decision: waiting('channel-pin', [groupScope('g1', { busy: 1 })]) }),
  h.sessionQueued('s7', { via: 'blacklist' }),
  h.sessionEnded('s1', ['a1']),
  h.sessionEnded('s2', [], { reason: 'timeout', stats: { agentReplied: true, firstResponseSec: 4 } }),
  h.sessionDiverted('s8', 'blacklisted', { customerId: 'spammer' }),
  h.queueTargetChanged('s5', { kind: 'agent', agentId: 'a1' }, { kind: 'any' }, { via: 'base-mode' }),
  h.sessionRequeued('s3', 'a2', { target: { kind: 'any' }, via: 'no-agent' }),
  h.transferRequested('s4', 'a1', 'a2', { note: 'returns' }),
  h.transferDeclined('s4'),
  h.transferExpired('s4', 'req-2'),
  h.sessionTransferred('s4', 'a1', 'a2', { groupId: 'g1', requestId: 'req-1', note: 'returns' }),
  h.coAgentAdded('s4', 'a1', { via: 'barge-in', by: 'a1' }),
  h.coAgentLeft('s4', 'a1'),
];

describe('desk history builders', () => {
  it('build events the desk reads back unchanged', () => {
    for (const event of built) expect(readBack(event), event.type).toEqual(E.right(event));
  });

  it('leave out what was not given, as the desk does', () => {
    expect(Object.keys(h.sessionAssigned('s1', 'a1').data).sort()).toEqual(['agentId', 'at', 'channel', 'customerId', 'decision', 'sessionId', 'via', 'vip']);
    expect(h.sessionTransferred('s1', 'a1', 'a2').data).toEqual({ sessionId: 's1', from: 'a1', to: 'a2', decision: expect.any(Object), at: h.T0 });
    expect('stats' in h.sessionEnded('s1', ['a1']).data).toBe(false);
  });

  it('default to a fresh agent, a customer per session and a request expiring after a minute', () => {
    expect(h.agentRegistered('a1').data).toEqual({ agentId: 'a1', name: 'A1', role: 'agent', groups: [], maxSessions: 3, capability: 80, lifecycle: 'active', at: h.T0 });
    expect(h.sessionQueued('s9').data).toMatchObject({ customerId: 'c-s9', channel: 'web-mall', vip: false, target: { kind: 'any' }, via: 'no-agent' });
    expect(h.transferRequested('s1', 'a1', 'a2', { at: 10 }).data).toMatchObject({ requestId: 'req-1', expiresAt: 60_010 });
  });
});
