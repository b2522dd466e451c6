/**
 * A shop map held in this process: for tests and for one process over several
 * stores. It follows the same rules as the PostgreSQL map, step for step.
 */
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure } from '../../domain/errors.js';
import { checkShopAndServer, checkShopId, type ShopEntry, type ShopMap, type ShopMapError } from './shopMap.js';

export const describeEntry = (entry: ShopEntry | undefined): string =>
  entry === undefined
    ? 'it has no entry'
    : entry.state === 'moving'
      ? `it is moving from ${entry.server} to ${String(entry.movingTo)}`
      : `it is active on ${entry.server}`;

export const createInMemoryShopMap = (initial: Readonly<Record<string, string>> = {}): ShopMap => {
  const rows = new Map<string, ShopEntry>();
  let closed = false;
  for (const [shopId, server] of Object.entries(initial)) rows.set(shopId, { shopId, server, state: 'active', movingTo: undefined });

  /** Every method checks the map is open and its input, then runs `body`. */
  const guarded =
    <A extends unknown[], R>(operation: string, check: (...args: A) => E.Either<ShopMapError, unknown>, body: (...args: A) => E.Either<ShopMapError, R>) =>
    async (...args: A): Promise<E.Either<ShopMapError, R>> => {
      if (closed) return E.left(storeFailure(operation, 'the shop map is closed'));
      const checked = check(...args);
      return E.isLeft(checked) ? checked : body(...args);
    };

  const transition = (operation: string, shopId: string, allowed: (e: ShopEntry | undefined) => boolean, next: (e: ShopEntry) => ShopEntry, why: string) => {
    const current = rows.get(shopId);
    if (current === undefined || !allowed(current)) return E.left(storeFailure(operation, `shop ${shopId}: ${why}, but ${describeEntry(current)}`));
    const updated = next(current);
    rows.set(shopId, updated);
    return E.right(updated);
  };

  return {
    kind: 'memory',
    lookup: guarded('lookup', (shopId: string) => checkShopId('lookup', shopId), (shopId) => E.right(rows.get(shopId))),
    has: guarded('has', (shopId: string) => checkShopId('has', shopId), (shopId) => E.right(rows.has(shopId))),
    lookupMany: guarded(
      'lookupMany',
      (shopIds: readonly string[]) => (Array.isArray(shopIds) ? E.right(undefined) : checkShopId('lookupMany', shopIds, 'shopIds')),
      (shopIds) => E.right(shopIds.flatMap((id) => rows.get(id) ?? [])),
    ),
    claim: guarded('claim', (shopId: string, server: string) => checkShopAndServer('claim', shopId, ['server', server]), (shopId, server) => {
      if (!rows.has(shopId)) rows.set(shopId, { shopId, server, state: 'active', movingTo: undefined });
      return E.right(rows.get(shopId)!);
    }),
    assign: guarded('assign', (shopId: string, server: string) => checkShopAndServer('assign', shopId, ['server', server]), (shopId, server) => {
      const current = rows.get(shopId);
      if (current?.state === 'moving') return E.left(storeFailure('assign', `shop ${shopId}: ${describeEntry(current)}; assign it once the move is over`));
      const entry: ShopEntry = { shopId, server, state: 'active', movingTo: undefined };
      rows.set(shopId, entry);
      return E.right(entry);
    }),
    beginMove: guarded('beginMove', (shopId: string, from: string, to: string) => checkShopAndServer('beginMove', shopId, ['from', from], ['to', to]), (shopId, from, to) =>
      transition('beginMove', shopId, (e) => e?.state === 'active' && e.server === from, (e) => ({ ...e, state: 'moving', movingTo: to }), `a move needs it active on ${from}`),
    ),
    finishMove: guarded('finishMove', (shopId: string, from: string, to: string) => checkShopAndServer('finishMove', shopId, ['from', from], ['to', to]), (shopId, from, to) =>
      transition(
        'finishMove',
        shopId,
        (e) => e?.state === 'moving' && e.server === from && e.movingTo === to,
        (e) => ({ ...e, server: to, state: 'active', movingTo: undefined }),
        `finishing needs it moving from ${from} to ${to}`,
      ),
    ),
    cancelMove: guarded('cancelMove', (shopId: string, from: string) => checkShopAndServer('cancelMove', shopId, ['from', from]), (shopId, from) =>
      transition('cancelMove', shopId, (e) => e?.state === 'moving' && e.server === from, (e) => ({ ...e, state: 'active', movingTo: undefined }), `cancelling needs it moving from ${from}`),
    ),
    entries: guarded('entries', () => E.right(undefined), () => E.right([...rows.values()].sort((a, b) => (a.shopId < b.shopId ? -1 : a.shopId > b.shopId ? 1 : 0)))),
    close: async () => {
      closed = true;
    },
  };
};
