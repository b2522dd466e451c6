/**
 * The in-memory key store, for tests and simulations. Every method runs to its end
 * without an await in between, so `keyForWrite` and `destroy` are atomic against
 * each other, as the durable stores are by their transactions. A destroyed key's
 * bytes are overwritten with zeros before they are dropped.
 */
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure } from '../../domain/errors.js';
import { checkDestroy, checkKeyRefs, checkListOptions, checkShopId, checkSubjectRef, checkTime } from '../keyStoreInput.js';
import { DEFAULT_KEY_PAGE, KEY_BYTES, keyId, type ContentKey, type KeyInfo, type KeyStore } from '../keyStore.js';

interface Row {
  readonly shopId: string;
  readonly subject: string;
  readonly generation: number;
  readonly createdAt: number;
  lastWriteAt: number;
  /** Undefined once destroyed (the tombstone keeps the rest). */
  material: Uint8Array | undefined;
  destroyedAt?: number;
}

const subjectKey = (shopId: string, subject: string) => `${shopId}\u0000${subject}`;

const byListingOrder = (a: KeyInfo, b: KeyInfo) =>
  a.lastWriteAt - b.lastWriteAt || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) || a.generation - b.generation;

const info = (row: Row): KeyInfo => ({ shopId: row.shopId, subject: row.subject, generation: row.generation, createdAt: row.createdAt, lastWriteAt: row.lastWriteAt });

export const createInMemoryKeyStore = (): KeyStore => {
  /** Subject -> its keys, oldest generation first; the last one may be live. */
  const subjects = new Map<string, Row[]>();
  let closed = false;
  const closedFailure = (operation: string) => E.left(storeFailure(operation, 'the key store is closed'));

  const rowOf = (shopId: string, subject: string, generation: number): Row | undefined =>
    subjects.get(subjectKey(shopId, subject))?.find((r) => r.generation === generation);

  return {
    kind: 'memory',
    keyForWrite: async (ref, at) => {
      if (closed) return closedFailure('keyForWrite');
      const checked = checkSubjectRef('keyForWrite', ref);
      if (E.isLeft(checked)) return checked;
      const time = checkTime('keyForWrite', 'at', at);
      if (E.isLeft(time)) return time;
      const { shopId, subject } = checked.right;
      const rows = subjects.get(subjectKey(shopId, subject)) ?? [];
      let live = rows[rows.length - 1];
      if (live === undefined || live.material === undefined) {
        live = { shopId, subject, generation: (live?.generation ?? 0) + 1, createdAt: time.right, lastWriteAt: time.right, material: new Uint8Array(randomBytes(KEY_BYTES)) };
        rows.push(live);
        subjects.set(subjectKey(shopId, subject), rows);
      } else live.lastWriteAt = Math.max(live.lastWriteAt, time.right);
      const key: ContentKey = { ...info(live), material: Uint8Array.from(live.material as Uint8Array) };
      return E.right(key);
    },
    keysForRead: async (refs) => {
      if (closed) return closedFailure('keysForRead');
      const checked = checkKeyRefs('keysForRead', refs);
      if (E.isLeft(checked)) return checked;
      const out = new Map<string, Uint8Array | undefined>();
      for (const ref of checked.right) {
        const material = rowOf(ref.shopId, ref.subject, ref.generation)?.material;
        out.set(keyId(ref), material === undefined ? undefined : Uint8Array.from(material));
      }
      return E.right(out);
    },
    shops: async () => {
      if (closed) return closedFailure('shops');
      const shops = new Set<string>();
      for (const rows of subjects.values()) if (rows.some((r) => r.material !== undefined)) shops.add(rows[0]!.shopId);
      return E.right([...shops].sort());
    },
    listKeys: async (shopId, options) => {
      if (closed) return closedFailure('listKeys');
      const shop = checkShopId('listKeys', shopId);
      if (E.isLeft(shop)) return shop;
      const checked = checkListOptions('listKeys', options);
      if (E.isLeft(checked)) return checked;
      const { lastWriteBefore, after, limit = DEFAULT_KEY_PAGE } = checked.right;
      const live: KeyInfo[] = [];
      for (const rows of subjects.values()) {
        for (const row of rows) {
          if (row.shopId !== shop.right || row.material === undefined) continue;
          if (lastWriteBefore !== undefined && row.lastWriteAt >= lastWriteBefore) continue;
          if (after !== undefined && byListingOrder(info(row), { ...after, shopId: row.shopId, createdAt: 0 }) <= 0) continue;
          live.push(info(row));
        }
      }
      return E.right(live.sort(byListingOrder).slice(0, limit));
    },
    destroy: async (key, lastWriteBefore, at) => {
      if (closed) return closedFailure('destroy');
      const checked = checkDestroy(key, lastWriteBefore, at);
      if (E.isLeft(checked)) return checked;
      const row = rowOf(checked.right.shopId, checked.right.subject, checked.right.generation);
      if (row?.material === undefined || row.lastWriteAt >= checked.right.lastWriteBefore) return E.right(false);
      row.material.fill(0);
      row.material = undefined;
      row.destroyedAt = checked.right.at;
      return E.right(true);
    },
    compact: async () => (closed ? closedFailure('compact') : E.right(undefined)),
    close: async () => {
      closed = true;
    },
  };
};
