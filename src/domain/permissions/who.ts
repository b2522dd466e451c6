/**
 * Resolving the actor of a command into a `Who`: the desk says whether an agent
 * belongs to the shop, works, and in which role and groups (P1, P4); the access
 * module says which named permissions and brands its roles grant (P1, P3).
 * Modules outside the desk read both as references (`permissionReferences`), and
 * only for a command an agent sends: the system and customers need neither, so
 * the commands that carry a shop's traffic (customers' messages, the system's
 * routing) read nothing more than before.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import type { Actor } from '../envelope.js';
import type { DomainError } from '../errors.js';
import type { StreamReference } from '../module.js';
import { accessStream, grantsOf, type AccessState } from '../access/accessState.js';
import { routingStream } from '../desk/routingStream.js';
import { resolveActor, type Acting } from '../desk/permissions.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import type { Relation, Who } from './policy.js';

/** The streams a module reads to resolve its actors. Without the access module, every agent has the default grants. */
export const permissionReferences = (shopId: string): readonly StreamReference[] => [
  { module: 'desk', stream: routingStream(shopId) },
  { module: 'access', stream: accessStream(shopId), optional: true },
];

/** `permissionReferences` for a command sent by an agent; nothing for the system or a customer. */
export const permissionReferencesFor = (shopId: string, actor: Actor): readonly StreamReference[] =>
  actor.kind === 'agent' ? permissionReferences(shopId) : [];

const SYSTEM: Who = { kind: 'system' };

export const resolveWho = (desk: DeskState, access: AccessState | undefined, actor: Actor): E.Either<DomainError, Who> => {
  if (actor.kind === 'system') return E.right(SYSTEM);
  if (actor.kind === 'customer') return E.right({ kind: 'customer', id: actor.id });
  return E.map((acting: Acting): Who => {
    if (acting.kind !== 'agent') return acting.kind === 'system' ? SYSTEM : { kind: 'customer', id: acting.id };
    const grants = grantsOf(access, acting.agent.id);
    return { kind: 'staff', id: acting.agent.id, role: acting.agent.role, groups: acting.agent.groups, permissions: grants.permissions, brands: grants.brands };
  })(resolveActor(desk, actor));
};

/**
 * `resolveWho` over the references a module declared with `permissionReferences`.
 * A desk not handed in (a module that did not name it) knows no agent: an agent
 * actor is then unknown (P4), never trusted.
 */
export const whoFromContext = (context: DecideContext, shopId: string, actor: Actor): E.Either<DomainError, Who> =>
  resolveWho(
    (context.stateOf(routingStream(shopId)) as DeskState | undefined) ?? initialDeskState(),
    context.stateOf(accessStream(shopId)) as AccessState | undefined,
    actor,
  );

/** Whether a staff member shares a group with another agent (a team lead's reach). */
export const sharesGroupWith = (who: Who, groups: readonly string[]): boolean =>
  who.kind === 'staff' && groups.some((g) => who.groups.includes(g));

/** How the actor stands to an agent (its status, its max, its transfers): itself, one of its groups', or another. */
export const relationToAgent = (who: Who, agentId: string, agentGroups: readonly string[]): Relation =>
  who.kind === 'staff' && who.id === agentId ? 'own' : sharesGroupWith(who, agentGroups) ? 'own-group' : 'other';

/** What a relation to a session needs to know of it. */
export interface SessionParties {
  readonly customerId: string;
  readonly owner?: string | undefined;
  readonly coAgents: readonly string[];
}

/**
 * How the actor stands to a session: its customer, or a staff member who owns or
 * co-handles it, is `own`; a staff member sharing a group with its owner is
 * `own-group` (a team lead's reach, C4/R13); anyone else `other`.
 */
export const relationToSession = (who: Who, session: SessionParties, ownerGroups: readonly string[]): Relation => {
  if (who.kind === 'customer') return who.id === session.customerId ? 'own' : 'other';
  if (who.kind !== 'staff') return 'other';
  if (session.owner === who.id || session.coAgents.includes(who.id)) return 'own';
  return session.owner !== undefined && sharesGroupWith(who, ownerGroups) ? 'own-group' : 'other';
};
