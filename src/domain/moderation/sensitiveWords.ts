/**
 * S15: a shop's sensitive words (敏感词). A word is trimmed, 1 to 50 characters
 * (code points: a Chinese character is one), with no control character and no
 * lone surrogate; a list holds at most 10,000. Words are compared as `fold`
 * makes them (lower case, full-width ASCII as ASCII), so `VX`, `vx` and `ＶＸ`
 * are one word: a list keeps the first spelling it was given, and matching
 * (matcher.ts) finds every spelling in a message.
 *
 * `fold` keeps the length of the text in UTF-16 units, position by position, so a
 * match found in the folded text is at the same offsets in the original: that is
 * what lets a mask cover exactly what the customer wrote.
 */
import * as t from 'io-ts';
import { describeValue } from '../validation.js';

export const MAX_SENSITIVE_WORDS = 10_000;
export const SENSITIVE_WORD_MAX_CHARS = 50;

/** U+FF01..U+FF5E are the full-width forms of U+0021..U+007E; U+3000 is the ideographic space. */
const FULL_WIDTH_FIRST = 0xff01;
const FULL_WIDTH_LAST = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;

const hasFullWidth = /[\uff01-\uff5e\u3000]/;

const halfWidth = (text: string): string => {
  if (!hasFullWidth.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= FULL_WIDTH_FIRST && c <= FULL_WIDTH_LAST ? String.fromCharCode(c - FULL_WIDTH_OFFSET) : c === 0x3000 ? ' ' : text[i];
  }
  return out;
};

/**
 * Lower case, unit for unit. Of every code point, only U+0130 (İ) lower-cases to a
 * longer string (checked over all of Unicode on Node 20) and none to a shorter one,
 * so an equal length means every position kept its place; otherwise the text is
 * folded code point by code point, keeping a character whose lower case is longer.
 */
const lowerInPlace = (text: string): string => {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
};

/** The form words are compared in; the same length as `text`, position by position. */
export const fold = (text: string): string => halfWidth(lowerInPlace(text));

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// eslint-disable-next-line no-control-regex -- the point is to find them
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Why a word (already trimmed) is not a sensitive word, or undefined when it is one. */
const wordProblem = (word: string): string | undefined => {
  if (word.length === 0) return 'must not be empty';
  const length = codePoints(word);
  if (length > SENSITIVE_WORD_MAX_CHARS) return `must be at most ${SENSITIVE_WORD_MAX_CHARS} characters, got ${length}`;
  if (LONE_SURROGATE.test(word)) return 'must be well-formed text (a lone surrogate)';
  if (CONTROL.test(word)) return 'must not contain control characters';
  return undefined;
};

const isNormalWord = (u: unknown): u is string => typeof u === 'string' && u.trim() === u && wordProblem(u) === undefined;

/** Words normalised: each trimmed, the first spelling of each folded form kept, in the order given. */
export const distinctWords = (words: readonly string[]): readonly string[] => {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of words) {
    const key = fold(w);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out;
};

const isDistinct = (words: readonly string[]): boolean => new Set(words.map(fold)).size === words.length;

/**
 * A list of sensitive words, decoded: each element trimmed and checked (a bad one is
 * reported at its index, `data.words.3`), duplicates (as folded) dropped. `min` is
 * the least number of elements the list must have.
 */
export const sensitiveWordsCodec = (name: string, min: number) =>
  new t.Type<readonly string[], readonly string[], unknown>(
    name,
    (u): u is readonly string[] => Array.isArray(u) && u.length >= min && u.length <= MAX_SENSITIVE_WORDS && u.every(isNormalWord) && isDistinct(u as string[]),
    (u, c) => {
      if (!Array.isArray(u)) return t.failure(u, c, `expected a list of words, got ${describeValue(u)}`);
      if (u.length < min) return t.failure(u, c, `must list at least ${min} word${min === 1 ? '' : 's'}`);
      if (u.length > MAX_SENSITIVE_WORDS) return t.failure(u, c, `must list at most ${MAX_SENSITIVE_WORDS} words, got ${u.length}`);
      const errors: t.ValidationError[] = [];
      const trimmed: string[] = [];
      u.forEach((element: unknown, i) => {
        const at: t.Context = [...c, { key: String(i), type: t.string, actual: element }];
        if (typeof element !== 'string') {
          errors.push({ value: element, context: at, message: `expected a word (a string), got ${element === null ? 'null' : typeof element}` });
          return;
        }
        const word = element.trim();
        const problem = wordProblem(word);
        if (problem !== undefined) errors.push({ value: element, context: at, message: problem });
        else trimmed.push(word);
      });
      return errors.length > 0 ? t.failures(errors) : t.success(distinctWords(trimmed));
    },
    t.identity,
  );

/** The list as a decision reads it: the words in order, their folded forms, and a version bumped by every change. */
export interface WordList {
  readonly version: number;
  readonly words: readonly string[];
  readonly keys: ReadonlySet<string>;
}

export const emptyWordList: WordList = { version: 0, words: [], keys: new Set() };

const listOf = (version: number, words: readonly string[]): WordList => ({ version, words, keys: new Set(words.map(fold)) });

export const replacedBy = (list: WordList, words: readonly string[]): WordList => listOf(list.version + 1, words);

/** The words of `words` the list lacks (as folded), in order. */
export const missingFrom = (list: WordList, words: readonly string[]): readonly string[] => words.filter((w) => !list.keys.has(fold(w)));

/** The list's own spellings of the words of `words` it has. */
export const presentIn = (list: WordList, words: readonly string[]): readonly string[] => {
  const asked = new Set(words.map(fold));
  return list.words.filter((w) => asked.has(fold(w)));
};

export const withAdded = (list: WordList, words: readonly string[]): WordList => listOf(list.version + 1, [...list.words, ...missingFrom(list, words)]);

export const withRemoved = (list: WordList, words: readonly string[]): WordList => {
  const gone = new Set(words.map(fold));
  return listOf(list.version + 1, list.words.filter((w) => !gone.has(fold(w))));
};

/** Whether two lists hold the same words with the same spellings in the same order. */
export const sameWords = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((w, i) => w === b[i]);
