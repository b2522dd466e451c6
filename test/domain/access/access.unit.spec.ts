/**
 * The access module (P1/P3): the role editor's roles (named permissions, brands)
 * and their members, what an agent is granted, and how the other modules read it
 * (only for an agent's command). Bad input and refusals are typed errors naming
 * the field, and write nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import { ACCESS_ERROR_CODES } from '../../../src/domain/access/accessDecide.js';
import { accessModule } from '../../../src/domain/access/accessModule.js';
import { accessStream, DEFAULT_GRANTS, grantsOf, type AccessState } from '../../../src/domain/access/accessState.js';
import type { Command } from '../../../src/domain/command.js';
import { conversationModule } from '../../../src/domain/conversation/conversationModule.js';
import { deskModule } from '../../../src/domain/desk/deskModule.js';
import type { Actor } from '../../../src/domain/envelope.js';
import type { DomainError, ValidationError } from '../../../src/domain/errors.js';
import { handlesBrand, NAMED_PERMISSIONS, requireBrand, type Who } from '../../../src/domain/permissions/policy.js';
import { createEngine } from '../../../src/engine.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock } from '../../../src/runtime/virtualClock.js';
import { defaultMeta } from '../../../src/testing/commands.js';
import { desk } from '../../../src/testing/deskInputs.js';

const SHOP = 'shop-a';
const T0 = Date.UTC(2026, 11, 3, 2, 0, 0);
const d = desk(SHOP);
const system: Actor = { kind: 'system' };
const agent = (id: string): Actor => ({ kind: 'agent', id });
const access = (type: string, data: unknown, actor: Actor = system) => ({ type, shopId: SHOP, actor, data });
const role = (roleId: string, permissions: readonly string[], brands: 'all' | readonly string[] = 'all', actor: Actor = system) =>
  access('DefineRole', { roleId, name: roleId, permissions, brands }, actor);

const setUp = async () => {
  const store = createInMemoryEventStore();
  const engine = createEngine({ store, clock: virtualClock(T0), modules: [deskModule, accessModule], random: seededRandom(3) });
  const count = async () => (await store.readAll({ maxCount: 1_000_000 }).then((r) => (E.isRight(r) ? r.right.length : -1)));
  const ok = async (input: unknown) => {
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    return result.right.events.map((e) => ({ type: e.type, data: e.data }));
  };
  const refused = async (input: unknown) => {
    const before = await count();
    const result = await engine.dispatchUnknown(input);
    if (E.isRight(result)) throw new Error(`expected a refusal, got ${JSON.stringify(result.right.events)}`);
    expect(await count(), 'nothing written on a refusal').toBe(before);
    return result.left;
  };
  const state = async () => {
    const loaded = await engine.load(accessModule, accessStream(SHOP));
    if (E.isLeft(loaded)) throw new Error(JSON.stringify(loaded.left));
    return loaded.right.state as AccessState;
  };
  await ok(d.createGroup({ groupId: 'g1', name: 'G1' }));
  await ok(d.registerAgent({ agentId: 'boss', name: 'Boss', maxSessions: 5, role: 'admin' }));
  await ok(d.registerAgent({ agentId: 'lead', name: 'Lead', maxSessions: 5, role: 'team-lead', groups: ['g1'] }));
  await ok(d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 5, groups: ['g1'] }));
  return { engine, ok, refused, state, store };
};

const code = (e: unknown) => (e as DomainError).code;

describe('P1: roles grant the named permissions (客服权限, 客服会话权限, 客服配置权限)', () => {
  it('P1 step 8: an agent never given a role holds the three customer-service permissions and every brand', async () => {
    const { ok, state } = await setUp();
    await ok(d.asAgent('a1').online('a1'));
    expect(grantsOf(await state(), 'a1')).toEqual(DEFAULT_GRANTS);
    expect([...DEFAULT_GRANTS.permissions].sort()).toEqual([...NAMED_PERMISSIONS].sort());
  });

  it('P1: an agent whose roles lack customer-service cannot go online (actor.missing-permission), and can once a role grants it', async () => {
    const { ok, refused } = await setUp();
    await ok(role('records', ['customer-service-session']));
    await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['records'] }));
    expect(await refused(d.asAgent('a1').online('a1'))).toMatchObject({ code: 'actor.missing-permission', details: { permission: 'customer-service', field: 'actor' } });
    await ok(role('service', ['customer-service']));
    await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['records', 'service'] }));
    expect((await ok(d.asAgent('a1').online('a1'))).map((e) => e.type)).toEqual(['AgentStatusChanged']);
  });

  it('P2: the configuration permission does not make a team lead an admin; an admin without it cannot change settings', async () => {
    const { ok, refused } = await setUp();
    await ok(role('config', ['customer-service', 'customer-service-configuration']));
    await ok(role('plain', ['customer-service']));
    await ok(access('SetAgentRoles', { agentId: 'lead', roleIds: ['config'] }));
    await ok(access('SetAgentRoles', { agentId: 'boss', roleIds: ['plain'] }));
    expect(code(await refused(d.asAgent('lead').configure({ baseMode: 'random' })))).toBe('actor.not-allowed');
    expect(code(await refused(d.asAgent('boss').configure({ baseMode: 'random' })))).toBe('actor.missing-permission');
    await ok(access('SetAgentRoles', { agentId: 'boss', roleIds: ['config'] }));
    await ok(d.asAgent('boss').configure({ baseMode: 'random' }));
  });

  it('P1: an admin manages roles whatever its own roles grant (it cannot lock the shop out); nobody else does', async () => {
    const { ok, refused } = await setUp();
    await ok(role('nothing', []));
    await ok(access('SetAgentRoles', { agentId: 'boss', roleIds: ['nothing'] }));
    await ok(role('r2', ['customer-service'], 'all', agent('boss')));
    expect(code(await refused(role('r3', [], 'all', agent('lead'))))).toBe('actor.not-allowed');
    expect(code(await refused(role('r3', [], 'all', agent('a1'))))).toBe('actor.not-allowed');
    expect(code(await refused(role('r3', [], 'all', { kind: 'customer', id: 'c1' })))).toBe('actor.not-allowed');
    expect(code(await refused(role('r3', [], 'all', agent('ghost'))))).toBe('actor.unknown');
  });
});

describe('the role editor: define, remove, members', () => {
  it('DefineRole defines and redefines a role whole; the same definition again is a no-op; repeats in a list count once', async () => {
    const { ok, state } = await setUp();
    expect(await ok(access('DefineRole', { roleId: 'cs', name: '客服权限', description: '店铺客服权限', permissions: ['customer-service', 'customer-service'], brands: ['siemens', 'siemens', 'sanyo'] }))).toEqual([
      { type: 'RoleDefined', data: { roleId: 'cs', name: '客服权限', description: '店铺客服权限', permissions: ['customer-service'], brands: ['siemens', 'sanyo'], at: T0 } },
    ]);
    expect(await ok(access('DefineRole', { roleId: 'cs', name: '客服权限', description: '店铺客服权限', permissions: ['customer-service'], brands: ['siemens', 'sanyo'] }))).toEqual([]);
    await ok(access('DefineRole', { roleId: 'cs', name: '客服权限', permissions: ['customer-service-session'], brands: 'all' }));
    expect((await state()).roles.cs).toEqual({ roleId: 'cs', name: '客服权限', permissions: ['customer-service-session'], brands: 'all' });
  });

  it('RemoveRole: its members lose it; an agent left with no role has no named permission (removing a role never grants the defaults)', async () => {
    const { ok, refused, state } = await setUp();
    await ok(role('cs', ['customer-service']));
    await ok(role('records', ['customer-service-session']));
    await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['cs', 'records'] }));
    await ok(access('SetAgentRoles', { agentId: 'lead', roleIds: ['cs'] }));
    await ok(access('RemoveRole', { roleId: 'cs' }));
    const s = await state();
    expect(s.members).toEqual({ a1: ['records'], lead: [] });
    expect([...grantsOf(s, 'a1').permissions]).toEqual(['customer-service-session']);
    expect(grantsOf(s, 'lead').permissions.size).toBe(0);
    expect(code(await refused(d.asAgent('lead').online('lead')))).toBe('actor.missing-permission');
    expect(await refused(access('RemoveRole', { roleId: 'cs' }))).toMatchObject({ code: 'access.role-unknown', details: { field: 'data.roleId' } });
  });

  it('SetAgentRoles: an unknown role is named by its place in the list, an agent not of the desk by data.agentId; the same roles again are a no-op', async () => {
    const { ok, refused } = await setUp();
    await ok(role('cs', ['customer-service']));
    expect(await refused(access('SetAgentRoles', { agentId: 'a1', roleIds: ['cs', 'nope'] }))).toMatchObject({ code: 'access.role-unknown', details: { field: 'data.roleIds[1]' } });
    expect(await refused(access('SetAgentRoles', { agentId: 'ghost', roleIds: ['cs'] }))).toMatchObject({ code: 'agent.unknown', details: { field: 'data.agentId' } });
    expect(await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['cs', 'cs'] }))).toEqual([{ type: 'AgentRolesSet', data: { agentId: 'a1', roleIds: ['cs'], at: T0 } }]);
    expect(await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['cs'] }))).toEqual([]);
  });

  it('bad input is a ValidationError naming the field, and nothing is written', async () => {
    const { refused } = await setUp();
    const paths = async (input: unknown) => ((await refused(input)) as ValidationError).issues.map((i) => i.path);
    expect(await paths(role('cs', ['customer-service', 'everything']))).toEqual(['data.permissions.1']);
    expect(await paths(access('DefineRole', { roleId: 'cs', name: 'x', permissions: [], brands: 'some' }))).toEqual(['data.brands']);
    expect(await paths(access('DefineRole', { roleId: 'cs', name: 'x', permissions: [], brands: ['ok', 'not ok'] }))).toEqual(['data.brands.1']);
    expect(await paths(access('DefineRole', { roleId: 'c s', name: ' ', permissions: [], brands: 'all' }))).toEqual(['data.roleId', 'data.name']);
    expect(await paths(access('DefineRole', { roleId: 'cs', permissions: [], brands: 'all', colour: 'red' }))).toEqual(['data.colour', 'data.name']);
    expect(await paths(access('SetAgentRoles', { agentId: 'a1', roleIds: Array.from({ length: 51 }, (_, i) => `r${i}`) }))).toEqual(['data.roleIds']);
    expect(await paths(access('RemoveRole', {}))).toEqual(['data.roleId']);
  });

  it('every error code is in the catalogue', async () => {
    const { ok, refused } = await setUp();
    await ok(role('cs', []));
    const seen = new Set<string>();
    for (const input of [
      role('r', [], 'all', agent('a1')),
      role('r', [], 'all', agent('ghost')),
      access('RemoveRole', { roleId: 'nope' }),
      access('SetAgentRoles', { agentId: 'ghost', roleIds: [] }),
    ]) seen.add(code(await refused(input)));
    for (const c of seen) expect(ACCESS_ERROR_CODES).toContain(c);
  });
});

describe('P3: brand permissions (品牌权限): which brands a role handles', () => {
  const staff = (brands: 'all' | ReadonlySet<string>): Who => ({ kind: 'staff', id: 'a1', role: 'agent', groups: [], permissions: new Set(), brands });

  it('P3: an agent handles the brands of all its roles together; a role with every brand makes it every brand', async () => {
    const { ok, state } = await setUp();
    await ok(role('siemens', ['customer-service'], ['siemens']));
    await ok(role('sanyo', [], ['sanyo', 'whirlpool']));
    await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['siemens', 'sanyo'] }));
    const brands = grantsOf(await state(), 'a1').brands;
    expect(brands === 'all' ? 'all' : [...brands].sort()).toEqual(['sanyo', 'siemens', 'whirlpool']);
    await ok(role('everything', [], 'all'));
    await ok(access('SetAgentRoles', { agentId: 'a1', roleIds: ['siemens', 'everything'] }));
    expect(grantsOf(await state(), 'a1').brands).toBe('all');
  });

  it('P3: requireBrand refuses a brand outside the roles with actor.brand-not-allowed naming data.brandId; the system and customers are not limited', () => {
    expect(handlesBrand(staff(new Set(['siemens'])), 'siemens')).toBe(true);
    expect(requireBrand(staff(new Set(['siemens'])), 'sanyo')).toMatchObject({ _tag: 'Left', left: { code: 'actor.brand-not-allowed', details: { field: 'data.brandId', brandId: 'sanyo' } } });
    expect(handlesBrand(staff('all'), 'anything')).toBe(true);
    expect(handlesBrand({ kind: 'system' }, 'sanyo')).toBe(true);
    expect(handlesBrand({ kind: 'customer', id: 'c1' }, 'sanyo')).toBe(true);
  });
});

describe('who reads the roles: only a command an agent sends', () => {
  const commandAs = (type: string, actor: Actor, data: unknown) => ({ type, data, meta: { ...defaultMeta, shopId: SHOP, actor } }) as Command as never;

  it('the desk reads the access stream for an agent, nothing for the system or a customer (the routing traffic)', () => {
    const refs = (actor: Actor) => deskModule.references?.(commandAs('EndSession', actor, { sessionId: 's1' })).map((r) => r.stream);
    expect(refs(agent('a1'))).toEqual([accessStream(SHOP)]);
    expect(refs(system)).toEqual([]);
    expect(refs({ kind: 'customer', id: 'c1' })).toEqual([]);
  });

  it("the conversation reads the desk and the roles for an agent's message, neither for a customer's", () => {
    const refs = (actor: Actor, type: string) =>
      conversationModule.references?.(commandAs(type, actor, { sessionId: 's1', messageId: 'm1', content: { kind: 'text', text: 'x' }, customerId: 'c1' })).map((r) => r.stream) ?? [];
    expect(refs(agent('a1'), 'SendAgentMessage')).toEqual(expect.arrayContaining([`routing-${SHOP}`, accessStream(SHOP)]));
    expect(refs({ kind: 'customer', id: 'c1' }, 'SendCustomerMessage')).not.toContain(`routing-${SHOP}`);
    expect(refs({ kind: 'customer', id: 'c1' }, 'SendCustomerMessage')).not.toContain(accessStream(SHOP));
  });
});
