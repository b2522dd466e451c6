/**
 * Deciding a customer command (C1): who acts first (P1, policy table), then the
 * profile's own rules. A registration repeated with the same profile is a no-op
 * (a backend's sync delivered twice); with another profile it is refused, and the
 * caller patches instead. A patch or a tag that changes nothing writes nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext } from '../decider.js';
import { domainError, type DomainError } from '../errors.js';
import { authorizeBy, type Relation, type Who } from '../permissions/policy.js';
import { whoFromContext } from '../permissions/who.js';
import { MAX_TAGS, PROFILE_FIELDS, type ProfileFields } from './customerProfile.js';
import type { CustomersCommand, CustomersCommandOf, ProfilePatch } from './customersCommands.js';
import type { CustomersEvent } from './customersEvents.js';
import { customersPolicy } from './customersPolicy.js';
import { changedFields, type CustomerState } from './customersState.js';

export const CUSTOMERS_ERROR_CODES = ['actor.not-allowed', 'actor.missing-permission', 'actor.unknown', 'customer.exists', 'customer.unknown', 'customer.too-many-tags'] as const;
export type CustomersErrorCode = (typeof CUSTOMERS_ERROR_CODES)[number];

type Decided = E.Either<DomainError, readonly CustomersEvent[]>;

const refuse = (code: CustomersErrorCode, message: string, field: string): Decided => E.left(domainError(code, message, { field }));

/** A customer's own profile is 'own' to it; to staff every customer is someone else's (their rule reaches all). */
const relationOf = (who: Who, customerId: string): Relation => (who.kind === 'customer' && who.id === customerId ? 'own' : 'other');

const known = (s: CustomerState, customerId: string): E.Either<DomainError, void> =>
  s.registered ? E.right(undefined) : E.left(domainError('customer.unknown', `customer ${customerId} has no profile (RegisterCustomer first)`, { field: 'data.customerId' }));

const sameProfile = (s: CustomerState, profile: ProfileFields, tags: readonly string[]): boolean =>
  PROFILE_FIELDS.every((f) => s.profile[f] === profile[f]) && s.tags.length === tags.length && s.tags.every((t, i) => t === tags[i]);

const register = (c: CustomersCommandOf<'RegisterCustomer'>, s: CustomerState): Decided => {
  const { customerId, tags = [], ...profile } = c.data;
  if (s.registered) return sameProfile(s, profile, tags) ? E.right([]) : refuse('customer.exists', `customer ${customerId} is registered already (patch it with UpdateCustomerProfile)`, 'data.customerId');
  return E.right([{ type: 'CustomerRegistered', data: { customerId, ...profile, tags, at: c.meta.now } }]);
};

const update = (c: CustomersCommandOf<'UpdateCustomerProfile'>, s: CustomerState, who: Who): Decided => {
  const { customerId, tags, ...changes } = c.data;
  if (who.kind === 'customer') {
    const beyond = Object.keys(c.data).find((k) => k !== 'customerId' && k !== 'nickname');
    if (beyond !== undefined) return refuse('actor.not-allowed', `a customer changes its own nickname only, not ${beyond}`, `data.${beyond}`);
  }
  const exists = known(s, customerId);
  if (E.isLeft(exists)) return exists;
  const fields = changedFields(s.profile, changes);
  const tagsChange = tags !== undefined && !(tags.length === s.tags.length && tags.every((t, i) => t === s.tags[i]));
  if (fields.length === 0 && !tagsChange) return E.right([]);
  const only: Record<string, unknown> = {};
  for (const f of fields) only[f] = changes[f];
  if (tagsChange) only['tags'] = tags;
  return E.right([{ type: 'CustomerProfileUpdated', data: { customerId, ...(only as ProfilePatch), at: c.meta.now } }]);
};

const tag = (c: CustomersCommandOf<'TagCustomer'>, s: CustomerState): Decided => {
  const exists = known(s, c.data.customerId);
  if (E.isLeft(exists)) return exists;
  if (s.tags.includes(c.data.tag)) return E.right([]);
  if (s.tags.length >= MAX_TAGS) return refuse('customer.too-many-tags', `customer ${c.data.customerId} has ${MAX_TAGS} tags already`, 'data.tag');
  return E.right([{ type: 'CustomerTagged', data: { customerId: c.data.customerId, tag: c.data.tag, at: c.meta.now } }]);
};

const untag = (c: CustomersCommandOf<'UntagCustomer'>, s: CustomerState): Decided => {
  const exists = known(s, c.data.customerId);
  if (E.isLeft(exists)) return exists;
  if (!s.tags.includes(c.data.tag)) return E.right([]);
  return E.right([{ type: 'CustomerUntagged', data: { customerId: c.data.customerId, tag: c.data.tag, at: c.meta.now } }]);
};

export const decideCustomers = (command: CustomersCommand, state: CustomerState, context: DecideContext): Decided => {
  const who = whoFromContext(context, command.meta.shopId, command.meta.actor);
  if (E.isLeft(who)) return who;
  const allowed = authorizeBy(customersPolicy, command.type, who.right, relationOf(who.right, command.data.customerId));
  if (E.isLeft(allowed)) return allowed;
  switch (command.type) {
    case 'RegisterCustomer':
      return register(command, state);
    case 'UpdateCustomerProfile':
      return update(command, state, who.right);
    case 'TagCustomer':
      return tag(command, state);
    case 'UntagCustomer':
      return untag(command, state);
  }
};
