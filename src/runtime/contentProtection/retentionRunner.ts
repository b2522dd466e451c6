/**
 * S16 in the engine: when to sweep. On a virtual clock, `engine.advanceTo` sweeps
 * once it has reached its time (a sweep at t covers every earlier one, since it is
 * derived from durable data only). On the system clock, the engine sweeps when it
 * starts and then every `sweepEveryMs`: the timer is only a wake-up, never the
 * holder of a deadline: each sweep works out from the keys' last writes and the
 * settings what is due, so a timer lost with a process loses nothing.
 *
 * One sweep at a time: a sweep asked for while one runs waits for it and then runs
 * (its `now` is later). After a sweep that destroyed keys, `afterDestroyed` lets the
 * engine fold its inline read models again from the log, so none of them keeps
 * what the keys sealed.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../adapters/eventStore.js';
import type { KeyStore } from '../../adapters/keyStore.js';
import type { Clock } from '../../domain/clock.js';
import type { KefuError } from '../../domain/errors.js';
import { retentionSweep, type SweepReport } from './retentionSweep.js';

export interface RetentionRunnerOptions {
  readonly store: EventStore;
  readonly keys: KeyStore;
  readonly clock: Clock;
  readonly afterDestroyed: () => Promise<E.Either<KefuError, void>>;
  readonly onSweep?: (result: E.Either<KefuError, SweepReport>) => void;
}

export interface RetentionRunner {
  readonly sweep: () => Promise<E.Either<KefuError, SweepReport>>;
  /** Sweeps now, then every `everyMs` on the clock's timers, until stopped. */
  readonly startLive: (everyMs: number) => void;
  readonly stop: () => Promise<void>;
}

export const createRetentionRunner = (options: RetentionRunnerOptions): RetentionRunner => {
  const { store, keys, clock } = options;
  let running: Promise<E.Either<KefuError, SweepReport>> = Promise.resolve(E.right({ now: 0, shops: [], destroyed: [], problems: [] }));
  let cancel: (() => void) | undefined;
  let stopped = false;

  const once = async (): Promise<E.Either<KefuError, SweepReport>> => {
    const swept = await retentionSweep({ store, keys, now: clock.now() });
    if (E.isRight(swept) && swept.right.destroyed.length > 0) {
      const rebuilt = await options.afterDestroyed();
      if (E.isLeft(rebuilt)) return rebuilt;
    }
    return swept;
  };

  const sweep = (): Promise<E.Either<KefuError, SweepReport>> => {
    running = running.then(once, once).then((result) => {
      options.onSweep?.(result);
      return result;
    });
    return running;
  };

  const arm = (everyMs: number) => {
    if (stopped) return;
    cancel = clock.schedule(clock.now() + everyMs, async () => {
      await sweep();
      arm(everyMs);
    });
  };

  return {
    sweep,
    startLive: (everyMs) => {
      void sweep().then(() => arm(everyMs));
    },
    stop: async () => {
      stopped = true;
      cancel?.();
      await running;
    },
  };
};
