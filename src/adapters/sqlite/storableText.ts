/**
 * SQLite keeps TEXT as UTF-8, where a lone UTF-16 surrogate has no encoding: it
 * would be stored as U+FFFD and read back as another string. JSON columns are
 * safe (JSON.stringify escapes it); the stream name and the event type are stored
 * as they are, so a name that cannot survive the round trip is refused up front.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventToAppend } from '../../domain/envelope.js';
import { validationError, type ValidationError } from '../../domain/errors.js';

// With the u flag a surrogate pair is one code point, so only a lone half is in Cs.
const loneSurrogate = /\p{Cs}/u;

const reason = 'must be well-formed Unicode: it has a lone surrogate, which SQLite would store as U+FFFD';

export const checkStorableText = (stream: string, events: readonly EventToAppend[]): E.Either<ValidationError, void> => {
  if (loneSurrogate.test(stream)) return E.left(validationError('append', [{ path: 'stream', reason }]));
  for (let i = 0; i < events.length; i++) {
    if (loneSurrogate.test((events[i] as EventToAppend).type)) {
      return E.left(validationError('event to append', [{ path: `events.${i}.type`, reason }]));
    }
  }
  return E.right(undefined);
};
