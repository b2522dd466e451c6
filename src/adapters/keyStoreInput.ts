/**
 * What every key store checks before it touches its table, so all of them refuse
 * the same input with the same ValidationError naming the field (a blank subject,
 * a time that is not epoch milliseconds, a page size out of range).
 */
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import type { ValidationError } from '../domain/errors.js';
import { shopIdCodec } from '../domain/ids.js';
import { decodeWith, intInRange, nonEmptyString, struct, timestamp } from '../domain/validation.js';
import { MAX_KEY_PAGE, MAX_SUBJECT_CHARS, type KeyCursor, type KeyRef, type ListKeysOptions, type SubjectRef } from './keyStore.js';

const subject = nonEmptyString(MAX_SUBJECT_CHARS);
const generation = intInRange(1, Number.MAX_SAFE_INTEGER);

const subjectRefCodec = struct('SubjectRef', { shopId: shopIdCodec, subject });
const keyRefCodec = struct('KeyRef', { shopId: shopIdCodec, subject, generation });
const cursorCodec = struct('KeyCursor', { lastWriteAt: timestamp, subject, generation });
const listCodec = struct('ListKeysOptions', {}, { lastWriteBefore: timestamp, after: cursorCodec, limit: intInRange(1, MAX_KEY_PAGE) });

/** The fields a reference is made of, picked out: a ContentKey or a KeyInfo passed as a reference carries more. */
const pick = (value: unknown, fields: readonly string[]): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = (value as Record<string, unknown>)[field];
  return out;
};

export const checkSubjectRef = (operation: string, ref: unknown): E.Either<ValidationError, SubjectRef> =>
  decodeWith(subjectRefCodec, operation)(pick(ref, ['shopId', 'subject']));

export const checkKeyRef = (operation: string, ref: unknown): E.Either<ValidationError, KeyRef> =>
  decodeWith(keyRefCodec, operation)(pick(ref, ['shopId', 'subject', 'generation']));

export const checkKeyRefs = (operation: string, refs: unknown): E.Either<ValidationError, readonly KeyRef[]> =>
  decodeWith(t.readonlyArray(keyRefCodec), operation)(Array.isArray(refs) ? refs.map((ref) => pick(ref, ['shopId', 'subject', 'generation'])) : refs);

export const checkTime = (operation: string, field: string, at: unknown): E.Either<ValidationError, number> =>
  E.map((r: Record<string, number>) => r[field] as number)(decodeWith(struct('Time', { [field]: timestamp }), operation)({ [field]: at }));

export const checkShopId = (operation: string, shopId: unknown): E.Either<ValidationError, string> =>
  E.map((r: { shopId: string }) => r.shopId)(decodeWith(struct('Shop', { shopId: shopIdCodec }), operation)({ shopId }));

export const checkListOptions = (operation: string, options: unknown): E.Either<ValidationError, ListKeysOptions & { readonly after?: KeyCursor }> => {
  const given = (options ?? {}) as { readonly after?: unknown };
  const picked = typeof given === 'object' && given.after !== undefined ? { ...given, after: pick(given.after, ['lastWriteAt', 'subject', 'generation']) } : given;
  return decodeWith(listCodec, operation)(picked);
};

/** destroy's arguments, checked in order (the key, then lastWriteBefore, then at): the first bad one is reported. */
export const checkDestroy = (key: unknown, lastWriteBefore: unknown, at: unknown): E.Either<ValidationError, KeyRef & { readonly lastWriteBefore: number; readonly at: number }> => {
  const ref = checkKeyRef('destroy', key);
  if (E.isLeft(ref)) return ref;
  const before = checkTime('destroy', 'lastWriteBefore', lastWriteBefore);
  if (E.isLeft(before)) return before;
  const time = checkTime('destroy', 'at', at);
  if (E.isLeft(time)) return time;
  return E.right({ ...ref.right, lastWriteBefore: before.right, at: time.right });
};
