/**
 * The role editor's commands (P1/P3, the manual's 修改角色 with its three tabs):
 * a role is its name and description, its named permissions (操作权限) and its
 * brands (品牌权限); its members (员工) are set per agent. DefineRole defines a
 * role or redefines it whole; RemoveRole takes it from its members too.
 */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import { agentIdCodec, brandIdCodec, roleIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { NAMED_PERMISSIONS, type NamedPermission } from '../permissions/policy.js';
import { describedAs, describeValue, nonEmptyString, oneOf, struct } from '../validation.js';

/** Bounds that keep the access state (read by every agent's command) small. */
export const MAX_BRANDS_PER_ROLE = 1000;
export const MAX_ROLES_PER_AGENT = 50;

export interface RoleFields {
  readonly roleId: string;
  readonly name: string;
  readonly description?: string;
  readonly permissions: readonly NamedPermission[];
  /** P3: `all`, or the brands whose products and orders the role handles. */
  readonly brands: 'all' | readonly string[];
}

export type AccessCommand =
  | Command<'DefineRole', RoleFields>
  | Command<'RemoveRole', { readonly roleId: string }>
  | Command<'SetAgentRoles', { readonly agentId: string; readonly roleIds: readonly string[] }>;

export type AccessCommandType = AccessCommand['type'];
export type AccessCommandOf<T extends AccessCommandType> = Extract<AccessCommand, { type: T }>;

/** An array of at most `max` items, each decoded by `item` (its index in the field path). */
export const boundedArray = <A>(name: string, item: t.Type<A, A, unknown>, max: number) => {
  const array = t.readonlyArray(item);
  return describedAs(
    new t.Type<readonly A[], readonly A[], unknown>(
      name,
      (u): u is readonly A[] => array.is(u) && u.length <= max,
      (u, c) => (Array.isArray(u) && u.length > max ? t.failure(u, c, `must hold at most ${max} items, got ${u.length}`) : array.validate(u, c)),
      t.identity,
    ),
    `a list of at most ${max} items`,
  );
};

/** `all`, or a list of brand ids. */
const brandsCodec = describedAs(new t.Type<'all' | readonly string[], 'all' | readonly string[], unknown>(
  'Brands',
  (u): u is 'all' | readonly string[] => u === 'all' || (Array.isArray(u) && u.every((b) => brandIdCodec.is(b))),
  (u, c) => (u === 'all' ? t.success('all') : typeof u === 'string' ? t.failure(u, c, `must be "all" or a list of brand ids, got ${describeValue(u)}`) : boundedArray('BrandIds', brandIdCodec, MAX_BRANDS_PER_ROLE).validate(u, c)),
  t.identity,
), '"all" or a list of brand ids');

/** The fields of a role, shared by the command and its event (a struct refuses unknown fields, so they are spelt once here). */
export const roleFields = {
  roleId: roleIdCodec,
  name: nonEmptyString(100),
  permissions: boundedArray('NamedPermissions', oneOf('NamedPermission', NAMED_PERMISSIONS), NAMED_PERMISSIONS.length * 2),
  brands: brandsCodec,
};
export const roleOptionalFields = { description: nonEmptyString(500) };

export const accessCommandCodecs = {
  DefineRole: struct('DefineRole', roleFields, roleOptionalFields),
  RemoveRole: struct('RemoveRole', { roleId: roleIdCodec }),
  SetAgentRoles: struct('SetAgentRoles', { agentId: agentIdCodec, roleIds: boundedArray('RoleIds', roleIdCodec, MAX_ROLES_PER_AGENT) }),
} satisfies CommandCodecs<AccessCommand>;
