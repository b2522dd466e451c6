/**
 * C1: customer profiles, driven through the engine as a backend would, and read
 * back from the customer directory (projections/customerDirectory.ts).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { CUSTOMERS_ERROR_CODES } from '../../../src/domain/customers/customersDecide.js';
import { MAX_TAGS } from '../../../src/domain/customers/customerProfile.js';
import { customerDirectory, type DirectoryEvent } from '../../../src/projections/customerDirectory.js';
import { customerRow } from '../../../src/projections/customerQueries.js';
import { project, type ProjectedEvent } from '../../../src/projections/projection.js';
import { agent, cmd, customer, customersHarness, MINUTE, replies, says, SHOP, system, T0 } from './harness.js';

const register = (customerId: string, fields: Record<string, unknown> = {}, actor = system) => cmd('RegisterCustomer', actor, { customerId, ...fields });
const update = (customerId: string, patch: Record<string, unknown>, actor = agent('amy')) => cmd('UpdateCustomerProfile', actor, { customerId, ...patch });

const ready = async () => {
  const h = customersHarness();
  await h.staff();
  return h;
};

describe('C1: the profile', () => {
  it('C1: channel, source, membership, tags and VIP from the profile; last agent and last session time from the conversations', async () => {
    const h = await ready();
    await h.ok(register('adu', { name: '杜琪', phone: '13800138000', nickname: '阿杜', channel: 'wechat-official', source: 'follow-official-account', membership: 'vip', tags: ['老客户'], vip: true }));
    const viewer = await h.who(system);
    expect(customerRow(h.directory(), SHOP, 'adu', viewer)).toEqual({
      customerId: 'adu',
      registered: true,
      name: '杜琪',
      phone: '13800138000',
      nickname: '阿杜',
      channel: 'wechat-official',
      source: 'follow-official-account',
      membership: 'vip',
      tags: ['老客户'],
      vip: true,
      since: T0,
      sessions: 0,
    });

    await h.onlyOnline('amy');
    await h.later(MINUTE);
    await h.ok(says('adu', 's1', 'm1'));
    await h.settle();
    await h.ok(replies('amy', 's1', 'm2'));
    await h.ok(h.d.end({ sessionId: 's1', reason: 'agent' }));
    await h.settle();
    expect(customerRow(h.directory(), SHOP, 'adu', viewer)).toMatchObject({ lastAgentId: 'amy', lastSessionAt: T0 + MINUTE, sessions: 1 });

    // A later session, which bob takes: he is the last agent now, and its start the last session time.
    await h.onlyOnline('bob');
    await h.later(MINUTE);
    await h.ok(says('adu', 's2', 'm3'));
    await h.settle();
    expect(customerRow(h.directory(), SHOP, 'adu', viewer)).toMatchObject({ lastAgentId: 'bob', lastSessionAt: T0 + 2 * MINUTE, sessions: 2, since: T0 });
  });

  it('C1: a customer who wrote without a profile is listed with what its sessions tell (channel, VIP, since)', async () => {
    const h = await ready();
    await h.onlyOnline('amy');
    await h.ok(says('kiyoumi', 's1', 'm1', '在吗', { channel: 'mini-program', vip: true }));
    await h.settle();
    expect(customerRow(h.directory(), SHOP, 'kiyoumi', await h.who(system))).toEqual({
      customerId: 'kiyoumi',
      registered: false,
      channel: 'mini-program',
      tags: [],
      vip: true,
      since: T0,
      lastAgentId: 'amy',
      lastSessionAt: T0,
      sessions: 1,
    });
    // Registered later: the profile's channel wins, and it has been a customer since its first session.
    await h.later(MINUTE);
    await h.ok(register('kiyoumi', { channel: 'web-mall', vip: false }));
    expect(customerRow(h.directory(), SHOP, 'kiyoumi', await h.who(system))).toMatchObject({ registered: true, channel: 'web-mall', vip: false, since: T0 });
  });

  it('C1: a patch sets the fields given, clears those given as null, leaves the rest; one that changes nothing writes nothing', async () => {
    const h = await ready();
    await h.ok(register('miyo', { name: 'Miyo', phone: '+819012345678', membership: 'default', tags: ['a'] }));
    await h.later(MINUTE);
    const events = await h.ok(update('miyo', { nickname: '米优', phone: null, membership: 'premium', name: 'Miyo' }));
    expect(events).toEqual([{ type: 'CustomerProfileUpdated', data: { customerId: 'miyo', nickname: '米优', phone: null, membership: 'premium', at: T0 + MINUTE } }]);
    expect(customerRow(h.directory(), SHOP, 'miyo', await h.who(system))).toMatchObject({ name: 'Miyo', nickname: '米优', membership: 'premium', tags: ['a'] });
    expect(customerRow(h.directory(), SHOP, 'miyo', await h.who(system))).not.toHaveProperty('phone');
    expect(await h.ok(update('miyo', { nickname: '米优', phone: null, tags: ['a'] }))).toEqual([]);
    expect(await h.ok(update('miyo', { tags: [] }))).toEqual([{ type: 'CustomerProfileUpdated', data: { customerId: 'miyo', tags: [], at: T0 + MINUTE } }]);
  });

  it('C1: tags one at a time: a repeat is a no-op, untagging an absent tag too, and at most 20', async () => {
    const h = await ready();
    await h.ok(register('adu'));
    expect(await h.ok(cmd('TagCustomer', agent('amy'), { customerId: 'adu', tag: '满1笔打标测试' }))).toHaveLength(1);
    expect(await h.ok(cmd('TagCustomer', agent('bob'), { customerId: 'adu', tag: '满1笔打标测试' }))).toEqual([]);
    expect(await h.ok(cmd('UntagCustomer', agent('amy'), { customerId: 'adu', tag: 'none' }))).toEqual([]);
    for (let i = 1; i < MAX_TAGS; i++) await h.ok(cmd('TagCustomer', agent('amy'), { customerId: 'adu', tag: `t${i}` }));
    expect(customerRow(h.directory(), SHOP, 'adu', await h.who(system))?.tags).toHaveLength(MAX_TAGS);
    expect(await h.code(cmd('TagCustomer', agent('amy'), { customerId: 'adu', tag: 'one-too-many' }))).toBe('customer.too-many-tags');
    await h.ok(cmd('UntagCustomer', agent('amy'), { customerId: 'adu', tag: '满1笔打标测试' }));
    expect(customerRow(h.directory(), SHOP, 'adu', await h.who(system))?.tags).not.toContain('满1笔打标测试');
  });

  it('C1: a customer changes its own nickname and nothing else (actor.not-allowed naming the field); another customer not even that', async () => {
    const h = await ready();
    await h.ok(register('lucy', { name: 'Lucy Li', membership: 'default' }));
    expect(await h.ok(update('lucy', { nickname: 'Lucy' }, customer('lucy')))).toHaveLength(1);
    const error = await h.refused(update('lucy', { nickname: 'L', membership: 'vip' }, customer('lucy')));
    expect(error).toMatchObject({ _tag: 'DomainError', code: 'actor.not-allowed', details: { field: 'data.membership' } });
    expect(await h.code(update('lucy', { nickname: 'hacked' }, customer('mallory')))).toBe('actor.not-allowed');
  });

  it('C1: registering again with the same profile is a no-op; with another is customer.exists; patching an unknown customer is customer.unknown', async () => {
    const h = await ready();
    await h.ok(register('adu', { name: '杜琪', tags: ['x'] }));
    expect(await h.ok(register('adu', { name: '杜琪', tags: ['x'] }))).toEqual([]);
    const exists = await h.refused(register('adu', { name: '杜琪琪' }));
    expect(exists).toMatchObject({ code: 'customer.exists', details: { field: 'data.customerId' } });
    expect(await h.code(update('nobody', { name: 'X' }))).toBe('customer.unknown');
    expect(await h.code(cmd('TagCustomer', agent('amy'), { customerId: 'nobody', tag: 'x' }))).toBe('customer.unknown');
  });

  it('C1: staff need the customer-service-session permission (a role without it: actor.missing-permission)', async () => {
    const h = await ready();
    await h.ok(cmd('DefineRole', system, { roleId: 'pre-sales', name: '售前', permissions: ['customer-service'], brands: 'all' }));
    await h.ok(cmd('SetAgentRoles', system, { agentId: 'bob', roleIds: ['pre-sales'] }));
    expect(await h.code(register('adu', {}, agent('bob')))).toBe('actor.missing-permission');
    expect(await h.ok(register('adu', {}, agent('amy')))).toHaveLength(1);
    expect(await h.code(register('adu2', {}, agent('stranger')))).toBe('actor.unknown');
  });

  it('C1: the profile replays from the log to the same directory', async () => {
    const h = await ready();
    await h.ok(register('adu', { name: '杜琪', tags: ['a', 'b'] }));
    await h.ok(update('adu', { phone: '13900139000', tags: ['b'] }));
    await h.ok(cmd('TagCustomer', agent('amy'), { customerId: 'adu', tag: 'c' }));
    const decoded = (await h.events()).map((e) => h.engine.registry.decodeRecorded(e)).filter(E.isRight).map((e) => e.right as ProjectedEvent<DirectoryEvent>);
    const replayed = project(customerDirectory, decoded);
    expect(customerRow(replayed, SHOP, 'adu', await h.who(system))).toEqual(customerRow(h.directory(), SHOP, 'adu', await h.who(system)));
    expect(customerRow(replayed, SHOP, 'adu', await h.who(system))?.tags).toEqual(['b', 'c']);
  });

  it('every error code is in the catalogue', () => {
    expect([...CUSTOMERS_ERROR_CODES].sort()).toEqual(['actor.missing-permission', 'actor.not-allowed', 'actor.unknown', 'customer.exists', 'customer.too-many-tags', 'customer.unknown']);
  });
});
