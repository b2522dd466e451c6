/**
 * Random desk operations for the property tests: agents coming and going, max
 * changes, sessions arriving and ending, transfers, invitations, picks, settings,
 * pins and channel rules. Operations name sessions by a number that the runner
 * maps onto the sessions known so far, so every sequence stays meaningful.
 *
 * Shipped in kefu/testing so that a team testing its own use of the desk (its own
 * invariants, its own store under many writers) draws from the same operations as
 * kefu's tests. Needs fast-check (an optional peer dependency of kefu).
 */
import fc from 'fast-check';
import type { Actor } from '../domain/envelope.js';
import { desk, type DeskInput } from './deskInputs.js';

export const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'] as const;
export const GROUPS = ['g0', 'g1', 'g2'] as const;
export const CUSTOMERS = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'] as const;
export const CHANNELS = ['web-mall', 'app', 'wechat-oa'] as const;

const ROLES: Record<string, 'admin' | 'team-lead' | 'agent'> = { a0: 'admin', a1: 'team-lead' };
const MEMBERSHIP: Record<string, string[]> = { a0: ['g0'], a1: ['g0', 'g1'], a2: ['g1'], a3: ['g2'], a4: ['g0', 'g2'], a5: [] };

/** The same shop every run starts from: three groups, six agents (one admin, one lead), all offline. */
export const setupInputs = (shopId: string): DeskInput[] => {
  const d = desk(shopId);
  return [
    ...GROUPS.map((groupId) => d.createGroup({ groupId, name: groupId })),
    ...AGENTS.map((agentId) => d.registerAgent({ agentId, name: agentId, maxSessions: 2, role: ROLES[agentId] ?? 'agent', groups: MEMBERSHIP[agentId] ?? [] })),
  ];
};

export type Operation =
  | { readonly kind: 'status'; readonly agent: string; readonly status: 'online' | 'busy' | 'offline'; readonly take?: number }
  | { readonly kind: 'max'; readonly agent: string; readonly max: number }
  | { readonly kind: 'open'; readonly customer: string; readonly channel: string; readonly vip: boolean; readonly choose?: string | undefined; readonly entryGroup?: string | undefined }
  | { readonly kind: 'end'; readonly session: number; readonly by: 'owner' | 'system' }
  | { readonly kind: 'endMany'; readonly sessions: readonly number[] }
  | { readonly kind: 'transfer'; readonly session: number; readonly toAgent?: string | undefined; readonly toGroup?: string | undefined }
  | { readonly kind: 'accept'; readonly session: number }
  | { readonly kind: 'invite'; readonly session: number; readonly agent: string }
  | { readonly kind: 'leave'; readonly session: number }
  | { readonly kind: 'pick'; readonly session: number; readonly agent: string }
  | { readonly kind: 'configure'; readonly settings: Record<string, unknown> }
  | { readonly kind: 'pin'; readonly customer: string; readonly agent?: string | undefined }
  | { readonly kind: 'rule'; readonly channel: string; readonly groups: readonly string[]; readonly agents: readonly string[]; readonly enabled: boolean }
  | { readonly kind: 'groups'; readonly agent: string; readonly groups: readonly string[] }
  | { readonly kind: 'freeze'; readonly agent: string; readonly on: boolean }
  | { readonly kind: 'disable'; readonly agent: string; readonly on: boolean }
  | { readonly kind: 'blacklist'; readonly customer: string }
  | { readonly kind: 'wait'; readonly ms: number };

const agent = fc.constantFrom(...AGENTS);
const session = fc.nat(40);

export const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  // No `takeFromQueue` here: an agent taking fewer than its free slots leaves them, by choice, to new
  // arrivals (R11), which the work-conserving check would report; that choice has its own example test.
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('status' as const), agent, status: fc.constantFrom('online' as const, 'online' as const, 'busy' as const, 'offline' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('max' as const), agent, max: fc.integer({ min: 1, max: 4 }) }) },
  {
    weight: 10,
    arbitrary: fc.record(
      {
        kind: fc.constant('open' as const),
        customer: fc.constantFrom(...CUSTOMERS),
        channel: fc.constantFrom(...CHANNELS),
        vip: fc.boolean(),
        choose: fc.option(agent, { nil: undefined }),
        entryGroup: fc.option(fc.constantFrom(...GROUPS), { nil: undefined, freq: 3 }),
      },
      { requiredKeys: ['kind', 'customer', 'channel', 'vip'] },
    ),
  },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('end' as const), session, by: fc.constantFrom('owner' as const, 'system' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endMany' as const), sessions: fc.array(session, { maxLength: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('transfer' as const), session, toAgent: fc.option(agent, { nil: undefined }), toGroup: fc.option(fc.constantFrom(...GROUPS), { nil: undefined }) }, { requiredKeys: ['kind', 'session'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('accept' as const), session }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('invite' as const), session, agent }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('leave' as const), session }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pick' as const), session, agent }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('configure' as const),
      settings: fc.record(
        {
          baseMode: fc.constantFrom('least-load', 'round-robin', 'weighted', 'random'),
          stickyRecentContact: fc.boolean(),
          adminsExcluded: fc.boolean(),
          pinningEnabled: fc.boolean(),
          customerChoice: fc.boolean(),
          queueOrder: fc.constantFrom('fifo', 'lifo'),
          vipFirst: fc.boolean(),
          transferNeedsAcceptance: fc.boolean(),
          entryGroupFallback: fc.boolean(),
          whenAgentLeaves: fc.constantFrom('keep', 'requeue'),
          capacity: fc.record(
            {
              manualPick: fc.constantFrom('strict', 'allow-over'),
              transfer: fc.constantFrom('strict', 'allow-over'),
              invitation: fc.constantFrom('strict', 'allow-over'),
              bargeIn: fc.constantFrom('strict', 'allow-over'),
              proactive: fc.constantFrom('strict', 'allow-over'),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pin' as const), customer: fc.constantFrom(...CUSTOMERS), agent: fc.option(agent, { nil: undefined }) }, { requiredKeys: ['kind', 'customer'] }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rule' as const), channel: fc.constantFrom(...CHANNELS), groups: fc.subarray([...GROUPS]), agents: fc.subarray([...AGENTS], { maxLength: 2 }), enabled: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('groups' as const), agent, groups: fc.subarray([...GROUPS]) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('freeze' as const), agent, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disable' as const), agent, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blacklist' as const), customer: fc.constantFrom(...CUSTOMERS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1000, max: 120_000 }) }) },
);

/** What the runner knows while it turns operations into command inputs. */
export interface Known {
  /** Put before session ids, so several writers never open the same id. */
  readonly prefix: string;
  /** Session ids opened so far, in order. */
  readonly sessions: string[];
  /** Owner of each session, as far as the runner last saw. */
  readonly owners: Map<string, string>;
  readonly pendingRequests: Map<string, string>;
  readonly coAgents: Map<string, string[]>;
  next: number;
}

export const emptyKnown = (prefix = ''): Known => ({ prefix, sessions: [], owners: new Map(), pendingRequests: new Map(), coAgents: new Map(), next: 0 });

const pickSession = (known: Known, n: number) => known.sessions.length === 0 ? 'none' : known.sessions[n % known.sessions.length]!;

/** The command input for an operation, or undefined for a clock wait. */
export const toInput = (shopId: string, op: Operation, known: Known): DeskInput | undefined => {
  const d = desk(shopId);
  const asAgent = (id: string | undefined): Actor => (id === undefined ? { kind: 'system' } : { kind: 'agent', id });
  switch (op.kind) {
    case 'status':
      return d.setStatus(op.take === undefined ? { agentId: op.agent, status: op.status } : { agentId: op.agent, status: op.status, takeFromQueue: op.take });
    case 'max':
      return d.setMax(op.agent, op.max);
    case 'open': {
      const sessionId = `${known.prefix}s${known.next++}`;
      known.sessions.push(sessionId);
      return d.open({
        sessionId,
        customerId: op.customer,
        channel: op.channel,
        vip: op.vip,
        ...(op.choose ? { requestedAgentId: op.choose } : {}),
        ...(op.entryGroup ? { entryGroupId: op.entryGroup } : {}),
      });
    }
    case 'end': {
      const sessionId = pickSession(known, op.session);
      return d.as(op.by === 'owner' ? asAgent(known.owners.get(sessionId)) : { kind: 'system' }).end({ sessionId });
    }
    case 'endMany':
      return d.endMany({ sessionIds: op.sessions.map((n) => pickSession(known, n)) });
    case 'transfer': {
      const sessionId = pickSession(known, op.session);
      const target = op.toAgent !== undefined ? { toAgentId: op.toAgent } : op.toGroup !== undefined ? { toGroupId: op.toGroup } : {};
      return d.transfer({ sessionId, ...target });
    }
    case 'accept': {
      const sessionId = pickSession(known, op.session);
      return d.accept({ sessionId, requestId: known.pendingRequests.get(sessionId) ?? 'none' });
    }
    case 'invite':
      return d.invite({ sessionId: pickSession(known, op.session), agentId: op.agent });
    case 'leave': {
      const sessionId = pickSession(known, op.session);
      return d.leave({ sessionId, agentId: known.coAgents.get(sessionId)?.[0] ?? 'a0' });
    }
    case 'pick':
      return d.as(asAgent(op.agent)).pick({ sessionId: pickSession(known, op.session), agentId: op.agent });
    case 'configure':
      return d.configure(op.settings);
    case 'pin':
      return op.agent === undefined ? d.unpinCustomer({ customerId: op.customer }) : d.pinCustomer({ customerId: op.customer, agentId: op.agent });
    case 'rule':
      return d.setChannelRule({ channel: op.channel, groups: op.groups, agents: op.agents, enabled: op.enabled });
    case 'groups':
      return d.setGroups({ agentId: op.agent, groups: op.groups });
    case 'freeze':
      return op.on ? d.freezeAgent({ agentId: op.agent }) : d.unfreezeAgent({ agentId: op.agent });
    case 'disable':
      return op.on ? d.disableAgent({ agentId: op.agent }) : d.enableAgent({ agentId: op.agent });
    case 'blacklist':
      return d.blacklist({ customerId: op.customer });
    case 'wait':
      return undefined;
  }
};

/** Keeps the runner's knowledge of owners, pending transfers and co-agents up to date from events. */
export const learn = (known: Known, events: readonly { type: string; data: unknown }[]): void => {
  for (const event of events) {
    const data = event.data as Record<string, string>;
    if (event.type === 'SessionAssigned') known.owners.set(data.sessionId!, data.agentId!);
    if (event.type === 'SessionTransferred') known.owners.set(data.sessionId!, data.to!);
    if (event.type === 'SessionRequeued') known.owners.delete(data.sessionId!);
    if (event.type === 'TransferRequested') known.pendingRequests.set(data.sessionId!, data.requestId!);
    if (event.type === 'CoAgentAdded') known.coAgents.set(data.sessionId!, [...(known.coAgents.get(data.sessionId!) ?? []), data.agentId!]);
    if (event.type === 'CoAgentLeft') known.coAgents.set(data.sessionId!, (known.coAgents.get(data.sessionId!) ?? []).filter((a) => a !== data.agentId));
  }
};
