/**
 * C1, C2: the customer directory as a pure fold (customerDirectory.ts) and its
 * queries (customerQueries.ts): search by name, phone or nickname, filters, pages
 * in a stable order, who sees whom, and each customer's sessions.
 */
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ConversationEvent } from '../../src/domain/conversation/conversation.js';
import type { CustomersEvent } from '../../src/domain/customers/customersEvents.js';
import type { NamedPermission, Who } from '../../src/domain/permissions/policy.js';
import { NAMED_PERMISSIONS } from '../../src/domain/permissions/policy.js';
import { customerDirectory, type CustomerDirectory, type DirectoryEvent } from '../../src/projections/customerDirectory.js';
import { customerRow, searchCustomers, serviceSessions, type CustomerQuery, type VisibilityOptions } from '../../src/projections/customerQueries.js';
import { project, type ProjectedEvent } from '../../src/projections/projection.js';

const SHOP = 'shop-d';
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);
const DAY = 86_400_000;

let position = 0;
const event = <E extends DirectoryEvent>(type: E['type'], data: E['data'], shopId = SHOP): ProjectedEvent<DirectoryEvent> =>
  ({
    type,
    data,
    schemaVersion: 1,
    stream: 'test',
    streamVersion: 1,
    globalPosition: ++position,
    metadata: { eventId: `e${position}`, shopId, actor: { kind: 'system' }, occurredAt: T0, correlationId: 'c', causationId: 'c' },
  }) as ProjectedEvent<DirectoryEvent>;

type Registered = Extract<CustomersEvent, { type: 'CustomerRegistered' }>['data'];
const registered = (customerId: string, at: number, fields: Partial<Registered> = {}) => event<CustomersEvent>('CustomerRegistered', { customerId, tags: [], at, ...fields });
const opened = (sessionId: string, customerId: string, at: number, channel = 'web-mall', vip = false) =>
  event<ConversationEvent>('ConversationOpened', { sessionId, customerId, channel, initiation: 'customer', entry: { kind: 'channel' }, vip, at });
let routing = 0;
const assigned = (sessionId: string, agentId: string, at: number) => event<ConversationEvent>('ConversationAssigned', { sessionId, agentId, vip: false, routingVersion: ++routing, at });
const transferred = (sessionId: string, from: string, to: string, at: number) => event<ConversationEvent>('ConversationTransferred', { sessionId, from, to, routingVersion: ++routing, at });
const joined = (sessionId: string, agentId: string, at: number) => event<ConversationEvent>('ConversationCoAgentAdded', { sessionId, agentId, routingVersion: ++routing, at });
const ended = (sessionId: string, at: number) => event<ConversationEvent>('ConversationEnded', { sessionId, reason: 'agent', routingVersion: ++routing, at });

const SYSTEM: Who = { kind: 'system' };
const staff = (id: string, role: 'admin' | 'team-lead' | 'agent', groups: readonly string[], permissions: readonly NamedPermission[] = NAMED_PERMISSIONS): Who => ({
  kind: 'staff',
  id,
  role,
  groups,
  permissions: new Set(permissions),
  brands: 'all',
});

const ids = (state: CustomerDirectory, query: CustomerQuery, viewer: Who = SYSTEM, options: VisibilityOptions = {}) => {
  const page = searchCustomers(state, SHOP, viewer, query, options);
  if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
  return page.right.rows.map((r) => r.customerId);
};

const shop = () =>
  project(customerDirectory, [
    registered('adu', T0, { name: '杜琪', nickname: '阿杜', phone: '13800138000', channel: 'wechat-official', source: 'follow-official-account', membership: 'vip', tags: ['老客户'], vip: true }),
    registered('lucy', T0 + DAY, { name: 'Lucy Li', nickname: 'lucy', phone: '+8613912345678', channel: 'web-mall', source: 'membership-card', membership: 'default', tags: ['老客户', '满1笔打标测试'] }),
    registered('miyo', T0 + 2 * DAY, { remarkName: '修远', phone: '+819012345678', source: 'other' }),
    opened('s1', 'adu', T0 + 3 * DAY),
    assigned('s1', 'amy', T0 + 3 * DAY),
    ended('s1', T0 + 3 * DAY + 1000),
    opened('s2', 'lucy', T0 + 4 * DAY),
    assigned('s2', 'amy', T0 + 4 * DAY),
    transferred('s2', 'amy', 'bob', T0 + 4 * DAY + 1),
    opened('s3', 'kiyoumi', T0 + 5 * DAY, 'mini-program', true),
    assigned('s3', 'bob', T0 + 5 * DAY),
    joined('s3', 'cai', T0 + 5 * DAY + 1),
  ]);

describe('C1: search by name, phone or nickname', () => {
  it('C1: part of a name, a nickname or a remark name, in any case and width', () => {
    const state = shop();
    expect(ids(state, { text: '杜' })).toEqual(['adu']);
    expect(ids(state, { text: 'LUCY' })).toEqual(['lucy']);
    expect(ids(state, { text: 'ｌｕｃｙ ｌｉ' })).toEqual(['lucy']);
    expect(ids(state, { text: '修远' })).toEqual(['miyo']);
    expect(ids(state, { text: 'nobody' })).toEqual([]);
  });

  it('C1: a phone number by its digits, however they are typed (spaces, dashes, full-width)', () => {
    const state = shop();
    expect(ids(state, { text: '138 0013-8000' })).toEqual(['adu']);
    expect(ids(state, { text: '１３９１２' })).toEqual(['lucy']);
    expect(ids(state, { text: '+81' })).toEqual(['miyo']);
    // A query with letters is not a phone number: "a1" does not match every phone holding a 1.
    expect(ids(state, { text: 'a1' })).toEqual([]);
  });
});

describe('C1: filters', () => {
  it('C1: by channel (the profile\'s, else the first session\'s), source, membership, tag, last agent and VIP', () => {
    const state = shop();
    expect(ids(state, { channel: 'mini-program' })).toEqual(['kiyoumi']);
    expect(ids(state, { channel: 'web-mall' })).toEqual(['lucy']);
    expect(ids(state, { source: 'membership-card' })).toEqual(['lucy']);
    expect(ids(state, { membership: 'vip' })).toEqual(['adu']);
    expect(ids(state, { tag: '老客户' })).toEqual(['lucy', 'adu']);
    expect(ids(state, { lastAgentId: 'bob' })).toEqual(['kiyoumi', 'lucy']);
    expect(ids(state, { lastAgentId: 'cai' })).toEqual([]);
    expect(ids(state, { vip: true })).toEqual(['kiyoumi', 'adu']);
    expect(ids(state, { tag: '老客户', lastAgentId: 'amy' })).toEqual(['adu']);
    expect(ids(state, { text: 'lucy', tag: '老客户', membership: 'vip' })).toEqual([]);
  });

  it('C1: last agent and last session time: the latest assignment or transfer, the latest session start', () => {
    const state = project(customerDirectory, [opened('s1', 'c', T0), assigned('s1', 'amy', T0), ended('s1', T0 + 10), opened('s2', 'c', T0 + 20), assigned('s2', 'bob', T0 + 20), transferred('s2', 'bob', 'cai', T0 + 30)]);
    expect(customerRow(state, SHOP, 'c', SYSTEM)).toMatchObject({ lastAgentId: 'cai', lastSessionAt: T0 + 20, since: T0, sessions: 2 });
  });

  it('C1: newest customers first by default, most recent session first on request; bad queries name the field', () => {
    const state = shop();
    expect(ids(state, {})).toEqual(['kiyoumi', 'miyo', 'lucy', 'adu']);
    expect(ids(state, { order: 'last-session' })).toEqual(['kiyoumi', 'lucy', 'adu', 'miyo']);
    const bad = searchCustomers(state, SHOP, SYSTEM, { limit: 500, order: 'name' as never, phone: '1' } as never);
    expect(E.isLeft(bad) && bad.left.issues.map((i) => i.path).sort()).toEqual(['limit', 'order', 'phone']);
  });

  it('property: the pages of a query, read in turn, are its matches once each, in order, whatever the page size', () => {
    const customer = fc.record({
      id: fc.integer({ min: 0, max: 30 }),
      since: fc.integer({ min: 0, max: 5 }),
      tag: fc.constantFrom('a', 'b'),
      sessionAt: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(customer, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom('since' as const, 'last-session' as const), fc.option(fc.constantFrom('a', 'b'), { nil: undefined }), (customers, limit, order, tag) => {
        const events = customers.flatMap((c, i) => [
          registered(`c${c.id}`, T0 + c.since * DAY, { tags: [c.tag] }),
          ...(c.sessionAt === undefined ? [] : [opened(`s${i}`, `c${c.id}`, T0 + c.sessionAt * DAY)]),
        ]);
        const state = project(customerDirectory, events);
        const base: CustomerQuery = { order, ...(tag === undefined ? {} : { tag }) };
        const whole = searchCustomers(state, SHOP, SYSTEM, { ...base, limit: 200 });
        if (E.isLeft(whole)) throw new Error('bad query');
        const paged: string[] = [];
        for (let offset = 0; offset < whole.right.total; offset += limit) {
          const page = searchCustomers(state, SHOP, SYSTEM, { ...base, offset, limit });
          if (E.isLeft(page)) throw new Error('bad query');
          expect(page.right.total).toBe(whole.right.total);
          paged.push(...page.right.rows.map((r) => r.customerId));
        }
        expect(paged).toEqual(whole.right.rows.map((r) => r.customerId));
        expect(new Set(paged).size).toBe(paged.length);
        const expected = [...new Set(customers.map((c) => `c${c.id}`))].filter((id) => tag === undefined || customerRow(state, SHOP, id, SYSTEM)?.tags.includes(tag));
        expect([...paged].sort()).toEqual(expected.sort());
        const keys = whole.right.rows.map((r) => (order === 'last-session' ? (r.lastSessionAt ?? -1) : r.since));
        expect(keys).toEqual([...keys].sort((x, y) => y - x));
      }),
    );
  });
});

describe('C1/C4: who sees whom', () => {
  const state = shop();
  const groups: Record<string, readonly string[]> = { amy: ['g1'], bob: ['g2'], cai: ['g2'], lead: ['g1'] };
  const served: VisibilityOptions = { scope: 'served', groupsOf: (id) => groups[id] ?? [] };

  it('C1: by default staff with the customer-service-session permission see every customer (the manual\'s 全部客户); without it, none', () => {
    expect(ids(state, {}, staff('amy', 'agent', ['g1']))).toEqual(['kiyoumi', 'miyo', 'lucy', 'adu']);
    expect(ids(state, {}, staff('amy', 'agent', ['g1'], ['customer-service']))).toEqual([]);
  });

  it("C4's rule on request: an agent the customers it served, a team lead its groups', an admin all", () => {
    expect(ids(state, {}, staff('amy', 'agent', ['g1']), served)).toEqual(['lucy', 'adu']);
    expect(ids(state, {}, staff('cai', 'agent', ['g2']), served)).toEqual(['kiyoumi']);
    expect(ids(state, {}, staff('lead', 'team-lead', ['g1']), served)).toEqual(['lucy', 'adu']);
    expect(ids(state, {}, staff('lead2', 'team-lead', ['g2']), served)).toEqual(['kiyoumi', 'lucy']);
    expect(ids(state, {}, staff('boss', 'admin', ['g1']), served)).toEqual(['kiyoumi', 'miyo', 'lucy', 'adu']);
  });

  it('a customer sees itself only, and shops never mix', () => {
    expect(ids(state, {}, { kind: 'customer', id: 'lucy' })).toEqual(['lucy']);
    const other = project(customerDirectory, [registered('adu', T0, { name: 'other shop' })].map((e) => ({ ...e, metadata: { ...e.metadata, shopId: 'shop-x' } })), state);
    expect(customerRow(other, SHOP, 'adu', SYSTEM)?.name).toBe('杜琪');
    expect(customerRow(other, 'shop-x', 'adu', SYSTEM)?.name).toBe('other shop');
  });
});

describe('C2: the sessions of a customer', () => {
  it('C2: newest first, each with its channel, initiation, agent (接待客服), status and times; hidden from who may not see the customer', () => {
    const state = project(customerDirectory, [
      opened('s1', 'c', T0, 'web-mall'),
      assigned('s1', 'amy', T0 + 1),
      ended('s1', T0 + 100),
      opened('s2', 'c', T0 + 200, 'mini-program'),
      assigned('s2', 'amy', T0 + 201),
      transferred('s2', 'amy', 'bob', T0 + 202),
      joined('s2', 'cai', T0 + 203),
    ]);
    expect(serviceSessions(state, SHOP, 'c', SYSTEM)).toEqual([
      { sessionId: 's2', channel: 'mini-program', initiation: 'customer', status: 'assigned', startedAt: T0 + 200, agentId: 'bob', agents: ['amy', 'bob', 'cai'] },
      { sessionId: 's1', channel: 'web-mall', initiation: 'customer', status: 'ended', startedAt: T0, endedAt: T0 + 100, agentId: 'amy', agents: ['amy'] },
    ]);
    expect(serviceSessions(state, SHOP, 'c', { kind: 'customer', id: 'someone-else' })).toBeUndefined();
    expect(serviceSessions(state, SHOP, 'nobody', SYSTEM)).toBeUndefined();
    // An ended session leaves the index of open sessions: memory follows the open sessions, not the log.
    expect(state.open.get(SHOP)?.has('s1')).toBe(false);
    expect(state.open.get(SHOP)?.has('s2')).toBe(true);
  });
});
