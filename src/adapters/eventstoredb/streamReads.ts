/**
 * Reading single streams. A stream that does not exist is empty for kefu, not
 * an error: the client reports it by throwing StreamNotFoundError while the read
 * is iterated, which is caught here and nowhere else.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StoreFailure } from '../../domain/errors.js';
import { BACKWARDS, END, FORWARDS, type EsdbClient } from './client.js';
import { clientFailure, isStreamNotFound } from './clientErrors.js';
import type { StoredEvent } from './storedEvent.js';

/** Every event of `esdbStream` from `fromRevision`, at most `maxCount`; [] when the stream does not exist. */
export const readStreamRange = async (
  client: EsdbClient,
  operation: string,
  esdbStream: string,
  fromRevision: bigint,
  maxCount: number | undefined,
): Promise<E.Either<StoreFailure, StoredEvent[]>> => {
  const out: StoredEvent[] = [];
  try {
    const read = client.readStream(esdbStream, {
      fromRevision,
      direction: FORWARDS,
      resolveLinkTos: false,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    for await (const resolved of read) if (resolved.event !== undefined) out.push(resolved.event);
    return E.right(out);
  } catch (error) {
    return isStreamNotFound(error) ? E.right([]) : E.left(clientFailure(operation, error));
  }
};

/** The last event of `esdbStream`, or undefined when the stream does not exist or is empty. */
export const readLastEvent = async (
  client: EsdbClient,
  operation: string,
  esdbStream: string,
): Promise<E.Either<StoreFailure, StoredEvent | undefined>> => {
  try {
    let last: StoredEvent | undefined;
    for await (const resolved of client.readStream(esdbStream, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
      last ??= resolved.event;
    }
    return E.right(last);
  } catch (error) {
    return isStreamNotFound(error) ? E.right(undefined) : E.left(clientFailure(operation, error));
  }
};
