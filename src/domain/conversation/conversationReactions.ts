/**
 * How the conversation and routing reach each other: only through reactions
 * (principle 11), so the shop's routing stream takes a bounded number of events
 * per session (open, assign, transfer, end) however many messages are written.
 *
 * - A customer's first message (ConversationOpened, initiation `customer`)
 *   dispatches the desk's OpenSession. A repeat is refused by the desk while the
 *   session is at the desk (`session.exists`), which settles it.
 * - The desk's decisions about a session (queued, assigned, transferred,
 *   requeued, diverted, co-agents, ended) are mirrored into the conversation by
 *   RecordRouting, which carries the routing stream's version: a repeat or an
 *   older event is a no-op there, so the mirror is exactly once and in order.
 * - The desk refuses to open a session that ended (it remembers the last
 *   RECENTLY_ENDED), so a first message's OpenSession delivered again after the
 *   end is settled as a refusal. Beyond that bound, the mirror sees a routing of
 *   an ended conversation (ConversationRoutedAfterEnd) and ends it again at the
 *   desk, so no agent keeps a phantom session.
 * - A customer's message after the end (ConversationContinued) is carried into
 *   the new session as its first message, which opens it and routes it again
 *   (stickiness, R1, is the desk's).
 *
 * Timeouts and auto-replies (S8, S9) join as reactions here too: they schedule
 * on MessageSent (customer or agent) and cancel on a reply or ConversationEnded,
 * and write with SendSystemMessage, which never moves the reply clock.
 */
import { dispatch, reactionsTo, type Reaction, type ReactionMap } from '../reaction.js';
import type { DeskEvent } from '../desk/deskEvents.js';
import type { ConversationEvent } from './conversation.js';
import type { RoutingChange } from './conversationCommands.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { noResponseReactions } from './noResponse/noResponseReactions.js';

type Request = { readonly customerId: string; readonly channel: string; readonly vip?: boolean };

const record = (event: ProjectedEvent, sessionId: string, at: number, change: RoutingChange, request?: Request): readonly Reaction[] => [
  dispatch('RecordRouting', {
    sessionId,
    routingVersion: event.streamVersion,
    at,
    change,
    ...(request === undefined ? {} : { customerId: request.customerId, channel: request.channel, ...(request.vip === undefined ? {} : { vip: request.vip }) }),
  }),
];

const toDesk = reactionsTo<ConversationEvent>({
  ConversationOpened: ({ data }) =>
    data.initiation !== 'customer'
      ? []
      : [
          dispatch('OpenSession', {
            sessionId: data.sessionId,
            customerId: data.customerId,
            channel: data.channel,
            ...(data.vip ? { vip: true } : {}),
            ...(data.entryGroupId === undefined ? {} : { entryGroupId: data.entryGroupId }),
          }),
        ],
  ConversationRoutedAfterEnd: ({ data }) => [dispatch('EndSession', { sessionId: data.sessionId, reason: 'system' })],
  ConversationContinued: ({ data }) => [
    dispatch('SendCustomerMessage', {
      sessionId: data.nextSessionId,
      messageId: data.messageId,
      customerId: data.customerId,
      content: data.content,
      channel: data.channel,
      previousSessionId: data.sessionId,
      ...(data.vip ? { vip: true } : {}),
      ...(data.entryGroupId === undefined ? {} : { entryGroupId: data.entryGroupId }),
    }),
  ],
});

const fromDesk = reactionsTo<DeskEvent>({
  SessionQueued: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'queued' }, e.data),
  SessionAssigned: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'assigned', agentId: e.data.agentId, via: e.data.via }, e.data),
  SessionTransferred: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'transferred', from: e.data.from, to: e.data.to }),
  SessionRequeued: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'requeued', from: e.data.from }),
  SessionDiverted: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'diverted', reason: e.data.reason }, e.data),
  CoAgentAdded: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'co-agent-added', agentId: e.data.agentId }),
  CoAgentLeft: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'co-agent-left', agentId: e.data.agentId }),
  SessionEnded: (e) => record(e, e.data.sessionId, e.data.at, { kind: 'ended', reason: e.data.reason }),
});

export const conversationReactions: ReactionMap = { ...toDesk, ...fromDesk, ...noResponseReactions };
