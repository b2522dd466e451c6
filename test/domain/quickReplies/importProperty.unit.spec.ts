/**
 * Q4, as a property (fast-check) through the engine, codec and decider together:
 * an import of any mix of good and bad entries writes all of them (none bad), or
 * nothing (some bad); with `good-only`, exactly the good ones, in order, and
 * reports exactly the bad positions. Bad entries come in every kind: bad in shape
 * (a missing or over-long field, an unknown field, not an object) and bad against
 * the stream (the id of a phrase already there with other fields). Whether an
 * entry is good is known from how it was generated, not asked of the code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_ID } from '../../../src/domain/quickReplies/phrases.js';
import { readEverything } from '../../conformance/fixtures.js';
import { addPhrase, admin, qr, TEAM, withStaff } from './harness.js';

type Generated = { readonly good: boolean; readonly value: unknown };

const text = (max: number) => fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);

const goodEntry = fc
  .record({ title: text(50), content: text(500), keyword: fc.option(text(20), { nil: undefined }), group: fc.option(fc.constantFrom('售前', '售后', 'vip'), { nil: undefined }) })
  .map(({ title, content, keyword, group }): Generated => ({
    good: true,
    value: { title, content, ...(keyword === undefined ? {} : { keyword }), ...(group === undefined ? {} : { group }) },
  }));

const badEntry: fc.Arbitrary<Generated> = fc
  .oneof(
    fc.constant({ title: '', content: 'c' }),
    fc.constant({ title: 't' }),
    fc.record({ title: fc.constant('t'), content: fc.string({ minLength: 501, maxLength: 600 }) }),
    fc.record({ title: fc.string({ minLength: 51, maxLength: 60 }), content: fc.constant('c') }),
    fc.constant({ title: 't', content: 'c', keyword: '' }),
    fc.constant({ title: 't', content: 'c', colour: 'red' }),
    fc.constant({ title: 't', content: 'c', group: 'g'.repeat(21) }),
    fc.constant({ phraseId: 'taken', title: 'not the same', content: 'c' }),
    fc.constantFrom(null, 7, 'text', [] as unknown[]),
  )
  .map((value) => ({ good: false, value }));

const mix = fc.array(fc.oneof(goodEntry, badEntry), { minLength: 1, maxLength: 12 });

const importInto = async (entries: readonly Generated[], mode: 'all-or-nothing' | 'good-only') => {
  const h = await withStaff();
  await h.ok(addPhrase(admin, TEAM, 'taken', { title: 'taken', content: 'there before' }));
  const before = await readEverything(h.engine.store);
  const result = await h.engine.dispatchUnknown(qr('ImportPhrases', admin, { scope: TEAM, mode, entries: entries.map((e) => e.value) }));
  const after = await readEverything(h.engine.store);
  const s = await h.state(TEAM);
  const written = s.phrases.slice(1).map((p) => {
    const group = s.groups.find((g) => g.groupId === p.groupId);
    return { title: p.title, content: p.content, ...(p.keyword === undefined ? {} : { keyword: p.keyword }), ...(p.groupId === DEFAULT_GROUP_ID ? {} : { group: group?.name }) };
  });
  return { result, written, wroteNothing: after.length === before.length };
};

describe('Q4: import writes all or nothing; with good-only, exactly the good ones', () => {
  it('all-or-nothing: every entry written when none is bad, otherwise nothing', async () => {
    await fc.assert(
      fc.asyncProperty(mix, async (entries) => {
        const { result, written, wroteNothing } = await importInto(entries, 'all-or-nothing');
        if (entries.every((e) => e.good)) {
          expect(result._tag).toBe('Right');
          expect(written).toEqual(entries.map((e) => e.value));
        } else {
          expect(result._tag).toBe('Left');
          expect(wroteNothing).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('good-only: exactly the good entries, in order, and the bad positions reported; nothing when none is good', async () => {
    await fc.assert(
      fc.asyncProperty(mix, async (entries) => {
        const { result, written, wroteNothing } = await importInto(entries, 'good-only');
        const good = entries.filter((e) => e.good).map((e) => e.value);
        const badPositions = entries.flatMap((e, i) => (e.good ? [] : [i]));
        if (good.length === 0) {
          expect(result._tag).toBe('Left');
          expect(wroteNothing).toBe(true);
          return;
        }
        expect(written).toEqual(good);
        if (result._tag === 'Left') throw new Error(JSON.stringify(result.left));
        const report = result.right.events[0]?.data as { rejected: { position: number }[] };
        expect(report.rejected.map((r) => r.position)).toEqual(badPositions);
      }),
      { numRuns: 60 },
    );
  });
});
