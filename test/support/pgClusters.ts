/**
 * PostgreSQL clusters of a test's (or a benchmark's) own: initdb in a temporary
 * folder, a loopback port nobody else uses, a standby made with pg_basebackup -R,
 * stopped (gently or `-m immediate`, the crash), promoted, removed. Never the shared
 * server at 5432, which other suites use.
 *
 * Run as root (as here), the server programs run as the `postgres` user (runuser);
 * run as anyone else, as that user. Where the programs are missing,
 * `clustersUnavailable()` says why, and the suites skip, saying so.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where Debian puts the server programs; KEFU_PG_BIN names another folder. */
export const PG_BIN = process.env['KEFU_PG_BIN'] ?? '/usr/lib/postgresql/15/bin';

const asRoot = process.getuid?.() === 0;

/** Why clusters of our own cannot be started here, or undefined when they can. */
export const clustersUnavailable = (): string | undefined => {
  for (const program of ['initdb', 'pg_ctl', 'pg_basebackup']) {
    if (!existsSync(join(PG_BIN, program))) return `${join(PG_BIN, program)} is missing (install PostgreSQL's server programs, or set KEFU_PG_BIN)`;
  }
  if (asRoot) {
    const user = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    if (user.status !== 0) return 'running as root, but there is no postgres user to run the server as';
  }
  return undefined;
};

const postgresIds = (): { uid: number; gid: number } => {
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
};

/** Runs a server program (as postgres when we are root); throws with its output when it fails. */
const run = (program: string, args: readonly string[], timeoutMs = 120_000): SpawnSyncReturns<string> => {
  const command = asRoot ? 'runuser' : join(PG_BIN, program);
  const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, program), ...args] : [...args];
  const result = spawnSync(command, argv, { encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${String(result.status ?? result.signal)}):\n${result.stdout}${result.stderr}`);
  return result;
};

/** A loopback port free at this moment (the kernel picks it). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

export interface ClusterOptions {
  /** fsync off makes a benchmark's cluster faster; a crash test keeps it on (default on). */
  readonly fsync?: boolean;
  /** Lines added to postgresql.conf. */
  readonly settings?: Readonly<Record<string, string | number>>;
}

export interface PgCluster {
  readonly name: string;
  readonly port: number;
  /** The folder holding the data directory and the log. */
  readonly base: string;
  readonly dataDir: string;
  /** A connection string to this cluster's `postgres` database (user postgres, trust). */
  readonly url: string;
  readonly host: string;
  /** `pg_ctl stop`: `fast` (a clean shutdown) or `immediate` (the crash: no checkpoint, connections cut). */
  readonly stop: (mode?: 'fast' | 'immediate') => void;
  readonly start: () => void;
  /** `pg_ctl promote -w`: a standby becomes a primary. */
  readonly promote: () => void;
  readonly running: () => boolean;
  /** Runs one statement on this cluster with a connection of its own. */
  readonly query: <R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: readonly unknown[]) => Promise<R[]>;
  /** The server's log so far (for a failing test's message). */
  readonly log: () => string;
  /** Stops it (immediate) if running and deletes its folder. */
  readonly remove: () => void;
}

const live = new Set<PgCluster>();

// A test that fails or is interrupted still leaves no server behind.
process.once('exit', () => {
  for (const cluster of live) cluster.remove();
});

const settingsText = (settings: Readonly<Record<string, string | number>>): string =>
  Object.entries(settings)
    .map(([key, value]) => `${key} = ${typeof value === 'number' ? String(value) : `'${value}'`}\n`)
    .join('');

const makeBase = (name: string): string => {
  const base = mkdtempSync(join(tmpdir(), `kefu-pg-${name}-`));
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(base, uid, gid);
  }
  return base;
};

const clusterAt = (name: string, base: string, port: number): PgCluster => {
  const dataDir = join(base, 'data');
  const logFile = join(base, 'server.log');
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const cluster: PgCluster = {
    name,
    port,
    base,
    dataDir,
    url,
    host: `127.0.0.1:${port}`,
    stop: (mode = 'fast') => {
      run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', 'stop']);
    },
    start: () => {
      run('pg_ctl', ['-D', dataDir, '-l', logFile, '-w', '-t', '60', 'start']);
    },
    promote: () => {
      run('pg_ctl', ['-D', dataDir, '-w', '-t', '60', 'promote']);
    },
    running: () => {
      const status = asRoot
        ? spawnSync('runuser', ['-u', 'postgres', '--', join(PG_BIN, 'pg_ctl'), '-D', dataDir, 'status'])
        : spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, 'status']);
      return status.status === 0;
    },
    query: async <R extends pg.QueryResultRow>(sql: string, params: readonly unknown[] = []) => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        return (await client.query<R>(sql, [...params])).rows;
      } finally {
        await client.end();
      }
    },
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    remove: () => {
      if (!live.has(cluster)) return;
      live.delete(cluster);
      if (cluster.running()) {
        try {
          cluster.stop('immediate');
        } catch {
          // Already gone: nothing to stop.
        }
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
  live.add(cluster);
  return cluster;
};

/** A new primary, running, ready for connections and for standbys (wal_level replica, senders, slots). */
export const startPrimary = async (name: string, options: ClusterOptions = {}): Promise<PgCluster> => {
  const base = makeBase(name);
  const port = await freePort();
  const cluster = clusterAt(name, base, port);
  run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '--no-instructions', '-E', 'UTF8', '--locale=C']);
  appendFileSync(
    join(cluster.dataDir, 'postgresql.conf'),
    settingsText({
      port,
      listen_addresses: '127.0.0.1',
      unix_socket_directories: base,
      wal_level: 'replica',
      max_wal_senders: 10,
      max_replication_slots: 10,
      hot_standby: 'on',
      hot_standby_feedback: 'on',
      wal_keep_size: '256MB',
      max_connections: 120,
      shared_buffers: '64MB',
      fsync: options.fsync === false ? 'off' : 'on',
      synchronous_commit: 'on',
      log_min_messages: 'warning',
      ...(options.settings ?? {}),
    }),
  );
  cluster.start();
  return cluster;
};

/**
 * A hot standby of `primary` made with pg_basebackup -R, streaming from it under
 * `application_name = name` (the name synchronous_standby_names refers to).
 */
export const startStandby = async (primary: PgCluster, name: string): Promise<PgCluster> => {
  const base = makeBase(name);
  const port = await freePort();
  const cluster = clusterAt(name, base, port);
  run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', cluster.dataDir, '-X', 'stream', '-R', '-c', 'fast']);
  appendFileSync(
    join(cluster.dataDir, 'postgresql.auto.conf'),
    settingsText({
      port,
      unix_socket_directories: base,
      primary_conninfo: `host=127.0.0.1 port=${primary.port} user=postgres application_name=${name}`,
    }),
  );
  cluster.start();
  return cluster;
};

/**
 * Makes `standbyName` the primary's synchronous standby (an acknowledged commit is
 * on both) and waits until the primary reports it as `sync`.
 */
export const requireSynchronousStandby = async (primary: PgCluster, standbyName: string, timeoutMs = 30_000): Promise<void> => {
  await primary.query(`ALTER SYSTEM SET synchronous_standby_names = '"${standbyName}"'`); // quoted: a name may hold '-'
  await primary.query("ALTER SYSTEM SET synchronous_commit = 'on'");
  await primary.query('SELECT pg_reload_conf()');
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await primary.query<{ sync_state: string }>('SELECT sync_state FROM pg_stat_replication WHERE application_name = $1', [standbyName]);
    if (rows[0]?.sync_state === 'sync') return;
    if (Date.now() > until) throw new Error(`standby ${standbyName} did not become synchronous within ${timeoutMs} ms:\n${primary.log()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Waits until the standby has replayed everything the primary has written so far. */
export const waitForReplay = async (primary: PgCluster, standby: PgCluster, timeoutMs = 30_000): Promise<void> => {
  const [{ lsn }] = (await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')) as [{ lsn: string }];
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await standby.query<{ caught: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS caught', [lsn]);
    if (row?.caught === true) return;
    if (Date.now() > until) throw new Error(`standby ${standby.name} did not replay ${lsn} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Removes every cluster this process started (an afterAll's safety net). */
export const removeAllClusters = (): void => {
  for (const cluster of [...live]) cluster.remove();
};
