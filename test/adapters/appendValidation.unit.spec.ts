import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { validateEventsToAppend, validateStream } from '../../src/adapters/appendValidation.js';
import { event } from '../conformance/fixtures.js';

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
});
