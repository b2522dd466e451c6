/** The conversation's event codecs: what is stored, decoded again on every read. */
import * as t from 'io-ts';
import { agentIdCodec, customerIdCodec, groupIdCodec, messageIdCodec, sessionIdCodec } from '../ids.js';
import type { EventDefinitions } from '../module.js';
import { identifier, intInRange, nonNegativeInt, oneOf, struct, timestamp } from '../validation.js';
import { channelCodec } from '../desk/deskCodecs.js';
import type { ConversationEvent } from './conversation.js';
import { noResponseEventDefinitions } from './noResponse/noResponseCodecs.js';
import { entryPointCodec, messageKindCodec, senderCodec, storedMessageContentCodec } from './messages.js';
import { continuedContentPersonal, messageContentPersonal } from './conversationPersonalData.js';
import { moderationRecordFields } from './moderation/moderationRecords.js';

export const presenceCodec = oneOf('Presence', ['active', 'away', 'offline']);
export const readSideCodec = oneOf('ReadSide', ['customer', 'agent']);
export const divertReasonCodec = oneOf('DivertReason', ['blacklisted', 'bypassed-channel', 'keyword-reply']);
export const endReasonCodec = oneOf('EndReason', ['agent', 'timeout', 'closed', 'customer-left', 'system']);
export const purposeCodec = identifier('purpose');

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });
const at = { at: timestamp };
const session = { sessionId: sessionIdCodec };
const positive = intInRange(1, Number.MAX_SAFE_INTEGER);
const mirrored = { ...session, routingVersion: positive, ...at };

export const conversationEventDefinitions = {
  ConversationOpened: v1(
    struct(
      'ConversationOpened',
      {
        ...session,
        customerId: customerIdCodec,
        channel: channelCodec,
        initiation: oneOf('Initiation', ['customer', 'agent', 'desk']),
        entry: entryPointCodec,
        vip: t.boolean,
        ...at,
      },
      { entryGroupId: groupIdCodec, previousSessionId: sessionIdCodec },
    ),
  ),
  MessageSent: {
    ...v1(
      struct(
        'MessageSent',
        { ...session, messageId: messageIdCodec, seq: positive, sender: senderCodec, kind: messageKindCodec, content: storedMessageContentCodec, staffOnly: t.boolean, ...at },
        // S15: what moderation did (moderation/moderationRecords.ts), absent when nothing. Q3: the phrase used, if any.
        { purpose: purposeCodec, quickReplyId: identifier('phrase id'), ...moderationRecordFields },
      ),
    ),
    // S16: the content is sealed with the session's key and reads as expired once it is destroyed.
    personal: messageContentPersonal,
  },
  MessagesRead: v1(struct('MessagesRead', { ...session, side: readSideCodec, upToSeq: positive, count: nonNegativeInt, ...at }, { by: agentIdCodec })),
  CustomerPresenceChanged: v1(struct('CustomerPresenceChanged', { ...session, from: presenceCodec, to: presenceCodec, ...at })),
  ConversationContinued: {
    ...v1(
      struct(
        'ConversationContinued',
        {
          ...session,
          nextSessionId: sessionIdCodec,
          customerId: customerIdCodec,
          channel: channelCodec,
          vip: t.boolean,
          messageId: messageIdCodec,
          content: storedMessageContentCodec,
          ...at,
        },
        { entryGroupId: groupIdCodec, ...moderationRecordFields },
      ),
    ),
    personal: continuedContentPersonal,
  },
  ConversationQueued: v1(struct('ConversationQueued', mirrored)),
  ConversationAssigned: v1(struct('ConversationAssigned', { ...mirrored, agentId: agentIdCodec, vip: t.boolean })),
  ConversationTransferred: v1(struct('ConversationTransferred', { ...mirrored, from: agentIdCodec, to: agentIdCodec })),
  ConversationRequeued: v1(struct('ConversationRequeued', { ...mirrored, from: agentIdCodec })),
  ConversationDiverted: v1(struct('ConversationDiverted', { ...mirrored, reason: divertReasonCodec })),
  ConversationCoAgentAdded: v1(struct('ConversationCoAgentAdded', { ...mirrored, agentId: agentIdCodec })),
  ConversationCoAgentLeft: v1(struct('ConversationCoAgentLeft', { ...mirrored, agentId: agentIdCodec })),
  ConversationEnded: v1(struct('ConversationEnded', { ...mirrored, reason: endReasonCodec })),
  ConversationRoutedAfterEnd: v1(struct('ConversationRoutedAfterEnd', mirrored, { agentId: agentIdCodec })),
  ...noResponseEventDefinitions,
} satisfies EventDefinitions<ConversationEvent>;
