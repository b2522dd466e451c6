/**
 * S15: finding a shop's sensitive words in a message, in one pass over the text
 * whatever the number of words: an Aho-Corasick automaton (@monyone/aho-corasick,
 * its double-array variant) over the folded words, compiled once per word list and
 * kept beside it (a WeakMap keyed by the list object, which the moderation state
 * replaces on every change of words, so a new version compiles anew and an old
 * one is collected with its list). Compiling is pure and costs time once per
 * version, not per message (bench/moderation.bench.ts measures both).
 *
 * The automaton matches UTF-16 units of the folded text. A word is well-formed
 * text (sensitiveWords.ts), so a match never starts or ends inside a surrogate
 * pair, and `fold` keeps positions, so a match's offsets are the original text's.
 */
import { AhoCorasick } from '@monyone/aho-corasick/fast';
import { fold, type WordList } from './sensitiveWords.js';

/** A word found in a text: `[start, end)` in UTF-16 units of the original text; `word` as the list spells it. */
export interface SensitiveMatch {
  readonly start: number;
  readonly end: number;
  readonly word: string;
}

interface Compiled {
  readonly automaton: AhoCorasick | undefined;
  /** Folded form -> the list's spelling. */
  readonly spelling: ReadonlyMap<string, string>;
}

const compiled = new WeakMap<WordList, Compiled>();

const compile = (list: WordList): Compiled => {
  const known = compiled.get(list);
  if (known !== undefined) return known;
  const spelling = new Map(list.words.map((w) => [fold(w), w] as const));
  const made: Compiled = { automaton: spelling.size === 0 ? undefined : new AhoCorasick([...spelling.keys()]), spelling };
  compiled.set(list, made);
  return made;
};

/** Every occurrence of a listed word in `text`, overlapping ones included, in order of their end. */
export const findSensitive = (list: WordList, text: string): readonly SensitiveMatch[] => {
  const { automaton, spelling } = compile(list);
  if (automaton === undefined) return [];
  return automaton.matchInText(fold(text)).map((m) => ({ start: m.begin, end: m.end, word: spelling.get(m.keyword) ?? m.keyword }));
};

/** The distinct words among the matches, in the order they first occur. */
export const wordsOf = (matches: readonly SensitiveMatch[]): readonly string[] => {
  const byStart = [...matches].sort((a, b) => a.start - b.start || a.end - b.end);
  return [...new Set(byStart.map((m) => m.word))];
};

/** The matches as disjoint spans, overlapping (and touching) ones merged, in text order. */
export const mergedSpans = (matches: readonly SensitiveMatch[]): readonly (readonly [number, number])[] => {
  const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: [number, number][] = [];
  for (const m of sorted) {
    const last = spans[spans.length - 1];
    if (last !== undefined && m.start <= last[1]) last[1] = Math.max(last[1], m.end);
    else spans.push([m.start, m.end]);
  }
  return spans;
};

const MASK = '*';

/** `text` with every character (code point) inside the spans replaced by '*'. */
export const masked = (text: string, spans: readonly (readonly [number, number])[]): string => {
  let out = '';
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start);
    for (const _ of text.slice(start, end)) out += MASK;
    at = end;
  }
  return out + text.slice(at);
};
