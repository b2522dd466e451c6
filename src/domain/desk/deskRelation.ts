/**
 * How the actor of a desk command stands to what the command touches (P1), for
 * the permission table (deskPolicy.ts):
 * - sessions: `own` when the actor owns or co-handles it (for an end: owns it;
 *   an invited co-agent leaves instead), or is its customer; `own-group` when its
 *   owner shares a group with the actor (a team lead's reach, C4/R13);
 * - the queue (PickFromQueue): `own` when the actor picks for itself; `own-group`
 *   when the queued session entered by, or waits in, one of the actor's groups;
 * - an agent's own things (status, max, outreach, transfers waiting for it, its
 *   leaving a session): `own` when it is the actor itself.
 * Settings and other admin-only or system-only commands touch nothing anybody
 * owns: `other`. A target that is not there is refused here with the error its
 * command would give (session.unknown, ...): there is nothing to stand to.
 */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../errors.js';
import { farthest, type Relation, type Who } from '../permissions/policy.js';
import { relationToAgent, relationToSession } from '../permissions/who.js';
import { groupLane, lanesOfEntry } from '../../routing/queue.js';
import type { DeskCommand, DeskCommandOf } from './deskCommands.js';
import type { DeskSession, DeskState } from './deskState.js';
import { findAgent, findSession } from './decide/lookups.js';

type Related = E.Either<DomainError, Relation>;

const OTHER: Related = E.right('other');

const groupsOf = (state: DeskState, agentId: string | undefined) => (agentId === undefined ? [] : (state.agents.get(agentId)?.groups ?? []));

const toSession = (state: DeskState, who: Who, session: DeskSession, owning = false): Relation =>
  relationToSession(who, owning ? { ...session, coAgents: [] } : session, groupsOf(state, session.owner));

const toSessionId = (state: DeskState, who: Who, sessionId: string, owning = false): Related =>
  E.map((s: DeskSession) => toSession(state, who, s, owning))(findSession(state, sessionId));

const toAgent = (state: DeskState, who: Who, agentId: string): Related => {
  if (who.kind === 'staff' && who.id === agentId) return E.right('own');
  return E.map((agent: { readonly groups: readonly string[] }) => relationToAgent(who, agentId, agent.groups))(findAgent(state, agentId));
};

const toQueued = (state: DeskState, who: Who, c: DeskCommandOf<'PickFromQueue'>): Related => {
  if (who.kind === 'staff' && who.id === c.data.agentId) return E.right('own');
  const entry = state.queue.entries.get(c.data.sessionId);
  if (entry === undefined) return E.left(domainError('queue.not-queued', `session ${c.data.sessionId} is not in the queue`));
  if (who.kind !== 'staff') return OTHER;
  const entryGroup = state.sessions.get(c.data.sessionId)?.entryGroupId;
  const lanes = lanesOfEntry(entry);
  const ofMine = who.groups.some((g) => g === entryGroup || lanes.includes(groupLane(g)));
  return E.right(ofMine ? 'own-group' : 'other');
};

const toPendingTarget = (state: DeskState, who: Who, c: DeskCommandOf<'AcceptTransfer' | 'DeclineTransfer'>): Related => {
  const pending = state.sessions.get(c.data.sessionId)?.pendingTransfer;
  if (pending === undefined || pending.requestId !== c.data.requestId) {
    return E.left(domainError('transfer.unknown', `no pending transfer ${c.data.requestId} for session ${c.data.sessionId}`));
  }
  return toAgent(state, who, pending.to);
};

const toBatch = (state: DeskState, who: Who, sessionIds: readonly string[]): Related => {
  const relations: Relation[] = [];
  for (const sessionId of sessionIds) {
    const related = toSessionId(state, who, sessionId, true);
    if (E.isLeft(related)) return related;
    relations.push(related.right);
  }
  return E.right(farthest(relations));
};

export const deskRelation = (c: DeskCommand, state: DeskState, who: Who): Related => {
  // The system is never refused: nothing to work out.
  if (who.kind === 'system') return OTHER;
  switch (c.type) {
    case 'ConfigureRouting':
    case 'CreateGroup':
    case 'SetChannelRule':
    case 'PinCustomer':
    case 'UnpinCustomer':
    case 'BlacklistCustomer':
    case 'UnblacklistCustomer':
    case 'RegisterAgent':
    case 'ActivateAgent':
    case 'FreezeAgent':
    case 'UnfreezeAgent':
    case 'EnableAgent':
    case 'DisableAgent':
    case 'SetCapability':
    case 'SetAgentGroups':
    case 'SetAgentRole':
    case 'RequeueSession':
    case 'ExpireTransfer':
      return OTHER;
    case 'ChangeAgentStatus':
    case 'SetMaxSessions':
    case 'StartProactiveSession':
    case 'LeaveSession':
      return toAgent(state, who, c.data.agentId);
    case 'OpenSession':
      return E.right(who.kind === 'customer' && who.id === c.data.customerId ? 'own' : 'other');
    case 'PickFromQueue':
      return toQueued(state, who, c);
    case 'EndSession':
      return toSessionId(state, who, c.data.sessionId, true);
    case 'EndSessions':
      return toBatch(state, who, [...new Set(c.data.sessionIds)]);
    case 'TransferSession':
    case 'CancelTransfer':
    case 'InviteAgent':
    case 'JoinSession':
      return toSessionId(state, who, c.data.sessionId);
    case 'AcceptTransfer':
    case 'DeclineTransfer':
      return toPendingTarget(state, who, c);
  }
};
