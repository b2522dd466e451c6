/**
 * Q3: finding a quick reply. The manual: while the agent types, the input box
 * searches the team's and the agent's own phrases "按照使用频次，最多为用户展示 3
 * 条结果" (by usage frequency, at most 3 results); the sidebar searches by keyword,
 * title and content.
 *
 * The fold keeps every phrase of every scope (bounded: 1000 per scope) and how
 * often it was used. A use is an agent's message whose content is a quick reply
 * (conversation/messages.ts, `{ kind: 'quick-reply', phraseId, text }`, sent as
 * an agent message or an anonymous reply): the text may have been edited in the
 * input box, it still counts for the phrase it came from. The fold reads the
 * event's `quickReplyId`, which the conversation copies from the content: the
 * content is sealed and expires with the shop's retention window (S16), the id
 * does not, so a rebuild after the expiry counts the same uses. The id is looked
 * up in the sender's own phrases first, then the team's (an agent sees no one
 * else's); a use of a phrase that does not exist (deleted, or never there) is not
 * kept, so the model stays as bounded as the phrases. Deleting a phrase forgets
 * its uses.
 *
 * Phrases change seldom and uses often, so they are kept apart: each scope's
 * phrases as a plain array with their texts lower-cased once (rebuilt on a phrase
 * event, O(phrases)), the uses in a persistent map (a use is O(log n)). A query
 * scans the at most 2000 phrases an agent sees and keeps the best `limit` while
 * scanning, so it never sorts every match: cheaper than keeping a prefix index up
 * to date on every edit (bench/quickReplies.bench.ts measures it).
 */
import { Map as IMap } from 'immutable';
import type { ConversationEvent } from '../domain/conversation/conversation.js';
import { DEFAULT_GROUP_ID, scopeKey, type Phrase, type PhraseScope } from '../domain/quickReplies/phrases.js';
import type { QuickRepliesEvent } from '../domain/quickReplies/quickRepliesEvents.js';
import type { Projection } from './projection.js';

export interface PhraseView extends Phrase {
  readonly scope: PhraseScope;
  /** Messages sent with this phrase since it was added. */
  readonly uses: number;
}

/** A phrase as the queries read it: the phrase, and its texts lower-cased once, when written, not at every query. */
export interface IndexedPhrase {
  readonly phrase: Phrase;
  readonly title: string;
  readonly keyword: string | undefined;
  readonly content: string;
}

export interface ScopePhrases {
  readonly scope: PhraseScope;
  readonly list: readonly IndexedPhrase[];
  readonly ids: ReadonlySet<string>;
}

/** By shop id, then scope key (`team`, `agent:<id>`): the phrases, and the uses by phrase id. */
export interface QuickReplySuggestions {
  readonly phrases: IMap<string, IMap<string, ScopePhrases>>;
  readonly uses: IMap<string, IMap<string, IMap<string, number>>>;
}

export const DEFAULT_SUGGESTIONS = 3;
export const MAX_QUERY_LIMIT = 100;

export const initialQuickReplySuggestions = (): QuickReplySuggestions => ({ phrases: IMap(), uses: IMap() });

const indexed = (phrase: Phrase): IndexedPhrase => ({ phrase, title: phrase.title.toLowerCase(), keyword: phrase.keyword?.toLowerCase(), content: phrase.content.toLowerCase() });

/** The scope's phrases rewritten by `f`; an emptied scope is dropped, and so are the uses of phrases no longer there. */
const rewrite = (model: QuickReplySuggestions, shopId: string, scope: PhraseScope, f: (list: readonly IndexedPhrase[]) => readonly IndexedPhrase[]): QuickReplySuggestions => {
  const key = scopeKey(scope);
  const list = f(model.phrases.get(shopId)?.get(key)?.list ?? []);
  const ids = new Set(list.map((p) => p.phrase.phraseId));
  const uses = model.uses.get(shopId)?.get(key);
  const kept = uses?.filter((_, phraseId) => ids.has(phraseId));
  return {
    phrases: list.length === 0 ? model.phrases.deleteIn([shopId, key]) : model.phrases.setIn([shopId, key], { scope, list, ids }),
    uses: kept === undefined || kept.size === uses?.size ? model.uses : kept.size === 0 ? model.uses.deleteIn([shopId, key]) : model.uses.setIn([shopId, key], kept),
  };
};

/** Added, or replacing the phrase of the same id where it stands. */
const upsert = (list: readonly IndexedPhrase[], phrases: readonly Phrase[]): readonly IndexedPhrase[] => {
  const byId = new Map(phrases.map((p) => [p.phraseId, p]));
  const replaced = list.map((p) => {
    const next = byId.get(p.phrase.phraseId);
    if (next === undefined) return p;
    byId.delete(p.phrase.phraseId);
    return indexed(next);
  });
  return [...replaced, ...[...byId.values()].map(indexed)];
};

const regrouped = (list: readonly IndexedPhrase[], which: (p: Phrase) => boolean, groupId: string): readonly IndexedPhrase[] =>
  list.map((p) => (which(p.phrase) ? { ...p, phrase: { ...p.phrase, groupId } } : p));

const used = (model: QuickReplySuggestions, shopId: string, agentId: string, phraseId: string): QuickReplySuggestions => {
  const shop = model.phrases.get(shopId);
  for (const key of [`agent:${agentId}`, 'team']) {
    if (shop?.get(key)?.ids.has(phraseId) === true) {
      return { ...model, uses: model.uses.updateIn([shopId, key, phraseId], (n) => ((n as number | undefined) ?? 0) + 1) };
    }
  }
  return model;
};

type Fed = QuickRepliesEvent | ConversationEvent;

export const quickReplySuggestionsProjection = (): Projection<QuickReplySuggestions, Fed> => ({
  name: 'quick-reply-suggestions',
  initialState: initialQuickReplySuggestions,
  apply: (model, event) => {
    const shopId = event.metadata.shopId;
    switch (event.type) {
      case 'PhraseAdded':
      case 'PhraseEdited':
        return rewrite(model, shopId, event.data.scope, (list) => upsert(list, [event.data.phrase]));
      case 'PhrasesImported':
        return rewrite(model, shopId, event.data.scope, (list) => upsert(list, event.data.phrases.map((p) => p.phrase)));
      case 'PhraseMoved': {
        const { phraseId, groupId } = event.data;
        return rewrite(model, shopId, event.data.scope, (list) => regrouped(list, (p) => p.phraseId === phraseId, groupId));
      }
      case 'PhraseGroupDeleted': {
        const { groupId } = event.data;
        return rewrite(model, shopId, event.data.scope, (list) => regrouped(list, (p) => p.groupId === groupId, DEFAULT_GROUP_ID));
      }
      case 'PhraseDeleted':
        return rewrite(model, shopId, event.data.scope, (list) => list.filter((p) => p.phrase.phraseId !== event.data.phraseId));
      case 'MessageSent': {
        const { sender, quickReplyId } = event.data;
        return sender.kind === 'agent' && quickReplyId !== undefined ? used(model, shopId, sender.id, quickReplyId) : model;
      }
      default:
        return model;
    }
  },
});

/** A match while scanning: the phrase as stored, no view built until it is among the best. */
interface Candidate {
  readonly phrase: Phrase;
  readonly scope: PhraseScope;
  readonly uses: number;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const teamRank = (scope: PhraseScope): number => (scope.kind === 'team' ? 0 : 1);

/** Most used first; then by title and id (code-point order, the same on every machine); the team's before an agent's with the same id. */
const byUse = (a: Candidate, b: Candidate): number => ahead(a.phrase, a.scope, a.uses, b);

/** `byUse` of a match not yet made a candidate (no allocation for one that will not make it). */
const ahead = (phrase: Phrase, scope: PhraseScope, uses: number, b: Candidate): number =>
  b.uses - uses || compare(phrase.title, b.phrase.title) || compare(phrase.phraseId, b.phrase.phraseId) || teamRank(scope) - teamRank(b.scope);

/**
 * The first `limit` matches in `byUse` order among the phrases an agent sees (the
 * team's and its own), kept in a sorted array of at most `limit` while scanning:
 * O(n log limit) comparisons, no sort of every match, and a match that cannot
 * make it costs one comparison and no allocation.
 */
const best = (model: QuickReplySuggestions, shopId: string, agentId: string, limit: number, matches: (p: IndexedPhrase) => boolean): readonly PhraseView[] => {
  const top: Candidate[] = [];
  for (const key of ['team', `agent:${agentId}`]) {
    const scoped = model.phrases.get(shopId)?.get(key);
    if (scoped === undefined) continue;
    const uses = model.uses.get(shopId)?.get(key);
    for (const p of scoped.list) {
      if (!matches(p)) continue;
      const used = uses?.get(p.phrase.phraseId) ?? 0;
      const last = top[top.length - 1];
      if (top.length === limit && last !== undefined && ahead(p.phrase, scoped.scope, used, last) >= 0) continue;
      const candidate: Candidate = { phrase: p.phrase, scope: scoped.scope, uses: used };
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byUse(top[mid]!, candidate) <= 0) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, candidate);
      if (top.length > limit) top.pop();
    }
  }
  return top.map((c): PhraseView => ({ ...c.phrase, scope: c.scope, uses: c.uses }));
};

const checkLimit = (limit: number, what: string): void => {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) throw new RangeError(`${what}: limit must be an integer from 1 to ${MAX_QUERY_LIMIT}, got ${String(limit)}`);
};

const folded = (text: string) => text.trim().toLowerCase();

export interface SuggestQuery {
  readonly shopId: string;
  readonly agentId: string;
  /** What the agent has typed (after the `/` that opens the search, when the client uses one). */
  readonly prefix: string;
  readonly limit?: number;
}

/** Q3: the phrases whose keyword or title starts with the prefix (case-insensitive), most used first, at most `limit` (3). */
export const suggestQuickReplies = (model: QuickReplySuggestions, query: SuggestQuery): readonly PhraseView[] => {
  const limit = query.limit ?? DEFAULT_SUGGESTIONS;
  checkLimit(limit, 'quick-reply suggestions');
  const prefix = folded(query.prefix);
  if (prefix === '') return [];
  return best(model, query.shopId, query.agentId, limit, (p) => p.title.startsWith(prefix) || p.keyword?.startsWith(prefix) === true);
};

export interface SearchQuery {
  readonly shopId: string;
  readonly agentId: string;
  readonly text: string;
  readonly limit?: number;
}

/** Q3: the phrases whose keyword, title or content holds the text (case-insensitive), most used first, at most `limit` (100). */
export const searchQuickReplies = (model: QuickReplySuggestions, query: SearchQuery): readonly PhraseView[] => {
  const limit = query.limit ?? MAX_QUERY_LIMIT;
  checkLimit(limit, 'quick-reply search');
  const text = folded(query.text);
  if (text === '') return [];
  return best(model, query.shopId, query.agentId, limit, (p) => p.title.includes(text) || p.content.includes(text) || p.keyword?.includes(text) === true);
};
