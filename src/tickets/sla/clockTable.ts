/**
 * T5: how each SLA clock stands in each ticket status, as one table, so that the
 * ticket module, the README and the tests read the same rule. A row says how a
 * clock that has NOT stopped yet moves in that status: it runs (business time
 * counts), pauses (waiting on the customer: it resumes later) or stops (final).
 * A stopped clock never runs again: a reopen does not restart it (T5 counts the
 * FIRST response and the FIRST resolution).
 */
import type { SlaClock } from '../settings/ticketSettingsTypes.js';
import type { TicketStatus } from '../ticket/ticketTypes.js';
import type { ClockMotion } from './slaTypes.js';

export const CLOCK_TABLE: Readonly<Record<TicketStatus, Readonly<Record<SlaClock, ClockMotion>>>> = {
  'to-assign': { response: 'runs', resolution: 'runs' },
  'to-process': { response: 'runs', resolution: 'runs' },
  'in-progress': { response: 'stopped', resolution: 'runs' },
  waiting: { response: 'stopped', resolution: 'paused' },
  completed: { response: 'stopped', resolution: 'stopped' },
};

/** One line per row, for the README table. */
export const CLOCK_TABLE_WHY: Readonly<Record<TicketStatus, string>> = {
  'to-assign': 'nobody has the ticket yet: the customer is waiting for both a response and a resolution',
  'to-process': 'assigned but not started: the assignee has not answered yet',
  'in-progress': 'starting to process is the first response; the work towards a resolution goes on',
  waiting: 'only reachable after processing started (response stopped); the customer owes the next step, so the resolution clock does not count it',
  completed: 'the first completion is the first resolution, and a response at the latest',
};

/**
 * The events that stop each clock (the first one only; later ones change nothing).
 * TicketRemarked stops the response clock only when the remark is by the assignee
 * at the time; TicketCompleted stops a response clock still running.
 */
export const STOPPED_BY: Readonly<Record<SlaClock, readonly string[]>> = {
  response: ['TicketProcessingStarted', 'TicketRemarked', 'TicketCompleted'],
  resolution: ['TicketCompleted'],
};

/** How a clock moves in a status; a clock already stopped stays 'stopped' whatever the status. */
export const motionOf = (status: TicketStatus, clock: SlaClock, stopped: boolean): ClockMotion => (stopped ? 'stopped' : CLOCK_TABLE[status][clock]);
