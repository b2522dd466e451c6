/**
 * S14: an agent's session list as the reception screen shows it, with its
 * orderings (agentInbox.ts: latest customer message, longest waiting, newest
 * joined, and R14's smart order) and its two filters ([003] §2.2.3 按照咨询渠道和
 * 消息状态): the channel, and the message status, read as:
 * - `unread`: the agent side has customer messages it has not read (S3's count);
 * - `unreplied`: a customer message waits for a reply (S14's waiting clock runs);
 * - `replied`: nothing waits for a reply (the last customer message was answered,
 *   or the customer has not written).
 * `unread` and `unreplied` overlap (a message can be both); `unreplied` and
 * `replied` split the list in two.
 *
 * Permission (viewer.ts): an agent asks for its own list, a team lead for those of
 * its groups' agents, an admin for anyone's; otherwise `actor.not-allowed`
 * naming `agentId`. A malformed query is a ValidationError naming the field.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { DomainError, ValidationError } from '../../domain/errors.js';
import { agentIdCodec } from '../../domain/ids.js';
import { decodeWith, nonEmptyString, oneOf, struct } from '../../domain/validation.js';
import { openSessionsOf, type AgentInbox, type InboxSession } from '../agentInbox.js';
import { asAllowed, type Viewer } from './viewer.js';

export const MESSAGE_STATUSES = ['unread', 'unreplied', 'replied'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const sessionListQueryCodec = struct(
  'SessionListQuery',
  { agentId: agentIdCodec },
  {
    order: oneOf('InboxOrder', ['smart', 'latest-message', 'longest-waiting', 'newest-joined']),
    channel: nonEmptyString(100),
    status: oneOf('MessageStatus', MESSAGE_STATUSES),
  },
);
export type SessionListQuery = t.TypeOf<typeof sessionListQueryCodec>;

const decodeQuery = decodeWith(sessionListQueryCodec, 'session list query');

export const hasStatus = (s: InboxSession, status: MessageStatus): boolean => {
  switch (status) {
    case 'unread':
      return s.unread > 0;
    case 'unreplied':
      return s.waitingSince !== undefined;
    case 'replied':
      return s.waitingSince === undefined;
  }
};

/** One agent's open sessions, filtered and ordered, when the viewer may see them. */
export const sessionListFor = (inbox: AgentInbox, shopId: string, viewer: Viewer, query: SessionListQuery): E.Either<ValidationError | DomainError, readonly InboxSession[]> => {
  const decoded = decodeQuery(query);
  if (E.isLeft(decoded)) return decoded;
  const { agentId, order = 'smart', channel, status } = decoded.right;
  return asAllowed(viewer, shopId, agentId, () =>
    openSessionsOf(inbox, shopId, agentId, order).filter((s) => (channel === undefined || s.channel === channel) && (status === undefined || hasStatus(s, status))),
  );
};
