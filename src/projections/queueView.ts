/**
 * The queue as a screen shows it (R12, R13): each waiting session with when it
 * started waiting, its channel, VIP flag and whom it waits for, in arrival order.
 * Who may see which entry is a filter over this list (see visibleQueue).
 */
import { Map as IMap, OrderedMap } from 'immutable';
import type { DeskEvent } from '../domain/desk/deskEvents.js';
import type { QueueTarget } from '../routing/model.js';
import { canServe } from '../routing/queue.js';
import type { Projection } from './projection.js';

export interface WaitingSession {
  readonly sessionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly vip: boolean;
  readonly target: QueueTarget;
  readonly since: number;
  /** R13: the entry group it came in with. */
  readonly entryGroupId?: string;
  /** Back from an agent that left: it is served before the others. */
  readonly requeued?: boolean;
}

/** Shop id -> waiting sessions by id, in arrival order. */
export type QueueView = IMap<string, OrderedMap<string, WaitingSession>>;

const remove = (view: QueueView, shop: string, sessionId: string): QueueView => {
  const waiting = view.get(shop);
  return waiting === undefined || !waiting.has(sessionId) ? view : view.set(shop, waiting.delete(sessionId));
};

export const queueView: Projection<QueueView, DeskEvent> = {
  name: 'queue-view',
  initialState: () => IMap(),
  apply: (view, event) => {
    const shop = event.metadata.shopId;
    switch (event.type) {
      case 'SessionQueued': {
        const { sessionId, customerId, channel, vip, target, at, entryGroupId } = event.data;
        const waiting = view.get(shop) ?? OrderedMap<string, WaitingSession>();
        const row: WaitingSession = { sessionId, customerId, channel, vip, target, since: at, ...(entryGroupId === undefined ? {} : { entryGroupId }) };
        return view.set(shop, waiting.set(sessionId, row));
      }
      case 'SessionRequeued': {
        const { sessionId, customerId, channel, vip, target, at, entryGroupId } = event.data;
        const waiting = view.get(shop) ?? OrderedMap<string, WaitingSession>();
        const row: WaitingSession = { sessionId, customerId, channel, vip, target, since: at, requeued: true, ...(entryGroupId === undefined ? {} : { entryGroupId }) };
        return view.set(shop, waiting.set(sessionId, row));
      }
      case 'QueueTargetChanged': {
        const row = view.get(shop)?.get(event.data.sessionId);
        return row === undefined ? view : view.setIn([shop, event.data.sessionId], { ...row, target: event.data.to });
      }
      case 'SessionAssigned':
      case 'SessionEnded':
        return remove(view, shop, event.data.sessionId);
      default:
        return view;
    }
  },
};

/** One shop's waiting sessions in arrival order. */
export const waitingIn = (view: QueueView, shopId: string): WaitingSession[] => [...(view.get(shopId)?.values() ?? [])];

/**
 * R13: admins see the whole queue; others see what waits for anyone, for their
 * groups, or for them by name (the lanes they serve).
 */
export const visibleQueue = (
  waiting: readonly WaitingSession[],
  viewer: { readonly agentId: string; readonly role: string; readonly groups: readonly string[] },
): readonly WaitingSession[] =>
  viewer.role === 'admin' ? waiting : waiting.filter((w) => canServe(w, { id: viewer.agentId, groups: viewer.groups }));
