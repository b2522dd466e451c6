/**
 * The engine decodes a copy of what the caller passed, never the caller's object
 * (DESIGN principle 12): a caller that changes its object after `dispatch()`
 * returned its promise, or passes a getter that answers differently the second
 * time, must not get undecoded data into the log. The copy is taken in one read of
 * every field, checked to be JSON on the way, and frozen; what the codecs then
 * check is what is decided and stored. A getter or a Proxy that throws while being
 * read is bad input like any other: a ValidationError, not a rejected promise.
 */
import * as E from 'fp-ts/lib/Either.js';
import { copyInput } from '../adapters/jsonValue.js';
import { validationError, type ValidationError } from '../domain/errors.js';

export const freshInput = (raw: unknown, source = 'command'): E.Either<ValidationError, unknown> => {
  try {
    // copyInput names the field whose getter threw; the catch below is for what it cannot name (a Proxy's traps).
    const copied = copyInput(raw, true);
    return E.isRight(copied) ? copied : E.left(validationError(source, [copied.left]));
  } catch (error) {
    const reason = `could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return E.left(validationError(source, [{ path: '', reason }]));
  }
};
