/**
 * P1/P2: who may do what at the desk. `system` is the engine or a trusted backend.
 * An agent actor must be an agent of this shop (P4: an agent of another shop is
 * unknown here) and working (active, enabled). Admins may do everything; team
 * leads may handle the sessions of their groups; agents their own sessions.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '../envelope.js';
import { domainError, type DomainError } from '../errors.js';
import type { AgentId } from '../ids.js';
import { isWorking } from '../../routing/eligibility.js';
import type { Agent } from '../../routing/model.js';
import type { DeskSession, DeskState } from './deskState.js';

export type Acting = { readonly kind: 'system' } | { readonly kind: 'agent'; readonly agent: Agent } | { readonly kind: 'customer'; readonly id: string };

const refused = (message: string) => E.left(domainError('actor.not-allowed', message));

export const resolveActor = (state: DeskState, actor: Actor): E.Either<DomainError, Acting> => {
  if (actor.kind === 'system') return E.right({ kind: 'system' });
  if (actor.kind === 'customer') return E.right({ kind: 'customer', id: actor.id });
  const agent = state.agents.get(actor.id);
  if (agent === undefined) return E.left(domainError('actor.unknown', `agent ${actor.id} is not an agent of this shop`, { agentId: actor.id }));
  if (!isWorking(agent)) return refused(`agent ${actor.id} is not active and enabled`);
  return E.right({ kind: 'agent', agent });
};

const isAdmin = (acting: Acting) => acting.kind === 'system' || (acting.kind === 'agent' && acting.agent.role === 'admin');

/** P2: settings, agents, pins, blacklists and channel rules are changed by admins only. */
export const requireAdmin = (state: DeskState, actor: Actor): E.Either<DomainError, Acting> =>
  E.chain((acting: Acting) => (isAdmin(acting) ? E.right(acting) : refused('only an admin may do this')))(resolveActor(state, actor));

/** An agent's own status and max sessions: the agent itself or an admin. */
export const requireSelfOrAdmin = (state: DeskState, actor: Actor, agentId: AgentId): E.Either<DomainError, Acting> =>
  E.chain((acting: Acting) =>
    isAdmin(acting) || (acting.kind === 'agent' && acting.agent.id === agentId) ? E.right(acting) : refused(`only ${agentId} or an admin may do this`),
  )(resolveActor(state, actor));

const sharesGroup = (lead: Agent, other: Agent | undefined) => other !== undefined && other.groups.some((g) => lead.groups.includes(g));

/** Whether the acting party may see (and so act on) a session (C4/R13 visibility rules). */
export const canHandle = (state: DeskState, acting: Acting, session: DeskSession): boolean => {
  if (acting.kind === 'system') return true;
  if (acting.kind === 'customer') return acting.id === session.customerId;
  const me = acting.agent;
  if (me.role === 'admin' || session.owner === me.id || session.coAgents.includes(me.id)) return true;
  return me.role === 'team-lead' && session.owner !== undefined && sharesGroup(me, state.agents.get(session.owner));
};

export const requireHandler = (state: DeskState, actor: Actor, session: DeskSession): E.Either<DomainError, Acting> =>
  E.chain((acting: Acting) => (canHandle(state, acting, session) ? E.right(acting) : refused(`not allowed to handle session ${session.sessionId}`)))(
    resolveActor(state, actor),
  );
