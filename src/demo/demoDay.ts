/**
 * Who comes in during the demo day and how each customer behaves, drawn up front
 * from the seed: arrival times (more in the late morning and the evening, a few
 * before opening and after closing), channel, the group asked for, VIPs, pinned
 * customers, returning customers, how many questions each asks, who goes silent,
 * who orders, which after-sale sessions become tickets. Pure: the same seed and
 * scale give the same plan.
 */
import type { Draws } from '../domain/seededDraws.js';
import { logNormal, weighted } from '../simulation/distributions.js';
import { AGENTS, CHANNELS, CHANNEL_WEIGHTS, GROUPS, localTime, MINUTE, type DemoAgent } from './demoShop.js';

/** Relative arrivals per local hour (0-23): nobody at night, a few before opening (09:00) and after closing (22:00), a rush at 20:00 (the evening flash sale). */
const PER_HOUR: readonly number[] = [0, 0, 0, 0, 0, 0, 0, 2, 4, 9, 11, 12, 9, 8, 9, 10, 10, 9, 7, 8, 15, 11, 6, 2];

export type Priority = 'urgent' | 'normal' | 'low';

export interface PlannedSession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly at: number;
  readonly channel: string;
  readonly groupId: string;
  readonly vip: boolean;
  /** Questions the customer asks (each answered before the next). */
  readonly questions: number;
  /** After this many answers the customer says nothing more (the customer no-response timeout ends it); null: never. */
  readonly silentAfter: number | null;
  /** Writes again while still waiting for an agent, after this many seconds. */
  readonly followUpSec: number;
  /** The agent hands the session to another group after its first answer. */
  readonly transferTo: string | null;
  /** Rates the session after its end (1-5), or not. */
  readonly rating: number | null;
  /** An order placed (and paid) after the session, in fen. */
  readonly order: { readonly amount: number; readonly units: number; readonly afterMin: number } | null;
  /** The agent opens a ticket from the session before ending it. */
  readonly ticket: { readonly priority: Priority; readonly handled: boolean; readonly claimAfterMin: number; readonly completeAfterMin: number } | null;
}

export interface DemoPlan {
  readonly sessions: readonly PlannedSession[];
  readonly customers: number;
  /** Customer -> agent pins set up in the morning (R7). */
  readonly pins: readonly { readonly customerId: string; readonly agentId: string }[];
  readonly vips: number;
}

const hourWeights = PER_HOUR.map((w, hour) => [hour, w] as const);
const channelWeights = CHANNELS.map((c, i) => [c, CHANNEL_WEIGHTS[i] ?? 1] as const);
const groupWeights = GROUPS.map((g) => [g.groupId, g.weight] as const);
const ratingWeights = [[5, 60], [4, 22], [3, 9], [2, 4], [1, 5]] as const;
const priorityWeights = [['urgent', 25], ['normal', 50], ['low', 25]] as const;

/** Nobody is planned to arrive after 23:50 (the day ends at midnight). */
const LAST_ARRIVAL = localTime(23, 50);

/** The flash sale opens at 20:00: that hour's customers all come in its first half hour. */
const FLASH_SALE_HOUR = 20;

const arrivalTime = (d: Draws): number => {
  const hour = weighted(d, hourWeights);
  return localTime(hour) + d.below((hour === FLASH_SALE_HOUR ? 30 : hour === 23 ? 50 : 60) * MINUTE);
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** An agent whose shift covers most of the day: pinned customers are its regulars. */
const pinnable = (agent: DemoAgent) => agent.shift.to - agent.shift.from >= 8;

/**
 * However small the day, its first three after-sale sessions in the morning open a
 * ticket, the first urgent and left alone, so an SLA reminder and a breach happen.
 */
const withSureTickets = (sessions: readonly Omit<PlannedSession, 'sessionId'>[]): Omit<PlannedSession, 'sessionId'>[] => {
  let forced = 0;
  return sessions.map((s) => {
    if (forced >= 3 || s.groupId !== 'aftersale' || s.at < localTime(9, 30) || s.at > localTime(14)) return s;
    forced++;
    return { ...s, silentAfter: null, ticket: { priority: forced === 1 ? 'urgent' : 'normal', handled: forced !== 1, claimAfterMin: 20, completeAfterMin: 60 } };
  });
};

export const planDay = (d: Draws, scale: number): DemoPlan => {
  const customerCount = Math.max(20, Math.round(2000 * scale));
  const pinAgents = AGENTS.filter(pinnable);
  const pinCount = Math.max(3, Math.round(40 * scale));
  const pins: { customerId: string; agentId: string }[] = [];
  const raw: Omit<PlannedSession, 'sessionId'>[] = [];
  let vips = 0;
  for (let i = 0; i < customerCount; i++) {
    const customerId = `c${pad(i + 1, 5)}`;
    const vip = d.next() < 0.06;
    if (vip) vips++;
    // About 2% of customers (at least 3) are pinned to an agent: its regulars, who come in during that agent's shift.
    const pinnedTo = i < pinCount ? pinAgents[(i * 7) % pinAgents.length] : undefined;
    if (pinnedTo !== undefined) pins.push({ customerId, agentId: pinnedTo.agentId });
    const visits = d.next() < 0.15 ? 2 : 1;
    const firstAt = pinnedTo === undefined ? arrivalTime(d) : localTime(pinnedTo.shift.from + 0.5) + d.below(Math.floor((pinnedTo.shift.to - pinnedTo.shift.from - 1.5) * 60) * MINUTE);
    for (let v = 0; v < visits; v++) {
      const at = v === 0 ? firstAt : firstAt + (30 + d.below(240)) * MINUTE;
      // A second visit that would fall after the day is not part of it.
      if (at >= LAST_ARRIVAL) break;
      const groupId = weighted(d, groupWeights);
      const questions = 2 + d.below(6);
      const silent = d.next() < 0.12;
      const others = GROUPS.filter((g) => g.groupId !== groupId);
      raw.push({
        customerId,
        at,
        channel: weighted(d, channelWeights),
        groupId,
        vip,
        questions,
        silentAfter: silent ? d.below(questions) + 1 : null,
        followUpSec: 90 + d.below(120),
        transferTo: questions > 1 && d.next() < 0.05 ? (others[d.below(others.length)]?.groupId ?? null) : null,
        rating: d.next() < 0.45 ? weighted(d, ratingWeights) : null,
        order: groupId === 'presale' && d.next() < 0.18 ? { amount: Math.round(logNormal(d, 16_800, 0.8)), units: 1 + d.below(3), afterMin: 2 + d.below(60) } : null,
        ticket:
          groupId === 'aftersale' && d.next() < 0.08
            ? { priority: weighted(d, priorityWeights), handled: d.next() < 0.6, claimAfterMin: Math.round(logNormal(d, 25, 0.7)), completeAfterMin: Math.round(logNormal(d, 90, 0.6)) }
            : null,
      });
    }
  }
  raw.sort((a, b) => a.at - b.at || (a.customerId < b.customerId ? -1 : 1));
  const sessions = withSureTickets(raw).map((s, i) => ({ ...s, sessionId: `s${pad(i + 1, 5)}` }));
  return { sessions, customers: customerCount, pins, vips };
};
