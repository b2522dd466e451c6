/** Retry delays: exponential with full jitter drawn from the injected random source. */
import type { RandomSource } from '../domain/clock.js';

export interface RetryPolicy {
  /** How many times a command is decided at most before a conflict is returned. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 10, baseDelayMs: 2, maxDelayMs: 200 };

/**
 * The delay before attempt `attempt` (2 = the first retry). The first retry goes at
 * once: after a conflict the state has just been caught up, so it usually wins.
 */
export const retryDelay = (policy: RetryPolicy, attempt: number, random: RandomSource): number => {
  if (attempt <= 2) return 0;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2));
  return Math.floor((random.nextUint32() / 0x100000000) * ceiling);
};
