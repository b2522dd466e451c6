/**
 * S16: the key store conformance suite. Every key store's spec calls
 * `keyStoreConformance(factory)`; nothing here knows which store it tests.
 * `create()` returns a new, empty key store each time; `reopen(store)`, where the
 * store is durable, closes it and opens the same keys again.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { keyId, type KeyInfo, type KeyStore } from '../../src/adapters/keyStore.js';
import { left, right, uniqueShop } from './fixtures.js';

export interface KeyStoreFactory {
  readonly name: string;
  readonly create: () => Promise<KeyStore>;
  readonly reopen?: (store: KeyStore) => Promise<KeyStore>;
  /** The raw bytes the store keeps on disk, to check a destroyed key's bytes are gone after compact. */
  readonly rawBytes?: (store: KeyStore) => Promise<Buffer>;
  readonly propertyRuns?: number;
}

const T = 1_767_600_000_000;
const HOUR = 3_600_000;

export const keyStoreConformance = (factory: KeyStoreFactory): void => {
  const open: KeyStore[] = [];
  const fresh = async () => {
    const store = await factory.create();
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  describe(`${factory.name}: S16 key store`, () => {
    it('creates a 32-byte key on first use and gives the same key to the next write, its last write moved forward only', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      const first = right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, T));
      expect(first).toMatchObject({ shopId, subject: 'session:s1', generation: 1, createdAt: T, lastWriteAt: T });
      expect(first.material).toBeInstanceOf(Uint8Array);
      expect(first.material.length).toBe(32);
      const later = right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, T + HOUR));
      expect(later.generation).toBe(1);
      expect(Buffer.from(later.material).equals(Buffer.from(first.material))).toBe(true);
      expect(later.lastWriteAt).toBe(T + HOUR);
      // An older write (a copy, a late event) never moves the last write back.
      expect(right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, T)).lastWriteAt).toBe(T + HOUR);
      const [listed] = right(await keys.listKeys(shopId));
      expect(listed).toEqual({ shopId, subject: 'session:s1', generation: 1, createdAt: T, lastWriteAt: T + HOUR });
    });

    it('gives other subjects and other shops keys of their own', async () => {
      const keys = await fresh();
      const [a, b] = [uniqueShop(), uniqueShop()];
      const k1 = right(await keys.keyForWrite({ shopId: a, subject: 'session:s1' }, T));
      const k2 = right(await keys.keyForWrite({ shopId: a, subject: 'session:s2' }, T));
      const k3 = right(await keys.keyForWrite({ shopId: b, subject: 'session:s1' }, T));
      const hex = new Set([k1, k2, k3].map((k) => Buffer.from(k.material).toString('hex')));
      expect(hex.size).toBe(3);
      const shops = right(await keys.shops());
      expect(shops).toEqual(expect.arrayContaining([a, b]));
      expect(right(await keys.listKeys(a)).map((k) => k.subject).sort()).toEqual(['session:s1', 'session:s2']);
    });

    it('reads keys by reference: the material of a live one, undefined for a destroyed or unknown one', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      const live = right(await keys.keyForWrite({ shopId, subject: 'session:live' }, T));
      const gone = right(await keys.keyForWrite({ shopId, subject: 'session:gone' }, T));
      expect(right(await keys.destroy(gone, T + 1, T + 2))).toBe(true);
      const unknown = { shopId, subject: 'session:never', generation: 1 };
      const read = right(await keys.keysForRead([live, gone, unknown]));
      expect(read.size).toBe(3);
      expect(Buffer.from(read.get(keyId(live))!).equals(Buffer.from(live.material))).toBe(true);
      expect(read.get(keyId(gone))).toBeUndefined();
      expect(read.has(keyId(gone))).toBe(true);
      expect(read.get(keyId(unknown))).toBeUndefined();
      expect(right(await keys.keysForRead([])).size).toBe(0);
    });

    it('destroys a key only if its last write is still before the cut-off, once', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      const key = right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, T + 10));
      expect(right(await keys.destroy(key, T + 10, T + 20)), 'last write at the cut-off: kept').toBe(false);
      expect(right(await keys.destroy(key, T + 11, T + 20))).toBe(true);
      expect(right(await keys.destroy(key, T + 11, T + 21)), 'already gone').toBe(false);
      expect(right(await keys.listKeys(shopId))).toEqual([]);
      expect(right(await keys.shops())).not.toContain(shopId);
    });

    it('after a destruction, the next write gets a new generation with new bytes; the old one stays gone', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      const old = right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, T));
      right(await keys.destroy(old, T + 1, T + 1));
      const next = right(await keys.keyForWrite({ shopId, subject: 'session:s1' }, T + 5));
      expect(next).toMatchObject({ generation: 2, createdAt: T + 5, lastWriteAt: T + 5 });
      expect(Buffer.from(next.material).equals(Buffer.from(old.material))).toBe(false);
      const read = right(await keys.keysForRead([old, next]));
      expect(read.get(keyId(old))).toBeUndefined();
      expect(read.get(keyId(next))).toBeDefined();
    });

    it('lists a shop\'s live keys by last write, page by page, with only those before a time', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      for (let i = 0; i < 7; i++) right(await keys.keyForWrite({ shopId, subject: `session:s${i % 3}-${i}` }, T + (i % 4) * HOUR));
      right(await keys.keyForWrite({ shopId: uniqueShop(), subject: 'session:other-shop' }, T));
      const all = right(await keys.listKeys(shopId));
      expect(all).toHaveLength(7);
      const order = (k: KeyInfo) => [k.lastWriteAt, k.subject, k.generation] as const;
      const sorted = [...all].sort((a, b) => a.lastWriteAt - b.lastWriteAt || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) || a.generation - b.generation);
      expect(all.map(order)).toEqual(sorted.map(order));
      const pages: KeyInfo[] = [];
      for (let after: KeyInfo | undefined; ; ) {
        const page = right(await keys.listKeys(shopId, { limit: 3, ...(after === undefined ? {} : { after }) }));
        pages.push(...page);
        if (page.length < 3) break;
        after = page[page.length - 1];
      }
      expect(pages).toEqual(all);
      const early = right(await keys.listKeys(shopId, { lastWriteBefore: T + 2 * HOUR }));
      expect(early.every((k) => k.lastWriteAt < T + 2 * HOUR)).toBe(true);
      expect(early).toHaveLength(all.filter((k) => k.lastWriteAt < T + 2 * HOUR).length);
    });

    it('gives every concurrent first write of a subject the same key', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => keys.keyForWrite({ shopId, subject: 'session:race' }, T + i)));
      const got = results.map((r) => right(r));
      expect(new Set(got.map((k) => k.generation))).toEqual(new Set([1]));
      expect(new Set(got.map((k) => Buffer.from(k.material).toString('hex'))).size).toBe(1);
      expect(right(await keys.listKeys(shopId))).toHaveLength(1);
    });

    it('property: a destroyed key never reads again, and a write after it always gets a live key of a newer generation', async () => {
      const keys = await fresh();
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(fc.constant('write' as const), fc.constant('destroy' as const)), { minLength: 1, maxLength: 12 }), async (steps) => {
          const shopId = uniqueShop();
          let now = T;
          let generation = 0;
          const destroyed: number[] = [];
          for (const step of steps) {
            now += HOUR;
            if (step === 'write') {
              const key = right(await keys.keyForWrite({ shopId, subject: 'session:p' }, now));
              expect(key.generation).toBeGreaterThanOrEqual(generation);
              expect(destroyed).not.toContain(key.generation);
              generation = key.generation;
            } else if (generation > 0) {
              if (right(await keys.destroy({ shopId, subject: 'session:p', generation }, now, now))) destroyed.push(generation);
            }
          }
          const read = right(await keys.keysForRead(destroyed.map((g) => ({ shopId, subject: 'session:p', generation: g }))));
          for (const value of read.values()) expect(value).toBeUndefined();
        }),
        { numRuns: factory.propertyRuns ?? 25 },
      );
    });

    it('refuses bad input with a ValidationError naming the field, and changes nothing', async () => {
      const keys = await fresh();
      const shopId = uniqueShop();
      const blank = left(await keys.keyForWrite({ shopId, subject: '  ' }, T));
      expect(blank).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'subject' })] });
      expect(left(await keys.keyForWrite({ shopId: '', subject: 'session:x' }, T))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'shopId' })] });
      expect(left(await keys.keyForWrite({ shopId, subject: 'session:x' }, Number.NaN))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'at' })] });
      expect(left(await keys.keyForWrite({ shopId, subject: 'x'.repeat(301) }, T))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'subject' })] });
      expect(left(await keys.destroy({ shopId, subject: 'session:x', generation: 0 }, T, T))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'generation' })] });
      expect(left(await keys.listKeys(shopId, { limit: 0 }))).toMatchObject({ _tag: 'ValidationError', issues: [expect.objectContaining({ path: 'limit' })] });
      expect(left(await keys.keysForRead([{ shopId, subject: 'session:x', generation: -1 }]))).toMatchObject({ _tag: 'ValidationError' });
      expect(right(await keys.listKeys(shopId))).toEqual([]);
    });

    it('answers every call with a StoreFailure once closed', async () => {
      const keys = await factory.create();
      await keys.close();
      const failed = await keys.keyForWrite({ shopId: uniqueShop(), subject: 'session:x' }, T);
      expect(E.isLeft(failed) && failed.left._tag).toBe('StoreFailure');
      expect(left(await keys.shops())._tag).toBe('StoreFailure');
      await keys.close();
    });

    if (factory.reopen !== undefined) {
      const reopen = factory.reopen;
      it('keeps keys, last writes and destructions across a reopen', async () => {
        const keys = await factory.create();
        const shopId = uniqueShop();
        const kept = right(await keys.keyForWrite({ shopId, subject: 'session:kept' }, T + HOUR));
        const gone = right(await keys.keyForWrite({ shopId, subject: 'session:gone' }, T));
        right(await keys.destroy(gone, T + 1, T + 2));
        const again = await reopen(keys);
        open.push(again);
        const read = right(await again.keysForRead([kept, gone]));
        expect(Buffer.from(read.get(keyId(kept))!).equals(Buffer.from(kept.material))).toBe(true);
        expect(read.get(keyId(gone))).toBeUndefined();
        expect(right(await again.listKeys(shopId))).toEqual([{ shopId, subject: 'session:kept', generation: 1, createdAt: T + HOUR, lastWriteAt: T + HOUR }]);
        expect(right(await again.keyForWrite({ shopId, subject: 'session:gone' }, T + 3)).generation).toBe(2);
      });
    }

    if (factory.rawBytes !== undefined) {
      const rawBytes = factory.rawBytes;
      it('leaves no copy of a destroyed key\'s bytes in what it keeps on disk once compacted', async () => {
        const keys = await fresh();
        const shopId = uniqueShop();
        const doomed = right(await keys.keyForWrite({ shopId, subject: 'session:doomed' }, T));
        // Touched again, so older copies of its page sit in the log too.
        right(await keys.keyForWrite({ shopId, subject: 'session:doomed' }, T + HOUR));
        const kept = right(await keys.keyForWrite({ shopId, subject: 'session:kept' }, T));
        const needle = Buffer.from(doomed.material);
        expect((await rawBytes(keys)).includes(needle), 'the key is on disk before').toBe(true);
        expect(right(await keys.destroy(doomed, T + 2 * HOUR, T + 2 * HOUR))).toBe(true);
        right(await keys.compact());
        const after = await rawBytes(keys);
        expect(after.includes(needle)).toBe(false);
        expect(after.includes(Buffer.from(kept.material)), 'the live key is still there').toBe(true);
      });
    }
  });
};
