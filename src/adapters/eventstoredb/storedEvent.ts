/**
 * An event as the client hands it back, reduced to what kefu reads, and its
 * payloads turned back into JSON values with every failure named.
 *
 * The client parses JSON events itself and, when the bytes are not JSON, hands
 * back the raw text as a string instead of failing; an unparsable metadata comes
 * back as bytes. So: bytes mean "not JSON", and a string where the writer never
 * stores one means "not JSON" too. kefu stores event data that is a top-level
 * string with a `dataIsString` mark in the metadata, which tells the two apart.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ValidationIssue } from '../../domain/errors.js';
import type { Position } from './client.js';

/** The fields of the client's RecordedEvent that kefu uses (the client's type is assignable to it). */
export interface StoredEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: Position | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const parseBytes = (bytes: Uint8Array, path: string): E.Either<ValidationIssue, unknown> => {
  try {
    return E.right(JSON.parse(utf8.decode(bytes)) as unknown);
  } catch (error) {
    return E.left({ path, reason: `is not JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
};

/**
 * The event's data as a JSON value. `stringMarked` says whether the writer
 * declared the data to be a string (see the module comment).
 */
export const storedData = (stored: StoredEvent, stringMarked: boolean): E.Either<ValidationIssue, unknown> => {
  if (stored.data instanceof Uint8Array) {
    // A binary event: kefu never writes one, but JSON bytes under another content type are still JSON.
    return parseBytes(stored.data, 'data');
  }
  if (!stored.isJson) return E.left({ path: 'data', reason: 'is neither JSON nor bytes' });
  if (typeof stored.data === 'string' && !stringMarked) {
    return E.left({
      path: 'data',
      reason: 'is a string kefu did not mark as one: text that is not JSON (the client hands such text back as it is), or written by another tool',
    });
  }
  return E.right(stored.data);
};

/** The event's metadata as a JSON object. */
export const storedMetadata = (stored: StoredEvent): E.Either<ValidationIssue, Readonly<Record<string, unknown>>> => {
  const { metadata } = stored;
  if (metadata === undefined || metadata === null) return E.left({ path: 'metadata', reason: 'is missing' });
  const parsed = metadata instanceof Uint8Array ? parseBytes(metadata, 'metadata') : E.right<ValidationIssue, unknown>(metadata);
  if (E.isLeft(parsed)) return parsed;
  const value = parsed.right;
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? E.right(value as Readonly<Record<string, unknown>>)
    : E.left({ path: 'metadata', reason: 'must be a JSON object' });
};
