/** The expected-version rule, shared by the adapters that check it in JavaScript. */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ExpectedVersion, type ValidationError } from '../domain/errors.js';

/** Whether a stream at version `current` (0 = no stream) satisfies `expected`. */
export const satisfiesExpected = (expected: ExpectedVersion, current: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === 0;
    case 'exists':
      return current > 0;
    default:
      return expected === current;
  }
};

export const validateExpected = (expected: unknown): E.Either<ValidationError, ExpectedVersion> =>
  expected === 'any' || expected === 'no_stream' || expected === 'exists' || (Number.isSafeInteger(expected) && (expected as number) >= 0)
    ? E.right(expected as ExpectedVersion)
    : E.left(
        validationError('append', [
          { path: 'expected', reason: `must be a version (integer >= 0), no_stream, exists or any, got ${String(expected)}` },
        ]),
      );
