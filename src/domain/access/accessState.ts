/**
 * P1/P3: the shop's roles as the manual's role editor has them (操作权限, 品牌权限,
 * 员工): a role grants named permissions and brands, and agents are members of
 * roles. The state is small (tens of roles), kept whole in one stream per shop,
 * `access-<shopId>`, which other modules read as a reference (who.ts).
 */
import { castDraft, produce } from 'immer';
import { NAMED_PERMISSIONS, type NamedPermission } from '../permissions/policy.js';
import type { AccessEvent } from './accessEvents.js';

export interface RoleDefinition {
  readonly roleId: string;
  readonly name: string;
  readonly description?: string;
  readonly permissions: readonly NamedPermission[];
  /** P3: the brands whose products and orders the role handles; `all` for every brand. */
  readonly brands: 'all' | readonly string[];
}

export interface AccessState {
  readonly roles: Readonly<Record<string, RoleDefinition>>;
  /** The roles each agent is a member of (set by an admin); an agent never set has the default grants. */
  readonly members: Readonly<Record<string, readonly string[]>>;
}

export const initialAccessState = (): AccessState => ({ roles: {}, members: {} });

export const accessStream = (shopId: string): string => `access-${shopId}`;

export interface Grants {
  readonly permissions: ReadonlySet<NamedPermission>;
  readonly brands: 'all' | ReadonlySet<string>;
}

/**
 * Step 8 of the manual: the customer-service role holds the three customer-service
 * permissions by default. An agent never given roles (in a shop that never defined
 * one, or before an admin set its roles) has exactly that: everything the desk's
 * role allows, every brand.
 */
export const DEFAULT_GRANTS: Grants = { permissions: new Set(NAMED_PERMISSIONS), brands: 'all' };

const NO_GRANTS: Grants = { permissions: new Set(), brands: new Set() };

/**
 * The union of what an agent's roles grant (P1 permissions, P3 brands). Once an
 * admin has set an agent's roles, the agent has what they grant and nothing more:
 * an agent whose last role is removed (or set to none) has no named permission,
 * rather than falling back to the defaults (which would make removing a role a
 * way to grant everything).
 */
export const grantsOf = (state: AccessState | undefined, agentId: string): Grants => {
  const roleIds = state?.members[agentId];
  if (roleIds === undefined) return DEFAULT_GRANTS;
  const roles = roleIds.map((id) => state?.roles[id]).filter((r): r is RoleDefinition => r !== undefined);
  if (roles.length === 0) return NO_GRANTS;
  const permissions = new Set(roles.flatMap((r) => r.permissions));
  const brands = roles.some((r) => r.brands === 'all') ? 'all' : new Set(roles.flatMap((r) => (r.brands === 'all' ? [] : r.brands)));
  return { permissions, brands };
};

/** Folds an access event: whole values, so each event replaces what it is about. */
export const evolveAccess = (state: AccessState, event: AccessEvent): AccessState =>
  produce(state, (draft) => {
    switch (event.type) {
      case 'RoleDefined': {
        const { at: _at, ...role } = event.data;
        draft.roles[role.roleId] = castDraft(role);
        return;
      }
      case 'RoleRemoved':
        delete draft.roles[event.data.roleId];
        // Its members lose it (an agent left with none has no named permission: grantsOf).
        for (const [agentId, roleIds] of Object.entries(draft.members)) {
          if (roleIds.includes(event.data.roleId)) draft.members[agentId] = roleIds.filter((id) => id !== event.data.roleId);
        }
        return;
      case 'AgentRolesSet':
        draft.members[event.data.agentId] = castDraft(event.data.roleIds);
        return;
    }
  });
