/**
 * P1/P2: the desk's permission table (deskPolicy.ts) as a test: every command,
 * every actor case of the kit (test/support/permissionTable.ts), allowed or
 * refused with an `actor.*` error and nothing written. Each fixture builds the
 * least the command needs: a session of the case's owner, a queued session of
 * the owner's group, a transfer waiting for the owner.
 */
import { accessModule } from '../../../src/domain/access/accessModule.js';
import type { DeskCommandType } from '../../../src/domain/desk/deskCommands.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import { deskPolicy } from '../../../src/domain/desk/deskPolicy.js';
import { desk, deskInput } from '../../../src/testing/deskInputs.js';
import { PERMISSION_SHOP, permissionTableSuite, type CaseContext, type CommandInputLike, type PermissionFixture } from '../../support/permissionTable.js';

const system = desk(PERMISSION_SHOP);
const as = (c: CaseContext) => desk(c.shopId, c.actor);

/** A colleague outside the cases (agent of g2, online): the target of admin-only commands, a transfer's other end. */
const X = 'a-x';
const colleague: readonly CommandInputLike[] = [system.registerAgent({ agentId: X, name: 'X', maxSessions: 5, groups: ['g2'] }), system.online(X)];

/** The session s1 of customer c-own, with the case's owner (a proactive start by the system). */
const sessionOf = (owner: string): readonly CommandInputLike[] => [system.proactive({ sessionId: 's1', customerId: 'c-own', agentId: owner, channel: 'app' })];

const groupOf = (agentId: string) => (agentId === 'a-other' ? 'g2' : 'g1');

/** Every case's agent busy, so that a session of the owner's group waits in the queue (R10, R13). */
const queuedFor = (owner: string): readonly CommandInputLike[] => [
  ...['a-admin', 'a-lead', 'a-own', 'a-other', 'a-noperm'].map((id) => system.busy(id)),
  system.open({ sessionId: 'q1', customerId: 'c-own', channel: 'app', entryGroupId: groupOf(owner) }),
];

/** A transfer of s1 (with `from`) to `to`, waiting for its acceptance; its request id is `req-1`. */
const pendingTransfer = (from: string, to: string): readonly CommandInputLike[] => [
  ...colleague,
  system.configure({ transferNeedsAcceptance: true }),
  ...sessionOf(from),
  { ...system.transfer({ sessionId: 's1', toAgentId: to }), commandId: 'req-1' },
];

/** Who joins: the actor itself (S6 barge-in is as themselves); the system names an admin. */
const joiner = (c: CaseContext) => (c.actor.kind === 'agent' ? c.actor.id : 'a-admin');

const admin = (command: (c: CaseContext) => CommandInputLike, setup: (c: CaseContext) => readonly CommandInputLike[] = () => colleague): PermissionFixture => ({ setup, command });

const fixtures: { readonly [K in DeskCommandType]: PermissionFixture } = {
  ConfigureRouting: admin((c) => as(c).configure({ baseMode: 'random' })),
  CreateGroup: admin((c) => as(c).createGroup({ groupId: 'g9', name: 'G9' })),
  SetChannelRule: admin((c) => as(c).setChannelRule({ channel: 'app', groups: ['g1'], agents: [], enabled: true })),
  PinCustomer: admin((c) => as(c).pinCustomer({ customerId: 'c-own', agentId: X })),
  UnpinCustomer: admin((c) => as(c).unpinCustomer({ customerId: 'c-own' }), () => [...colleague, system.pinCustomer({ customerId: 'c-own', agentId: X })]),
  BlacklistCustomer: admin((c) => as(c).blacklist({ customerId: 'c-own' })),
  UnblacklistCustomer: admin((c) => as(c).unblacklist({ customerId: 'c-own' }), () => [system.blacklist({ customerId: 'c-own' })]),
  RegisterAgent: admin((c) => as(c).registerAgent({ agentId: 'a-new', name: 'New', maxSessions: 3 })),
  ActivateAgent: admin((c) => as(c).activateAgent({ agentId: 'a-new' }), () => [system.registerAgent({ agentId: 'a-new', name: 'New', maxSessions: 3, pending: true })]),
  FreezeAgent: admin((c) => as(c).freezeAgent({ agentId: X })),
  UnfreezeAgent: admin((c) => as(c).unfreezeAgent({ agentId: X }), () => [...colleague, system.freezeAgent({ agentId: X })]),
  EnableAgent: admin((c) => as(c).enableAgent({ agentId: X }), () => [...colleague, system.disableAgent({ agentId: X })]),
  DisableAgent: admin((c) => as(c).disableAgent({ agentId: X })),
  SetCapability: admin((c) => as(c).setCapability({ agentId: X, capability: 50 })),
  SetAgentGroups: admin((c) => as(c).setGroups({ agentId: X, groups: ['g1'] })),
  SetAgentRole: admin((c) => as(c).setRole({ agentId: X, role: 'team-lead' })),
  ChangeAgentStatus: { command: (c) => as(c).busy(c.owner) },
  SetMaxSessions: { command: (c) => as(c).setMax(c.owner, 7) },
  OpenSession: { command: (c) => as(c).open({ sessionId: 's-new', customerId: c.customerId, channel: 'app' }) },
  StartProactiveSession: { command: (c) => as(c).proactive({ sessionId: 's-new', customerId: 'c-new', agentId: c.owner, channel: 'app' }) },
  PickFromQueue: { setup: (c) => queuedFor(c.owner), command: (c) => as(c).pick({ sessionId: 'q1', agentId: c.owner }) },
  EndSession: { setup: (c) => sessionOf(c.owner), command: (c) => as(c).end({ sessionId: 's1' }) },
  EndSessions: { setup: (c) => sessionOf(c.owner), command: (c) => as(c).endMany({ sessionIds: ['s1'] }) },
  RequeueSession: { setup: (c) => [...colleague, ...sessionOf(c.owner)], command: (c) => deskInput(c.shopId, c.actor, 'RequeueSession', { sessionId: 's1', excludeAgentId: c.owner, reason: 'agent-no-response' }) },
  TransferSession: { setup: (c) => [...colleague, ...sessionOf(c.owner)], command: (c) => as(c).transfer({ sessionId: 's1', toAgentId: X }) },
  AcceptTransfer: { setup: (c) => pendingTransfer(X, c.owner), command: (c) => as(c).accept({ sessionId: 's1', requestId: 'req-1' }) },
  DeclineTransfer: { setup: (c) => pendingTransfer(X, c.owner), command: (c) => as(c).decline({ sessionId: 's1', requestId: 'req-1' }) },
  // The kit's clock does not move: the system fires the deadline before its time.
  ExpireTransfer: { setup: (c) => pendingTransfer(X, c.owner), command: (c) => as(c).expire({ sessionId: 's1', requestId: 'req-1' }), allowedButRefused: { system: 'transfer.not-expired' } },
  CancelTransfer: { setup: (c) => pendingTransfer(c.owner, X), command: (c) => as(c).cancelTransfer({ sessionId: 's1', requestId: 'req-1' }) },
  InviteAgent: { setup: (c) => [...colleague, ...sessionOf(c.owner)], command: (c) => as(c).invite({ sessionId: 's1', agentId: X }) },
  JoinSession: {
    setup: (c) => sessionOf(c.owner),
    command: (c) => as(c).join({ sessionId: 's1', agentId: joiner(c) }),
    // The lead owns the session it would barge into.
    allowedButRefused: { 'team-lead-own': 'invite.already-in-session' },
  },
  LeaveSession: {
    setup: (c) => [...colleague, ...sessionOf(X), system.invite({ sessionId: 's1', agentId: c.owner })],
    command: (c) => as(c).leave({ sessionId: 's1', agentId: c.owner }),
  },
};

permissionTableSuite('desk', { modules: [deskModule, accessModule], table: deskPolicy, fixtures });
