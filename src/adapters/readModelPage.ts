/**
 * What the SQL read-model runners (runSqliteProjection, runPostgresProjection) share
 * besides the log-following loop: a page of the log decoded with the registry
 * (upcast first) before it reaches `handle`, so a read model sees the same events a
 * projection folded by the engine sees, never rows as stored.
 *
 * A page with an event that does not decode is cut there: the events before it are
 * applied (their batch and checkpoint committed as usual), then the run ends with
 * the ValidationError, its checkpoint just before the event. Restarting runs into
 * the same event again until the registry can read it (an upcaster, a module added):
 * nothing after it is applied out of order, and nothing before it twice.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { validationError, type ValidationError } from '../domain/errors.js';
import type { Registry } from '../domain/registry.js';
import type { ProjectedEvent } from '../projections/projection.js';

export interface DecodedPage {
  /** The page's events up to the first that does not decode (all of them when each does). */
  readonly events: readonly ProjectedEvent[];
  /** The checkpoint once `events` are applied: the last one's position, or `from` when there is none. */
  readonly through: number;
  /** Why the event after `events` does not decode; the run ends with it once `events` are applied. */
  readonly failure: ValidationError | undefined;
}

export const decodePage = (registry: Registry, from: number, page: readonly RecordedEvent[]): DecodedPage => {
  const events: ProjectedEvent[] = [];
  for (const recorded of page) {
    const decoded = registry.decodeRecorded(recorded);
    if (E.isLeft(decoded)) return { events, through: events.at(-1)?.globalPosition ?? from, failure: decoded.left };
    events.push(decoded.right);
  }
  return { events, through: events.at(-1)?.globalPosition ?? from, failure: undefined };
};

/** A runner started without a registry (from JavaScript) is refused by name, not a TypeError later. */
export const checkRegistry = (registry: unknown, source: string): E.Either<ValidationError, Registry> =>
  typeof (registry as Partial<Registry> | undefined)?.decodeRecorded === 'function'
    ? E.right(registry as Registry)
    : E.left(validationError(source, [{ path: 'registry', reason: 'must be the registry of the modules whose events the read model handles' }]));
