/**
 * Q3: input suggestions (the top 3 matches of a prefix by usage frequency) and
 * search by keyword, title and content: through the engine with real
 * conversations, and on hand-made events for the orders and edge cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../src/domain/conversation/conversation.js';
import type { PhraseScope } from '../../src/domain/quickReplies/phrases.js';
import type { QuickRepliesEvent } from '../../src/domain/quickReplies/quickRepliesEvents.js';
import { project, type ProjectedEvent } from '../../src/projections/projection.js';
import { quickReplySuggestionsProjection, searchQuickReplies, suggestQuickReplies, type QuickReplySuggestions } from '../../src/projections/quickReplySuggestions.js';
import { addPhrase, admin, agent, personal, qr, SHOP, TEAM, withStaff } from '../domain/quickReplies/harness.js';

const customerSays = (customerId: string, sessionId: string, messageId: string) =>
  qr('SendCustomerMessage', { kind: 'customer', id: customerId }, { sessionId, messageId, customerId, content: { kind: 'text', text: '你好' }, channel: 'web-mall' });
const usesPhrase = (agentId: string, sessionId: string, messageId: string, phraseId: string, type = 'SendAgentMessage') =>
  qr(type, agent(agentId), { sessionId, messageId, content: { kind: 'quick-reply', phraseId, text: `(edited) ${phraseId}` } });

describe('Q3: through the engine', () => {
  it('Q3: the input box shows the top 3 matches of the prefix, most used first (a use is a message sent with the phrase)', async () => {
    const h = await withStaff();
    // Only amy is online, so the customer's session is hers.
    for (const other of ['boss', 'lead', 'bob']) await h.ok(h.d.offline(other));
    for (const [id, keyword] of [['p1', '发货'], ['p2', '发票'], ['p3', '发错'], ['p4', '退款'], ['p5', '发货慢']] as const) {
      await h.ok(addPhrase(admin, TEAM, id, { keyword, title: `title ${id}` }));
    }
    await h.ok(addPhrase(agent('amy'), personal('amy'), 'mine', { keyword: '发顺丰', title: 'mine' }));
    await h.ok(customerSays('carol', 's1', 'm1'));
    await h.settle();
    const uses: readonly string[] = ['p3', 'p3', 'p3', 'mine', 'mine', 'p5', 'p4', 'p4', 'p4', 'p4'];
    for (const [i, phraseId] of uses.entries()) await h.ok(usesPhrase('amy', 's1', `r${i}`, phraseId, i % 2 === 0 ? 'SendAgentMessage' : 'SendAnonymousReply'));
    const shown = suggestQuickReplies(h.suggestions(), { shopId: SHOP, agentId: 'amy', prefix: '发' });
    expect(shown.map((p) => [p.phraseId, p.uses])).toEqual([
      ['p3', 3],
      ['mine', 2],
      ['p5', 1],
    ]);
    // bob sees the team's phrases, not amy's own.
    expect(suggestQuickReplies(h.suggestions(), { shopId: SHOP, agentId: 'bob', prefix: '发' }).map((p) => p.phraseId)).toEqual(['p3', 'p5', 'p1']);
    expect(suggestQuickReplies(h.suggestions(), { shopId: SHOP, agentId: 'amy', prefix: '发货', limit: 5 }).map((p) => p.phraseId)).toEqual(['p5', 'p1']);
  });

  it('Q3: search finds phrases by keyword, title or content, the team\'s and the agent\'s own', async () => {
    const h = await withStaff();
    await h.ok(addPhrase(admin, TEAM, 'ship', { title: '发货问题', keyword: '安抚', content: '亲~这个确实会稍微晚一点，我帮您催一下吧' }));
    await h.ok(addPhrase(admin, TEAM, 'refund', { title: 'Refund', content: '退款三个工作日内到账' }));
    await h.ok(addPhrase(agent('amy'), personal('amy'), 'late', { title: '晚到', content: 'Sorry it is LATE' }));
    const search = (agentId: string, text: string) => searchQuickReplies(h.suggestions(), { shopId: SHOP, agentId, text }).map((p) => p.phraseId);
    expect(search('amy', '安抚')).toEqual(['ship']);
    expect(search('amy', 'refund')).toEqual(['refund']);
    expect(search('amy', '晚')).toEqual(['ship', 'late']);
    expect(search('amy', 'late')).toEqual(['late']);
    expect(search('bob', 'late')).toEqual([]);
    expect(search('amy', '   ')).toEqual([]);
  });
});

let position = 0;
const event = <E extends QuickRepliesEvent | ConversationEvent>(type: E['type'], data: E['data'], shopId = SHOP): ProjectedEvent<QuickRepliesEvent | ConversationEvent> =>
  ({
    type,
    data,
    schemaVersion: 1,
    stream: 'irrelevant',
    streamVersion: 1,
    globalPosition: ++position,
    metadata: { eventId: `e${position}`, shopId, actor: { kind: 'system' }, occurredAt: 0, correlationId: 'c', causationId: 'c' },
  }) as unknown as ProjectedEvent<QuickRepliesEvent | ConversationEvent>;

const added = (scope: PhraseScope, phraseId: string, title: string, keyword?: string, shopId = SHOP) =>
  event('PhraseAdded', { scope, phrase: { phraseId, groupId: 'default', title, ...(keyword === undefined ? {} : { keyword }), content: `content ${phraseId}` }, at: 0 }, shopId);
let seq = 0;
const used = (agentId: string, phraseId: string, content: 'shown' | 'expired' = 'shown') =>
  event('MessageSent', {
    sessionId: 's',
    messageId: `m${++seq}`,
    seq,
    sender: { kind: 'agent', id: agentId },
    kind: 'quick-reply',
    content: content === 'shown' ? { kind: 'quick-reply', phraseId, text: 'x' } : { kind: 'expired' },
    staffOnly: false,
    quickReplyId: phraseId,
    at: 0,
  });

const fold = (events: readonly ProjectedEvent<QuickRepliesEvent | ConversationEvent>[]): QuickReplySuggestions => project(quickReplySuggestionsProjection(), events);
const suggest = (model: QuickReplySuggestions, prefix: string, agentId = 'amy', limit?: number) =>
  suggestQuickReplies(model, { shopId: SHOP, agentId, prefix, ...(limit === undefined ? {} : { limit }) }).map((p) => p.phraseId);

describe('Q3: the fold and the orders', () => {
  it('Q3: the prefix matches the keyword or the title, case-insensitive, after trimming; equal uses go by title, then id', () => {
    const model = fold([added(TEAM, 'b', 'Shipping', 'ship'), added(TEAM, 'a', 'Shipping'), added(TEAM, 'c', 'Apology', 'SHIP-late'), added(TEAM, 'd', 'Refund', 'money')]);
    expect(suggest(model, ' sHi ')).toEqual(['c', 'a', 'b']);
    expect(suggest(model, 're')).toEqual(['d']);
    expect(suggest(model, 'mon')).toEqual(['d']);
    // Starts with, not contains.
    expect(suggest(model, 'ping')).toEqual([]);
    expect(suggest(model, '')).toEqual([]);
  });

  it("Q3: a use counts for the sender's own phrase before the team's of the same id; another agent's use of that id counts for the team's", () => {
    const model = fold([added(TEAM, 'p', 'team hello'), added(personal('amy'), 'p', 'my hello'), used('amy', 'p'), used('amy', 'p'), used('bob', 'p')]);
    const amySees = suggestQuickReplies(model, { shopId: SHOP, agentId: 'amy', prefix: 'my' });
    expect(amySees.map((p) => [p.title, p.uses])).toEqual([['my hello', 2]]);
    expect(suggestQuickReplies(model, { shopId: SHOP, agentId: 'bob', prefix: 'team' }).map((p) => p.uses)).toEqual([1]);
  });

  it('Q3: an edit keeps the uses, a deletion forgets them, a use of an unknown phrase is not kept; shops are apart', () => {
    const model = fold([
      added(TEAM, 'p', 'hello'),
      used('amy', 'p'),
      used('amy', 'ghost'),
      event('PhraseEdited', { scope: TEAM, phrase: { phraseId: 'p', groupId: 'default', title: 'hello again', content: 'new' }, at: 0 }),
      added(TEAM, 'p', 'other shop', undefined, 'shop-other'),
    ]);
    expect(suggestQuickReplies(model, { shopId: SHOP, agentId: 'amy', prefix: 'hello' }).map((p) => [p.title, p.uses])).toEqual([['hello again', 1]]);
    expect(model.uses.get(SHOP)?.get('team')?.has('ghost') ?? false).toBe(false);
    expect(model.uses.get(SHOP)?.get('team')?.get('p')).toBe(1);
    expect(suggest(model, 'other')).toEqual([]);
    const after = project(quickReplySuggestionsProjection(), [event('PhraseDeleted', { scope: TEAM, phraseId: 'p', at: 0 }), added(TEAM, 'p', 'hello')], model);
    expect(suggestQuickReplies(after, { shopId: SHOP, agentId: 'amy', prefix: 'hello' }).map((p) => p.uses)).toEqual([0]);
  });

  it('Q3: imports, moves and a deleted group are followed (its phrases now in the default group)', () => {
    const model = fold([
      event('PhrasesImported', {
        scope: TEAM,
        mode: 'all-or-nothing',
        groups: [{ groupId: 'g', name: '售前' }],
        phrases: [{ position: 0, phrase: { phraseId: 'i1', groupId: 'g', title: 'imported', content: 'c' } }],
        unchanged: [],
        rejected: [],
        at: 0,
      }),
      event('PhraseGroupDeleted', { scope: TEAM, groupId: 'g', moved: 1, at: 0 }),
    ]);
    expect(suggestQuickReplies(model, { shopId: SHOP, agentId: 'amy', prefix: 'imp' }).map((p) => [p.phraseId, p.groupId])).toEqual([['i1', 'default']]);
  });

  it('Q3: a use still counts once the message content has expired (S16): the fold reads the id outside the content', () => {
    const model = fold([added(TEAM, 'p', 'hello'), used('amy', 'p', 'expired'), used('bob', 'p')]);
    expect(suggestQuickReplies(model, { shopId: SHOP, agentId: 'amy', prefix: 'hello' }).map((p) => p.uses)).toEqual([2]);
  });

  it('refuses a limit that is not a whole number from 1 to 100', () => {
    const model = fold([]);
    for (const limit of [0, 2.5, 101]) expect(() => suggest(model, 'x', 'amy', limit)).toThrow(/limit must be an integer/);
  });
});

describe('Q3: against a reference', () => {
  it('property: suggest and search give the first `limit` matches of a full sort, whatever the phrases, uses and deletions', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), team: fc.boolean(), id: fc.integer({ min: 0, max: 15 }), title: fc.constantFrom('Ship', 'ship fast', 'Refund', 'sorry', 'S'), keyword: fc.option(fc.constantFrom('sh', 'RE', 'so'), { nil: undefined }) }),
      fc.record({ kind: fc.constant('use' as const), agentId: fc.constantFrom('amy', 'bob'), id: fc.integer({ min: 0, max: 15 }) }),
      fc.record({ kind: fc.constant('delete' as const), team: fc.boolean(), id: fc.integer({ min: 0, max: 15 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.constantFrom('s', 'SH', 're', 'so', 'x'), fc.integer({ min: 1, max: 5 }), (steps, prefix, limit) => {
        // The reference: a plain map of phrases with their uses, sorted whole.
        const phrases = new Map<string, { scope: PhraseScope; phraseId: string; title: string; keyword?: string; uses: number }>();
        const events = steps.map((s) => {
          const scope: PhraseScope = 'team' in s && s.team ? TEAM : personal('amy');
          const key = (sc: PhraseScope, id: string) => `${sc.kind === 'team' ? 'team' : sc.agentId}/${id}`;
          if (s.kind === 'add') {
            const old = phrases.get(key(scope, `p${s.id}`));
            phrases.set(key(scope, `p${s.id}`), { scope, phraseId: `p${s.id}`, title: s.title, ...(s.keyword === undefined ? {} : { keyword: s.keyword }), uses: old?.uses ?? 0 });
            return added(scope, `p${s.id}`, s.title, s.keyword);
          }
          if (s.kind === 'delete') {
            phrases.delete(key(scope, `p${s.id}`));
            return event('PhraseDeleted', { scope, phraseId: `p${s.id}`, at: 0 });
          }
          const own = phrases.get(key(personal(s.agentId), `p${s.id}`)) ?? phrases.get(key(TEAM, `p${s.id}`));
          if (own !== undefined) own.uses += 1;
          return used(s.agentId, `p${s.id}`);
        });
        const model = fold(events);
        const lower = prefix.toLowerCase();
        const expected = [...phrases.values()]
          .filter((p) => p.title.toLowerCase().startsWith(lower) || p.keyword?.toLowerCase().startsWith(lower) === true)
          .sort((a, b) => b.uses - a.uses || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) || (a.phraseId < b.phraseId ? -1 : a.phraseId > b.phraseId ? 1 : 0) || (a.scope.kind === 'team' ? -1 : 1))
          .slice(0, limit)
          .map((p) => [p.scope.kind, p.phraseId, p.uses]);
        const got = suggestQuickReplies(model, { shopId: SHOP, agentId: 'amy', prefix, limit }).map((p) => [p.scope.kind, p.phraseId, p.uses]);
        expect(got).toEqual(expected);
        const searched = searchQuickReplies(model, { shopId: SHOP, agentId: 'amy', text: prefix, limit: 100 });
        expect(searched.length).toBe([...phrases.values()].filter((p) => p.title.toLowerCase().includes(lower) || p.keyword?.toLowerCase().includes(lower) === true || `content ${p.phraseId}`.includes(lower)).length);
      }),
      { numRuns: 300 },
    );
  });
});
