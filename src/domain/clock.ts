/**
 * Time and randomness are inputs. These are the ports the engine is given; the
 * core never calls them: it reads `now` and `seed` from the command.
 */

export interface Clock {
  /** Epoch milliseconds. */
  readonly now: () => number;
  /** Runs `callback` once the clock reaches `at`; returns a function that cancels it. */
  readonly schedule: (at: number, callback: () => void | Promise<void>) => () => void;
}

export interface RandomSource {
  /** A uniformly drawn unsigned 32-bit integer. */
  readonly nextUint32: () => number;
}
