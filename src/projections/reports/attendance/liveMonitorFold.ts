/**
 * M21's live monitor as one fold over the desk's, the conversations' and the
 * reviews' events: per shop, who holds each open session (the reception count),
 * what waits and for which group, the reply clock of each open conversation,
 * each agent's figures of its latest day (sessions received, response pairs),
 * satisfaction, and the attendance fold's own state (the same apply as the
 * attendance report, so today's fairness equals the report's; days before the
 * shop's latest day are dropped from it, the monitor never asks for them).
 *
 * Response pairs follow kefu's open points 1-3, kept small: a customer message
 * starts the session's clock unless one is running; a non-notice `auto` answer
 * stops it unpaired; the holder's first reply closes the pair, timed from the
 * later of the question and the holder's reception start (assignment or transfer).
 * Bounded: open sessions, waiting sessions, agents (one day of figures each).
 */
import { isNotice } from '../../noticeMessages.js';
import type { QueueTarget } from '../../../routing/model.js';
import type { Projection, ProjectedEvent } from '../../projection.js';
import { dayClock, type DayClock, type ReportOptions } from '../reportKit.js';
import { applyAttendance, type AttendanceState } from './attendanceFold.js';

interface OpenConversation {
  holder: string | null;
  receptionStart: number;
  /** When the running question was asked; null: no question waits. */
  pending: number | null;
}

/** An agent's figures of one natural day (the latest it had events on). */
export interface AgentDay {
  day: number;
  sessions: number;
  responseMs: number;
  responses: number;
}

export interface LiveShop {
  /** The latest day the shop had an event on: attendance cells of earlier days are dropped (the monitor shows today). */
  day: number;
  /** Where that day ends (the next day's start), so the per-event check is one comparison. */
  dayEnd: number;
  /** Open session -> the agent holding it (co-agents are not holders). */
  holders: Record<string, string>;
  /** Waiting session -> the groups it waits in ('(no-group)' when it waits for anyone or one agent). */
  waiting: Record<string, { entryGroupId: string | null; groups: string[] }>;
  conversations: Record<string, OpenConversation>;
  days: Record<string, AgentDay>;
  /** Agent -> sessions whose best rating is credited to it, and their score sum (S10, as sessionRatings.ts). */
  satisfaction: Record<string, { sessions: number; scoreSum: number }>;
}

export interface LiveMonitorState {
  attendance: AttendanceState;
  shops: Record<string, LiveShop>;
}

export const NO_GROUP = '(no-group)';

/** R13: a waiting session's lane is its entry group, else the groups of its pool target. */
export const queueGroups = (entryGroupId: string | null, target: QueueTarget | undefined): string[] =>
  entryGroupId !== null ? [entryGroupId] : target?.kind === 'pool' && target.groups.length > 0 ? [...target.groups] : [NO_GROUP];


const shopOf = (state: LiveMonitorState, shopId: string): LiveShop => {
  let shop = state.shops[shopId];
  if (shop === undefined) {
    shop = { day: 0, dayEnd: 0, holders: {}, waiting: {}, conversations: {}, days: {}, satisfaction: {} };
    state.shops[shopId] = shop;
  }
  return shop;
};

/** The agent's figures for the day of `at`: a later day starts afresh; an earlier one (a late event) is not counted. */
const dayOf = (clock: DayClock, shop: LiveShop, agentId: string, at: number): AgentDay | undefined => {
  const day = clock.dayOf(at);
  const current = shop.days[agentId];
  if (current !== undefined && current.day > day) return undefined;
  if (current !== undefined && current.day === day) return current;
  const fresh = { day, sessions: 0, responseMs: 0, responses: 0 };
  shop.days[agentId] = fresh;
  return fresh;
};

const credit = (shop: LiveShop, agents: readonly string[], score: number, sign: 1 | -1): void => {
  for (const agentId of agents) {
    const s = (shop.satisfaction[agentId] ??= { sessions: 0, scoreSum: 0 });
    s.sessions += sign;
    s.scoreSum += sign * score;
  }
};

// The fields it reads, structurally: the registry decoded them.
interface Seen {
  readonly sessionId: string;
  readonly agentId: string;
  readonly from: string;
  readonly to: string | QueueTarget;
  readonly target?: QueueTarget;
  readonly entryGroupId?: string;
  readonly at: number;
  readonly sender: { readonly kind: string; readonly id?: string };
  readonly kind: string;
  readonly purpose?: string;
  readonly counts: boolean;
  readonly score: number;
  readonly creditedTo: readonly string[];
  readonly replaces?: { readonly score: number; readonly creditedTo: readonly string[] };
}

const message = (clock: DayClock, shop: LiveShop, d: Seen): void => {
  const c = shop.conversations[d.sessionId];
  if (c === undefined) return;
  if (d.sender.kind === 'customer') {
    if (c.pending === null) c.pending = d.at;
  } else if (d.kind === 'auto') {
    // A keyword or robot answer answers what was asked before it: no clock runs from those questions.
    if (!isNotice(d.purpose)) c.pending = null;
  } else if (d.sender.kind === 'agent' && d.kind !== 'internal-note' && d.kind !== 'system' && d.sender.id === c.holder && c.pending !== null) {
    const figures = dayOf(clock, shop, c.holder, d.at);
    if (figures !== undefined) {
      figures.responseMs += d.at - (c.pending > c.receptionStart ? c.pending : c.receptionStart);
      figures.responses++;
    }
    c.pending = null;
  }
};

const received = (clock: DayClock, shop: LiveShop, sessionId: string, agentId: string, at: number): void => {
  delete shop.waiting[sessionId];
  shop.holders[sessionId] = agentId;
  const figures = dayOf(clock, shop, agentId, at);
  if (figures !== undefined) figures.sessions++;
};

/** A new day for the shop: the attendance days before it can no longer be asked for. Once a day per shop, so cheap. */
const pruneBefore = (state: LiveMonitorState, shopId: string, day: number): void => {
  for (const agent of Object.values(state.attendance[shopId]?.agents ?? {})) {
    for (const key of Object.keys(agent.days)) if (Number(key) < day) delete agent.days[key];
  }
};

export const applyLiveMonitor = (clock: DayClock, state: LiveMonitorState, event: ProjectedEvent): LiveMonitorState => {
  applyAttendance(clock, state.attendance, event);
  const d = event.data as Seen;
  const shopId = event.metadata.shopId;
  const shop = shopOf(state, shopId);
  const lastAt = state.attendance[shopId]?.lastAt ?? 0;
  if (lastAt >= shop.dayEnd) {
    shop.day = clock.dayOf(lastAt);
    shop.dayEnd = clock.startOf(shop.day + 1);
    pruneBefore(state, shopId, shop.day);
  }
  switch (event.type) {
    case 'SessionQueued':
    case 'SessionRequeued': {
      delete shop.holders[d.sessionId];
      const entry = d.entryGroupId ?? null;
      shop.waiting[d.sessionId] = { entryGroupId: entry, groups: queueGroups(entry, d.target) };
      break;
    }
    case 'QueueTargetChanged': {
      const w = shop.waiting[d.sessionId];
      if (w !== undefined) w.groups = queueGroups(w.entryGroupId, d.to as QueueTarget);
      break;
    }
    case 'SessionAssigned':
      received(clock, shop, d.sessionId, d.agentId, d.at);
      break;
    case 'SessionTransferred':
      received(clock, shop, d.sessionId, d.to as string, d.at);
      break;
    case 'SessionEnded':
    case 'SessionDiverted':
      delete shop.waiting[d.sessionId];
      delete shop.holders[d.sessionId];
      break;
    case 'ConversationOpened':
      shop.conversations[d.sessionId] = { holder: null, receptionStart: d.at, pending: null };
      break;
    case 'ConversationAssigned':
    case 'ConversationTransferred': {
      const c = shop.conversations[d.sessionId];
      if (c !== undefined) {
        c.holder = event.type === 'ConversationAssigned' ? d.agentId : (d.to as string);
        c.receptionStart = d.at;
      }
      break;
    }
    case 'ConversationRequeued': {
      const c = shop.conversations[d.sessionId];
      if (c !== undefined) c.holder = null;
      break;
    }
    case 'ConversationEnded':
      delete shop.conversations[d.sessionId];
      break;
    case 'MessageSent':
      message(clock, shop, d);
      break;
    case 'SessionRated':
      if (d.counts) {
        if (d.replaces !== undefined) credit(shop, d.replaces.creditedTo, d.replaces.score, -1);
        credit(shop, d.creditedTo, d.score, 1);
      }
      break;
    default:
      break;
  }
  return state;
};

export const liveMonitorProjection = (options: ReportOptions): Projection<LiveMonitorState> => {
  const clock = dayClock(options.zone);
  return { name: 'live-monitor', initialState: () => ({ attendance: {}, shops: {} }), apply: (state, event) => applyLiveMonitor(clock, state, event) };
};
