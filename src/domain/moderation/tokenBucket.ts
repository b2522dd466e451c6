/**
 * S15 anti-spam (防骚扰): a token bucket per customer session. It holds up to
 * `capacity` messages (the burst) and refills `refillPerMinute` messages a minute;
 * a message takes one, and a customer with less than one left is refused until
 * the bucket has one again.
 *
 * All in integers, so a replay is exact on any machine: time in milliseconds, and
 * a token counted as 60,000 units, so that a refill of R messages a minute is
 * exactly R units a millisecond (no fraction of a token is ever rounded away, as
 * milli-tokens would have to for R = 7). The level is kept only as it stood right
 * after the last message that took a token, with that message's time; the level
 * at any later instant follows from the configuration in force then.
 */

export interface ThrottleConfig {
  readonly enabled: boolean;
  /** Messages a customer may send in a burst, 1..1000. */
  readonly capacity: number;
  /** Messages a minute the bucket refills, 1..60,000. */
  readonly refillPerMinute: number;
}

/** The rate a message went through, as its event records it. */
export type BucketRate = Pick<ThrottleConfig, 'capacity' | 'refillPerMinute'>;

/** The bucket right after the last message that took a token. */
export interface BucketLevel {
  /** In units of 1/60,000 token. */
  readonly units: number;
  readonly at: number;
}

export const TOKEN_UNITS = 60_000;

/** The units in the bucket at `now`: full when no message took a token yet, never above the capacity. */
export const unitsAt = (bucket: BucketLevel | undefined, rate: BucketRate, now: number): number => {
  const full = rate.capacity * TOKEN_UNITS;
  if (bucket === undefined) return full;
  const elapsed = Math.max(0, now - bucket.at);
  // Past the time a full refill takes, the bucket is full (and the product below stays small).
  if (elapsed >= full / rate.refillPerMinute) return full;
  return Math.min(full, bucket.units + elapsed * rate.refillPerMinute);
};

export type Admission = { readonly admitted: true } | { readonly admitted: false; readonly retryAfterMs: number };

/** Whether a message at `now` may take a token, or how long until it may. */
export const admit = (bucket: BucketLevel | undefined, rate: BucketRate, now: number): Admission => {
  const units = unitsAt(bucket, rate, now);
  return units >= TOKEN_UNITS ? { admitted: true } : { admitted: false, retryAfterMs: Math.ceil((TOKEN_UNITS - units) / rate.refillPerMinute) };
};

/**
 * The bucket after a message that took a token at `at`: the fold of accepted
 * messages. Never below empty, and never back in time (a message stamped before
 * the last one refills nothing), whatever a log holds.
 */
export const afterTaking = (bucket: BucketLevel | undefined, rate: BucketRate, at: number): BucketLevel => ({
  units: Math.max(0, unitsAt(bucket, rate, at) - TOKEN_UNITS),
  at: Math.max(at, bucket?.at ?? at),
});
