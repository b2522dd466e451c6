import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateAppend, validateEventsToAppend, validateStream } from '../../src/adapters/appendValidation.js';
import { recordedEventCodec } from '../../src/domain/envelope.js';
import { event } from '../conformance/fixtures.js';
import { appendArb } from './appendableInputs.js';

describe('names every store can keep unchanged', () => {
  it('refuses NUL and unpaired surrogates in stream names and event types, and accepts any other text', () => {
    for (const bad of ['a\u0000', 'a\uD800', '\uDC00a']) {
      expect(validateStream(bad)).toMatchObject({ _tag: 'Left', left: { issues: [{ path: 'stream' }] } });
      expect(validateEventsToAppend([event(bad)])).toMatchObject({ _tag: 'Left', left: { issues: [{ path: 'events.0.type' }] } });
    }
    const fine = '客服 👋🏽 \u202e';
    expect(validateStream(fine)).toEqual(E.right(fine));
    expect(E.isRight(validateEventsToAppend([event(fine)]))).toBe(true);
  });

  it('refuses a blank stream name, which the reader (nonEmptyString) would refuse', () => {
    // Used to pass: only the length was checked, not the trimmed length.
    for (const blank of [' ', '\t', '\u3000 \n']) expect(validateStream(blank)).toMatchObject({ _tag: 'Left', left: { issues: [{ path: 'stream' }] } });
  });
});

describe('what validateAppend hands a store', () => {
  it('is always what the reader accepts back, once the store adds stream, version and position (property)', () => {
    fc.assert(
      fc.property(appendArb, ({ stream, events }) => {
        const checked = validateAppend(stream, events, 'any');
        if (E.isLeft(checked)) return;
        checked.right.events.forEach((e, i) => {
          // Through JSON, as a durable store keeps it.
          const stored = JSON.parse(JSON.stringify({ ...e, stream: checked.right.stream, streamVersion: i + 1, globalPosition: i + 1 })) as unknown;
          expect(recordedEventCodec.decode(stored)._tag).toBe('Right');
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('checks a copy: the caller changing its objects afterwards changes nothing handed on', () => {
    const mine = event('Mine', { list: [1] });
    const [copy] = (validateEventsToAppend([mine]) as E.Right<readonly (typeof mine)[]>).right;
    (mine.data as { list: number[] }).list.push(2);
    (mine.metadata as { shopId: string }).shopId = 'changed';
    expect(copy).toMatchObject({ data: { list: [1] }, metadata: { shopId: 'shop-1' } });
  });
});
