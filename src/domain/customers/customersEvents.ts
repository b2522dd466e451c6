/**
 * What a customer's stream records (C1). Names, phone numbers, nicknames, remark
 * names and tags are personal data: CustomerRegistered and CustomerProfileUpdated
 * carry them, CustomerTagged / CustomerUntagged carry a tag (README, "Personal
 * data"). An update carries only the fields that changed (a null: cleared), so the log says
 * who changed which field when, and a replay gives the same profile.
 */
import type * as t from 'io-ts';
import type { DomainEvent } from '../decider.js';
import { customerIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { struct, timestamp } from '../validation.js';
import { profilePatchProps, profileProps, tagCodec, tagsCodec, type ProfileFields } from './customerProfile.js';
import type { ProfilePatch } from './customersCommands.js';

type Ref = { readonly customerId: string };
type At = { readonly at: number };

export type CustomersEvent =
  | DomainEvent<'CustomerRegistered', Ref & ProfileFields & { readonly tags: readonly string[] } & At>
  /** Only the fields that changed, each set or cleared (null); flat, so each personal field is a field of its own. */
  | DomainEvent<'CustomerProfileUpdated', Ref & ProfilePatch & At>
  | DomainEvent<'CustomerTagged', Ref & { readonly tag: string } & At>
  | DomainEvent<'CustomerUntagged', Ref & { readonly tag: string } & At>;

export type CustomersEventType = CustomersEvent['type'];

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });

export const customersEventDefinitions = {
  CustomerRegistered: v1(struct('CustomerRegistered', { customerId: customerIdCodec, tags: tagsCodec, at: timestamp }, profileProps)),
  CustomerProfileUpdated: v1(struct('CustomerProfileUpdated', { customerId: customerIdCodec, at: timestamp }, profilePatchProps)),
  CustomerTagged: v1(struct('CustomerTagged', { customerId: customerIdCodec, tag: tagCodec, at: timestamp })),
  CustomerUntagged: v1(struct('CustomerUntagged', { customerId: customerIdCodec, tag: tagCodec, at: timestamp })),
} satisfies EventDefinitions<CustomersEvent>;
