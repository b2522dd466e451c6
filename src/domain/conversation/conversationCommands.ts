/**
 * The conversation's commands and their codecs. Times come from the command's
 * meta (`now`), never from the caller, except in RecordRouting: the system
 * mirrors a desk event and carries that event's own time and routing version.
 */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import type { EndReason } from '../desk/deskEvents.js';
import { agentIdCodec, customerIdCodec, groupIdCodec, messageIdCodec, sessionIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { intInRange, nonEmptyString, struct, timestamp } from '../validation.js';
import { channelCodec } from '../desk/deskCodecs.js';
import type { DivertReason, Presence, ReadSide } from './conversation.js';
import { runFields } from './noResponse/noResponseCodecs.js';
import type { NoResponseClock } from './noResponse/noResponseTypes.js';
import { divertReasonCodec, endReasonCodec, presenceCodec, purposeCodec, readSideCodec } from './conversationCodecs.js';
import { SYSTEM_TEXT_MAX_CHARS, entryPointCodec, messageContentCodec, taggedUnion, type EntryPoint, type MessageContent } from './messages.js';

type SessionRef = { readonly sessionId: string };
type Message = SessionRef & { readonly messageId: string; readonly content: MessageContent };
/** The agent who writes: the actor when an agent sends; named when the system (a trusted backend) sends for one. */
type AsAgent = { readonly agentId?: string };

/** What the desk decided, as RecordRouting carries it into the conversation. */
export type RoutingChange =
  | { readonly kind: 'queued' }
  | { readonly kind: 'assigned'; readonly agentId: string; readonly via: string }
  | { readonly kind: 'transferred'; readonly from: string; readonly to: string }
  | { readonly kind: 'requeued'; readonly from: string }
  | { readonly kind: 'diverted'; readonly reason: DivertReason }
  | { readonly kind: 'co-agent-added'; readonly agentId: string }
  | { readonly kind: 'co-agent-left'; readonly agentId: string }
  | { readonly kind: 'ended'; readonly reason: EndReason };

export type ConversationCommand =
  /** S1: opens the conversation when none is open (channel then required); after the end, continues in a new session (S7). */
  | Command<
      'SendCustomerMessage',
      Message & {
        readonly customerId: string;
        readonly channel?: string;
        readonly entry?: EntryPoint;
        readonly entryGroupId?: string;
        readonly vip?: boolean;
        readonly previousSessionId?: string;
      }
    >
  | Command<'SendAgentMessage', Message & AsAgent>
  /** An agent's reply shown to the customer without the agent's name. */
  | Command<'SendAnonymousReply', Message & AsAgent>
  /** Staff only, never shown to the customer. */
  | Command<'AddInternalNote', Message & AsAgent>
  /** S9 system/auto messages: the system actor only; never a reply, never on the reply clock. */
  | Command<'SendSystemMessage', SessionRef & { readonly messageId: string; readonly text: string; readonly auto?: boolean; readonly purpose?: string }>
  /** S3 batch mark-read: everything the other side wrote up to `upTo` (default: all). */
  | Command<'MarkRead', SessionRef & { readonly upTo?: string; readonly side?: ReadSide; readonly agentId?: string }>
  | Command<'SetCustomerPresence', SessionRef & { readonly presence: Presence }>
  /** The system mirrors a desk event (conversationReactions.ts); a repeat or an older one is a no-op. */
  | Command<
      'RecordRouting',
      SessionRef & {
        readonly routingVersion: number;
        readonly at: number;
        readonly change: RoutingChange;
        /** What opens a conversation the desk started (proactive, or opened directly at the desk). */
        readonly customerId?: string;
        readonly channel?: string;
        readonly vip?: boolean;
      }
    >
  /** S8 deadlines (system only): a run of a no-response clock reached its prompt, or its end. */
  | Command<'PromptNoResponse', NoResponseRun>
  | Command<'TimeOutNoResponse', NoResponseRun>;

type NoResponseRun = SessionRef & { readonly clock: NoResponseClock; readonly run: number; readonly since: number };

export type ConversationCommandType = ConversationCommand['type'];
export type ConversationCommandOf<T extends ConversationCommandType> = Extract<ConversationCommand, { type: T }>;

const message = { sessionId: sessionIdCodec, messageId: messageIdCodec, content: messageContentCodec };
const asAgent = { agentId: agentIdCodec };

const routingChangeCodec = taggedUnion<RoutingChange>('RoutingChange', {
  queued: struct('Queued', { kind: t.literal('queued') }),
  assigned: struct('Assigned', { kind: t.literal('assigned'), agentId: agentIdCodec, via: nonEmptyString(50) }),
  transferred: struct('Transferred', { kind: t.literal('transferred'), from: agentIdCodec, to: agentIdCodec }),
  requeued: struct('Requeued', { kind: t.literal('requeued'), from: agentIdCodec }),
  diverted: struct('Diverted', { kind: t.literal('diverted'), reason: divertReasonCodec }),
  'co-agent-added': struct('CoAgentAdded', { kind: t.literal('co-agent-added'), agentId: agentIdCodec }),
  'co-agent-left': struct('CoAgentLeft', { kind: t.literal('co-agent-left'), agentId: agentIdCodec }),
  ended: struct('Ended', { kind: t.literal('ended'), reason: endReasonCodec }),
});

export const conversationCommandCodecs = {
  SendCustomerMessage: struct(
    'SendCustomerMessage',
    { ...message, customerId: customerIdCodec },
    { channel: channelCodec, entry: entryPointCodec, entryGroupId: groupIdCodec, vip: t.boolean, previousSessionId: sessionIdCodec },
  ),
  SendAgentMessage: struct('SendAgentMessage', message, asAgent),
  SendAnonymousReply: struct('SendAnonymousReply', message, asAgent),
  AddInternalNote: struct('AddInternalNote', message, asAgent),
  SendSystemMessage: struct(
    'SendSystemMessage',
    { sessionId: sessionIdCodec, messageId: messageIdCodec, text: nonEmptyString(SYSTEM_TEXT_MAX_CHARS) },
    { auto: t.boolean, purpose: purposeCodec },
  ),
  MarkRead: struct('MarkRead', { sessionId: sessionIdCodec }, { upTo: messageIdCodec, side: readSideCodec, agentId: agentIdCodec }),
  SetCustomerPresence: struct('SetCustomerPresence', { sessionId: sessionIdCodec, presence: presenceCodec }),
  RecordRouting: struct(
    'RecordRouting',
    { sessionId: sessionIdCodec, routingVersion: intInRange(1, Number.MAX_SAFE_INTEGER), at: timestamp, change: routingChangeCodec },
    { customerId: customerIdCodec, channel: channelCodec, vip: t.boolean },
  ),
  PromptNoResponse: struct('PromptNoResponse', runFields),
  TimeOutNoResponse: struct('TimeOutNoResponse', runFields),
} satisfies CommandCodecs<ConversationCommand>;
