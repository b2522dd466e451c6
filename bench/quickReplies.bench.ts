/**
 * Q3's read model at the limits: an agent who sees 2,000 phrases (1,000 of the
 * team, 1,000 of its own), a fifth of which match the prefix typed. Measured: a
 * suggestion (top 3 by use) and a search (top 100), the same suggestion done the
 * obvious way (every phrase lower-cased, every match built and sorted, then
 * sliced) in the same run, with their answers checked equal; and the fold's cost of a use (a MessageSent with a
 * quickReplyId), which comes with every quick reply an agent sends.
 */
import { DEFAULT_GROUP_ID, type Phrase, type PhraseScope } from '../src/domain/quickReplies/phrases.js';
import type { ConversationEvent } from '../src/domain/conversation/conversation.js';
import type { QuickRepliesEvent } from '../src/domain/quickReplies/quickRepliesEvents.js';
import { project, type ProjectedEvent } from '../src/projections/projection.js';
import { quickReplySuggestionsProjection, searchQuickReplies, suggestQuickReplies, type PhraseView, type QuickReplySuggestions } from '../src/projections/quickReplySuggestions.js';
import { check, rate, type Figure } from './lib/measure.js';

const SUITE = 'quick replies';
const SHOP = 'shop-bench';
type Fed = ProjectedEvent<QuickRepliesEvent | ConversationEvent>;

let position = 0;
const event = (type: string, data: unknown): Fed =>
  ({
    type,
    data,
    schemaVersion: 1,
    stream: 'bench',
    streamVersion: 1,
    globalPosition: ++position,
    metadata: { eventId: `e${position}`, shopId: SHOP, actor: { kind: 'system' }, occurredAt: 0, correlationId: 'c', causationId: 'c' },
  }) as unknown as Fed;

// Keywords kw0..kw49: the prefix `kw1` matches kw1 and kw10-kw19, 11 of 50, about a fifth.
const phrasesOf = (prefix: string): Phrase[] =>
  Array.from({ length: 1000 }, (_, i) => ({ phraseId: `${prefix}${i}`, groupId: DEFAULT_GROUP_ID, title: `发货问题 ${i}`, keyword: `kw${i % 50}`, content: `亲~不好意思，这个确实会稍微晚一点，我帮您催一下吧 ${i}` }));

const imported = (scope: PhraseScope, phrases: readonly Phrase[]) =>
  event('PhrasesImported', { scope, mode: 'all-or-nothing', groups: [], phrases: phrases.map((phrase, i) => ({ position: i, phrase })), unchanged: [], rejected: [], at: 0 });

let seq = 0;
const use = (phraseId: string) =>
  event('MessageSent', { sessionId: 's', messageId: `m${++seq}`, seq, sender: { kind: 'agent', id: 'amy' }, kind: 'quick-reply', content: { kind: 'quick-reply', phraseId, text: 'x' }, staffOnly: false, quickReplyId: phraseId, at: 0 });

/** The obvious way: every match as a view, sorted whole, sliced. */
const naiveSuggest = (model: QuickReplySuggestions, prefix: string, limit: number): readonly PhraseView[] => {
  const views: PhraseView[] = [];
  for (const key of ['team', 'agent:amy']) {
    const scoped = model.phrases.get(SHOP)?.get(key);
    for (const p of scoped?.list ?? []) {
      const matches = p.phrase.title.toLowerCase().startsWith(prefix) || p.phrase.keyword?.toLowerCase().startsWith(prefix) === true;
      if (matches) views.push({ ...p.phrase, scope: scoped!.scope, uses: model.uses.get(SHOP)?.get(key)?.get(p.phrase.phraseId) ?? 0 });
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return views.sort((a, b) => b.uses - a.uses || order(a.title, b.title) || order(a.phraseId, b.phraseId) || (a.scope.kind === 'team' ? -1 : 1)).slice(0, limit);
};

export const quickRepliesBench = async (options: { quick: boolean }): Promise<Figure[]> => {
  const rounds = options.quick ? 3 : 7;
  const team = phrasesOf('t');
  const mine = phrasesOf('p');
  // Uses spread over the phrases, so the top three are decided by counts, not ties.
  const uses = Array.from({ length: 5000 }, (_, i) => use(i % 3 === 0 ? `t${(i * 7) % 1000}` : `p${(i * 13) % 1000}`));
  const model = project(quickReplySuggestionsProjection(), [imported({ kind: 'team' }, team), imported({ kind: 'personal', agentId: 'amy' }, mine), ...uses]);
  const query = { shopId: SHOP, agentId: 'amy', prefix: 'kw1' };
  const ours = suggestQuickReplies(model, query).map((p) => p.phraseId);
  check(ours.length === 3 && ours.join() === naiveSuggest(model, 'kw1', 3).map((p) => p.phraseId).join(), 'top 3 equal to the full sort');
  check(searchQuickReplies(model, { shopId: SHOP, agentId: 'amy', text: '晚一点' }).length === 100, 'search finds its 100');

  const perRound = options.quick ? 500 : 2000;
  let sink = 0;
  const suggest = await rate(rounds, async () => {
    for (let i = 0; i < perRound; i++) sink += suggestQuickReplies(model, query).length;
    return perRound;
  });
  const naive = await rate(rounds, async () => {
    for (let i = 0; i < perRound; i++) sink += naiveSuggest(model, 'kw1', 3).length;
    return perRound;
  });
  const search = await rate(rounds, async () => {
    for (let i = 0; i < perRound; i++) sink += searchQuickReplies(model, { shopId: SHOP, agentId: 'amy', text: '晚一点' }).length;
    return perRound;
  });
  const projection = quickReplySuggestionsProjection();
  const usesPerRound = options.quick ? 5000 : 20_000;
  const fold = await rate(rounds, async () => {
    let m = model;
    for (let i = 0; i < usesPerRound; i++) m = projection.apply(m, uses[i % uses.length]!);
    sink += m.uses.size;
    return usesPerRound;
  });
  check(sink > 0, 'queries answered');
  return [
    { suite: SUITE, name: 'suggest, top 3 of 2,000 phrases (440 match)', value: suggest, unit: 'queries/s' },
    { suite: SUITE, name: 'same, the obvious way (lower-case every phrase, sort every match, slice)', value: naive, unit: 'queries/s' },
    { suite: SUITE, name: 'suggest vs the obvious way', value: suggest / naive, unit: 'x' },
    { suite: SUITE, name: 'search, top 100 of 2,000 phrases (all 2,000 match)', value: search, unit: 'queries/s' },
    { suite: SUITE, name: 'fold a use (MessageSent with quickReplyId)', value: fold, unit: 'events/s' },
  ];
};
