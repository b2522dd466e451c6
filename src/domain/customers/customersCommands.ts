/**
 * C1: the customers' commands. A profile is created once (RegisterCustomer, by a
 * backend syncing the shop's member database or by staff) and then patched: a
 * field given is set, a field given as null is cleared, a field left out stays.
 * Tags are replaced whole by a patch, or added and removed one at a time
 * (TagCustomer / UntagCustomer), so two agents tagging the same customer at once
 * both keep their tag (each is decided on the stream's latest state).
 */
import type { Command } from '../command.js';
import { customerIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { struct } from '../validation.js';
import { profilePatchProps, profileProps, tagCodec, tagsCodec, type ProfileFields } from './customerProfile.js';

type Ref = { readonly customerId: string };
type Nullable<T> = { readonly [K in keyof T]?: T[K] | null };

/** A patch: set a field, or clear it with null; tags replace the whole list. */
export type ProfilePatch = Nullable<Required<ProfileFields>> & { readonly tags?: readonly string[] };

export type CustomersCommand =
  | Command<'RegisterCustomer', Ref & ProfileFields & { readonly tags?: readonly string[] }>
  /** A customer may patch its own nickname only; staff any field. */
  | Command<'UpdateCustomerProfile', Ref & ProfilePatch>
  | Command<'TagCustomer', Ref & { readonly tag: string }>
  | Command<'UntagCustomer', Ref & { readonly tag: string }>;

export type CustomersCommandType = CustomersCommand['type'];
export type CustomersCommandOf<T extends CustomersCommandType> = Extract<CustomersCommand, { type: T }>;

export const customersCommandCodecs = {
  RegisterCustomer: struct('RegisterCustomer', { customerId: customerIdCodec }, { ...profileProps, tags: tagsCodec }),
  UpdateCustomerProfile: struct('UpdateCustomerProfile', { customerId: customerIdCodec }, profilePatchProps),
  TagCustomer: struct('TagCustomer', { customerId: customerIdCodec, tag: tagCodec }),
  UntagCustomer: struct('UntagCustomer', { customerId: customerIdCodec, tag: tagCodec }),
} satisfies CommandCodecs<CustomersCommand>;
