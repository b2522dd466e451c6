/** Looking things up at the desk, with the typed refusal when they are not there. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../errors.js';
import type { AgentId, GroupId, SessionId } from '../../ids.js';
import type { Agent } from '../../../routing/model.js';
import type { DeskSession, DeskState } from '../deskState.js';

export const findAgent = (state: DeskState, agentId: AgentId): E.Either<DomainError, Agent> => {
  const agent = state.agents.get(agentId);
  return agent === undefined ? E.left(domainError('agent.unknown', `no agent ${agentId} in this shop`, { agentId })) : E.right(agent);
};

export const findSession = (state: DeskState, sessionId: SessionId): E.Either<DomainError, DeskSession> => {
  const session = state.sessions.get(sessionId);
  return session === undefined
    ? E.left(domainError('session.unknown', `no session ${sessionId} at this desk (never opened, or already ended)`, { sessionId }))
    : E.right(session);
};

export const findAssigned = (state: DeskState, sessionId: SessionId): E.Either<DomainError, DeskSession & { owner: AgentId }> =>
  E.chain((session: DeskSession) =>
    session.status === 'assigned' && session.owner !== undefined
      ? E.right(session as DeskSession & { owner: AgentId })
      : E.left(domainError('session.not-assigned', `session ${sessionId} is still queued`, { sessionId })),
  )(findSession(state, sessionId));

export const requireGroups = (state: DeskState, groups: readonly GroupId[]): E.Either<DomainError, readonly GroupId[]> => {
  const missing = groups.filter((g) => !state.groups.has(g));
  return missing.length > 0 ? E.left(domainError('group.unknown', `no group ${missing.join(', ')} in this shop`, { groups: missing })) : E.right(groups);
};
