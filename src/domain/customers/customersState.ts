/**
 * One customer's profile as its stream folds it. Small and bounded (eight fields,
 * at most 20 tags), and the stream takes an event only when staff or a backend
 * change something, so there are no snapshots: a cold load reads a few events.
 */
import type { ProfileFields, ProfileField } from './customerProfile.js';
import { PROFILE_FIELDS } from './customerProfile.js';
import type { ProfilePatch } from './customersCommands.js';
import type { CustomersEvent } from './customersEvents.js';

export interface CustomerState {
  readonly registered: boolean;
  readonly customerId: string;
  readonly profile: ProfileFields;
  readonly tags: readonly string[];
  /** 成为客户时间: when the profile was registered. */
  readonly since?: number;
  readonly updatedAt?: number;
}

export const initialCustomerState = (): CustomerState => ({ registered: false, customerId: '', profile: {}, tags: [] });

/** The profile after a patch: a field set, cleared (null) or left as it was. */
export const patched = (profile: ProfileFields, changes: ProfilePatch): ProfileFields => {
  const next: Record<string, unknown> = { ...profile };
  for (const field of PROFILE_FIELDS) {
    const value = changes[field];
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else next[field] = value;
  }
  return next as ProfileFields;
};

/** The fields of a patch that change something (null on an absent field, or the same value, do not). */
export const changedFields = (profile: ProfileFields, changes: ProfilePatch): readonly ProfileField[] =>
  PROFILE_FIELDS.filter((field) => {
    const value = changes[field];
    if (value === undefined) return false;
    return value === null ? profile[field] !== undefined : profile[field] !== value;
  });

export const evolveCustomer = (state: CustomerState, event: CustomersEvent): CustomerState => {
  switch (event.type) {
    case 'CustomerRegistered': {
      const { customerId, tags, at, ...profile } = event.data;
      return { registered: true, customerId, profile, tags, since: at, updatedAt: at };
    }
    case 'CustomerProfileUpdated': {
      const { customerId: _c, at: _at, tags, ...changes } = event.data;
      return { ...state, profile: patched(state.profile, changes), ...(tags === undefined ? {} : { tags }), updatedAt: event.data.at };
    }
    case 'CustomerTagged':
      return { ...state, tags: [...state.tags, event.data.tag], updatedAt: event.data.at };
    case 'CustomerUntagged':
      return { ...state, tags: state.tags.filter((t) => t !== event.data.tag), updatedAt: event.data.at };
  }
};
