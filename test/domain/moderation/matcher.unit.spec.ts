/**
 * S15: the sensitive-word matcher against the obvious search (every word at every
 * position of the folded text), and the mask it makes, on Chinese, ASCII in both
 * cases and widths, and characters outside the BMP.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findSensitive, masked, mergedSpans, wordsOf } from '../../../src/domain/moderation/matcher.js';
import { distinctWords, emptyWordList, fold, replacedBy } from '../../../src/domain/moderation/sensitiveWords.js';

const listOf = (words: readonly string[]) => replacedBy(emptyWordList, distinctWords(words));

/** The obvious search: each listed word at each position, on the folded text. */
const naive = (words: readonly string[], text: string) => {
  const folded = fold(text);
  const found: { start: number; end: number; word: string }[] = [];
  for (const word of words) {
    const key = fold(word);
    for (let i = folded.indexOf(key); i >= 0; i = folded.indexOf(key, i + 1)) found.push({ start: i, end: i + key.length, word });
  }
  return found;
};

const byPosition = (ms: readonly { start: number; end: number; word: string }[]) => [...ms].sort((a, b) => a.start - b.start || a.end - b.end || a.word.localeCompare(b.word));

// A small alphabet, so words occur in texts and overlap often.
const alphabet = fc.constantFrom('微', '信', '加', '号', '二', '维', '码', 'a', 'A', 'ａ', 'Ａ', 'b', 'B', 'x', '😀', 'İ', 'i', ' ', '，');
const wordArb = fc.array(alphabet, { minLength: 1, maxLength: 4 }).map((cs) => cs.join('').trim()).filter((w) => w.length > 0);
const textArb = fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join(''));

describe('S15: the matcher', () => {
  it('property: it finds exactly what the obvious search finds, overlaps included', () => {
    fc.assert(
      fc.property(fc.array(wordArb, { maxLength: 12 }), textArb, (words, text) => {
        const list = listOf(words);
        expect(byPosition(findSensitive(list, text))).toEqual(byPosition(naive(list.words, text)));
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('property: the mask stars every character of every match and nothing else, and leaves no word behind', () => {
    fc.assert(
      fc.property(fc.array(wordArb, { maxLength: 12 }), textArb, (words, text) => {
        const list = listOf(words);
        const matches = findSensitive(list, text);
        const out = masked(text, mergedSpans(matches));
        const covered = new Set(matches.flatMap((m) => Array.from({ length: m.end - m.start }, (_, k) => m.start + k)));
        // Walk both texts code point by code point.
        let i = 0;
        const outChars = [...out];
        let j = 0;
        for (const ch of text) {
          expect(outChars[j]).toBe(covered.has(i) ? '*' : ch);
          i += ch.length;
          j++;
        }
        expect(j).toBe(outChars.length);
        expect(findSensitive(list, out)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('S15: fold keeps every position: lower case, full-width ASCII as ASCII, İ kept as it is', () => {
    expect(fold('VX ＶＸ　微信 İx')).toBe('vx vx 微信 İx');
    for (const s of ['İİ', 'ABCＡＢＣ', '😀Ｘ', 'ΣΑΣ']) expect(fold(s).length).toBe(s.length);
  });

  it('S15: overlapping and touching matches merge into one span; the words are reported in the order they occur', () => {
    const list = listOf(['信号', '加微', '微信', '码']);
    const matches = findSensitive(list, '请加微信号，二维码');
    expect(mergedSpans(matches)).toEqual([
      [1, 5],
      [8, 9],
    ]);
    expect(wordsOf(matches)).toEqual(['加微', '微信', '信号', '码']);
    expect(masked('请加微信号，二维码', mergedSpans(matches))).toBe('请****，二维*');
  });

  it('S15: an empty list matches nothing; the list spelling is reported whatever the text spelling', () => {
    expect(findSensitive(emptyWordList, '微信')).toEqual([]);
    expect(findSensitive(listOf(['VX']), '加ｖｘ')).toEqual([{ start: 1, end: 3, word: 'VX' }]);
  });
});
