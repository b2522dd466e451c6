/**
 * P1-P3: who may do what, declared once. Every module declares a rule per command
 * (a `PolicyTable`); its decide resolves the actor (who.ts), works out how the actor
 * stands to what the command touches (a `Relation`), and asks `authorize`. The
 * README's permission table and the permission table test read the same
 * declarations (policyTables.ts), so the three cannot drift.
 */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../errors.js';
import type { AgentRole } from '../../routing/model.js';

/** The menu permissions of the manual's role editor (客服权限, 客服会话权限, 客服配置权限). */
export const NAMED_PERMISSIONS = ['customer-service', 'customer-service-session', 'customer-service-configuration'] as const;
export type NamedPermission = (typeof NAMED_PERMISSIONS)[number];

export const STAFF_ROLES = ['admin', 'team-lead', 'agent'] as const satisfies readonly AgentRole[];
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * How far a role reaches for one command:
 * - `all`: whatever it touches;
 * - `own-groups`: its own things and those of its groups (a team lead's groups);
 * - `own`: only its own (its sessions, its phrases, itself);
 * - `none`: never.
 */
export type Reach = 'all' | 'own-groups' | 'own' | 'none';

/** How the actor stands to what a command touches, as the deciding module sees it. */
export type Relation = 'own' | 'own-group' | 'other';

export interface CommandRule {
  /** The named permission a staff actor's roles must grant (P1); the system never needs one. */
  readonly needs?: NamedPermission;
  readonly admin: Reach;
  readonly 'team-lead': Reach;
  readonly agent: Reach;
  /** A customer acts only on what is its own (its session, its feedback), or not at all. */
  readonly customer: 'own' | 'none';
  /** Commands only the engine or a trusted backend sends (deadlines, mirrors of other streams). */
  readonly systemOnly?: boolean;
  /** One line for the README's table: what `own` means for this command. */
  readonly note?: string;
}

export type PolicyTable<T extends string> = { readonly [K in T]: CommandRule };

/** Who is acting, as resolved against the shop's agents and roles (who.ts). */
export type Who =
  | { readonly kind: 'system' }
  | { readonly kind: 'customer'; readonly id: string }
  | {
      readonly kind: 'staff';
      readonly id: string;
      readonly role: StaffRole;
      readonly groups: readonly string[];
      readonly permissions: ReadonlySet<NamedPermission>;
      /** P3: the brands the agent's roles handle; `all` when a role grants every brand. */
      readonly brands: 'all' | ReadonlySet<string>;
    };

export const PERMISSION_ERROR_CODES = ['actor.not-allowed', 'actor.missing-permission', 'actor.unknown', 'actor.brand-not-allowed'] as const;
export type PermissionErrorCode = (typeof PERMISSION_ERROR_CODES)[number];

const reaches = (reach: Reach, relation: Relation): boolean =>
  reach === 'all' || (reach === 'own-groups' && relation !== 'other') || (reach === 'own' && relation === 'own');

/** The refusals name `actor` as the field to blame: the command is well formed, who sent it may not. */
const refused = (code: PermissionErrorCode, message: string, details: Readonly<Record<string, unknown>>): E.Either<DomainError, never> =>
  E.left(domainError(code, message, { field: 'actor', ...details }));

const ALLOWED: E.Either<DomainError, void> = E.right(undefined);

/** The one check every decide makes before anything else; a refusal writes nothing. */
export const authorize = (commandType: string, rule: CommandRule, who: Who, relation: Relation): E.Either<DomainError, void> => {
  if (who.kind === 'system') return ALLOWED;
  if (rule.systemOnly === true) return refused('actor.not-allowed', `${commandType} is sent by the system only`, { commandType });
  if (who.kind === 'customer') {
    return rule.customer === 'own' && relation === 'own' ? ALLOWED : refused('actor.not-allowed', `a customer may not ${commandType} here`, { commandType, customerId: who.id });
  }
  if (rule.needs !== undefined && !who.permissions.has(rule.needs)) {
    return refused('actor.missing-permission', `${commandType} needs the permission ${rule.needs}`, { commandType, permission: rule.needs, agentId: who.id });
  }
  if (reaches(rule[who.role], relation)) return ALLOWED;
  const whose = relation === 'own' ? 'its own' : relation === 'own-group' ? "a group's" : "someone else's";
  return refused('actor.not-allowed', `a ${who.role} may not ${commandType} on ${whose} data`, { commandType, role: who.role, agentId: who.id, relation });
};

/** `authorize` by a module's table: the rule of the command's type. */
export const authorizeBy = <T extends string>(table: PolicyTable<T>, commandType: T, who: Who, relation: Relation): E.Either<DomainError, void> =>
  authorize(commandType, table[commandType], who, relation);

const RELATION_ORDER: Readonly<Record<Relation, number>> = { other: 0, 'own-group': 1, own: 2 };

/** A command touching several things stands to them as to the farthest of them (a batch of sessions). */
export const farthest = (relations: Iterable<Relation>): Relation => {
  let result: Relation = 'own';
  for (const relation of relations) if (RELATION_ORDER[relation] < RELATION_ORDER[result]) result = relation;
  return result;
};

/** P3: whether the actor handles a brand's products and orders (the system and customers are not limited). */
export const handlesBrand = (who: Who, brandId: string): boolean =>
  who.kind !== 'staff' || who.brands === 'all' || who.brands.has(brandId);

export const requireBrand = (who: Who, brandId: string): E.Either<DomainError, void> =>
  handlesBrand(who, brandId) ? E.right(undefined) : E.left(domainError('actor.brand-not-allowed', `agent ${who.kind === 'staff' ? who.id : ''} does not handle brand ${brandId}`, { brandId, field: 'data.brandId' }));

/** Shorthands for the common rules, so a table reads as what it means. */
export const rules = {
  /** P2: settings and configuration: admins only, with the configuration permission (`null`: no named permission needed). */
  adminOnly: (needs: NamedPermission | null = 'customer-service-configuration'): CommandRule =>
    needs === null ? { admin: 'all', 'team-lead': 'none', agent: 'none', customer: 'none' } : { needs, admin: 'all', 'team-lead': 'none', agent: 'none', customer: 'none' },
  /** Sessions: an agent its own, a team lead its groups', an admin all. */
  session: (needs: NamedPermission = 'customer-service', customer: 'own' | 'none' = 'none'): CommandRule => ({ needs, admin: 'all', 'team-lead': 'own-groups', agent: 'own', customer }),
  /** Something every staff member does on its own things, admins on anyone's. */
  ownOrAdmin: (needs: NamedPermission = 'customer-service'): CommandRule => ({ needs, admin: 'all', 'team-lead': 'own', agent: 'own', customer: 'none' }),
  /** Only where the actor itself takes part, whatever its role (an admin joins a session before it writes there). */
  participant: (needs: NamedPermission = 'customer-service', customer: 'own' | 'none' = 'none'): CommandRule => ({ needs, admin: 'own', 'team-lead': 'own', agent: 'own', customer }),
  /** Any staff member with the permission, whatever it touches. */
  anyStaff: (needs: NamedPermission = 'customer-service'): CommandRule => ({ needs, admin: 'all', 'team-lead': 'all', agent: 'all', customer: 'none' }),
  /** What only the customer does, on its own things (and the system for it): staff never. */
  customerOwn: (): CommandRule => ({ admin: 'none', 'team-lead': 'none', agent: 'none', customer: 'own' }),
  /** Deadlines and mirrors of other streams. */
  systemOnly: (): CommandRule => ({ admin: 'none', 'team-lead': 'none', agent: 'none', customer: 'none', systemOnly: true }),
} as const;

/** A rule with the README's note on what `own` means for it. */
export const noted = (rule: CommandRule, note: string): CommandRule => ({ ...rule, note });
