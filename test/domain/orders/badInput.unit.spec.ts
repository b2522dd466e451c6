/**
 * Bad input for every order command (M18): a typed ValidationError naming the
 * field and the reason, and nothing written anywhere.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../src/domain/errors.js';
import { cmd, ordersHarness } from './harness.js';

const expectField = async (type: string, data: unknown, path: string) => {
  const h = ordersHarness();
  const error = (await h.refused(cmd(type, data))) as ValidationError;
  expect(error._tag).toBe('ValidationError');
  expect(error.issues.map((i) => i.path)).toContain(path);
  expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
};

const good = { orderId: 'o1', buyerId: 'yang', amount: 100, units: 1 };
const figureCases: readonly [string, Record<string, unknown>][] = [
  ['data.orderId', { ...good, orderId: undefined }],
  ['data.orderId', { ...good, orderId: 'with space' }],
  ['data.buyerId', { ...good, buyerId: '' }],
  ['data.buyerId', { ...good, buyerId: 7 }],
  ['data.amount', { ...good, amount: undefined }],
  ['data.amount', { ...good, amount: -1 }],
  ['data.amount', { ...good, amount: 1.5 }],
  ['data.amount', { ...good, amount: '100' }],
  ['data.amount', { ...good, amount: 1_000_000_000_001 }],
  ['data.units', { ...good, units: -1 }],
  ['data.units', { ...good, units: 0.5 }],
  ['data.units', { ...good, units: 1_000_001 }],
  // The time is the engine's: a caller's `at` is refused, not silently ignored.
  ['data.at', { ...good, at: 1 }],
  ['data.extra', { ...good, extra: true }],
];

describe.each(['RecordOrderPlaced', 'RecordOrderPaid'])('M18 %s: bad input names the field, nothing written', (type) => {
  it.each(figureCases)('%s: %j', async (path, data) => expectField(type, data, path));
});

describe('M18 RecordOrderRefunded: bad input names the field, nothing written', () => {
  const refundCases: readonly [string, Record<string, unknown>][] = [
    ...figureCases.map(([path, data]): [string, Record<string, unknown>] => [path, { ...data, refundId: 'r1' }]),
    ['data.refundId', good],
    ['data.refundId', { ...good, refundId: '' }],
  ];
  it.each(refundCases)('%s: %j', async (path, data) => expectField('RecordOrderRefunded', data, path));
});

describe('M18: the edges are accepted', () => {
  it('M18: amount and units 0 and the maxima are well formed', async () => {
    const h = ordersHarness();
    expect(await h.ok(cmd('RecordOrderPaid', { ...good, amount: 0, units: 0 }))).toHaveLength(1);
    expect(await h.ok(cmd('RecordOrderPaid', { ...good, orderId: 'o2', amount: 1_000_000_000_000, units: 1_000_000 }))).toHaveLength(1);
  });
});
