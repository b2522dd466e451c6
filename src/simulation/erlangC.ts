/**
 * The Erlang C formula: an M/M/c queue (Poisson arrivals at rate lambda,
 * exponential service at rate mu per server, c servers, an unbounded FIFO queue,
 * nobody leaving). It is what the simulator is checked against: the same shop
 * played on the engine must wait as the theory says.
 *
 * P(wait > 0) is computed through the Erlang B recursion (B_0 = 1, B_k = a B_{k-1}
 * / (k + a B_{k-1}), C = B_c / (1 - rho (1 - B_c))), which stays exact for large c
 * where a^c / c! would overflow.
 */
import * as E from 'fp-ts/lib/Either.js';

export interface ErlangCInput {
  readonly servers: number;
  /** Arrivals per unit of time. */
  readonly arrivalRate: number;
  /** Services per unit of time of one server (1 / mean handle time). */
  readonly serviceRate: number;
}

export interface ErlangC {
  /** a = lambda / mu (erlangs). */
  readonly offeredLoad: number;
  /** rho = a / c: the share of time a server is busy. */
  readonly utilisation: number;
  /** C(c, a): the probability an arrival waits at all. */
  readonly probabilityOfWait: number;
  /** E[Wq] = C / (c mu - lambda), in the rates' unit of time. */
  readonly meanWait: number;
  /** P(Wq <= t) = 1 - C e^{-(c mu - lambda) t}. */
  readonly serviceLevel: (t: number) => number;
}

/** The queue's figures; a Left when the queue is unstable (rho >= 1) or the input is not a queue. */
export const erlangC = ({ servers, arrivalRate, serviceRate }: ErlangCInput): E.Either<string, ErlangC> => {
  if (!Number.isInteger(servers) || servers < 1) return E.left(`servers must be an integer >= 1, got ${servers}`);
  if (!(arrivalRate > 0) || !(serviceRate > 0)) return E.left('arrival and service rates must be above 0');
  const a = arrivalRate / serviceRate;
  const rho = a / servers;
  if (rho >= 1) return E.left(`the queue is unstable: utilisation ${rho.toFixed(3)} >= 1 (it grows without bound)`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  const c = b / (1 - rho * (1 - b));
  const drain = servers * serviceRate - arrivalRate;
  return E.right({
    offeredLoad: a,
    utilisation: rho,
    probabilityOfWait: c,
    meanWait: c / drain,
    serviceLevel: (t: number) => (t < 0 ? 0 : 1 - c * Math.exp(-drain * t)),
  });
};
