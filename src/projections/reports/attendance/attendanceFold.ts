/**
 * M17 attendance as a fold over the desk's events: per shop, per agent, its
 * status now (and since when), and per natural day a cell of what the day's
 * attendance row needs. Status intervals are split at local midnight (open
 * point 9): an agent online across midnight is online from 00:00 of the next
 * day, and its previous day ends "online at 24:00".
 *
 * Offline time counts only between the day's earliest online and its latest
 * offline, so an offline interval is added when it ends by going online again
 * on the same day (it then lies inside that window); the offline time after
 * the latest offline (going home) and before the earliest online never counts,
 * and the fold never has to take anything back.
 *
 * The state is plain records updated in place (speed: a million events).
 */
import type { AgentStatus } from '../../../routing/model.js';
import type { Projection, ProjectedEvent } from '../../projection.js';
import { dayClock, type DayClock, type ReportOptions } from '../reportKit.js';

/** What attendance tells apart: `online`, `busy`, and everything else (offline, any away-like status) as `offline`. */
export type AttendanceStatus = 'online' | 'busy' | 'offline';

export const attendanceStatusOf = (status: AgentStatus | string): AttendanceStatus => (status === 'online' ? 'online' : status === 'busy' ? 'busy' : 'offline');

/** One status change, as M17's "查看时间轴" lists it. */
export interface StatusChange {
  readonly at: number;
  readonly from: string;
  readonly to: string;
}

/** The status changes kept per agent per day; beyond it they are only counted. */
export const TIMELINE_LIMIT = 500;

/** One agent's natural day. Times are epoch ms; the day's end (still online at midnight) is the next day's start. */
export interface DayCell {
  earliestOnline: number | null;
  latestOffline: number | null;
  onlineMs: number;
  busyMs: number;
  /** Offline time inside [earliestOnline, latestOffline]: gaps closed by going online again that day. */
  offlineMs: number;
  /** The desk's assignments to the agent (SessionAssigned, not proactive): fairness's numerator. */
  assignments: number;
  timeline: StatusChange[];
  timelineTruncated: number;
}

export interface AgentAttendance {
  /** The status as the desk last said it (not mapped), and since when. */
  status: string;
  since: number;
  /** Day number -> cell. */
  days: Record<string, DayCell>;
}

export interface ShopAttendance {
  /** The latest event time seen for the shop: an open day's running interval ends here unless a query says `asOf`. */
  lastAt: number;
  agents: Record<string, AgentAttendance>;
}

/** Shop id -> the shop's attendance. */
export type AttendanceState = Record<string, ShopAttendance>;

export const newCell = (): DayCell => ({
  earliestOnline: null,
  latestOffline: null,
  onlineMs: 0,
  busyMs: 0,
  offlineMs: 0,
  assignments: 0,
  timeline: [],
  timelineTruncated: 0,
});

export const cellOf = (agent: AgentAttendance, day: number): DayCell => {
  let cell = agent.days[day];
  if (cell === undefined) {
    cell = newCell();
    agent.days[day] = cell;
  }
  return cell;
};

/**
 * Adds the interval [start, until) spent in `status` to the agent's day cells
 * (`cellFor` gives the cell of a day, creating it), split at local midnight.
 * Offline pieces add nothing here (see the header); online and busy pieces set
 * the earliest online, and a piece reaching midnight makes the day's latest
 * offline its end. Shared with queries, which add the running interval to copies.
 */
export const addInterval = (clock: DayClock, cellFor: (day: number) => DayCell | undefined, status: AttendanceStatus, start: number, until: number): void => {
  if (status === 'offline' || until <= start) return;
  let day = clock.dayOf(start);
  let from = start;
  for (;;) {
    const dayEnd = clock.startOf(day + 1);
    const to = until < dayEnd ? until : dayEnd;
    const cell = cellFor(day);
    if (cell !== undefined) {
      if (cell.earliestOnline === null) cell.earliestOnline = from;
      if (status === 'online') cell.onlineMs += to - from;
      else cell.busyMs += to - from;
      if (to === dayEnd) cell.latestOffline = dayEnd;
    }
    if (until <= dayEnd) return;
    day++;
    from = dayEnd;
  }
};

const shopOf = (state: AttendanceState, shopId: string): ShopAttendance => {
  let shop = state[shopId];
  if (shop === undefined) {
    shop = { lastAt: 0, agents: {} };
    state[shopId] = shop;
  }
  return shop;
};

const agentOf = (shop: ShopAttendance, agentId: string, status: string, at: number): AgentAttendance => {
  let agent = shop.agents[agentId];
  if (agent === undefined) {
    agent = { status, since: at, days: {} };
    shop.agents[agentId] = agent;
  }
  return agent;
};

const changeStatus = (clock: DayClock, agent: AgentAttendance, from: string, to: string, at: number): void => {
  const was = attendanceStatusOf(agent.status);
  const now = attendanceStatusOf(to);
  // An event older than the current interval's start (another stream's clock) changes the status without rewinding time.
  const when = at < agent.since ? agent.since : at;
  addInterval(clock, (day) => cellOf(agent, day), was, agent.since, when);
  const day = clock.dayOf(when);
  const cell = cellOf(agent, day);
  if (was === 'offline' && now !== 'offline' && cell.earliestOnline !== null) {
    const dayStart = clock.startOf(day);
    cell.offlineMs += when - (agent.since > dayStart ? agent.since : dayStart);
  }
  if (now !== 'offline' && cell.earliestOnline === null) cell.earliestOnline = when;
  if (now === 'offline' && was !== 'offline' && cell.earliestOnline !== null) cell.latestOffline = when;
  if (cell.timeline.length < TIMELINE_LIMIT) cell.timeline.push({ at, from, to });
  else cell.timelineTruncated++;
  agent.status = to;
  // Offline to offline (a repeat, or an away-like status read as offline) continues the same offline interval.
  if (was !== 'offline' || now !== 'offline') agent.since = when;
};

// The events it reads, structurally: the registry decoded them.
interface Seen {
  readonly agentId?: string;
  readonly from?: string;
  readonly to?: string;
  readonly via?: string;
  readonly at?: number;
}

/**
 * Applies one event to the state in place (exported so the live monitor folds
 * the same attendance as the report). Any event of a shop moves its `lastAt`.
 */
export const applyAttendance = (clock: DayClock, state: AttendanceState, event: ProjectedEvent): AttendanceState => {
  const data = event.data as Seen;
  const at = typeof data.at === 'number' ? data.at : event.metadata.occurredAt;
  const shop = shopOf(state, event.metadata.shopId);
  if (at > shop.lastAt) shop.lastAt = at;
  switch (event.type) {
    case 'AgentRegistered':
      agentOf(shop, data.agentId as string, 'offline', at);
      break;
    case 'AgentStatusChanged': {
      const from = data.from as string;
      changeStatus(clock, agentOf(shop, data.agentId as string, from, at), from, data.to as string, at);
      break;
    }
    case 'SessionAssigned':
      if (data.via !== 'proactive') cellOf(agentOf(shop, data.agentId as string, 'offline', at), clock.dayOf(at)).assignments++;
      break;
    default:
      break;
  }
  return state;
};

export const attendanceProjection = (options: ReportOptions): Projection<AttendanceState> => {
  const clock = dayClock(options.zone);
  return { name: 'attendance', initialState: () => ({}), apply: (state, event) => applyAttendance(clock, state, event) };
};
