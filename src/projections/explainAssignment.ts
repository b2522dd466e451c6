/**
 * "Why did this session go to a1, and not to a2?", answered from the log alone.
 * The assignment event carries its decision (routing/trace.ts): the step, the
 * chosen agent's standing, the runners-up, what each rule removed. Folding the
 * shop's desk up to that event gives the state every other agent was in at that
 * moment, so a2's case is told exactly: a runner-up and why it ranked lower,
 * offline, busy, at max, an admin left out, not working, outside the group the
 * step looked at, or eligible but below the runners-up recorded. Pure: the same
 * log always gives the same answer, in words and as data.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DeskEvent } from '../domain/desk/deskEvents.js';
import { evolveDesk } from '../domain/desk/deskEvolve.js';
import { initialDeskState, type DeskState } from '../domain/desk/deskState.js';
import { domainError, type DomainError } from '../domain/errors.js';
import { exclusionOf, type Exclusion } from '../routing/eligibility.js';
import type { Agent } from '../routing/model.js';
import type { AssignmentDecision, ScopeCounts, Standing } from '../routing/trace.js';
import type { ProjectedEvent } from './projection.js';

export type VersusReason = 'chosen' | 'runner-up' | Exclusion | 'outside-scope' | 'not-named' | 'below-runners-up' | 'unknown-agent';

export interface VersusExplanation {
  readonly agentId: string;
  readonly reason: VersusReason;
  /** Its standing at that moment, when it was an agent of the shop. */
  readonly standing?: Standing;
  /** Its place among the runners-up (1 = the best after the chosen), when it was one. */
  readonly rank?: number;
  readonly text: string;
}

export interface AssignmentExplanation {
  readonly sessionId: string;
  readonly agentId: string;
  readonly at: number;
  /** The event that made the assignment (the latest one of the session). */
  readonly event: 'SessionAssigned' | 'SessionTransferred';
  /** The recorded decision; absent for events written before decisions were recorded. */
  readonly decision?: AssignmentDecision;
  readonly text: string;
  readonly versus?: VersusExplanation;
}

type AssignmentEvent = Extract<DeskEvent, { type: 'SessionAssigned' | 'SessionTransferred' }>;

const EXCLUSION_WORDS: Record<Exclusion, string> = {
  'not-working': 'not working (disabled, frozen or not yet active)',
  offline: 'offline',
  busy: 'busy (it keeps its sessions but takes no new ones)',
  'excluded-admin': 'an admin, and admins are left out of auto-assignment',
  'at-max': 'at its max',
};

const when = (t: number) => (t < 0 ? 'never assigned before' : `last assigned at ${new Date(t).toISOString()}`);

const describeStanding = (s: Standing) =>
  `load ${s.load}/${s.maxSessions}, ${when(s.lastAssignedAt)}${s.pass === undefined ? '' : `, pass ${s.pass.toFixed(3)} (weight ${(s.weight ?? 0).toFixed(3)})`}`;

const scopeWords = (s: ScopeCounts) => {
  const where = s.scope.kind === 'shop' ? 'the shop' : s.scope.kind === 'group' ? `group ${s.scope.groupId}` : 'the agents named by the rule';
  const c = s.counts;
  const removed = (['offline', 'busy', 'at-max', 'excluded-admin', 'not-working'] as const)
    .filter((k) => c[k] > 0)
    .map((k) => `${c[k]} ${k === 'at-max' ? 'at max' : k === 'excluded-admin' ? 'admins left out' : k === 'not-working' ? 'not working' : k}`);
  return `in ${where}, ${c.eligible} could take it${removed.length === 0 ? '' : ` (${removed.join(', ')})`}`;
};

const TIE_WORDS = {
  key: 'it ranked first on the base mode\'s measure',
  'idle-longest': 'a tie on load, broken by who waited longest since its last session',
  'agent-id': 'a tie, broken by agent id',
  draw: 'a uniform draw',
  'only-candidate': 'it was the only one that could',
  designated: 'the step named it',
} as const;

const stepWords = (d: AssignmentDecision, sessionId: string, agentId: string): string => {
  const mode = d.mode === undefined ? '' : ` by ${d.mode}`;
  switch (d.step) {
    case 'customer-pin':
      return `${sessionId} went to ${agentId}: the customer is pinned to ${agentId} (R7)`;
    case 'customer-choice':
      return `${sessionId} went to ${agentId}: the customer chose ${agentId} (R8)`;
    case 'sticky':
      return `${sessionId} went to ${agentId}: it served this customer last and had room (R1)`;
    case 'entry-group':
      return d.tieBreak === 'designated'
        ? `${sessionId} went to ${agentId}: it entered with a group of which ${agentId}, who served the customer last, is a member (R13, R1)`
        : `${sessionId} went to ${agentId}, picked${mode} among the members of its entry group (R13)`;
    case 'channel-pin':
      return `${sessionId} went to ${agentId}, picked${mode} among the agents its channel is pinned to (R6)`;
    case 'base-mode':
      return `${sessionId} went to ${agentId}, picked${mode} among every agent who could take it`;
    case 'dequeue':
      return `${agentId} took ${sessionId} from the queue when it had a free slot (${d.trigger ?? 'slot freed'}), after ${Math.round((d.waitedMs ?? 0) / 1000)} s of waiting (R11)`;
    case 'manual-pick':
      return `${sessionId} was picked from the queue for ${agentId} (${d.trigger ?? 'manual pick'}) after ${Math.round((d.waitedMs ?? 0) / 1000)} s of waiting (R12)`;
    case 'transfer':
      return `${sessionId} was transferred to ${agentId} (${d.trigger ?? 'transfer'}) (S5)`;
    case 'proactive':
      return `${agentId} started ${sessionId} itself (${d.trigger ?? 'outreach'}) (S1)`;
  }
};

const textOf = (d: AssignmentDecision | undefined, sessionId: string, agentId: string): string => {
  if (d === undefined) return `${sessionId} went to ${agentId} (this event records no decision: it was written before decisions were)`;
  const parts = [`${stepWords(d, sessionId, agentId)}.`];
  if (d.trigger !== undefined && ['sticky', 'base-mode', 'entry-group', 'channel-pin'].includes(d.step)) parts.push(`(${d.trigger}.)`);
  parts.push(`${agentId}: ${describeStanding(d.chosen)}; ${TIE_WORDS[d.tieBreak]}.`);
  if (d.runnersUp.length > 0) parts.push(`Next were ${d.runnersUp.map((r) => `${r.agentId} (${describeStanding(r)})`).join('; ')}.`);
  if (d.scopes.length > 0) parts.push(`${d.scopes.map(scopeWords).join('; ')}${d.outsideScope ? `; ${d.outsideScope} agents of the shop were outside what the step looked at` : ''}.`);
  return parts.join(' ');
};

/** Why `other` ranked below `chosen` in the base mode's terms. */
const rankedLower = (d: AssignmentDecision, other: Standing): string => {
  const c = d.chosen;
  if (d.mode === 'least-load') {
    if (other.load * c.maxSessions !== c.load * other.maxSessions) return `its load ${other.load}/${other.maxSessions} was higher than ${c.load}/${c.maxSessions}`;
    return other.lastAssignedAt !== c.lastAssignedAt ? `same load, but it was given a session more recently (${when(other.lastAssignedAt)})` : 'a tie, broken by agent id';
  }
  if (d.mode === 'round-robin') return `it was given a session more recently (${when(other.lastAssignedAt)} against ${when(c.lastAssignedAt)})`;
  if (d.mode === 'weighted') return `its pass ${(other.pass ?? 0).toFixed(3)} was not smaller than ${(c.pass ?? 0).toFixed(3)}`;
  return 'the draw fell on the other agent';
};

const inScope = (d: AssignmentDecision, agent: Agent): boolean => {
  if (d.scopes.length === 0 || d.scopes.some((s) => s.scope.kind === 'shop')) return true;
  return d.scopes.some((s) => (s.scope.kind === 'group' ? agent.groups.includes(s.scope.groupId) : false)) || d.scopes.some((s) => s.scope.kind === 'agents');
};

const standingOf = (agent: Agent): Standing => ({ agentId: agent.id, load: agent.load, maxSessions: agent.maxSessions, lastAssignedAt: agent.lastAssignedAt });

const versusOf = (state: DeskState, d: AssignmentDecision | undefined, chosenId: string, otherId: string): VersusExplanation => {
  if (otherId === chosenId) return { agentId: otherId, reason: 'chosen', text: `${otherId} is the agent it went to.` };
  const agent = state.agents.get(otherId);
  if (agent === undefined) return { agentId: otherId, reason: 'unknown-agent', text: `${otherId} was not an agent of the shop then.` };
  const standing = standingOf(agent);
  const rank = d?.runnersUp.findIndex((r) => r.agentId === otherId) ?? -1;
  if (d !== undefined && rank >= 0) {
    const recorded = d.runnersUp[rank] as Standing;
    return { agentId: otherId, reason: 'runner-up', standing: recorded, rank: rank + 1, text: `${otherId} was runner-up #${rank + 1}: ${rankedLower(d, recorded)}.` };
  }
  if (d !== undefined && (d.tieBreak === 'designated' || ['customer-pin', 'customer-choice', 'sticky', 'dequeue', 'manual-pick', 'transfer', 'proactive'].includes(d.step))) {
    return { agentId: otherId, reason: 'not-named', standing, text: `${otherId} was not considered: the ${d.step} step names one agent.` };
  }
  // A designation reaches admins left out of auto-assignment, so only the auto rules are asked here.
  const exclusion = exclusionOf(agent, state.settings.adminsExcluded);
  if (exclusion !== undefined) return { agentId: otherId, reason: exclusion, standing, text: `${otherId} was ${EXCLUSION_WORDS[exclusion]} (${describeStanding(standing)}).` };
  if (d !== undefined && !inScope(d, agent)) {
    return { agentId: otherId, reason: 'outside-scope', standing, text: `${otherId} could take sessions but was outside what the ${d.step} step looked at (${d.scopes.map((s) => (s.scope.kind === 'group' ? `group ${s.scope.groupId}` : s.scope.kind)).join(', ')}).` };
  }
  return {
    agentId: otherId,
    reason: 'below-runners-up',
    standing,
    text: `${otherId} could take it (${describeStanding(standing)}) but ranked below the ${d?.runnersUp.length ?? 0} runners-up recorded${d === undefined ? '' : `: ${rankedLower(d, standing)}`}.`,
  };
};

export interface ExplainOptions {
  /** Also explain why the session did not go to this agent. */
  readonly versus?: string;
  /** Also explain, for every other agent of the shop at that moment, why it was not the one (explainAssignments). */
  readonly others?: boolean;
}

/** One assignment of a session, explained, with where it stands in the session's story. */
export interface SessionAssignmentExplanation extends AssignmentExplanation {
  /** 1 for the session's first assignment, 2 for the next (a dequeue after a requeue, a transfer), ... */
  readonly ordinal: number;
  /** What happened to the session just before, when it waited: queued (no agent could take it) or requeued (its agent left). */
  readonly waited?: { readonly kind: 'queued' | 'requeued'; readonly at: number; readonly from?: string; readonly reason?: string };
  /** explainAssignments with `others`: every other agent of the shop then, runners-up first, then the rest by agent id. */
  readonly others?: readonly VersusExplanation[];
}

interface Found {
  readonly event: AssignmentEvent;
  readonly before: DeskState;
  readonly waited?: SessionAssignmentExplanation['waited'];
}

/** Folds the shop's desk and keeps every assignment of the session with the desk just before it. */
const findAssignments = (events: Iterable<ProjectedEvent<DeskEvent> | ProjectedEvent>, sessionId: string): readonly Found[] => {
  let state = initialDeskState();
  const found: Found[] = [];
  let waited: SessionAssignmentExplanation['waited'];
  for (const event of events as Iterable<ProjectedEvent<DeskEvent>>) {
    if (!event.stream.startsWith('routing-')) continue;
    const desk = event as unknown as DeskEvent;
    if ('sessionId' in desk.data && desk.data.sessionId === sessionId) {
      if (desk.type === 'SessionAssigned' || desk.type === 'SessionTransferred') {
        found.push({ event: desk, before: state, ...(waited === undefined ? {} : { waited }) });
        waited = undefined;
      } else if (desk.type === 'SessionQueued') waited = { kind: 'queued', at: desk.data.at };
      else if (desk.type === 'SessionRequeued') waited = { kind: 'requeued', at: desk.data.at, from: desk.data.from, reason: desk.data.reason };
    }
    state = evolveDesk(state, { type: desk.type, data: desk.data } as DeskEvent);
  }
  return found;
};

const notAssigned = (sessionId: string): DomainError => domainError('explain.not-assigned', `session ${sessionId} was never given to an agent in these events`, { sessionId });

const explained = ({ event, before }: Found, sessionId: string, options: ExplainOptions): AssignmentExplanation => {
  const agentId = event.type === 'SessionAssigned' ? event.data.agentId : event.data.to;
  const decision = event.data.decision;
  return {
    sessionId,
    agentId,
    at: event.data.at,
    event: event.type,
    ...(decision === undefined ? {} : { decision }),
    text: textOf(decision, sessionId, agentId),
    ...(options.versus === undefined ? {} : { versus: versusOf(before, decision, agentId, options.versus) }),
  };
};

/** Every other agent of the shop at that moment, runners-up first (in rank order), then the rest by id. */
const othersOf = ({ before, event }: Found, agentId: string): readonly VersusExplanation[] => {
  const decision = event.data.decision;
  const ranked = (decision?.runnersUp ?? []).map((r) => r.agentId);
  const rest = [...before.agents.keys()].filter((id) => id !== agentId && !ranked.includes(id)).sort();
  return [...ranked, ...rest].map((id) => versusOf(before, decision, agentId, id));
};

/**
 * Explains the latest assignment of `sessionId` in `events`: the decoded events of
 * one shop's routing stream, in log order (the shop's other events are skipped).
 */
export const explainAssignment = (
  events: Iterable<ProjectedEvent<DeskEvent> | ProjectedEvent>,
  sessionId: string,
  options: ExplainOptions = {},
): E.Either<DomainError, AssignmentExplanation> => {
  const found = findAssignments(events, sessionId);
  const last = found[found.length - 1];
  return last === undefined ? E.left(notAssigned(sessionId)) : E.right(explained(last, sessionId, options));
};

/**
 * Explains EVERY assignment of `sessionId`, in log order: its first assignment, a
 * dequeue after it waited, a re-assignment after a requeue, each transfer. Each
 * carries what the session went through just before (queued, requeued) and, with
 * `others`, why each other agent of the shop was not the one at that moment.
 */
export const explainAssignments = (
  events: Iterable<ProjectedEvent<DeskEvent> | ProjectedEvent>,
  sessionId: string,
  options: ExplainOptions = {},
): E.Either<DomainError, readonly SessionAssignmentExplanation[]> => {
  const found = findAssignments(events, sessionId);
  if (found.length === 0) return E.left(notAssigned(sessionId));
  return E.right(
    found.map((f, i) => {
      const base = explained(f, sessionId, options);
      return {
        ...base,
        ordinal: i + 1,
        ...(f.waited === undefined ? {} : { waited: f.waited }),
        ...(options.others === true ? { others: othersOf(f, base.agentId) } : {}),
      };
    }),
  );
};
