/**
 * The desk's snapshot: its logical content as plain JSON. The indexes (pools,
 * presence counts, queue lanes, the contacts-by-time tree) are derived, so they
 * are rebuilt on load rather than stored, except the order of the random pools,
 * which a uniform pick by position depends on. A restored desk decides exactly as
 * the folded one would.
 */
import * as E from 'fp-ts/lib/Either.js';
import { List, Map as IMap, OrderedSet, Set as ISet } from 'immutable';
import * as t from 'io-ts';
import type { ValidationError } from '../errors.js';
import { agentIdCodec, customerIdCodec, groupIdCodec, sessionIdCodec } from '../ids.js';
import { decodeWith, nonEmptyString, nonNegativeInt, oneOf, struct, timestamp } from '../validation.js';
import type { Agent } from '../../routing/model.js';
import { poolSize, type Pool, type Pools } from '../../routing/pools.js';
import { emptyQueue, enqueue, type QueueEntry } from '../../routing/queue.js';
import { PIPELINE_STEPS, routingSettingsCodec } from '../../routing/settings.js';
import type { ChannelRule } from '../../routing/view.js';
import { agentRoleCodec, agentStatusCodec, channelCodec, lifecycleCodec, queueTargetCodec } from './deskCodecs.js';
import { initialDeskState, joinSessionOf, reindex, type DeskSession, type DeskState } from './deskState.js';

// 2: agents carry lastAssignedAt; sessions their arrival and routing request; queue entries may be requeued.
export const DESK_SNAPSHOT_VERSION = 3;

const agentCodec = struct('Agent', {
  id: agentIdCodec,
  name: nonEmptyString(100),
  role: agentRoleCodec,
  groups: t.readonlyArray(groupIdCodec),
  status: agentStatusCodec,
  statusSince: timestamp,
  lifecycle: lifecycleCodec,
  enabled: t.boolean,
  maxSessions: nonNegativeInt,
  load: nonNegativeInt,
  capability: nonNegativeInt,
  lastAssignedSeq: t.number,
  lastAssignedAt: t.number,
  pass: t.number,
  efficiency: struct('Efficiency', { replyRate: t.number, firstResponseSec: t.number }),
});

const sessionCodec = struct(
  'DeskSession',
  {
    sessionId: sessionIdCodec,
    customerId: customerIdCodec,
    channel: channelCodec,
    vip: t.boolean,
    status: t.union([t.literal('queued'), t.literal('assigned')]),
    coAgents: t.readonlyArray(agentIdCodec),
    since: timestamp,
    arrivalSeq: nonNegativeInt,
  },
  {
    owner: agentIdCodec,
    entryGroupId: groupIdCodec,
    requestedAgentId: agentIdCodec,
    pendingTransfer: struct('PendingTransfer', { requestId: nonEmptyString(200), from: agentIdCodec, to: agentIdCodec, expiresAt: timestamp }),
  },
);

const queueEntryCodec = struct(
  'QueueEntry',
  {
    sessionId: sessionIdCodec,
    customerId: customerIdCodec,
    channel: channelCodec,
    vip: t.boolean,
    target: queueTargetCodec,
    seq: nonNegativeInt,
    at: timestamp,
  },
  { requeued: t.boolean, via: oneOf('QueueVia', [...PIPELINE_STEPS, 'no-agent']), alsoLanes: t.readonlyArray(nonEmptyString(200)) },
);

const snapshotCodec = struct('DeskSnapshot', {
  settings: routingSettingsCodec,
  groups: t.readonlyArray(struct('Group', { id: groupIdCodec, name: nonEmptyString(100) })),
  agents: t.readonlyArray(agentCodec),
  sessions: t.readonlyArray(sessionCodec),
  queue: t.readonlyArray(queueEntryCodec),
  channelRules: t.readonlyArray(
    struct('ChannelRule', { channel: channelCodec, groups: t.readonlyArray(groupIdCodec), agents: t.readonlyArray(agentIdCodec), enabled: t.boolean }),
  ),
  pins: t.readonlyArray(t.tuple([customerIdCodec, agentIdCodec])),
  blacklist: t.readonlyArray(customerIdCodec),
  lastContact: t.readonlyArray(t.tuple([customerIdCodec, agentIdCodec, timestamp])),
  recentlyEnded: t.readonlyArray(sessionIdCodec),
  seq: nonNegativeInt,
  /** Random mode picks by position, so the members' order is part of the state (see restoreRandomOrder). */
  randomOrder: t.union([t.null, struct('RandomOrder', { shop: t.readonlyArray(agentIdCodec), groups: t.readonlyArray(t.tuple([groupIdCodec, t.readonlyArray(agentIdCodec)])) })]),
});

type DeskSnapshot = t.TypeOf<typeof snapshotCodec>;

export const encodeDesk = (state: DeskState): DeskSnapshot => ({
  settings: state.settings,
  groups: [...state.groups.values()],
  agents: [...state.agents.values()],
  sessions: [...state.sessions.values()],
  queue: [...state.queue.entries.values()],
  channelRules: [...state.channelRules.values()],
  pins: [...state.pins.entries()],
  blacklist: [...state.blacklist.values()],
  lastContact: [...state.lastContact.entries()].map(([customer, c]) => [customer, c.agentId, c.at] as [string, string, number]),
  seq: state.seq,
  randomOrder: randomOrderOf(state.pools),
  recentlyEnded: [...state.recentlyEnded],
});

const membersOf = (pool: Pool): string[] => (pool.kind === 'random' ? [...pool.members] : []);

const randomOrderOf = (pools: Pools): DeskSnapshot['randomOrder'] =>
  pools.strategy.kind !== 'random'
    ? null
    : {
        shop: membersOf(pools.shop),
        groups: [...pools.groups.entries()]
          .filter(([, pool]) => poolSize(pool) > 0)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([g, pool]) => [g, membersOf(pool)] as [string, string[]]),
      };

const randomPool = (members: readonly string[]): Pool => ({
  kind: 'random',
  members: List(members),
  positions: IMap(members.map((id, i) => [id, i] as const)),
});

const sameMembers = (a: readonly string[], pool: Pool | undefined) =>
  pool?.kind === 'random' && poolSize(pool) === a.length && a.every((id) => pool.positions.has(id));

/** Puts the random pools back in their saved order, when the saved members are the eligible ones. */
const restoreRandomOrder = (state: DeskState, order: DeskSnapshot['randomOrder']): DeskState => {
  const { pools } = state;
  if (order === null || pools.strategy.kind !== 'random' || !sameMembers(order.shop, pools.shop)) return state;
  let groups = pools.groups;
  for (const [g, members] of order.groups) if (sameMembers(members, groups.get(g))) groups = groups.set(g, randomPool(members));
  return { ...state, pools: { ...pools, shop: randomPool(order.shop), groups } };
};

const restore = (s: DeskSnapshot): DeskState => {
  const start = initialDeskState(s.settings);
  let queue = emptyQueue(start.queue.policy);
  for (const entry of s.queue) queue = enqueue(queue, entry as QueueEntry);
  let contacts = start.contactsByTime;
  for (const [customer, , at] of s.lastContact) contacts = contacts.with([at, customer], true, true);
  const sessions = IMap(s.sessions.map((x) => [x.sessionId, x as DeskSession] as const));
  let withParticipants = start;
  for (const x of s.sessions) for (const agentId of [...(x.owner === undefined ? [] : [x.owner]), ...x.coAgents]) withParticipants = joinSessionOf(withParticipants, agentId, x.sessionId);
  const restored = reindex({
    ...start,
    agents: IMap(s.agents.map((a) => [a.id, a as Agent] as const)),
    groups: IMap(s.groups.map((g) => [g.id, g] as const)),
    sessions,
    activeByCustomer: IMap([...sessions.values()].map((x) => [x.customerId, x.sessionId] as const)),
    sessionsOf: withParticipants.sessionsOf,
    awaitingAcceptance: IMap(
      [...sessions.values()]
        .filter((x) => x.pendingTransfer !== undefined)
        .reduce((m, x) => m.set(x.pendingTransfer!.to, (m.get(x.pendingTransfer!.to) ?? ISet<string>()).add(x.sessionId)), IMap<string, ISet<string>>()),
    ),
    queue,
    channelRules: IMap(s.channelRules.map((r) => [r.channel, r as ChannelRule] as const)),
    pins: IMap(s.pins),
    blacklist: ISet(s.blacklist),
    lastContact: IMap(s.lastContact.map(([customer, agentId, at]) => [customer, { agentId, at }] as const)),
    contactsByTime: contacts,
    seq: s.seq,
    recentlyEnded: OrderedSet(s.recentlyEnded),
  });
  return restoreRandomOrder(restored, s.randomOrder);
};

const decodeSnapshot = decodeWith(snapshotCodec, 'desk snapshot');

export const decodeDesk = (encoded: unknown): E.Either<ValidationError, DeskState> => E.map(restore)(decodeSnapshot(encoded));
