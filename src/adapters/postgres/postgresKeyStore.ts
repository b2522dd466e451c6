/**
 * S16: the PostgreSQL key store: one table, `<schema>.content_keys`, in the event
 * store's database or (recommended) another one, backed up on a shorter rotation.
 * A row per key; destroying sets its bytes to NULL and keeps a tombstone. A partial
 * unique index allows one live key per subject.
 *
 * `keyForWrite` is one read when the key's recorded last write already covers the
 * write (the common case: the protected store skips most calls altogether), else
 * one statement that moves the last write or creates the next generation. Two
 * creators racing for a subject's first key: one insert wins, the other's
 * `ON CONFLICT DO NOTHING` returns no row and it reads the winner's key.
 *
 * An UPDATE leaves the old row version (with the key's bytes) in the table until
 * VACUUM removes it, and in the write-ahead log and its archives: `compact` (the
 * sweep calls it after destroying) runs VACUUM on the table; the WAL archives,
 * replicas and backups are the operator's to rotate (README, "Retention").
 */
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Pool } from 'pg';
import { storeFailure, validationError, type StoreFailure, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import { checkDestroy, checkKeyRefs, checkListOptions, checkShopId, checkSubjectRef, checkTime } from '../keyStoreInput.js';
import { DEFAULT_KEY_PAGE, KEY_BYTES, keyId, type ContentKey, type KeyInfo, type KeyStore } from '../keyStore.js';
import { checkOut } from './checkout.js';
import type { HostList } from './hostList.js';
import { MIGRATION_LOCK_CLASS, schemaLockKey } from './lockKeys.js';
import { checkOwnedConnection } from './options.js';
import { ownedConnections } from './ownedPool.js';

export type PostgresKeyStoreOptions =
  | { readonly connectionString: string; readonly pool?: undefined; readonly schema?: string; readonly maxConnections?: number }
  | { readonly pool: Pool; readonly connectionString?: undefined; readonly schema?: string };

export interface PostgresKeyStore extends KeyStore {
  readonly kind: 'postgres';
  readonly schema: string;
}


const migrations = (schema: string): readonly string[] => [
  `CREATE TABLE "${schema}".content_keys (
     shop_id       text COLLATE "C" NOT NULL,
     subject       text COLLATE "C" NOT NULL,
     generation    bigint NOT NULL,
     material      bytea,
     created_at    bigint NOT NULL,
     last_write_at bigint NOT NULL,
     destroyed_at  bigint,
     PRIMARY KEY (shop_id, subject, generation)
   );
   CREATE UNIQUE INDEX content_keys_one_live ON "${schema}".content_keys (shop_id, subject) WHERE material IS NOT NULL;
   CREATE INDEX content_keys_by_last_write ON "${schema}".content_keys (shop_id, last_write_at, subject, generation) WHERE material IS NOT NULL;`,
];

interface KeyRow {
  readonly generation: string;
  readonly material: Buffer;
  readonly created_at: string;
  readonly last_write_at: string;
}

const keyColumns = 'generation, material, created_at, last_write_at';

interface CheckedKeyStoreOptions {
  readonly schema: string;
  /** Several hosts: the pool follows the primary, as the event store's does (ownedPool.ts). */
  readonly hosts: HostList | undefined;
}

const checkOptions = (options: PostgresKeyStoreOptions): E.Either<ValidationError, CheckedKeyStoreOptions> => {
  const issues: ValidationIssue[] = [];
  const { schema, hosts } = checkOwnedConnection(options, issues);
  return issues.length > 0 ? E.left(validationError('postgres key store options', issues)) : E.right({ schema, hosts });
};

/** A bad option makes every method answer with the ValidationError naming it (as the event store does). */
export const createPostgresKeyStore = (options: PostgresKeyStoreOptions): PostgresKeyStore => {
  const checked = checkOptions(options);
  const schema = E.isRight(checked) ? checked.right.schema : String(options.schema);
  const ownsPool = options.pool === undefined;
  const ownPool = (connectionString: string, hosts: HostList | undefined): Pool =>
    ownedConnections({ connectionString, maxConnections: (options as { maxConnections?: number }).maxConnections ?? 4, applicationName: `kefu-keys-${schema}` }, schema, hosts).pool;
  const pool: Pool | undefined = E.isLeft(checked) ? undefined : (options.pool ?? ownPool(options.connectionString as string, checked.right.hosts));
  if (ownsPool) pool?.on('error', () => undefined);
  const table = `"${schema}".content_keys`;
  let closed = false;
  let migrated: Promise<E.Either<StoreFailure, void>> | undefined;

  const migrate = async (p: Pool): Promise<void> => {
    const { client, release } = await checkOut(p);
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [MIGRATION_LOCK_CLASS, schemaLockKey(`${schema}.content_keys`)]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(`CREATE TABLE IF NOT EXISTS "${schema}".key_store_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const done = await client.query<{ version: number }>(`SELECT version FROM "${schema}".key_store_migrations`);
      const applied = new Set(done.rows.map((r) => r.version));
      const all = migrations(schema);
      for (let v = 1; v <= all.length; v++) {
        if (applied.has(v)) continue;
        await client.query(all[v - 1] as string);
        await client.query(`INSERT INTO "${schema}".key_store_migrations (version) VALUES ($1)`, [v]);
      }
      await client.query('COMMIT');
      release();
    } catch (error) {
      release(true);
      throw error;
    }
  };

  const open = async (operation: string): Promise<E.Either<StoreFailure | ValidationError, Pool>> => {
    if (closed) return E.left(storeFailure(operation, 'the key store is closed'));
    if (E.isLeft(checked)) return checked;
    const p = pool as Pool;
    // Memoised on success only: after a failure (server down) the next call tries again.
    migrated ??= migrate(p).then(
      () => E.right(undefined),
      (error: unknown) => {
        migrated = undefined;
        return E.left(storeFailure('migrate', error));
      },
    );
    const ready = await migrated;
    return E.isLeft(ready) ? E.left(storeFailure(operation, ready.left.message)) : E.right(p);
  };

  const run = async <A>(operation: string, body: (p: Pool) => Promise<A>): Promise<E.Either<StoreFailure | ValidationError, A>> => {
    const opened = await open(operation);
    if (E.isLeft(opened)) return opened;
    try {
      return E.right(await body(opened.right));
    } catch (error) {
      return E.left(storeFailure(operation, error));
    }
  };

  const keyOf = (shopId: string, subject: string, row: KeyRow): ContentKey => ({
    shopId,
    subject,
    generation: Number(row.generation),
    createdAt: Number(row.created_at),
    lastWriteAt: Number(row.last_write_at),
    material: new Uint8Array(row.material),
  });

  // The live key's last write moved, or (when there is none) the next generation created: one statement.
  const writeStatement = `
    WITH touched AS (
      UPDATE ${table} SET last_write_at = GREATEST(last_write_at, $3)
      WHERE shop_id = $1 AND subject = $2 AND material IS NOT NULL
      RETURNING ${keyColumns}
    ), inserted AS (
      INSERT INTO ${table} (shop_id, subject, generation, material, created_at, last_write_at)
      SELECT $1, $2, n.generation, $4, $3, $3
      FROM (SELECT coalesce(max(generation), 0) + 1 AS generation FROM ${table} WHERE shop_id = $1 AND subject = $2) n
      WHERE NOT EXISTS (SELECT 1 FROM touched)
      ON CONFLICT DO NOTHING
      RETURNING ${keyColumns}
    )
    SELECT * FROM touched UNION ALL SELECT * FROM inserted`;

  return {
    kind: 'postgres',
    schema,
    keyForWrite: async (ref, at) => {
      const subjectRef = checkSubjectRef('keyForWrite', ref);
      if (E.isLeft(subjectRef)) return subjectRef;
      const time = checkTime('keyForWrite', 'at', at);
      if (E.isLeft(time)) return time;
      const { shopId, subject } = subjectRef.right;
      return run('keyForWrite', async (p) => {
        const live = await p.query<KeyRow>(`SELECT ${keyColumns} FROM ${table} WHERE shop_id = $1 AND subject = $2 AND material IS NOT NULL`, [shopId, subject]);
        const row = live.rows[0];
        if (row !== undefined && Number(row.last_write_at) >= time.right) return keyOf(shopId, subject, row);
        // A lost race for the first key answers no row: the winner's key is there on the next try.
        for (let attempt = 0; attempt < 5; attempt++) {
          const written = await p.query<KeyRow>(writeStatement, [shopId, subject, time.right, randomBytes(KEY_BYTES)]);
          if (written.rows[0] !== undefined) return keyOf(shopId, subject, written.rows[0]);
        }
        throw new Error(`no live key for ${subject} after 5 attempts`);
      });
    },
    keysForRead: async (refs) => {
      const checkedRefs = checkKeyRefs('keysForRead', refs);
      if (E.isLeft(checkedRefs)) return checkedRefs;
      const out = new Map<string, Uint8Array | undefined>();
      for (const ref of checkedRefs.right) out.set(keyId(ref), undefined);
      if (checkedRefs.right.length === 0) return E.right(out);
      return run('keysForRead', async (p) => {
        const found = await p.query<{ shop_id: string; subject: string; generation: string; material: Buffer | null }>(
          `SELECT k.shop_id, k.subject, k.generation, k.material FROM ${table} k
           JOIN unnest($1::text[], $2::text[], $3::bigint[]) AS r(shop_id, subject, generation)
             ON k.shop_id = r.shop_id AND k.subject = r.subject AND k.generation = r.generation`,
          [checkedRefs.right.map((r) => r.shopId), checkedRefs.right.map((r) => r.subject), checkedRefs.right.map((r) => r.generation)],
        );
        for (const row of found.rows) {
          out.set(keyId({ shopId: row.shop_id, subject: row.subject, generation: Number(row.generation) }), row.material === null ? undefined : new Uint8Array(row.material));
        }
        return out as ReadonlyMap<string, Uint8Array | undefined>;
      });
    },
    shops: async () =>
      run('shops', async (p) => (await p.query<{ shop_id: string }>(`SELECT DISTINCT shop_id FROM ${table} WHERE material IS NOT NULL ORDER BY shop_id`)).rows.map((r) => r.shop_id)),
    listKeys: async (shopId, options) => {
      const shop = checkShopId('listKeys', shopId);
      if (E.isLeft(shop)) return shop;
      const listOptions = checkListOptions('listKeys', options);
      if (E.isLeft(listOptions)) return listOptions;
      const { lastWriteBefore = Number.MAX_SAFE_INTEGER, after, limit = DEFAULT_KEY_PAGE } = listOptions.right;
      return run('listKeys', async (p) => {
        const columns = 'subject, generation, created_at, last_write_at';
        const rows =
          after === undefined
            ? await p.query<{ subject: string; generation: string; created_at: string; last_write_at: string }>(
                `SELECT ${columns} FROM ${table} WHERE shop_id = $1 AND material IS NOT NULL AND last_write_at < $2 ORDER BY last_write_at, subject, generation LIMIT $3`,
                [shop.right, lastWriteBefore, limit],
              )
            : await p.query<{ subject: string; generation: string; created_at: string; last_write_at: string }>(
                `SELECT ${columns} FROM ${table} WHERE shop_id = $1 AND material IS NOT NULL AND last_write_at < $2
                   AND (last_write_at, subject, generation) > ($3, $4, $5) ORDER BY last_write_at, subject, generation LIMIT $6`,
                [shop.right, lastWriteBefore, after.lastWriteAt, after.subject, after.generation, limit],
              );
        return rows.rows.map((r): KeyInfo => ({ shopId: shop.right, subject: r.subject, generation: Number(r.generation), createdAt: Number(r.created_at), lastWriteAt: Number(r.last_write_at) }));
      });
    },
    destroy: async (key, lastWriteBefore, at) => {
      const checked = checkDestroy(key, lastWriteBefore, at);
      if (E.isLeft(checked)) return checked;
      const { shopId, subject, generation, lastWriteBefore: before, at: time } = checked.right;
      return run('destroy', async (p) => {
        const done = await p.query(
          `UPDATE ${table} SET material = NULL, destroyed_at = $5
           WHERE shop_id = $1 AND subject = $2 AND generation = $3 AND material IS NOT NULL AND last_write_at < $4`,
          [shopId, subject, generation, before, time],
        );
        return done.rowCount === 1;
      });
    },
    compact: async () =>
      run('compact', async (p) => {
        await p.query(`VACUUM ${table}`);
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await migrated?.catch(() => undefined);
      if (ownsPool) await pool?.end().catch(() => undefined);
    },
  };
};
