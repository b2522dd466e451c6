/**
 * Builders for the decisions the desk's assignment and queue events carry
 * (routing/trace.ts), so a strict `then` can spell out why an agent was chosen in
 * a line: `designated('transfer', standing('a2'), { trigger: 'transferred by a1 from a1' })`.
 * Defaults are those of a fresh agent (no load, max 3, never assigned) and of an
 * empty scope.
 */
import type { BaseMode } from '../routing/model.js';
import type { AssignmentDecision, DecisionStep, FilterCounts, QueueDecision, ScopeCounts, Standing, TieBreak } from '../routing/trace.js';

/** Drops the fields given as undefined, so that builders never write a key the desk would leave out. */
export const present = <T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };

export interface StandingOptions {
  readonly load?: number;
  readonly maxSessions?: number;
  readonly lastAssignedAt?: number;
  readonly pass?: number;
  readonly weight?: number;
}

/** An agent's standing at the decision (what the base modes compare). */
export const standing = (agentId: string, { load = 0, maxSessions = 3, lastAssignedAt = -1, pass, weight }: StandingOptions = {}): Standing => ({
  agentId,
  load,
  maxSessions,
  lastAssignedAt,
  ...present({ pass, weight }),
});

/** The decision of an agent named rather than compared: a pin, a choice, sticky, a dequeue, a manual act. */
export const designated = (
  step: DecisionStep,
  chosen: Standing | string,
  { trigger, waitedMs }: { readonly trigger?: string; readonly waitedMs?: number } = {},
): AssignmentDecision => ({
  step,
  chosen: typeof chosen === 'string' ? standing(chosen) : chosen,
  runnersUp: [],
  scopes: [],
  tieBreak: 'designated',
  ...present({ trigger, waitedMs }),
});

/** Filter counts of a scope: how many agents each rule removed; zero where not given. */
export const filterCounts = (counts: Partial<FilterCounts> = {}): FilterCounts => ({
  'not-working': 0,
  offline: 0,
  busy: 0,
  'excluded-admin': 0,
  'at-max': 0,
  eligible: 0,
  ...counts,
});

export const shopScope = (counts: Partial<FilterCounts> = {}): ScopeCounts => ({ scope: { kind: 'shop' }, counts: filterCounts(counts) });
export const groupScope = (groupId: string, counts: Partial<FilterCounts> = {}): ScopeCounts => ({ scope: { kind: 'group', groupId }, counts: filterCounts(counts) });
export const namedScope = (counts: Partial<FilterCounts> = {}): ScopeCounts => ({ scope: { kind: 'agents' }, counts: filterCounts(counts) });

export interface PickOptions {
  readonly mode: BaseMode;
  readonly chosen: Standing;
  readonly runnersUp?: readonly Standing[];
  readonly scopes: readonly ScopeCounts[];
  readonly tieBreak: TieBreak;
  readonly moreScopes?: number;
  readonly outsideScope?: number;
  readonly trigger?: string;
}

/** The decision of a pick by the base mode among the agents of some scopes. */
export const picked = (step: DecisionStep, { mode, chosen, runnersUp = [], scopes, tieBreak, moreScopes, outsideScope, trigger }: PickOptions): AssignmentDecision => ({
  step,
  mode,
  chosen,
  runnersUp,
  scopes,
  tieBreak,
  ...present({ moreScopes, outsideScope, trigger }),
});

/** Why a session waits: the step, and the counts of the scopes it looked at. */
export const waiting = (step: QueueDecision['step'], scopes: readonly ScopeCounts[] = [], moreScopes?: number): QueueDecision => ({
  step,
  scopes,
  ...present({ moreScopes }),
});
