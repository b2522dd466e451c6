/**
 * Resolving the actor of a command into a `Who`: the desk says whether an agent
 * belongs to the shop, works, and in which role and groups (P1, P4); the access
 * module says which named permissions and brands its roles grant (P1, P3).
 * Modules outside the desk read both as references (`permissionReferences`).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import type { Actor } from '../envelope.js';
import type { DomainError } from '../errors.js';
import type { StreamReference } from '../module.js';
import { accessStream, grantsOf, type AccessState } from '../access/accessState.js';
import { routingStream } from '../desk/deskModule.js';
import { resolveActor } from '../desk/permissions.js';
import { initialDeskState, type DeskState } from '../desk/deskState.js';
import type { Who } from './policy.js';

/** The streams a module reads to resolve its actors. Without the access module, every agent has the default grants. */
export const permissionReferences = (shopId: string): readonly StreamReference[] => [
  { module: 'desk', stream: routingStream(shopId) },
  { module: 'access', stream: accessStream(shopId), optional: true },
];

export const resolveWho = (desk: DeskState, access: AccessState | undefined, actor: Actor): E.Either<DomainError, Who> =>
  E.map((acting: ReturnType<typeof resolveActor> extends E.Either<unknown, infer A> ? A : never): Who => {
    if (acting.kind === 'system') return { kind: 'system' };
    if (acting.kind === 'customer') return { kind: 'customer', id: acting.id };
    const grants = grantsOf(access, acting.agent.id);
    return { kind: 'staff', id: acting.agent.id, role: acting.agent.role, groups: acting.agent.groups, permissions: grants.permissions, brands: grants.brands };
  })(resolveActor(desk, actor));

/** `resolveWho` over the references a module declared with `permissionReferences`. */
export const whoFromContext = (context: DecideContext, shopId: string, actor: Actor): E.Either<DomainError, Who> =>
  resolveWho(
    (context.stateOf(routingStream(shopId)) as DeskState | undefined) ?? initialDeskState(),
    context.stateOf(accessStream(shopId)) as AccessState | undefined,
    actor,
  );

/** Whether a staff member shares a group with another agent (a team lead's reach). */
export const sharesGroupWith = (who: Who, groups: readonly string[]): boolean =>
  who.kind === 'staff' && groups.some((g) => who.groups.includes(g));
