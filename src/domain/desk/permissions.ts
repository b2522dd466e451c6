/**
 * P1/P4: who is acting at the desk. `system` is the engine or a trusted backend.
 * An agent actor must be an agent of this shop (P4: an agent of another shop is
 * unknown here) and working (active, enabled). What each may do is declared once,
 * in the permission tables (deskPolicy.ts and the other modules' `<module>Policy`),
 * and checked by `authorize` (permissions/policy.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Actor } from '../envelope.js';
import { domainError, type DomainError } from '../errors.js';
import { isWorking } from '../../routing/eligibility.js';
import type { Agent } from '../../routing/model.js';
import type { DeskSession, DeskState } from './deskState.js';

export type Acting = { readonly kind: 'system' } | { readonly kind: 'agent'; readonly agent: Agent } | { readonly kind: 'customer'; readonly id: string };

export const resolveActor = (state: DeskState, actor: Actor): E.Either<DomainError, Acting> => {
  if (actor.kind === 'system') return E.right({ kind: 'system' });
  if (actor.kind === 'customer') return E.right({ kind: 'customer', id: actor.id });
  const agent = state.agents.get(actor.id);
  if (agent === undefined) return E.left(domainError('actor.unknown', `agent ${actor.id} is not an agent of this shop`, { field: 'actor', agentId: actor.id }));
  if (!isWorking(agent)) return E.left(domainError('actor.not-allowed', `agent ${actor.id} is not active and enabled`, { field: 'actor', agentId: actor.id }));
  return E.right({ kind: 'agent', agent });
};

const sharesGroup = (lead: Agent, other: Agent | undefined) => other !== undefined && other.groups.some((g) => lead.groups.includes(g));

/**
 * Whether an agent may see (and so join) a session (C4/R13 visibility): an admin
 * any, an agent its own, a team lead those of its groups. JoinSession asks it of
 * the joiner the system names (transfers.ts).
 */
export const canHandle = (state: DeskState, acting: Acting, session: DeskSession): boolean => {
  if (acting.kind === 'system') return true;
  if (acting.kind === 'customer') return acting.id === session.customerId;
  const me = acting.agent;
  if (me.role === 'admin' || session.owner === me.id || session.coAgents.includes(me.id)) return true;
  return me.role === 'team-lead' && session.owner !== undefined && sharesGroup(me, state.agents.get(session.owner));
};
