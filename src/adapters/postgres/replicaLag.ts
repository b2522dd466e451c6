/**
 * How far a standby is behind, in events and in seconds, and the SQL that tells.
 *
 * The readable head is the last position a reader can see: the largest position
 * whose transaction is older than every transaction still running, the filter every
 * global read uses (statements.ts). Positions follow transaction ids
 * (appendFunction.ts), so a backward scan of the primary key stops at the first row
 * past the filter: it skips only the rows of transactions that committed while an
 * older one is still open, a handful, whatever the size of the log.
 *
 * On a standby, "running" means running as far as the replayed WAL tells: an id
 * the standby has seen used, or any id below one it has seen, stays running until
 * its commit or abort record is replayed (or a running-transactions record says it
 * is over). That is why the filter keeps its promise there: a transaction that took
 * a lower position and is still open on the primary has a lower id, and is still
 * running on the standby when a higher one's commit is replayed.
 */
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure, type StoreFailure } from '../../domain/errors.js';
import { bigintToNumber } from './rows.js';
import type { Statement } from './statements.js';

const readable = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

export interface ReplicaLag {
  /** Events the primary's readers can see beyond the replica's readable head. */
  readonly events: number;
  /**
   * 0 when the replica is level (nothing left to replay, no event it cannot show yet);
   * otherwise how old what it shows is: the standby's clock now minus the commit time
   * (the primary's clock) of the last transaction it replayed.
   */
  readonly seconds: number;
  /** The replica's readable head (0 for an empty log). */
  readonly position: number;
  /** The primary's readable head. */
  readonly primaryPosition: number;
}

export const replicaStatementsFor = (schema: string) => {
  const s = `"${schema}"`;
  const named = (name: string, text: string): Statement => ({ name: `kefu.${schema}.replica.${name}`, text });
  const head = `(SELECT position FROM ${s}.events WHERE ${readable} ORDER BY position DESC LIMIT 1)::text`;
  return {
    /** The standby's readable head. */
    head: named('head', `SELECT ${head} AS head`),
    /**
     * The standby's head and replay state in one snapshot. Outside recovery (a promoted
     * standby, or a primary given as the replica) the WAL functions answer NULL.
     */
    standbyLag: named(
      'standbyLag',
      `SELECT ${head} AS head,
              pg_is_in_recovery() AS in_recovery,
              coalesce(pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn(), false) AS unreplayed,
              extract(epoch FROM now() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time()))::text AS age`,
    ),
    /** On the primary: its head, and how many readable events lie after the standby's head ($1). */
    primaryLag: named(
      'primaryLag',
      `SELECT ${head} AS head,
              (SELECT count(*) FROM ${s}.events WHERE position > $1 AND ${readable})::text AS behind`,
    ),
    /** What the standby must have replayed before it is read: the tables and their migrations. */
    schemaCheck: named(
      'schemaCheck',
      `SELECT to_regclass('${s}.events') IS NOT NULL AS has_events,
              to_regclass('${s}.migrations') IS NOT NULL AS has_migrations`,
    ),
    migrated: named('migrated', `SELECT coalesce(max(version), 0)::text AS version FROM ${s}.migrations`),
  };
};

export type ReplicaStatements = ReturnType<typeof replicaStatementsFor>;

export interface HeadRow {
  readonly head: string | null;
}

export interface StandbyLagRow extends HeadRow {
  readonly in_recovery: string;
  readonly unreplayed: string;
  readonly age: string | null;
}

export interface PrimaryLagRow extends HeadRow {
  readonly behind: string;
}

/** A head column as a position: NULL (no readable event) is 0. */
export const parseHead = (operation: string, row: HeadRow | undefined): E.Either<StoreFailure, number> => {
  const text = row?.head ?? '0';
  const position = bigintToNumber(text);
  return Number.isNaN(position) ? E.left(storeFailure(operation, `position ${text} is beyond 2^53`)) : E.right(position);
};

/** Rows come as the server's text (rows.ts rawText): booleans are 't' or 'f'. */
export const lagOf = (standby: StandbyLagRow, position: number, primary: PrimaryLagRow): E.Either<StoreFailure, ReplicaLag> => {
  const primaryPosition = parseHead('lag', primary);
  if (E.isLeft(primaryPosition)) return primaryPosition;
  const events = bigintToNumber(primary.behind);
  if (Number.isNaN(events)) return E.left(storeFailure('lag', `the primary answered ${primary.behind} events behind`));
  const behind = standby.in_recovery === 't' && (standby.unreplayed === 't' || events > 0);
  const age = Number(standby.age ?? '0');
  // Rounded to the millisecond; never negative, even with the two clocks a little apart.
  const seconds = behind && Number.isFinite(age) ? Math.max(0, Math.round(age * 1000) / 1000) : 0;
  return E.right({ events, seconds, position, primaryPosition: primaryPosition.right });
};
