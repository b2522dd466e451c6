/**
 * Where a runner following the log has got to, and who is waiting for it: the
 * read-your-writes of a projection ("resolve once position p is folded in"). A
 * waiter is answered Left if the run ends before its position, so no caller is
 * left waiting forever on a stopped or failed runner.
 */
import * as E from 'fp-ts/lib/Either.js';
import { storeFailure } from '../domain/errors.js';
import type { ReadError } from './eventStore.js';

export interface Progress {
  readonly position: () => number;
  /** Records that everything up to `position` is done; answers the waiters it satisfies. */
  readonly advance: (position: number) => void;
  /** Records how the run ended; answers every remaining waiter. */
  readonly end: (outcome: E.Either<ReadError, void>) => void;
  readonly waitFor: (position: number) => Promise<E.Either<ReadError, void>>;
}

export const progress = (runner: string, start = 0): Progress => {
  let position = start;
  let ended: E.Either<ReadError, void> | undefined;
  const waiters: { position: number; resolve: (outcome: E.Either<ReadError, void>) => void }[] = [];
  const endedBefore = (target: number, outcome: E.Either<ReadError, void>): E.Either<ReadError, void> =>
    E.isLeft(outcome) ? outcome : E.left(storeFailure(runner, `stopped at position ${position}, before ${target}`));
  return {
    position: () => position,
    advance: (reached) => {
      position = reached;
      for (const waiter of [...waiters]) {
        if (waiter.position <= position) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(E.right(undefined));
        }
      }
    },
    end: (outcome) => {
      ended = outcome;
      for (const waiter of waiters.splice(0)) waiter.resolve(endedBefore(waiter.position, outcome));
    },
    waitFor: (target) =>
      new Promise((resolve) => {
        if (position >= target) return resolve(E.right(undefined));
        if (ended !== undefined) return resolve(endedBefore(target, ended));
        waiters.push({ position: target, resolve });
      }),
  };
};

/** What a runner's loop reads: whether to stop, the signal that interrupts a wait, and where to report progress. */
export interface RunnerControl {
  readonly stopping: () => boolean;
  readonly signal: AbortSignal;
  readonly reached: Progress;
}

export interface Runner {
  /** The checkpoint: the position of the last event applied and committed. */
  readonly position: () => number;
  /** Resolves once the checkpoint has reached `position` (read-your-writes for a reader); left if the run ends first. */
  readonly waitFor: (position: number) => Promise<E.Either<ReadError, void>>;
  /** Stops after the batch under way; resolves once stopped. */
  readonly stop: () => Promise<void>;
  /** Settles when the run ends: right when stopped, left on a failure (the checkpoint stays before it). */
  readonly done: Promise<E.Either<ReadError, void>>;
}

/** Starts a loop that follows the log (a read model runner), with stop and read-your-writes. */
export const startRunner = (name: string, loop: (control: RunnerControl) => Promise<E.Either<ReadError, void>>): Runner => {
  const abort = new AbortController();
  const reached = progress(name);
  let stopping = false;
  const done = loop({ stopping: () => stopping, signal: abort.signal, reached }).then((outcome) => {
    reached.end(outcome);
    return outcome;
  });
  return {
    position: reached.position,
    waitFor: reached.waitFor,
    stop: async () => {
      stopping = true;
      abort.abort();
      await done;
    },
    done,
  };
};
