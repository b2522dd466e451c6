/**
 * The one loop that follows the log: read a page after the last position handled,
 * hand it over, and when the page was short (everything stored so far is handled)
 * say so and wait until something after that position may exist. Subscriptions,
 * durable projections, SQL read models and the reactor all run on it, so they
 * share one reading of "caught up", one refusal of bad batch sizes and one way to
 * stop. Because each page is read from the last handled position, an event is
 * handed over once and in order, and a loop restarted from its checkpoint misses
 * nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { validationError, type ValidationError } from '../domain/errors.js';
import type { ReadAllOptions, ReadError } from './eventStore.js';

export interface LogSource {
  readonly readAll: (options: ReadAllOptions) => Promise<E.Either<ReadError, readonly RecordedEvent[]>>;
  /**
   * Resolves when an event after `position` (of `shopId`, if given) may exist, or
   * when `signal` aborts. It may wake without a new event, but must not return at
   * once again and again when there is none (no busy loop).
   */
  readonly waitForEvents: (position: number, shopId: string | undefined, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 500;
export const MAX_BATCH_SIZE = 100_000;

/**
 * A batch size of 0 would read empty pages forever without ever waiting (the event
 * loop frozen); a fraction or a huge number is a mistake too. Refused by name.
 */
export const checkBatchSize = (batchSize: unknown, source = 'batchSize'): E.Either<ValidationError, number> => {
  if (batchSize === undefined) return E.right(DEFAULT_BATCH_SIZE);
  return Number.isSafeInteger(batchSize) && (batchSize as number) >= 1 && (batchSize as number) <= MAX_BATCH_SIZE
    ? E.right(batchSize as number)
    : E.left(validationError(source, [{ path: 'batchSize', reason: `must be an integer from 1 to ${MAX_BATCH_SIZE}, got ${String(batchSize)}` }]));
};

export interface FollowLogOptions {
  /** Handle events strictly after this position. */
  readonly after: number;
  readonly shopId?: string | undefined;
  /** Checked with checkBatchSize by the caller. */
  readonly batchSize: number;
  /**
   * Handles one page in order and answers the position to continue after: the page's
   * last position, or another one when the checkpoint moved elsewhere meanwhile (another
   * runner of the same read model), in which case the loop reads again at once. A Left
   * ends the loop with it.
   */
  readonly onPage: (events: readonly RecordedEvent[]) => E.Either<ReadError, number> | Promise<E.Either<ReadError, number>>;
  /** Called each time everything stored so far has been handled. */
  readonly onCaughtUp?: (position: number) => void;
  /** Return once caught up instead of waiting for more (a one-pass catch-up). */
  readonly untilCaughtUp?: boolean;
  readonly stopping: () => boolean;
  readonly signal: AbortSignal;
}

/** Runs until stopped (or caught up, with `untilCaughtUp`); answers the last position handled. */
export const followLog = async (source: LogSource, options: FollowLogOptions): Promise<E.Either<ReadError, number>> => {
  const { batchSize, shopId, stopping } = options;
  let position = options.after;
  while (!stopping()) {
    const page = await source.readAll({ after: position, maxCount: batchSize, ...(shopId === undefined ? {} : { shopId }) });
    if (E.isLeft(page)) return page;
    if (stopping()) break;
    const events = page.right;
    if (events.length > 0) {
      const handled = await options.onPage(events);
      if (E.isLeft(handled)) return handled;
      const last = (events[events.length - 1] as RecordedEvent).globalPosition;
      position = handled.right;
      if (position !== last || events.length === batchSize) continue;
    }
    if (stopping()) break;
    options.onCaughtUp?.(position);
    if (options.untilCaughtUp === true) break;
    await source.waitForEvents(position, shopId, options.signal);
  }
  return E.right(position);
};
