/**
 * P1/P3: the shop's roles as the manual's role editor has them (操作权限, 品牌权限,
 * 员工): a role grants named permissions and brands, and agents are members of
 * roles. The state is small (tens of roles), kept whole in one stream per shop,
 * `access-<shopId>`, which other modules read as a reference (who.ts).
 */
import { NAMED_PERMISSIONS, type NamedPermission } from '../permissions/policy.js';

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
  /** The roles each agent is a member of; an agent in none has the default role. */
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
 * permissions by default. An agent given no role (or a shop that never defined one)
 * has exactly that: everything the desk's role allows, every brand.
 */
export const DEFAULT_GRANTS: Grants = { permissions: new Set(NAMED_PERMISSIONS), brands: 'all' };

/** The union of what an agent's roles grant (P1 permissions, P3 brands). */
export const grantsOf = (state: AccessState | undefined, agentId: string): Grants => {
  const roleIds = state?.members[agentId] ?? [];
  const roles = roleIds.map((id) => state?.roles[id]).filter((r): r is RoleDefinition => r !== undefined);
  if (roles.length === 0) return DEFAULT_GRANTS;
  const permissions = new Set(roles.flatMap((r) => r.permissions));
  const brands = roles.some((r) => r.brands === 'all') ? 'all' : new Set(roles.flatMap((r) => (r.brands === 'all' ? [] : r.brands)));
  return { permissions, brands };
};
