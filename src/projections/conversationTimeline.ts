/**
 * A session's timeline (S2, S3): its messages in order, each with when the other
 * side read it, folded from the conversation's events only. Two views of it:
 * `staffView` shows everything, internal notes marked staff-only; `customerView`
 * leaves internal notes out and shows anonymous replies without the agent.
 * Persistent lists keep appending a message O(1) and marking a batch read
 * O(messages it covers).
 */
import { List, Map as IMap } from 'immutable';
import type { ConversationEvent, ConversationEventOf, ConversationStatus, Initiation, Presence } from '../domain/conversation/conversation.js';
import type { EntryPoint, Sender } from '../domain/conversation/messages.js';
import type { Projection } from './projection.js';

/** A message as the conversation recorded it (MessageSent), and when the other side read it. */
export type TimelineMessage = Omit<ConversationEventOf<'MessageSent'>['data'], 'sessionId'> & {
  /** When the other side read it (the agent for a customer's message, the customer for the staff's). */
  readonly readAt?: number;
};

export interface Timeline {
  readonly sessionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly initiation: Initiation;
  readonly entry: EntryPoint;
  readonly status: ConversationStatus;
  readonly agentId?: string;
  readonly presence: Presence;
  readonly previousSessionId?: string;
  readonly nextSessionId?: string;
  readonly messages: List<TimelineMessage>;
}

/** Shop id -> session id -> timeline. */
export type Timelines = IMap<string, IMap<string, Timeline>>;

const update = (state: Timelines, shop: string, sessionId: string, change: (t: Timeline) => Timeline): Timelines => {
  const timeline = state.get(shop)?.get(sessionId);
  return timeline === undefined ? state : state.setIn([shop, sessionId], change(timeline));
};

/** Marks the other side's messages up to `upToSeq` read at `at` (walking back to the last mark). */
const markRead = (t: Timeline, side: 'customer' | 'agent', upToSeq: number, at: number): Timeline => {
  const incoming = (m: TimelineMessage) => (side === 'agent' ? m.sender.kind === 'customer' : m.sender.kind !== 'customer' && !m.staffOnly);
  const messages = t.messages.withMutations((list) => {
    for (let i = Math.min(upToSeq, list.size) - 1; i >= 0; i--) {
      const m = list.get(i);
      if (m === undefined || !incoming(m)) continue;
      // Marks move forward only: before a message already read, all were read.
      if (m.readAt !== undefined) break;
      list.set(i, { ...m, readAt: at });
    }
  });
  return { ...t, messages };
};

export const conversationTimeline: Projection<Timelines, ConversationEvent> = {
  name: 'conversation-timeline',
  initialState: () => IMap(),
  apply: (state, event) => {
    const shop = event.metadata.shopId;
    const sessionId = event.data.sessionId;
    switch (event.type) {
      case 'ConversationOpened': {
        const e = event.data;
        const timeline: Timeline = {
          sessionId,
          customerId: e.customerId,
          channel: e.channel,
          initiation: e.initiation,
          entry: e.entry,
          status: 'routing',
          presence: 'active',
          ...(e.previousSessionId === undefined ? {} : { previousSessionId: e.previousSessionId }),
          messages: List(),
        };
        return state.set(shop, (state.get(shop) ?? IMap<string, Timeline>()).set(sessionId, timeline));
      }
      case 'MessageSent': {
        const { sessionId: _s, ...m } = event.data;
        return update(state, shop, sessionId, (t) => ({ ...t, messages: t.messages.push(m) }));
      }
      case 'MessagesRead':
        return update(state, shop, sessionId, (t) => markRead(t, event.data.side, event.data.upToSeq, event.data.at));
      case 'CustomerPresenceChanged':
        return update(state, shop, sessionId, (t) => ({ ...t, presence: event.data.to }));
      case 'ConversationContinued':
        return update(state, shop, sessionId, (t) => ({ ...t, nextSessionId: event.data.nextSessionId }));
      case 'ConversationQueued':
      case 'ConversationRequeued':
        return update(state, shop, sessionId, ({ agentId: _a, ...t }) => ({ ...t, status: 'queued' }));
      case 'ConversationAssigned':
        return update(state, shop, sessionId, (t) => ({ ...t, status: 'assigned', agentId: event.data.agentId }));
      case 'ConversationTransferred':
        return update(state, shop, sessionId, (t) => ({ ...t, agentId: event.data.to }));
      case 'ConversationDiverted':
        return update(state, shop, sessionId, (t) => ({ ...t, status: 'leave-a-message' }));
      case 'ConversationEnded':
        return update(state, shop, sessionId, (t) => ({ ...t, status: 'ended' }));
      default:
        // Co-agents, and the events of other modules an engine hands every projection.
        return state;
    }
  },
};

/** One session's timeline, or undefined when it has none. */
export const timelineOf = (state: Timelines, shopId: string, sessionId: string): Timeline | undefined => state.get(shopId)?.get(sessionId);

/** What staff see: every message, internal notes marked `staffOnly`. */
export const staffView = (state: Timelines, shopId: string, sessionId: string): readonly TimelineMessage[] =>
  timelineOf(state, shopId, sessionId)?.messages.toArray() ?? [];

/** What the customer sees: no internal notes; an anonymous reply has no agent on it. */
export type CustomerMessage = Omit<TimelineMessage, 'sender' | 'staffOnly'> & { readonly sender: Sender | { readonly kind: 'agent' } };

export const customerView = (state: Timelines, shopId: string, sessionId: string): readonly CustomerMessage[] => {
  const timeline = timelineOf(state, shopId, sessionId);
  if (timeline === undefined) return [];
  const shown: CustomerMessage[] = [];
  for (const { staffOnly, sender, ...m } of timeline.messages) {
    if (staffOnly) continue;
    shown.push({ ...m, sender: m.kind === 'anonymous-reply' ? { kind: 'agent' } : sender });
  }
  return shown;
};
