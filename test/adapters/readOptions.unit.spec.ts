import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { checkReadAllOptions, checkReadStreamOptions } from '../../src/adapters/readOptions.js';
import { left } from '../conformance/fixtures.js';

describe('read options, checked the same for every adapter', () => {
  it('reads everything by default from version 1 or position 0', () => {
    expect(checkReadStreamOptions('s', {})).toEqual(E.right({ fromVersion: 1, maxCount: undefined }));
    expect(checkReadStreamOptions('s', { fromVersion: -3, maxCount: 0 })).toEqual(E.right({ fromVersion: 1, maxCount: 0 }));
    expect(checkReadAllOptions({})).toEqual(E.right({ after: 0, maxCount: undefined, shopId: undefined }));
    expect(checkReadAllOptions({ after: 7, maxCount: 2, shopId: 'x' })).toEqual(E.right({ after: 7, maxCount: 2, shopId: 'x' }));
  });

  it('refuses what SQL would read differently (a negative or fractional count), naming the field', () => {
    expect(left(checkReadAllOptions({ maxCount: -1 }))).toMatchObject({ _tag: 'ValidationError', source: 'readAll', issues: [{ path: 'maxCount' }] });
    expect(left(checkReadAllOptions({ after: 1.5 })).issues.map((i) => i.path)).toEqual(['after']);
    expect(left(checkReadAllOptions({ shopId: 3 as never })).issues.map((i) => i.path)).toEqual(['shopId']);
    expect(left(checkReadStreamOptions('s', { maxCount: 2.5, fromVersion: Number.NaN })).issues.map((i) => i.path)).toEqual([
      'fromVersion',
      'maxCount',
    ]);
    expect(left(checkReadStreamOptions(undefined, {})).issues.map((i) => i.path)).toEqual(['stream']);
  });
});
