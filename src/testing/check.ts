/**
 * Plain checks for what kefu/testing ships: they throw node's AssertionError
 * (with `actual` and `expected`, so vitest, jest, node:test and mocha all show a
 * diff) and import no test runner, so testers use them under any runner.
 */
import { AssertionError } from 'node:assert/strict';

const show = (value: unknown): string => (value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value)));

/** Fails with `message` unless `condition` holds (and narrows types as `condition` says). */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new AssertionError({ message, actual: condition, expected: true, operator: '==' });
}

/** Fails unless `actual` is `expected` (Object.is, as `toBe` and `strictEqual` compare), naming `what`. */
export function same<T>(actual: unknown, expected: T, what: string): asserts actual is T {
  if (!Object.is(actual, expected)) {
    throw new AssertionError({ message: `${what}: expected ${show(expected)}, got ${show(actual)}`, actual, expected, operator: 'strictEqual' });
  }
}
