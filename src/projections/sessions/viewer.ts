/**
 * Who asks a read model (R13, S13, S14, C4), and the one rule every session
 * query of this folder filters with:
 * - an agent sees its own sessions only (those it held or co-handled);
 * - a team lead sees those of the agents of its groups, and its own. A team lead
 *   leads the groups it belongs to (the desk models no separate "leads" list:
 *   desk/permissions.ts `canHandle` and permissions/who.ts `sharesGroupWith` read a
 *   lead's reach from its own groups), so its `team` is every agent of the shop
 *   sharing a group with it;
 * - an admin sees every session of its shop;
 * - a viewer of another shop sees nothing.
 *
 * The team is resolved once, when the viewer is made from the desk (`viewerOf`),
 * so a query checks a session in O(its agents), never by walking the desk.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DeskState } from '../../domain/desk/deskState.js';
import { resolveActor } from '../../domain/desk/permissions.js';
import { domainError, type DomainError } from '../../domain/errors.js';
import type { AgentRole } from '../../routing/model.js';

export interface Viewer {
  readonly shopId: string;
  readonly agentId: string;
  readonly role: AgentRole;
  /** The groups the agent belongs to; for a team lead, the groups it leads (the same ones). */
  readonly groups: readonly string[];
  /** A team lead's reach: the agents sharing one of its groups (itself included). Empty for others. */
  readonly team: ReadonlySet<string>;
}

/** A viewer by hand (a test, a backend that keeps its own staff list): a team lead's team as given. */
export const makeViewer = (fields: { shopId: string; agentId: string; role: AgentRole; groups?: readonly string[]; team?: Iterable<string> }): Viewer => ({
  shopId: fields.shopId,
  agentId: fields.agentId,
  role: fields.role,
  groups: fields.groups ?? [],
  team: new Set(fields.role === 'team-lead' ? [fields.agentId, ...(fields.team ?? [])] : []),
});

/**
 * The viewer an agent of the shop is, read from the shop's desk: its role and
 * groups, and for a team lead the agents of those groups. An agent the desk does
 * not know is `actor.unknown`; one not active and enabled `actor.not-allowed`
 * (desk/permissions.ts, the same refusals a command gets).
 */
export const viewerOf = (desk: DeskState, shopId: string, agentId: string): E.Either<DomainError, Viewer> => {
  const acting = resolveActor(desk, { kind: 'agent', id: agentId });
  if (E.isLeft(acting)) return acting;
  if (acting.right.kind !== 'agent') return E.left(domainError('actor.unknown', `${agentId} is not an agent of this shop`, { field: 'actor', agentId }));
  const me = acting.right.agent;
  const team = new Set<string>();
  if (me.role === 'team-lead') {
    team.add(me.id);
    for (const other of desk.agents.values()) if (other.groups.some((g) => me.groups.includes(g))) team.add(other.id);
  }
  return E.right({ shopId, agentId: me.id, role: me.role, groups: me.groups, team });
};

/**
 * THE rule: may `viewer` see a session of `shopId` held by `agentIds` (every
 * agent that held or co-handled it) and belonging to `sessionGroups` (its entry
 * group, when the read model knows it)?
 */
export const canSee = (viewer: Viewer, shopId: string, agentIds: readonly string[], sessionGroups: readonly string[] = []): boolean => {
  if (viewer.shopId !== shopId) return false;
  if (viewer.role === 'admin') return true;
  if (agentIds.includes(viewer.agentId)) return true;
  if (viewer.role !== 'team-lead') return false;
  return agentIds.some((a) => viewer.team.has(a)) || sessionGroups.some((g) => viewer.groups.includes(g));
};

/** Whether `viewer` may look at one agent's own lists (its inbox, stars, contacts): the same rule, for a list of one owner. */
export const canSeeAgent = (viewer: Viewer, shopId: string, agentId: string): boolean => canSee(viewer, shopId, [agentId]);

/** The refusal of a list the viewer may not see, naming the agent asked for (`field: agentId`), as the permission checks name theirs. */
export const notAllowed = (viewer: Viewer, shopId: string, agentId: string): DomainError =>
  domainError('actor.not-allowed', `${viewer.agentId} may not see the lists of ${agentId} in shop ${shopId}`, { field: 'agentId', agentId, viewer: viewer.agentId });

/** A query over one agent's list: the list when the viewer may see it, else `actor.not-allowed`. */
export const asAllowed = <A>(viewer: Viewer, shopId: string, agentId: string, list: () => A): E.Either<DomainError, A> =>
  canSeeAgent(viewer, shopId, agentId) ? E.right(list()) : E.left(notAllowed(viewer, shopId, agentId));
