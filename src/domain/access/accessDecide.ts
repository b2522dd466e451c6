/**
 * Deciding the role editor's commands. Who is an admin, and which agents exist,
 * is the desk's knowledge, read as a reference (the shop's routing stream); the
 * roles are this stream's own state. A command that changes nothing is a no-op,
 * so a retried request writes nothing twice.
 */
import * as E from 'fp-ts/lib/Either.js';
import isDeepEqual from 'fast-deep-equal';
import type { DecideContext } from '../decider.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import { domainError, type DomainError } from '../errors.js';
import { authorizeBy } from '../permissions/policy.js';
import { resolveWho } from '../permissions/who.js';
import type { AccessCommand, AccessCommandOf } from './accessCommands.js';
import type { AccessEvent } from './accessEvents.js';
import { accessPolicy } from './accessPolicy.js';
import type { AccessState, RoleDefinition } from './accessState.js';

/** Roles a shop may have: tens in the manual; the bound keeps the state every agent's command reads small. */
export const MAX_ROLES = 200;

export const ACCESS_ERROR_CODES = ['actor.not-allowed', 'actor.unknown', 'access.role-unknown', 'access.too-many-roles', 'agent.unknown'] as const;
export type AccessErrorCode = (typeof ACCESS_ERROR_CODES)[number];

type Decided = E.Either<DomainError, readonly AccessEvent[]>;

const refuse = (code: AccessErrorCode, message: string, details: Record<string, unknown>): Decided => E.left(domainError(code, message, details));

/** Repeats in a list say nothing more: the first of each is kept, in order. */
const distinct = <A>(items: readonly A[]): readonly A[] => [...new Set(items)];

const defineRole = (c: AccessCommandOf<'DefineRole'>, state: AccessState): Decided => {
  const d = c.data;
  const role: RoleDefinition = {
    roleId: d.roleId,
    name: d.name,
    ...(d.description === undefined ? {} : { description: d.description }),
    permissions: distinct(d.permissions),
    brands: d.brands === 'all' ? 'all' : distinct(d.brands),
  };
  const existing = state.roles[d.roleId];
  if (existing !== undefined && isDeepEqual(existing, role)) return E.right([]);
  if (existing === undefined && Object.keys(state.roles).length >= MAX_ROLES) {
    return refuse('access.too-many-roles', `a shop has at most ${MAX_ROLES} roles`, { field: 'data.roleId', max: MAX_ROLES });
  }
  return E.right([{ type: 'RoleDefined', data: { ...role, at: c.meta.now } }]);
};

const removeRole = (c: AccessCommandOf<'RemoveRole'>, state: AccessState): Decided =>
  state.roles[c.data.roleId] === undefined
    ? refuse('access.role-unknown', `no role ${c.data.roleId} in this shop`, { field: 'data.roleId', roleId: c.data.roleId })
    : E.right([{ type: 'RoleRemoved', data: { roleId: c.data.roleId, at: c.meta.now } }]);

const setAgentRoles = (c: AccessCommandOf<'SetAgentRoles'>, state: AccessState, desk: DeskState): Decided => {
  const { agentId, roleIds } = c.data;
  if (!desk.agents.has(agentId)) return refuse('agent.unknown', `no agent ${agentId} in this shop`, { field: 'data.agentId', agentId });
  const unknown = roleIds.findIndex((id) => state.roles[id] === undefined);
  if (unknown >= 0) return refuse('access.role-unknown', `no role ${roleIds[unknown]} in this shop`, { field: `data.roleIds[${unknown}]`, roleId: roleIds[unknown] });
  const next = distinct(roleIds);
  const current = state.members[agentId];
  if (current !== undefined && current.length === next.length && next.every((id) => current.includes(id))) return E.right([]);
  return E.right([{ type: 'AgentRolesSet', data: { agentId, roleIds: next, at: c.meta.now } }]);
};

export const decideAccess = (command: AccessCommand, state: AccessState, context: DecideContext, deskStream: string): Decided => {
  const desk = (context.stateOf(deskStream) as DeskState | undefined) ?? initialDeskState();
  const who = resolveWho(desk, state, command.meta.actor);
  if (E.isLeft(who)) return who;
  // Every rule here is the admin's, whatever the role touches: the relation does not matter.
  const allowed = authorizeBy(accessPolicy, command.type, who.right, 'other');
  if (E.isLeft(allowed)) return allowed;
  switch (command.type) {
    case 'DefineRole':
      return defineRole(command, state);
    case 'RemoveRole':
      return removeRole(command, state);
    case 'SetAgentRoles':
      return setAgentRoles(command, state, desk);
  }
};
