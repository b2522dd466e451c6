/**
 * The read side both PostgreSQL stores share: the primary's store and the replica
 * store read the same tables with the same statements (the global reads with their
 * `pg_snapshot_xmin` filter, statements.ts) and decode the rows the same way. Each
 * store brings how it opens (migrations on a primary, a schema check on a standby)
 * and how it queries (the replica tries once more after a recovery conflict).
 */
import * as E from 'fp-ts/lib/Either.js';
import type { QueryResult, QueryResultRow } from 'pg';
import type { RecordedEvent } from '../../domain/envelope.js';
import { describeError, storeFailure, type StoreFailure, type ValidationError } from '../../domain/errors.js';
import type { ReadAllOptions, ReadError, ReadStreamOptions, Snapshot } from '../eventStore.js';
import { checkReadAllOptions, checkReadStreamOptions } from '../readOptions.js';
import { bigintToNumber, decodeEventRows, decodeSnapshotRow, type EventRow, type SnapshotRow } from './rows.js';
import type { Statement, Statements } from './statements.js';

export type OpenError = StoreFailure | ValidationError;

export const asStoreFailure = (operation: string, error: OpenError): StoreFailure =>
  error._tag === 'StoreFailure' ? error : storeFailure(operation, describeError(error));

export type LogQuery<Rt> = <R extends QueryResultRow>(rt: Rt, operation: string, statement: Statement, values: unknown[]) => Promise<E.Either<StoreFailure, QueryResult<R>>>;

export const logReads = <Rt extends { readonly statements: Statements }>(open: (operation: string) => Promise<E.Either<OpenError, Rt>>, query: LogQuery<Rt>) => {
  const readAll = async (options: ReadAllOptions = {}, operation = 'readAll'): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    const checked = checkReadAllOptions(options);
    if (E.isLeft(checked)) return checked;
    const opened = await open(operation);
    if (E.isLeft(opened)) return opened;
    const { after, shopId } = checked.right;
    const limit = checked.right.maxCount ?? null; // LIMIT NULL is LIMIT ALL
    const { statements } = opened.right;
    const result =
      shopId === undefined
        ? await query<EventRow>(opened.right, operation, statements.readAll, [after, limit])
        : await query<EventRow>(opened.right, operation, statements.readAllOfShop, [after, limit, shopId]);
    return E.isLeft(result) ? result : decodeEventRows(result.right.rows);
  };

  const readStream = async (stream: string, options: ReadStreamOptions = {}): Promise<E.Either<ReadError, readonly RecordedEvent[]>> => {
    const checked = checkReadStreamOptions(stream, options);
    if (E.isLeft(checked)) return checked;
    const opened = await open('readStream');
    if (E.isLeft(opened)) return opened;
    const { fromVersion } = checked.right;
    const limit = checked.right.maxCount ?? null;
    const result = await query<EventRow>(opened.right, 'readStream', opened.right.statements.readStream, [stream, fromVersion, limit]);
    return E.isLeft(result) ? result : decodeEventRows(result.right.rows);
  };

  const streamVersion = async (stream: string): Promise<E.Either<StoreFailure, number>> => {
    const opened = await open('streamVersion');
    if (E.isLeft(opened)) return E.left(asStoreFailure('streamVersion', opened.left));
    const result = await query<{ version: string }>(opened.right, 'streamVersion', opened.right.statements.streamVersion, [stream]);
    if (E.isLeft(result)) return result;
    const row = result.right.rows[0];
    if (row === undefined) return E.right(0);
    const version = bigintToNumber(row.version);
    return Number.isNaN(version) ? E.left(storeFailure('streamVersion', `version ${row.version} of ${stream} is beyond 2^53`)) : E.right(version);
  };

  const loadSnapshot = async (stream: string): Promise<E.Either<ReadError, Snapshot | undefined>> => {
    const opened = await open('loadSnapshot');
    if (E.isLeft(opened)) return opened;
    const result = await query<SnapshotRow>(opened.right, 'loadSnapshot', opened.right.statements.loadSnapshot, [stream]);
    if (E.isLeft(result)) return result;
    const row = result.right.rows[0];
    return row === undefined ? E.right(undefined) : decodeSnapshotRow(stream, row);
  };

  return { readAll, readStream, streamVersion, loadSnapshot };
};
