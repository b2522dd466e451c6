/**
 * C4 (with C2): searching a customer's messages: both sides' text, any case,
 * newest first, bounded per customer, expired content not searchable (S16), and
 * only in the sessions the viewer may see.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../../src/domain/conversation/conversation.js';
import { project, type ProjectedEvent } from '../../../src/projections/projection.js';
import { messageSearchProjection, searchCustomerMessages, type MessageSearch, type MessageSearchQuery } from '../../../src/projections/sessions/messageSearch.js';
import { makeViewer, type Viewer } from '../../../src/projections/sessions/viewer.js';
import { assigned, coAgent, ended, fromAgent, fromCustomer, message, opened, S, SHOP, T0, transferred } from './events.js';

const admin = makeViewer({ shopId: SHOP, agentId: 'boss', role: 'admin' });
const fold = (events: readonly ProjectedEvent<ConversationEvent>[], perCustomer?: number): MessageSearch => project(messageSearchProjection(perCustomer === undefined ? {} : { perCustomer }), events);
const texts = (state: MessageSearch, query: MessageSearchQuery, viewer: Viewer = admin): readonly string[] => {
  const found = searchCustomerMessages(state, SHOP, viewer, query);
  if (E.isLeft(found)) throw new Error(JSON.stringify(found.left));
  return found.right.map((l) => `${l.sessionId}:${l.text}`);
};

describe('C4: search inside a customer\'s messages', () => {
  const state = fold([
    opened('s1', 'c1', T0),
    assigned('s1', 'a1', T0),
    fromCustomer('s1', 'c1', T0 + S, 'Where is my Refund?'),
    fromAgent('s1', 'a1', T0 + 2 * S, 'your refund was sent'),
    message('s1', { kind: 'agent', id: 'a1' }, T0 + 3 * S, { kind: 'internal-note', text: 'refund fraud?' }),
    message('s1', { kind: 'system' }, T0 + 4 * S, { kind: 'auto', text: 'refund policy: 7 days' }),
    fromCustomer('s1', 'c1', T0 + 5 * S, 'ＲＥＦＵＮＤ again'),
    message('s1', { kind: 'customer', id: 'c1' }, T0 + 6 * S, { kind: 'text', content: { kind: 'expired' } }),
    ended('s1', T0 + 7 * S),
    opened('s2', 'c1', T0 + 100 * S),
    assigned('s2', 'a2', T0 + 100 * S),
    fromCustomer('s2', 'c1', T0 + 101 * S, 'refund for order 2'),
    opened('s3', 'c2', T0 + 100 * S),
    assigned('s3', 'a1', T0 + 100 * S),
    fromCustomer('s3', 'c2', T0 + 101 * S, 'refund me too'),
  ]);

  it('finds both sides\' text, case- and width-insensitive, newest first; not notes, not auto messages, not another customer', () => {
    expect(texts(state, { customerId: 'c1', text: 'refund' })).toEqual(['s2:refund for order 2', 's1:ＲＥＦＵＮＤ again', 's1:your refund was sent', 's1:Where is my Refund?']);
    expect(texts(state, { customerId: 'c1', text: 'REFUND', limit: 2 })).toEqual(['s2:refund for order 2', 's1:ＲＥＦＵＮＤ again']);
    expect(texts(state, { customerId: 'c1', text: 'policy' })).toEqual([]);
    expect(texts(state, { customerId: 'c1', text: 'fraud' })).toEqual([]);
    expect(texts(state, { customerId: 'c9', text: 'refund' })).toEqual([]);
  });

  it('S16: expired content is not searchable (it has no text)', () => {
    const lines = searchCustomerMessages(state, SHOP, admin, { customerId: 'c1', text: 'a', limit: 200 });
    expect(E.isRight(lines) && lines.right.every((l) => l.text.length > 0)).toBe(true);
    expect(E.isRight(lines) && lines.right.some((l) => l.at === T0 + 6 * S)).toBe(false);
  });

  it('only in the sessions the viewer may see: an agent its own, a team lead its groups\', an admin all, another shop none', () => {
    expect(texts(state, { customerId: 'c1', text: 'refund' }, makeViewer({ shopId: SHOP, agentId: 'a2', role: 'agent' }))).toEqual(['s2:refund for order 2']);
    expect(texts(state, { customerId: 'c1', text: 'refund' }, makeViewer({ shopId: SHOP, agentId: 'a1', role: 'agent' }))).toHaveLength(3);
    expect(texts(state, { customerId: 'c1', text: 'refund' }, makeViewer({ shopId: SHOP, agentId: 'lead', role: 'team-lead', groups: ['g2'], team: ['a2'] }))).toEqual(['s2:refund for order 2']);
    expect(texts(state, { customerId: 'c1', text: 'refund' }, makeViewer({ shopId: 'shop-z', agentId: 'boss', role: 'admin' }))).toEqual([]);
  });

  it('a transfer and a co-agent make the session the receiver\'s too', () => {
    const more = fold([opened('s1', 'c1', T0), assigned('s1', 'a1', T0), fromCustomer('s1', 'c1', T0 + S, 'hello'), transferred('s1', 'a1', 'a2', T0 + 2 * S), coAgent('s1', 'a3', T0 + 3 * S)]);
    for (const agentId of ['a1', 'a2', 'a3']) expect(texts(more, { customerId: 'c1', text: 'hello' }, makeViewer({ shopId: SHOP, agentId, role: 'agent' }))).toEqual(['s1:hello']);
    expect(texts(more, { customerId: 'c1', text: 'hello' }, makeViewer({ shopId: SHOP, agentId: 'a4', role: 'agent' }))).toEqual([]);
  });

  it('bounded: the newest `perCustomer` texts of each customer are searched, across sessions', () => {
    const events: ProjectedEvent<ConversationEvent>[] = [];
    for (let s = 0; s < 10; s++) {
      events.push(opened(`s${s}`, 'c1', T0 + s * 1000 * S), assigned(`s${s}`, 'a1', T0 + s * 1000 * S));
      for (let i = 0; i < 20; i++) events.push(fromCustomer(`s${s}`, 'c1', T0 + (s * 1000 + i + 1) * S, `question ${s * 20 + i}`));
      events.push(ended(`s${s}`, T0 + (s * 1000 + 500) * S));
    }
    const bounded = fold(events, 30);
    const found = texts(bounded, { customerId: 'c1', text: 'question', limit: 200 });
    expect(found).toHaveLength(30);
    expect(found[0]).toBe('s9:question 199');
    expect(found[29]).toBe('s8:question 170');
    // The parties of the sessions still indexed are kept: an agent still sees them.
    expect(texts(bounded, { customerId: 'c1', text: 'question 170' }, makeViewer({ shopId: SHOP, agentId: 'a1', role: 'agent' }))).toEqual(['s8:question 170']);
    expect(Object.keys(bounded[SHOP]!.customers.c1!.sessions).length).toBeLessThanOrEqual(4);
  });

  it('bad input is a ValidationError naming the field', () => {
    expect(searchCustomerMessages(state, SHOP, admin, { customerId: 'c1', text: '  ' })).toMatchObject({ left: { _tag: 'ValidationError', issues: [{ path: 'text' }] } });
    expect(searchCustomerMessages(state, SHOP, admin, { customerId: 'c1', text: 'a', limit: 201 })).toMatchObject({ left: { issues: [{ path: 'limit' }] } });
    expect(() => messageSearchProjection({ perCustomer: 0 })).toThrow(RangeError);
  });
});
