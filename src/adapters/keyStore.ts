/**
 * S16: the key store port. A protected event store (runtime/contentProtection)
 * seals the personal fields of an event with the data key of their subject (a
 * session), kept here; the retention sweep destroys the keys whose subject was
 * last written before the shop's window, and what they sealed can no longer be
 * read anywhere the ciphertext went (the log, its copies, its backups).
 *
 * A subject has at most one live key at a time; after its key is destroyed, a new
 * write creates the next generation (what was sealed before stays unreadable).
 * A destroyed key leaves a tombstone row: its metadata, never its bytes.
 *
 * Conventions shared by every key store (in-memory, SQLite, PostgreSQL), checked by
 * test/conformance/keyStore.conformance.ts:
 * - `keyForWrite` is one atomic step: it returns the live key (creating it when
 *   there is none) with its last write moved to at least `at`, so a sweep either
 *   sees the new last write or destroys the key first (and the write then gets a
 *   new generation); it never destroys a key a write was just given for a time
 *   inside the window;
 * - `destroy` is conditional on the last write still being before the cut-off, and
 *   idempotent;
 * - failures are values (`Either`), never thrown.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { StoreFailure, ValidationError } from '../domain/errors.js';

/** Whose key: a subject within a shop. */
export interface SubjectRef {
  readonly shopId: string;
  /** `session:<sessionId>` for a session's contents; at most 300 characters. */
  readonly subject: string;
}

/** One key of a subject: its generation (1, 2, ...: a new one after each destruction). */
export interface KeyRef extends SubjectRef {
  readonly generation: number;
}

/** A live key's metadata. */
export interface KeyInfo extends KeyRef {
  readonly createdAt: number;
  /** The latest event time written with this key (epoch ms), as the writers reported it. */
  readonly lastWriteAt: number;
}

export interface ContentKey extends KeyInfo {
  /** 32 random bytes: an AES-256 key. */
  readonly material: Uint8Array;
}

/** Where to start the next page of `listKeys`: the last key of the previous page. */
export interface KeyCursor {
  readonly lastWriteAt: number;
  readonly subject: string;
  readonly generation: number;
}

export interface ListKeysOptions {
  /** Only the keys last written strictly before this time. */
  readonly lastWriteBefore?: number;
  /** Keys strictly after this one in the listing order (last write, subject, generation). */
  readonly after?: KeyCursor;
  /** At most this many (default 1000, at most 10,000). */
  readonly limit?: number;
}

export type KeyStoreError = StoreFailure | ValidationError;

export interface KeyStore {
  /** `memory`, `sqlite`, `postgres`. */
  readonly kind: string;
  /** The subject's live key, created when it has none, its last write moved to at least `at`. */
  readonly keyForWrite: (subject: SubjectRef, at: number) => Promise<Either<KeyStoreError, ContentKey>>;
  /**
   * The material of each key asked for, by `keyId(ref)`; a destroyed or unknown key
   * maps to undefined. Every ref asked for has an entry.
   */
  readonly keysForRead: (refs: readonly KeyRef[]) => Promise<Either<KeyStoreError, ReadonlyMap<string, Uint8Array | undefined>>>;
  /** The shops with at least one live key. */
  readonly shops: () => Promise<Either<KeyStoreError, readonly string[]>>;
  /** A shop's live keys in order of last write (then subject, generation), a page at a time. */
  readonly listKeys: (shopId: string, options?: ListKeysOptions) => Promise<Either<KeyStoreError, readonly KeyInfo[]>>;
  /**
   * Destroys the key's bytes if it is live and its last write is still before
   * `lastWriteBefore`; `at` is recorded on its tombstone. Right(true) when this call
   * destroyed it, Right(false) when it was already gone or written since.
   */
  readonly destroy: (key: KeyRef, lastWriteBefore: number, at: number) => Promise<Either<KeyStoreError, boolean>>;
  /**
   * After destroying: overwrites what the database itself may still hold of the
   * destroyed bytes (SQLite's write-ahead log, PostgreSQL's dead rows). What a
   * backup or a replica already holds is out of its reach.
   */
  readonly compact: () => Promise<Either<KeyStoreError, void>>;
  /** Releases what it opened; a connection passed in by the caller stays open. */
  readonly close: () => Promise<void>;
}

/** The map key `keysForRead` answers by. */
export const keyId = (ref: KeyRef): string => `${ref.shopId}\u0000${ref.subject}\u0000${ref.generation}`;

/**
 * How far behind its writes a key's recorded last write may be: a writer that holds
 * a key need not record a write less than this after the one it recorded (one
 * key-store write per subject per hour instead of one per message), and the sweep
 * adds it to every cut-off, so a key is never destroyed before its window has
 * passed, and at most this much after.
 */
export const LAST_WRITE_STEP_MS = 3_600_000;

export const KEY_BYTES = 32;
export const MAX_SUBJECT_CHARS = 300;
export const DEFAULT_KEY_PAGE = 1000;
export const MAX_KEY_PAGE = 10_000;
