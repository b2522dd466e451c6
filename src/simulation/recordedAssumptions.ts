/**
 * The sentences printed with a what-if table: what the replay keeps from the
 * recorded day, and where it has to guess. The fixed ones hold for every day;
 * the others name what this day had (transfers, requeues, settings changed
 * during it) and how it was treated, with counts, so a reader knows how far to
 * trust the comparison.
 */
import type { RoutingSettings } from '../routing/settings.js';

export interface DayFacts {
  readonly sessions: number;
  /** Sessions that were never assigned (they left the queue or still waited at the end). */
  readonly neverAssigned: number;
  /** Assigned but not ended when the log (or the window) ends. */
  readonly stillOpen: number;
  /** The handling time given to sessions that were never assigned (the median of the day's). */
  readonly fallbackHandleMs: number;
  readonly transferred: number;
  readonly requeued: number;
  /** Customer messages sent while waiting in the queue (after the first). */
  readonly waitingMessages: number;
  readonly proactive: number;
  readonly diverted: number;
  readonly busyMs: number;
  readonly agentChanges: readonly { readonly agentId: string; readonly changes: readonly string[] }[];
  readonly routing: { readonly atStart: RoutingSettings; readonly configured: boolean; readonly changes: readonly { readonly at: number; readonly settings: RoutingSettings }[] };
  readonly pins: number;
  readonly conversations: boolean;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

export const assumptionsOf = (facts: DayFacts): string[] => {
  const lines = [
    `The same ${plural(facts.sessions, 'session')} arrive at their recorded times, with their recorded customer, channel, VIP flag and entry group.`,
    'Each session keeps its recorded handling time, from its first assignment to its end, whoever handles it and whenever it is assigned.',
    'The holder\'s first reply comes the session\'s recorded first-reply time after the assignment (never, for a session that had no reply).',
    'Customers who left the queue unserved would have left after the same wait; customers who were served would have waited as long as it took.',
    'Agents keep their recorded hours: they take sessions while they were online (and enabled and active); busy stretches count as off shift (no new sessions; held ones are kept, unless the strategy sets whenAgentLeaves to requeue).',
    'Each agent keeps the groups, max sessions and capability in force at the end of the window, all day.',
    'The replay runs the desk alone: the conversation\'s no-response timeouts and auto-replies do not fire, so a session that timed out in the recorded day ends after its recorded handling time in the replay, and later customer messages are not sent.',
    'A customer has one session at a time: a second arrival while the first is still open waits for it to end.',
    'Stickiness (R1) only sees contacts within the replayed day.',
  ];
  if (!facts.conversations) {
    lines.push('The log has no conversations (only the desk\'s events): no first response is known, so each session counts as unanswered until it ends, in both columns (the SLA breaches measure that).');
  }
  if (facts.neverAssigned > 0) {
    lines.push(`${plural(facts.neverAssigned, 'session was', 'sessions were')} never assigned: in the replay they are handled for the day's median handling time (${minutes(facts.fallbackHandleMs)}) if they get an agent.`);
  }
  if (facts.stillOpen > 0) lines.push(`${plural(facts.stillOpen, 'session was', 'sessions were')} still held when the window ends: they are held to its end in the replay too.`);
  if (facts.transferred > 0) {
    lines.push(`Transfers are not replayed (${plural(facts.transferred, 'session')} had one): the first assignment is kept and the session ends after its recorded handling time; the recorded figures count the transfers.`);
  }
  if (facts.requeued > 0) {
    lines.push(`Requeues are not replayed (${plural(facts.requeued, 'session')} went back to the queue): the handling time counts from the first assignment and includes the second wait.`);
  }
  if (facts.waitingMessages > 0) lines.push(`${plural(facts.waitingMessages, 'customer message')} sent while waiting in the queue ${facts.waitingMessages === 1 ? 'is' : 'are'} not replayed.`);
  if (facts.proactive > 0) lines.push(`${plural(facts.proactive, 'agent-started session')} (outreach) ${facts.proactive === 1 ? 'is' : 'are'} left out of both columns: they were never routed.`);
  if (facts.diverted > 0) lines.push(`${plural(facts.diverted, 'session')} diverted before routing (blacklist, bypassed channel, keyword reply) ${facts.diverted === 1 ? 'is' : 'are'} left out of both columns.`);
  if (facts.busyMs > 0) lines.push(`Agents were busy for ${minutes(facts.busyMs)} in all: the recorded utilisation counts that time as online, the replay's does not.`);
  for (const agent of facts.agentChanges) lines.push(`${agent.agentId}'s settings changed during the day (${agent.changes.join('; ')}): the replay uses the last value all day.`);
  if (!facts.routing.configured) lines.push('No routing configuration was recorded before the day: the recorded column ran on the defaults.');
  if (facts.routing.changes.length > 0) {
    lines.push(`The routing configuration changed ${plural(facts.routing.changes.length, 'time')} during the day (to ${facts.routing.changes.map((c) => c.settings.baseMode).join(', ')}): the what-if applies its strategy all day.`);
  }
  if (facts.pins > 0) lines.push(`${plural(facts.pins, 'customer pin')} in force at the end of the window ${facts.pins === 1 ? 'applies' : 'apply'} all day, when the strategy enables pinning.`);
  return lines;
};
