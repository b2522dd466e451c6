/**
 * Bad input for every customers command (DESIGN 4): a typed error naming the
 * field and the reason, and nothing written anywhere (the harness's `refused`
 * compares the whole log before and after). The phone rule: a mainland mobile
 * number (1[3-9] and 9 more digits) or + and 6 to 15 digits, nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../../src/domain/errors.js';
import { agent, cmd, customersHarness, system } from './harness.js';

const ready = async () => {
  const h = customersHarness();
  await h.staff();
  await h.ok(cmd('RegisterCustomer', system, { customerId: 'adu', name: '杜琪' }));
  return h;
};

const expectField = async (type: string, data: unknown, path: string) => {
  const h = await ready();
  const error = (await h.refused(cmd(type, agent('amy'), data))) as ValidationError;
  expect(error._tag).toBe('ValidationError');
  expect(error.issues.map((i) => i.path)).toContain(path);
  expect(error.issues.every((i) => i.reason.length > 0)).toBe(true);
};

const profileCases: readonly [string, Record<string, unknown>][] = [
  ['data.phone', { phone: '138-0013-8000' }],
  ['data.phone', { phone: '12800138000' }],
  ['data.phone', { phone: '1380013800' }],
  ['data.phone', { phone: '+12345' }],
  ['data.phone', { phone: '+1234567890123456' }],
  ['data.phone', { phone: 13800138000 }],
  ['data.name', { name: '' }],
  ['data.name', { name: 'x'.repeat(101) }],
  ['data.nickname', { nickname: '   ' }],
  ['data.remarkName', { remarkName: 7 }],
  ['data.channel', { channel: 'web mall' }],
  ['data.source', { source: '' }],
  ['data.membership', { membership: '-vip' }],
  ['data.vip', { vip: 'yes' }],
  ['data.tags', { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }],
  ['data.tags', { tags: ['a', 'a'] }],
  ['data.tags.0', { tags: [' padded'] }],
  ['data.tags.1', { tags: ['ok', 'x'.repeat(33)] }],
  ['data.tags', { tags: 'a' }],
  ['data.extra', { extra: true }],
];

describe('RegisterCustomer: bad input is a typed error naming the field, nothing written', () => {
  it.each(profileCases)('%s: %j', async (path, fields) => expectField('RegisterCustomer', { customerId: 'new', ...fields }, path));
  it.each([
    ['data.customerId', {}],
    ['data.customerId', { customerId: 'has space' }],
    ['data.customerId', { customerId: 'x'.repeat(129) }],
  ])('%s: %j', async (path, data) => expectField('RegisterCustomer', data, path));
  it('data.tags: null is no tag list (a registration has nothing to clear)', async () => expectField('RegisterCustomer', { customerId: 'new', tags: null }, 'data.tags'));
});

describe('UpdateCustomerProfile: bad input is a typed error naming the field, nothing written', () => {
  it.each(profileCases)('%s: %j', async (path, fields) => expectField('UpdateCustomerProfile', { customerId: 'adu', ...fields }, path));
  it.each([
    ['data.customerId', { name: 'x' }],
    ['data.customerId', { customerId: '', name: 'x' }],
    ['data.tags', { customerId: 'adu', tags: null }],
  ])('%s: %j', async (path, data) => expectField('UpdateCustomerProfile', data, path));

  it('accepts null to clear any field, and the phone forms the rule allows', async () => {
    const h = await ready();
    for (const phone of ['13800138000', '19912345678', '+8613800138000', '+441234567', '+123456789012345']) {
      expect(await h.ok(cmd('UpdateCustomerProfile', agent('amy'), { customerId: 'adu', phone }))).toHaveLength(1);
    }
    const cleared = await h.ok(
      cmd('UpdateCustomerProfile', agent('amy'), { customerId: 'adu', name: null, phone: null, nickname: null, remarkName: null, channel: null, source: null, membership: null, vip: null }),
    );
    expect(cleared).toEqual([{ type: 'CustomerProfileUpdated', data: expect.objectContaining({ name: null, phone: null }) }]);
  });
});

describe.each(['TagCustomer', 'UntagCustomer'])('%s: bad input is a typed error naming the field, nothing written', (type) => {
  it.each([
    ['data.tag', { customerId: 'adu' }],
    ['data.tag', { customerId: 'adu', tag: '' }],
    ['data.tag', { customerId: 'adu', tag: 'x'.repeat(33) }],
    ['data.tag', { customerId: 'adu', tag: 'trailing ' }],
    ['data.tag', { customerId: 'adu', tag: ['a'] }],
    ['data.customerId', { tag: 'a' }],
    ['data.customerId', { customerId: 'bad id', tag: 'a' }],
    ['data.extra', { customerId: 'adu', tag: 'a', extra: 1 }],
  ])('%s: %j', async (path, data) => expectField(type, data, path));
});
