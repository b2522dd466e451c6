/** S3 read marks and S4 presence. */
import * as E from 'fp-ts/lib/Either.js';
import type { ConversationState, ReadSide } from '../conversation.js';
import type { ConversationCommandOf } from '../conversationCommands.js';
import { exists, nothing, refuse, type Decided } from './common.js';

/** How many of `seqs` (ascending) lie in (after, upTo]. */
const countBetween = (seqs: ConversationState['customerSeqs'], after: number, upTo: number): number => {
  const firstAbove = (bound: number) => {
    let lo = 0;
    let hi = seqs.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((seqs.get(mid) ?? 0) <= bound) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return upTo <= after ? 0 : firstAbove(upTo) - firstAbove(after);
};

/** S3: the customer reads the staff's messages; an agent in the session reads the customer's. */
export const markRead = (c: ConversationCommandOf<'MarkRead'>, s: ConversationState): Decided => {
  const { actor } = c.meta;
  const d = c.data;
  const known = exists(s, d.sessionId);
  if (E.isLeft(known)) return known;
  let side: ReadSide;
  let by: string | undefined;
  // Who may read here (its customer, a staff member taking part) is conversationPolicy.ts's, checked before this.
  if (actor.kind === 'customer') {
    if (d.side === 'agent' || d.agentId !== undefined) return refuse('actor.not-allowed', 'a customer reads as the customer', { field: d.side === 'agent' ? 'data.side' : 'data.agentId' });
    side = 'customer';
  } else if (actor.kind === 'agent') {
    if (d.side === 'customer') return refuse('actor.not-allowed', 'an agent reads as an agent', { field: 'data.side' });
    side = 'agent';
    by = actor.id;
  } else {
    if (d.side === undefined) return refuse('conversation.side-required', 'the system says which side read', { field: 'data.side' });
    side = d.side;
    by = d.agentId;
  }
  let upToSeq = s.seq;
  if (d.upTo !== undefined) {
    const seen = s.seen.get(d.upTo);
    if (seen === undefined || seen.seq === 0) return refuse('message.unknown', `no message ${d.upTo} in session ${d.sessionId}`, { field: 'data.upTo' });
    upToSeq = seen.seq;
  }
  const count = countBetween(side === 'agent' ? s.customerSeqs : s.staffSeqs, s.read[side], upToSeq);
  if (count === 0) return nothing;
  return E.right([{ type: 'MessagesRead', data: { sessionId: d.sessionId, side, upToSeq, count, ...(by === undefined ? {} : { by }), at: c.meta.now } }]);
};

/** S4: active, temporarily away, offline; told by the customer's client or the system (conversationPolicy.ts). */
export const setCustomerPresence = (c: ConversationCommandOf<'SetCustomerPresence'>, s: ConversationState): Decided => {
  const known = exists(s, c.data.sessionId);
  if (E.isLeft(known)) return known;
  if (s.presence === c.data.presence) return nothing;
  return E.right([{ type: 'CustomerPresenceChanged', data: { sessionId: c.data.sessionId, from: s.presence, to: c.data.presence, at: c.meta.now } }]);
};

