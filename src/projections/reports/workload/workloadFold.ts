/**
 * The one fold behind the workload (M1-M16), overview (M20) and per-session
 * (M22) reports: they all read its state, and all name it `workload-fold` so a
 * runner folds it once. It follows each session from its own stream, where
 * routing's decisions are mirrored in order with the messages (so "a message
 * while queued" and "a reply before the transfer" are decided by the stream's
 * own order), keeps the open sessions and their current segment, and adds to the
 * (agent, day, channel) cells as things happen (segments.ts).
 *
 * Per event it does a switch and a few record look-ups; it ignores every other
 * event type at once (speed: a million events).
 */
import { isNotice } from '../../noticeMessages.js';
import type { EntryPoint } from '../../../domain/conversation/messages.js';
import type { Projection, ProjectedEvent } from '../../projection.js';
import { dayClock, type ReportOptions } from '../reportKit.js';
import { DEFAULT_SESSION_LIMIT, MAX_SESSION_LIMIT, keepEnded, noEndedSessions, type EndedSessions } from './endedSessions.js';
import { record, withoutPrototypes } from './plainRecords.js';
import { agentWrote, autoAnswered, customerWrote, endSegment, startSegment, type OpenSession } from './segments.js';
import type { CellTree } from './workCells.js';

export interface ShopWork {
  /** Agents registered at the desk or seen receiving a session; channels seen on a session. */
  agents: Record<string, true>;
  channels: Record<string, true>;
  /** Session id -> the open session (dropped at its end). */
  open: Record<string, OpenSession>;
  cells: CellTree;
  ended: EndedSessions;
}

export interface WorkloadState {
  shops: Record<string, ShopWork>;
}

export interface WorkloadFoldOptions {
  /** M22: ended sessions kept per shop, the newest (default 100,000). */
  readonly sessionLimit?: number;
}

export const WORKLOAD_FOLD = 'workload-fold';


const originOf = (entry: EntryPoint): string | null =>
  entry.kind === 'product-page' ? entry.card.productId : entry.kind === 'order-page' ? entry.card.orderId : null;

const shopOf = (state: WorkloadState, shopId: string): ShopWork => {
  let shop = state.shops[shopId];
  if (shop === undefined) state.shops[shopId] = shop = { agents: record(), channels: record(), open: record(), cells: record(), ended: noEndedSessions() };
  return shop;
};

export const checkSessionLimit = (options: WorkloadFoldOptions): number => {
  const limit = options.sessionLimit ?? DEFAULT_SESSION_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SESSION_LIMIT) throw new RangeError(`workload: sessionLimit must be an integer from 1 to ${MAX_SESSION_LIMIT}, got ${String(limit)}`);
  return limit;
};

// The fold reads events of the desk, the conversation and the review modules.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEvent = ProjectedEvent<any>;

export const workloadProjection = (options: ReportOptions & WorkloadFoldOptions): Projection<WorkloadState> => {
  const limit = checkSessionLimit(options);
  const { dayOf } = dayClock(options.zone);
  const apply = (state: WorkloadState, event: AnyEvent): WorkloadState => {
    switch (event.type) {
      case 'AgentRegistered':
        shopOf(state, event.metadata.shopId).agents[event.data.agentId as string] = true;
        return state;
      case 'ConversationOpened': {
        const d = event.data as { sessionId: string; customerId: string; channel: string; initiation: string; entry: EntryPoint; entryGroupId?: string };
        const shop = shopOf(state, event.metadata.shopId);
        shop.channels[d.channel] = true;
        shop.open[d.sessionId] = {
          customerId: d.customerId,
          channel: d.channel,
          initiation: d.initiation,
          entryGroupId: d.entryGroupId ?? null,
          originPage: d.entry.kind,
          originRef: originOf(d.entry),
          waiting: false,
          queued: false,
          beforeReception: 0,
          receptions: 0,
          firstReceptionAt: null,
          lastAgentId: null,
          pairs: 0,
          pairSec: 0,
          firstResponseSec: null,
          rating: null,
          segment: null,
        };
        return state;
      }
      case 'MessageSent': {
        const d = event.data as { sessionId: string; sender: { kind: string; id?: string }; kind: string; purpose?: string; at: number };
        const shop = state.shops[event.metadata.shopId];
        const session = shop?.open[d.sessionId];
        if (shop === undefined || session === undefined) return state;
        if (d.sender.kind === 'customer') customerWrote(shop.cells, session, d.at);
        else if (d.sender.kind === 'agent') {
          // Open point 3: only the holder's own messages; co-agents' and internal notes count nowhere.
          if (d.kind !== 'internal-note' && session.segment !== null && d.sender.id === session.segment.agentId) agentWrote(shop.cells, session, d.at);
        } else if (d.kind === 'auto' && !isNotice(d.purpose)) autoAnswered(session);
        return state;
      }
      case 'ConversationAssigned': {
        const d = event.data as { sessionId: string; agentId: string; at: number };
        const shop = state.shops[event.metadata.shopId];
        const session = shop?.open[d.sessionId];
        if (shop === undefined || session === undefined) return state;
        endSegment(shop.cells, session, d.at, false);
        shop.agents[d.agentId] = true;
        // Open point 10: proactive only for the agent's own opening; a re-assignment after a requeue is the desk's.
        const via = session.initiation === 'agent' && session.receptions === 0 ? 'proactive' : 'assigned';
        startSegment(shop.cells, session, d.agentId, via, d.at, dayOf(d.at));
        return state;
      }
      case 'ConversationTransferred': {
        const d = event.data as { sessionId: string; to: string; at: number };
        const shop = state.shops[event.metadata.shopId];
        const session = shop?.open[d.sessionId];
        if (shop === undefined || session === undefined) return state;
        endSegment(shop.cells, session, d.at, true);
        shop.agents[d.to] = true;
        startSegment(shop.cells, session, d.to, 'transferred-in', d.at, dayOf(d.at));
        return state;
      }
      case 'ConversationRequeued': {
        const d = event.data as { sessionId: string; at: number };
        const shop = state.shops[event.metadata.shopId];
        const session = shop?.open[d.sessionId];
        if (shop === undefined || session === undefined) return state;
        endSegment(shop.cells, session, d.at, false);
        session.queued = true;
        return state;
      }
      case 'ConversationQueued': {
        // M10: from now until a reception, what the customer sends was "sent while queued".
        const session = state.shops[event.metadata.shopId]?.open[(event.data as { sessionId: string }).sessionId];
        if (session !== undefined) {
          session.queued = true;
          session.beforeReception = 0;
        }
        return state;
      }
      case 'ConversationDiverted': {
        // S12: the desk will not assign it (left messages): nothing of it can count, so it is not kept open.
        const d = event.data as { sessionId: string };
        const shop = state.shops[event.metadata.shopId];
        if (shop !== undefined && shop.open[d.sessionId]?.segment === null) delete shop.open[d.sessionId];
        return state;
      }
      case 'ConversationEnded': {
        const d = event.data as { sessionId: string; at: number };
        const shop = state.shops[event.metadata.shopId];
        const session = shop?.open[d.sessionId];
        if (shop === undefined || session === undefined) return state;
        endSegment(shop.cells, session, d.at, false);
        const day = session.firstReceptionAt === null ? 0 : dayOf(session.firstReceptionAt);
        keepEnded(shop.ended, d.sessionId, session, d.at, day, limit);
        delete shop.open[d.sessionId];
        return state;
      }
      case 'SessionRated': {
        const d = event.data as { sessionId: string; score: number; counts: boolean };
        if (!d.counts) return state;
        const shop = state.shops[event.metadata.shopId];
        if (shop === undefined) return state;
        const open = shop.open[d.sessionId];
        if (open !== undefined) open.rating = d.score;
        const row = shop.ended.rows[d.sessionId];
        if (row !== undefined) row.ratingScore = d.score;
        return state;
      }
      default:
        return state;
    }
  };
  return { name: WORKLOAD_FOLD, initialState: () => ({ shops: record() }), apply };
};

/** A state read back from JSON (a checkpoint), its records without prototypes again (plainRecords.ts). */
export const reviveWorkloadState = (parsed: unknown): WorkloadState => withoutPrototypes(parsed) as WorkloadState;

const NO_NAMES: ReadonlySet<string> = new Set();

/** What the fold has seen, for checkQuery: agents and channels per shop. */
export const knownOfWorkload = (state: WorkloadState) => ({
  agents: (shopId: string): ReadonlySet<string> => {
    const shop = state.shops[shopId];
    return shop === undefined ? NO_NAMES : new Set(Object.keys(shop.agents));
  },
  channels: (shopId: string): ReadonlySet<string> => {
    const shop = state.shops[shopId];
    return shop === undefined ? NO_NAMES : new Set(Object.keys(shop.channels));
  },
});
