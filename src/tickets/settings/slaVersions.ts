/**
 * T4: the SLA versions of a shop in effect order, and which one is in force at
 * an instant: the last whose effectiveAt <= the instant (a binary search; two
 * versions with the same effectiveAt: the later one). Before the first version,
 * version 0 (no policies, no calendars) is in force.
 */
import { inForceAt } from '../../domain/effectiveAt.js';
import type { SlaVersion, TicketSettingsState } from './ticketSettingsTypes.js';

export const VERSION_ZERO: SlaVersion = { version: 0, effectiveAt: 0, policies: [], calendars: new Map() };

type Versions = Pick<TicketSettingsState, 'slaVersions'>;

/** The version in force at `at`. */
export const slaVersionAt = (state: Versions | undefined, at: number): SlaVersion => inForceAt(state?.slaVersions ?? [], at, VERSION_ZERO);

/** The newest version, in force or scheduled. */
export const latestSlaVersion = (state: Versions | undefined): SlaVersion => {
  const versions = state?.slaVersions ?? [];
  return versions[versions.length - 1] ?? VERSION_ZERO;
};

/** A version by its number (versions are numbered 1, 2, ... in order); 0 and unknown numbers give version 0. */
export const slaVersionNumbered = (state: Versions | undefined, version: number): SlaVersion => {
  const found = state?.slaVersions[version - 1];
  return found !== undefined && found.version === version ? found : VERSION_ZERO;
};

/** The first version that takes effect after `at`, if one is scheduled (when a recompute is due next). */
export const nextSlaVersionAfter = (state: Versions | undefined, at: number): SlaVersion | undefined => {
  const current = slaVersionAt(state, at);
  return state?.slaVersions.find((v) => v.version > current.version && v.effectiveAt > at);
};
