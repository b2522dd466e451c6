/**
 * How the comparison times its sides. On this machine (2 cores shared by Node,
 * PostgreSQL and other work) the speed drifts by tens of percent over minutes, so
 * two figures taken one after the other compare the drift, not the code. Every
 * comparison therefore runs its sides in the same rounds, taking turns, and a ratio
 * is the median of the per-round ratios.
 */
import { performance } from 'node:perf_hooks';
import { median } from '../lib/measure.js';

/** One round of a loop: does its work and says how many operations it did. */
export type Round = (round: number) => Promise<number>;

export interface Interleaved<K extends string> {
  /** The median rate (operations/s) of each side. */
  readonly rate: Readonly<Record<K, number>>;
  /** The median over rounds of rate(a) / rate(b) taken in the same round. */
  readonly ratio: (a: K, b: K) => number;
}

/** Collects garbage between timed parts when node runs with --expose-gc, so one side's garbage is not charged to the next. */
export const collectGarbage = (): void => {
  (globalThis as { gc?: () => void }).gc?.();
};

const timed = async (round: Round, i: number): Promise<number> => {
  collectGarbage();
  const start = performance.now();
  const ops = await round(i);
  return ops / ((performance.now() - start) / 1000);
};

/**
 * Runs each side once untimed (warm-up), then `rounds` rounds in which every side
 * runs once; the order rotates from round to round so no side always goes first.
 */
export const interleave = async <K extends string>(rounds: number, sides: Readonly<Record<K, Round>>): Promise<Interleaved<K>> => {
  const names = Object.keys(sides) as K[];
  for (const name of names) await sides[name](-1);
  const rates = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let i = 0; i < rounds; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      rates.get(name)!.push(await timed(sides[name], i));
    }
  }
  const rate = Object.fromEntries(names.map((name) => [name, median(rates.get(name)!)])) as Record<K, number>;
  return {
    rate,
    ratio: (a, b) => median(rates.get(a)!.map((x, i) => x / rates.get(b)![i]!)),
  };
};

/** A round whose caller times only part of it (the rest is set-up): it returns what it did and how long the timed part took. */
export type TimedRound = (round: number) => Promise<{ readonly ops: number; readonly seconds: number }>;

export interface Budgeted<K extends string> {
  /** Operations per second over the timed parts of all rounds: sum of operations / sum of seconds. */
  readonly rate: Readonly<Record<K, number>>;
  readonly rounds: Readonly<Record<K, number>>;
}

/**
 * Runs the sides in turn, each until it has spent `budgetMs` of wall time (set-up
 * included) and at least `minRounds` rounds; a slow side is never skipped, it just
 * gets fewer rounds. The figure of a side is its total operations over its total
 * timed seconds.
 */
export const budgeted = async <K extends string>(
  budgetMs: number,
  minRounds: number,
  sides: Readonly<Record<K, TimedRound>>,
): Promise<Budgeted<K>> => {
  const names = Object.keys(sides) as K[];
  const spent = new Map<K, number>(names.map((name) => [name, 0]));
  const ops = new Map<K, number>(names.map((name) => [name, 0]));
  const seconds = new Map<K, number>(names.map((name) => [name, 0]));
  const rounds = new Map<K, number>(names.map((name) => [name, 0]));
  const wants = (name: K) => rounds.get(name)! < minRounds || spent.get(name)! < budgetMs;
  for (let i = 0; names.some(wants); i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      if (!wants(name)) continue;
      const start = performance.now();
      const round = await sides[name](rounds.get(name)!);
      spent.set(name, spent.get(name)! + performance.now() - start);
      ops.set(name, ops.get(name)! + round.ops);
      seconds.set(name, seconds.get(name)! + round.seconds);
      rounds.set(name, rounds.get(name)! + 1);
    }
  }
  return {
    rate: Object.fromEntries(names.map((name) => [name, ops.get(name)! / seconds.get(name)!])) as Record<K, number>,
    rounds: Object.fromEntries(names.map((name) => [name, rounds.get(name)!])) as Record<K, number>,
  };
};

/**
 * Times `work` alone. No garbage collection is forced first: measured, a forced
 * full collection before parts this short (about a millisecond) made them slower
 * and noisier on both sides.
 */
export const timeOnly = async (work: () => Promise<number>): Promise<{ ops: number; seconds: number }> => {
  const start = performance.now();
  const ops = await work();
  return { ops, seconds: (performance.now() - start) / 1000 };
};
