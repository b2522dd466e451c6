/**
 * Why this agent: the decision an assignment event carries, bounded in size (the
 * runners-up are capped, the filter counts are fixed fields), so a shop of 10,000
 * agents writes no bigger events than a shop of 10. It says which step decided,
 * the chosen agent's standing (the keys the base mode compares), the best few
 * after it, how many agents each eligibility rule removed from the scope the step
 * looked at, and what broke a tie. explainAssignment (projections) turns it, and
 * the desk folded from the log, into words.
 */
import * as t from 'io-ts';
import { agentIdCodec, groupIdCodec } from '../domain/ids.js';
import { intInRange, nonNegativeInt, oneOf, struct } from '../domain/validation.js';
import type { Exclusion } from './eligibility.js';
import type { BaseMode } from './model.js';

/**
 * The step that decided; the later ways a session reaches an agent add dequeue,
 * manual pick, transfer and outreach. (A requeued session is routed again by the
 * pipeline: its decision names the step, with the leaving agent as the trigger.)
 */
export const DECISION_STEPS = [
  'customer-pin',
  'customer-choice',
  'entry-group',
  'channel-pin',
  'sticky',
  'base-mode',
  'dequeue',
  'manual-pick',
  'transfer',
  'proactive',
] as const;
export type DecisionStep = (typeof DECISION_STEPS)[number];

/** An agent's standing when the decision was made: what the base modes compare. */
export interface Standing {
  readonly agentId: string;
  readonly load: number;
  readonly maxSessions: number;
  /** When it was last given a session (-1: never): least load and round robin prefer the longest idle. */
  readonly lastAssignedAt: number;
  /** Weighted mode's pass and weight (stride scheduling), when the mode is weighted. */
  readonly pass?: number;
  readonly weight?: number;
}

/** How many agents of a scope each rule removed, and how many could take the session. */
export type FilterCounts = { readonly [K in Exclusion | 'eligible']: number };

export type Scope =
  | { readonly kind: 'shop' }
  | { readonly kind: 'group'; readonly groupId: string }
  /** Agents named in a channel rule. */
  | { readonly kind: 'agents' };

export interface ScopeCounts {
  readonly scope: Scope;
  readonly counts: FilterCounts;
}

/** What decided between the chosen agent and the first runner-up. */
export type TieBreak = 'key' | 'idle-longest' | 'agent-id' | 'draw' | 'only-candidate' | 'designated';

export interface AssignmentDecision {
  readonly step: DecisionStep;
  readonly mode?: BaseMode;
  readonly chosen: Standing;
  /** The best agents after the chosen one, best first (at most the shop's runnersUp setting). */
  readonly runnersUp: readonly Standing[];
  /** The scopes the step looked at, with what each rule removed (at most MAX_SCOPES; `more` counts the rest). */
  readonly scopes: readonly ScopeCounts[];
  readonly moreScopes?: number;
  /** Agents of the shop outside the scopes the step looked at (not members of the group, not named). */
  readonly outsideScope?: number;
  readonly tieBreak: TieBreak;
  /** dequeue, requeue: what freed the slot or sent the session back; manual acts: who acted. */
  readonly trigger?: string;
  /** dequeue and manual pick: how long the session had waited (ms). */
  readonly waitedMs?: number;
}

/** Why a session waits, when it queues: the step and the counts of its scopes. */
export interface QueueDecision {
  readonly step: DecisionStep | 'no-agent';
  readonly scopes: readonly ScopeCounts[];
  readonly moreScopes?: number;
}

export const MAX_SCOPES = 10;

const count = nonNegativeInt;
const filterCountsCodec = struct('FilterCounts', {
  'not-working': count,
  offline: count,
  busy: count,
  'excluded-admin': count,
  'at-max': count,
  eligible: count,
});

const scopeCodec = t.union([
  struct('ShopScope', { kind: t.literal('shop') }),
  struct('GroupScope', { kind: t.literal('group'), groupId: groupIdCodec }),
  struct('AgentsScope', { kind: t.literal('agents') }),
]);

const scopeCountsCodec = struct('ScopeCounts', { scope: scopeCodec, counts: filterCountsCodec });

const standingCodec = struct(
  'Standing',
  { agentId: agentIdCodec, load: count, maxSessions: count, lastAssignedAt: t.number },
  { pass: t.number, weight: t.number },
);

const scopesCodec = t.readonlyArray(scopeCountsCodec);

export const assignmentDecisionCodec = struct(
  'AssignmentDecision',
  {
    step: oneOf('DecisionStep', DECISION_STEPS),
    chosen: standingCodec,
    runnersUp: t.readonlyArray(standingCodec),
    scopes: scopesCodec,
    tieBreak: oneOf('TieBreak', ['key', 'idle-longest', 'agent-id', 'draw', 'only-candidate', 'designated']),
  },
  {
    mode: oneOf('BaseMode', ['least-load', 'round-robin', 'weighted', 'random']),
    moreScopes: count,
    outsideScope: count,
    trigger: t.string,
    waitedMs: intInRange(0, Number.MAX_SAFE_INTEGER),
  },
);

export const queueDecisionCodec = struct(
  'QueueDecision',
  { step: oneOf('QueueStep', [...DECISION_STEPS, 'no-agent']), scopes: scopesCodec },
  { moreScopes: count },
);
