/**
 * The conversation of one session, in a stream of its own
 * (`conversation-<shopId>-<sessionId>`): its messages, read marks and the
 * customer's presence, plus what routing decided about it, mirrored from the
 * desk's stream by reactions (conversationReactions.ts). Messages of different
 * sessions never contend, and the shop's routing stream never sees a message.
 *
 * The state keeps what deciding needs: who may write (the customer, the current
 * agent and co-agents), the message ids seen (a repeat is a no-op), the positions
 * of each side's messages (to count what a read mark covers), and the reply
 * clock (S14: it starts on a customer message and stops on an agent reply;
 * system/auto messages and internal notes never touch it).
 */
import { List, Map as IMap } from 'immutable';
import type { DomainEvent } from '../decider.js';
import type { EndReason } from '../desk/deskEvents.js';
import { isReply, type EntryPoint, type MessageKind, type Sender, type StoredMessageContent } from './messages.js';
import { evolveClock } from './noResponse/noResponseClock.js';
import type { ModerationRecords } from './moderation/moderationRecords.js';
import { afterTaking, type BucketLevel } from '../moderation/tokenBucket.js';
import type { BoundTimeouts, NoResponseEvent, RunningClock } from './noResponse/noResponseTypes.js';

type At = { readonly at: number };
type SessionRef = { readonly sessionId: string };
/** The version of the desk's routing stream whose event this mirrors: older ones are ignored. */
type Mirrored = { readonly routingVersion: number };

export type Initiation = 'customer' | 'agent' | 'desk';
export type Presence = 'active' | 'away' | 'offline';
export type ReadSide = 'customer' | 'agent';
export type DivertReason = 'blacklisted' | 'bypassed-channel' | 'keyword-reply';

export type ConversationEvent =
  | DomainEvent<
      'ConversationOpened',
      SessionRef & {
        readonly customerId: string;
        readonly channel: string;
        readonly initiation: Initiation;
        readonly entry: EntryPoint;
        readonly vip: boolean;
        readonly entryGroupId?: string;
        /** S7: the ended session whose customer wrote again. */
        readonly previousSessionId?: string;
      } & At
    >
  | DomainEvent<
      'MessageSent',
      SessionRef & {
        readonly messageId: string;
        /** 1, 2, ... in the conversation: the timeline's order and what read marks point at. */
        readonly seq: number;
        readonly sender: Sender;
        readonly kind: MessageKind;
        /** S16: `expired` once the shop's retention window has passed (the kind, sender and time stay). */
        readonly content: StoredMessageContent;
        /** Internal notes: shown to staff only, never to the customer. */
        readonly staffOnly: boolean;
        /** System/auto messages: what they are for (welcome, queue-notice, ...). */
        readonly purpose?: string;
        /** Q3: the phrase a quick-reply content came from, outside the sealed content, so its use still counts after the content expires. */
        readonly quickReplyId?: string;
      } & ModerationRecords &
        At
    >
  | DomainEvent<'MessagesRead', SessionRef & { readonly side: ReadSide; readonly upToSeq: number; readonly count: number; readonly by?: string } & At>
  | DomainEvent<'CustomerPresenceChanged', SessionRef & { readonly from: Presence; readonly to: Presence } & At>
  /** S7: the customer wrote after the end; the message goes to a new session, routed again. */
  | DomainEvent<
      'ConversationContinued',
      SessionRef & {
        readonly nextSessionId: string;
        readonly customerId: string;
        readonly channel: string;
        readonly vip: boolean;
        readonly entryGroupId?: string;
        readonly messageId: string;
        readonly content: StoredMessageContent;
      } & ModerationRecords &
        At
    >
  | DomainEvent<'ConversationQueued', SessionRef & Mirrored & At>
  | DomainEvent<'ConversationAssigned', SessionRef & Mirrored & { readonly agentId: string; readonly vip: boolean } & At>
  | DomainEvent<'ConversationTransferred', SessionRef & Mirrored & { readonly from: string; readonly to: string } & At>
  | DomainEvent<'ConversationRequeued', SessionRef & Mirrored & { readonly from: string } & At>
  /** S12 (and R15): the desk will not assign it; messages are kept as left messages. */
  | DomainEvent<'ConversationDiverted', SessionRef & Mirrored & { readonly reason: DivertReason } & At>
  | DomainEvent<'ConversationCoAgentAdded', SessionRef & Mirrored & { readonly agentId: string } & At>
  | DomainEvent<'ConversationCoAgentLeft', SessionRef & Mirrored & { readonly agentId: string } & At>
  | DomainEvent<'ConversationEnded', SessionRef & Mirrored & { readonly reason: EndReason } & At>
  /**
   * The desk opened this session again after it ended: a reaction delivered twice
   * (a lost checkpoint, a lagging second engine) re-sent OpenSession, which the desk
   * no longer recognises once the session left it. A reaction ends it again.
   */
  | DomainEvent<'ConversationRoutedAfterEnd', SessionRef & Mirrored & { readonly agentId?: string } & At>
  /** S8: the no-response clock (noResponse/). */
  | NoResponseEvent;

export type ConversationEventType = ConversationEvent['type'];
export type ConversationEventOf<T extends ConversationEventType> = Extract<ConversationEvent, { type: T }>;

/** `routing`: opened, the desk not heard from yet. */
export type ConversationStatus = 'none' | 'routing' | 'queued' | 'assigned' | 'leave-a-message' | 'ended';

export interface SeenMessage {
  /** 0 for a message forwarded to the next session. */
  readonly seq: number;
  readonly sender: string;
}

export interface ConversationState {
  readonly status: ConversationStatus;
  readonly sessionId: string;
  readonly customerId: string;
  readonly channel: string;
  readonly vip: boolean;
  readonly entryGroupId?: string;
  readonly initiation?: Initiation;
  readonly agentId?: string;
  readonly coAgents: readonly string[];
  /**
   * S5/S6 credit: every agent the session was assigned or transferred to, and every
   * co-agent it ever had (invited or barged in, even one who left or was requeued
   * away), each once, in order of arrival. Ratings (domain/review) credit the
   * receiving agent and the co-agents; stars and tags ask who ever took part.
   */
  readonly servedBy: readonly string[];
  readonly coAgentsEver: readonly string[];
  readonly presence: Presence;
  readonly routingVersion: number;
  /** Messages so far. */
  readonly seq: number;
  readonly seen: IMap<string, SeenMessage>;
  /** Positions of the customer's messages, and of the staff's messages the customer sees (agent, system). */
  readonly customerSeqs: List<number>;
  readonly staffSeqs: List<number>;
  /** What each side has read, up to this position. */
  readonly read: { readonly customer: number; readonly agent: number };
  /** S14: when the customer started waiting for a reply; absent when nothing is unanswered. */
  readonly waitingSince?: number;
  /** Customer messages since the last agent reply (R14). */
  readonly unreplied: number;
  readonly agentReplies: number;
  readonly firstCustomerMessageAt?: number;
  readonly firstReplyAt?: number;
  readonly continuedAs?: string;
  /** S8: when the last agent reply was sent (the customer clock starts there). */
  readonly lastReplyAt?: number;
  /** When the present agent got the session (assigned or transferred to it). */
  readonly assignedAt?: number;
  /** S8: the shop's timeouts bound at assignment, and the clock running now. */
  readonly timeouts?: BoundTimeouts;
  readonly clock?: RunningClock;
  /** How many runs of a clock there have been (the next run's number is one more). */
  readonly clockRuns?: number;
  /** S15: the customer's anti-spam bucket, after its last message that took a token (moderation/). */
  readonly bucket?: BucketLevel;
}

export const initialConversationState = (): ConversationState => ({
  status: 'none',
  sessionId: '',
  customerId: '',
  channel: '',
  vip: false,
  coAgents: [],
  servedBy: [],
  coAgentsEver: [],
  presence: 'active',
  routingVersion: 0,
  seq: 0,
  seen: IMap(),
  customerSeqs: List(),
  staffSeqs: List(),
  read: { customer: 0, agent: 0 },
  unreplied: 0,
  agentReplies: 0,
});

export const senderKey = (sender: Sender): string => (sender.kind === 'system' ? 'system' : `${sender.kind}:${sender.id}`);

/** S15: a customer's message that went through the throttle took a token, at the rate it records. */
const tookToken = (s: ConversationState, e: ModerationRecords & At): { readonly bucket?: BucketLevel } =>
  e.throttle === undefined ? {} : { bucket: afterTaking(s.bucket, e.throttle, e.at) };

const messageSent = (s: ConversationState, e: ConversationEventOf<'MessageSent'>['data']): ConversationState => {
  const base = { ...s, seq: e.seq, seen: s.seen.set(e.messageId, { seq: e.seq, sender: senderKey(e.sender) }) };
  if (e.sender.kind === 'customer') {
    return {
      ...base,
      ...tookToken(s, e),
      customerSeqs: s.customerSeqs.push(e.seq),
      waitingSince: s.waitingSince ?? e.at,
      unreplied: s.unreplied + 1,
      firstCustomerMessageAt: s.firstCustomerMessageAt ?? e.at,
    };
  }
  if (e.staffOnly) return base;
  const shown = { ...base, staffSeqs: s.staffSeqs.push(e.seq) };
  if (!isReply(e.kind, e.sender)) return shown;
  const { waitingSince: _stopped, ...rest } = shown;
  return { ...rest, unreplied: 0, agentReplies: s.agentReplies + 1, firstReplyAt: s.firstReplyAt ?? e.at, lastReplyAt: e.at };
};

/** Appends an agent not yet listed (a list of the few agents a session ever had). */
const once = (list: readonly string[], agentId: string): readonly string[] => (list.includes(agentId) ? list : [...list, agentId]);

const withoutAgent = (s: ConversationState): ConversationState => {
  const { agentId: _gone, ...rest } = s;
  return rest;
};

export const evolveConversation = (s: ConversationState, event: ConversationEvent): ConversationState => {
  switch (event.type) {
    case 'ConversationOpened': {
      const e = event.data;
      return {
        ...s,
        status: 'routing',
        sessionId: e.sessionId,
        customerId: e.customerId,
        channel: e.channel,
        vip: e.vip,
        initiation: e.initiation,
        ...(e.entryGroupId === undefined ? {} : { entryGroupId: e.entryGroupId }),
      };
    }
    case 'MessageSent':
      return messageSent(s, event.data);
    case 'MessagesRead':
      return { ...s, read: { ...s.read, [event.data.side]: event.data.upToSeq } };
    case 'CustomerPresenceChanged':
      return { ...s, presence: event.data.to };
    case 'ConversationContinued':
      return {
        ...s,
        ...tookToken(s, event.data),
        continuedAs: event.data.nextSessionId,
        seen: s.seen.set(event.data.messageId, { seq: 0, sender: `customer:${event.data.customerId}` }),
      };
    case 'ConversationQueued':
      return { ...withoutAgent(s), status: 'queued', routingVersion: event.data.routingVersion };
    case 'ConversationAssigned':
      return { ...s, status: 'assigned', agentId: event.data.agentId, servedBy: once(s.servedBy, event.data.agentId), vip: event.data.vip, routingVersion: event.data.routingVersion, assignedAt: event.data.at };
    case 'ConversationTransferred':
      return { ...s, agentId: event.data.to, servedBy: once(s.servedBy, event.data.to), routingVersion: event.data.routingVersion, assignedAt: event.data.at };
    case 'ConversationRequeued':
      return { ...withoutAgent(s), status: 'queued', coAgents: [], routingVersion: event.data.routingVersion };
    case 'ConversationDiverted':
      return { ...s, status: 'leave-a-message', routingVersion: event.data.routingVersion };
    case 'ConversationCoAgentAdded':
      return { ...s, coAgents: [...s.coAgents, event.data.agentId], coAgentsEver: once(s.coAgentsEver, event.data.agentId), routingVersion: event.data.routingVersion };
    case 'ConversationCoAgentLeft':
      return { ...s, coAgents: s.coAgents.filter((a) => a !== event.data.agentId), routingVersion: event.data.routingVersion };
    case 'ConversationEnded':
      return { ...s, status: 'ended', routingVersion: event.data.routingVersion };
    case 'ConversationRoutedAfterEnd':
      return { ...s, routingVersion: event.data.routingVersion };
    default:
      return evolveClock(s, event);
  }
};

/**
 * What the desk's EndSession takes as `stats` (R4's efficiency factor): whether an
 * agent replied, and how long the first reply took after the first customer
 * message, in whole seconds. System/auto messages are never replies (S9).
 */
export const sessionStatsOf = (s: ConversationState): { readonly agentReplied: boolean; readonly firstResponseSec?: number } =>
  s.firstReplyAt !== undefined && s.firstCustomerMessageAt !== undefined && s.firstReplyAt >= s.firstCustomerMessageAt
    ? { agentReplied: true, firstResponseSec: Math.floor((s.firstReplyAt - s.firstCustomerMessageAt) / 1000) }
    : { agentReplied: s.agentReplies > 0 };
