/**
 * The shop map as a table on a directory database (any of the servers, or one of
 * its own), read by every process:
 *
 *   <schema>.shop_map(shop_id text primary key, server text not null,
 *                     state text not null default 'active' check (state in ('active', 'moving')),
 *                     moving_to text, assigned_at timestamptz not null default now())
 *
 * Each change is one statement whose WHERE clause is the step's precondition
 * (a move begins only from active on the named server, finishes only from moving
 * to the named target), so two operators racing cannot both win. The table is made
 * on first use, under an advisory lock so processes starting together do not race
 * on CREATE.
 */
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { Pool } from 'pg';
import { storeFailure, validationError, type StoreFailure, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { checkSchemaAndConnection } from '../postgres/options.js';
import { describeEntry } from './inMemoryShopMap.js';
import { checkShopAndServer, checkShopId, type ShopEntry, type ShopMap, type ShopMapError } from './shopMap.js';

interface CommonOptions {
  /** The schema holding the table, created if missing; default `kefu`. Same rule as the store's schema. */
  readonly schema?: string;
}

export interface OwnedShopMapOptions extends CommonOptions {
  readonly connectionString: string;
  readonly pool?: undefined;
  /** Default 4: the map is read once per shop per cacheMs, not per event. */
  readonly maxConnections?: number;
  /** Default 10,000 ms. */
  readonly connectionTimeoutMs?: number;
}

/** The caller's pool, never ended by the map. */
export interface SharedShopMapOptions extends CommonOptions {
  readonly pool: Pool;
  readonly connectionString?: undefined;
}

export type PostgresShopMapOptions = OwnedShopMapOptions | SharedShopMapOptions;

export interface PostgresShopMap extends ShopMap {
  readonly kind: 'postgres';
  readonly schema: string;
  /** Makes the table if this instance has not yet; call it at startup to find a wrong URL early. */
  readonly ready: () => Promise<E.Either<ShopMapError, void>>;
}

const checkOptions = (options: PostgresShopMapOptions): E.Either<ValidationError, string> => {
  const issues: ValidationIssue[] = [];
  const { schema, hasPool } = checkSchemaAndConnection(options, issues);
  if (!hasPool) {
    const owned = options as OwnedShopMapOptions;
    for (const [path, value] of [['maxConnections', owned.maxConnections], ['connectionTimeoutMs', owned.connectionTimeoutMs]] as const) {
      if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) issues.push({ path, reason: `must be an integer > 0, got ${String(value)}` });
    }
  }
  return issues.length > 0 ? E.left(validationError('postgres shop map options', issues)) : E.right(schema);
};

interface Row {
  readonly shop_id: string;
  readonly server: string;
  readonly state: string;
  readonly moving_to: string | null;
}

const toEntry = (row: Row): ShopEntry => ({
  shopId: row.shop_id,
  server: row.server,
  state: row.state === 'moving' ? 'moving' : 'active',
  movingTo: row.moving_to ?? undefined,
});

const COLUMNS = 'shop_id, server, state, moving_to';

export const createPostgresShopMap = (options: PostgresShopMapOptions): PostgresShopMap => {
  const checked = checkOptions(options);
  const schema = E.isRight(checked) ? checked.right : String(options.schema);
  const table = `"${schema}".shop_map`;
  const ownsPool = options.pool === undefined;
  let pool: Pool | undefined;
  if (E.isRight(checked)) {
    if (options.pool !== undefined) pool = options.pool;
    else {
      const owned = options as OwnedShopMapOptions;
      pool = new pg.Pool({
        connectionString: owned.connectionString,
        max: owned.maxConnections ?? 4,
        connectionTimeoutMillis: owned.connectionTimeoutMs ?? 10_000,
        idleTimeoutMillis: 10_000,
        application_name: `kefu-shop-map-${schema}`,
      });
      // An idle connection dropped by a restart must not end the process.
      pool.on('error', () => undefined);
    }
  }
  let closed = false;
  let made: Promise<E.Either<StoreFailure, void>> | undefined;

  const makeTable = (p: Pool): Promise<E.Either<StoreFailure, void>> => {
    // Memoised on success only: after a failure (server down) the next call tries again.
    made ??= (async () => {
      const client = await p.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kefu-shop-map:${schema}`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${table} (
             shop_id text PRIMARY KEY,
             server text NOT NULL,
             state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'moving')),
             moving_to text,
             assigned_at timestamptz NOT NULL DEFAULT now())`,
        );
        await client.query('COMMIT');
        client.release();
        return E.right(undefined);
      } catch (error) {
        client.release(true);
        throw error;
      }
    })().catch((error: unknown) => {
      made = undefined;
      return E.left(storeFailure('shop map setup', error));
    });
    return made;
  };

  const run = async (operation: string, text: string, values: unknown[]): Promise<E.Either<ShopMapError, readonly Row[]>> => {
    if (closed) return E.left(storeFailure(operation, 'the shop map is closed'));
    if (E.isLeft(checked)) return checked;
    const p = pool as Pool;
    try {
      const ready = await makeTable(p);
      if (E.isLeft(ready)) return E.left(storeFailure(operation, ready.left.message));
      return E.right((await p.query<Row>(text, values)).rows);
    } catch (error) {
      return E.left(storeFailure(operation, error));
    }
  };

  const one = async (operation: string, text: string, values: unknown[]): Promise<E.Either<ShopMapError, ShopEntry | undefined>> => {
    const rows = await run(operation, text, values);
    return E.isLeft(rows) ? rows : E.right(rows.right[0] === undefined ? undefined : toEntry(rows.right[0]));
  };

  const lookup = async (shopId: string): Promise<E.Either<ShopMapError, ShopEntry | undefined>> => {
    const ok = checkShopId('lookup', shopId);
    if (E.isLeft(ok)) return ok;
    return one('lookup', `SELECT ${COLUMNS} FROM ${table} WHERE shop_id = $1`, [shopId]);
  };

  /** A step whose WHERE clause is its precondition; no row changed: say what the entry is instead. */
  const step = async (operation: string, shopId: string, text: string, values: unknown[], why: string): Promise<E.Either<ShopMapError, ShopEntry>> => {
    const changed = await one(operation, text, values);
    if (E.isLeft(changed)) return changed;
    if (changed.right !== undefined) return E.right(changed.right);
    const current = await lookup(shopId);
    return E.left(storeFailure(operation, `shop ${shopId}: ${why}, but ${E.isRight(current) ? describeEntry(current.right) : 'its entry could not be read'}`));
  };

  return {
    kind: 'postgres',
    schema,
    ready: async () => {
      const rows = await run('ready', 'SELECT 1', []);
      return E.isLeft(rows) ? rows : E.right(undefined);
    },
    lookup,
    has: async (shopId) => {
      const entry = await lookup(shopId);
      return E.isLeft(entry) ? entry : E.right(entry.right !== undefined);
    },
    lookupMany: async (shopIds) => {
      if (!Array.isArray(shopIds) || shopIds.some((s) => typeof s !== 'string')) {
        return E.left(validationError('lookupMany', [{ path: 'shopIds', reason: 'must be an array of strings' }]));
      }
      if (shopIds.length === 0) return E.right([]);
      const rows = await run('lookupMany', `SELECT ${COLUMNS} FROM ${table} WHERE shop_id = ANY($1::text[])`, [shopIds]);
      return E.isLeft(rows) ? rows : E.right(rows.right.map(toEntry));
    },
    claim: async (shopId, server) => {
      const ok = checkShopAndServer('claim', shopId, ['server', server]);
      if (E.isLeft(ok)) return ok;
      // Two statements: the read after the insert has a snapshot of its own, so it sees a row another process committed meanwhile.
      const inserted = await run('claim', `INSERT INTO ${table} (shop_id, server) VALUES ($1, $2) ON CONFLICT (shop_id) DO NOTHING`, [shopId, server]);
      if (E.isLeft(inserted)) return inserted;
      const entry = await lookup(shopId);
      if (E.isLeft(entry)) return entry;
      return entry.right === undefined ? E.left(storeFailure('claim', `shop ${shopId}: its entry vanished right after it was recorded`)) : E.right(entry.right);
    },
    assign: async (shopId, server) => {
      const ok = checkShopAndServer('assign', shopId, ['server', server]);
      if (E.isLeft(ok)) return ok;
      return step(
        'assign',
        shopId,
        `INSERT INTO ${table} AS m (shop_id, server) VALUES ($1, $2)
         ON CONFLICT (shop_id) DO UPDATE SET server = EXCLUDED.server, state = 'active', moving_to = NULL, assigned_at = now()
         WHERE m.state = 'active'
         RETURNING ${COLUMNS}`,
        [shopId, server],
        'assign it once the move is over',
      );
    },
    beginMove: async (shopId, from, to) => {
      const ok = checkShopAndServer('beginMove', shopId, ['from', from], ['to', to]);
      if (E.isLeft(ok)) return ok;
      return step(
        'beginMove',
        shopId,
        `UPDATE ${table} SET state = 'moving', moving_to = $3 WHERE shop_id = $1 AND server = $2 AND state = 'active' RETURNING ${COLUMNS}`,
        [shopId, from, to],
        `a move needs it active on ${from}`,
      );
    },
    finishMove: async (shopId, from, to) => {
      const ok = checkShopAndServer('finishMove', shopId, ['from', from], ['to', to]);
      if (E.isLeft(ok)) return ok;
      return step(
        'finishMove',
        shopId,
        `UPDATE ${table} SET server = $3, state = 'active', moving_to = NULL, assigned_at = now()
         WHERE shop_id = $1 AND server = $2 AND state = 'moving' AND moving_to = $3 RETURNING ${COLUMNS}`,
        [shopId, from, to],
        `finishing needs it moving from ${from} to ${to}`,
      );
    },
    cancelMove: async (shopId, from) => {
      const ok = checkShopAndServer('cancelMove', shopId, ['from', from]);
      if (E.isLeft(ok)) return ok;
      return step(
        'cancelMove',
        shopId,
        `UPDATE ${table} SET state = 'active', moving_to = NULL WHERE shop_id = $1 AND server = $2 AND state = 'moving' RETURNING ${COLUMNS}`,
        [shopId, from],
        `cancelling needs it moving from ${from}`,
      );
    },
    entries: async () => {
      const rows = await run('entries', `SELECT ${COLUMNS} FROM ${table} ORDER BY shop_id COLLATE "C"`, []);
      return E.isLeft(rows) ? rows : E.right(rows.right.map(toEntry));
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await made;
      if (ownsPool && pool !== undefined) await pool.end().catch(() => undefined);
    },
  };
};
