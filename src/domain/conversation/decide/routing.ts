/** What the desk decided, mirrored into the conversation (conversationReactions.ts). */
import * as E from 'fp-ts/lib/Either.js';
import { evolveConversation, type ConversationEvent, type ConversationState } from '../conversation.js';
import type { ConversationCommandOf, RoutingChange } from '../conversationCommands.js';
import { nothing, type Decided } from './common.js';

const change = (s: ConversationState, sessionId: string, routingVersion: number, at: number, ch: RoutingChange): readonly ConversationEvent[] => {
  const m = { sessionId, routingVersion, at };
  if (s.status === 'ended') {
    // An ended session's id is never routed again (a new session has a new id): this is a repeat delivery.
    if (ch.kind === 'queued') return [{ type: 'ConversationRoutedAfterEnd', data: m }];
    if (ch.kind === 'assigned') return [{ type: 'ConversationRoutedAfterEnd', data: { ...m, agentId: ch.agentId } }];
    return [];
  }
  switch (ch.kind) {
    case 'queued':
      return [{ type: 'ConversationQueued', data: m }];
    case 'assigned':
      return s.status === 'assigned' && s.agentId === ch.agentId ? [] : [{ type: 'ConversationAssigned', data: { ...m, agentId: ch.agentId, vip: s.vip } }];
    case 'transferred':
      return s.agentId === ch.to ? [] : [{ type: 'ConversationTransferred', data: { ...m, from: ch.from, to: ch.to } }];
    case 'requeued':
      return [{ type: 'ConversationRequeued', data: { ...m, from: ch.from } }];
    case 'diverted':
      return s.status === 'leave-a-message' ? [] : [{ type: 'ConversationDiverted', data: { ...m, reason: ch.reason } }];
    case 'co-agent-added':
      return s.coAgents.includes(ch.agentId) ? [] : [{ type: 'ConversationCoAgentAdded', data: { ...m, agentId: ch.agentId } }];
    case 'co-agent-left':
      return s.coAgents.includes(ch.agentId) ? [{ type: 'ConversationCoAgentLeft', data: { ...m, agentId: ch.agentId } }] : [];
    case 'ended':
      return [{ type: 'ConversationEnded', data: { ...m, reason: ch.reason } }];
  }
};

/**
 * The desk's decisions, mirrored. Ordered and exactly once by the routing stream's
 * version: a repeat or an older event (a redelivery) is a no-op. A session the desk
 * started (proactive, or opened at the desk directly) opens its conversation here.
 */
export const recordRouting = (c: ConversationCommandOf<'RecordRouting'>, s: ConversationState): Decided => {
  // Only the system records what routing decided (conversationPolicy.ts, checked before this).
  const d = c.data;
  if (d.routingVersion <= s.routingVersion) return nothing;
  if (s.status !== 'none') return E.right(change(s, d.sessionId, d.routingVersion, d.at, d.change));
  const opens = d.change.kind === 'assigned' || d.change.kind === 'queued' || d.change.kind === 'diverted';
  if (!opens || d.customerId === undefined || d.channel === undefined) return nothing;
  const opened: ConversationEvent = {
    type: 'ConversationOpened',
    data: {
      sessionId: d.sessionId,
      customerId: d.customerId,
      channel: d.channel,
      initiation: d.change.kind === 'assigned' && d.change.via === 'proactive' ? 'agent' : 'desk',
      entry: { kind: 'channel' },
      vip: d.vip ?? false,
      at: d.at,
    },
  };
  return E.right([opened, ...change(evolveConversation(s, opened), d.sessionId, d.routingVersion, d.at, d.change)]);
};

