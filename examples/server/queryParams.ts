/**
 * Query-string values as the routes need them, each failure an issue naming its
 * parameter (the same `{ path, reason }` kefu uses), so a bad query is a 400
 * that says which field is wrong.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ValidationIssue } from 'kefu';

export type QueryValue = string | readonly string[] | undefined;

const single = (value: QueryValue): string | undefined => (typeof value === 'string' ? value : value?.[value.length - 1]);

/** A global position: absent is 0. */
export const positionParam = (value: QueryValue, path: string): E.Either<ValidationIssue, number> => {
  const text = single(value);
  if (text === undefined || text === '') return E.right(0);
  const n = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(n) ? E.right(n) : E.left({ path, reason: `expected a log position (an integer >= 0), got ${JSON.stringify(text)}` });
};

/** `a1,a2` or `?agents=a1&agents=a2`; absent is undefined (no filter). */
export const listParam = (value: QueryValue, path: string): E.Either<ValidationIssue, readonly string[] | undefined> => {
  if (value === undefined) return E.right(undefined);
  const items = (typeof value === 'string' ? [value] : value).flatMap((v) => v.split(','));
  const empty = items.findIndex((item) => item.trim() === '');
  return empty >= 0 ? E.left({ path: `${path}.${empty}`, reason: 'expected an id, got an empty one' }) : E.right(items.map((item) => item.trim()));
};

/** One of `choices`; absent is the first. */
export const choiceParam = <C extends string>(value: QueryValue, path: string, choices: readonly [C, ...C[]]): E.Either<ValidationIssue, C> => {
  const text = single(value);
  if (text === undefined) return E.right(choices[0]);
  return (choices as readonly string[]).includes(text) ? E.right(text as C) : E.left({ path, reason: `expected ${choices.join(' or ')}, got ${JSON.stringify(text)}` });
};

export const textParam = (value: QueryValue): string | undefined => single(value);
