/**
 * The permission table test (P1-P3), shared by every module: for each command of a
 * module's policy table and each actor case, run a fixture through a real engine
 * (in-memory store) and check the outcome against the declared rule. A refusal is
 * a DomainError whose code starts with `actor.` and writes nothing; an allowed
 * command succeeds (a fixture whose command cannot succeed in some allowed case,
 * e.g. a deadline fired before its time, names the code it is refused with there:
 * `allowedButRefused`).
 *
 * The staff of every case: `a-admin` (admin, g1), `a-lead` (team lead of g1),
 * `a-own` (agent, g1), `a-other` (agent, g2), `a-noperm` (agent, g1, in a role
 * granting no named permission), all active, enabled and online. Customers `c-own`
 * (the owner of what the command touches) and `c-other`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/envelope.js';
import type { AnyModule } from '../../src/domain/module.js';
import type { CommandRule, PolicyTable } from '../../src/domain/permissions/policy.js';
import { createEngine } from '../../src/engine.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { desk } from '../../src/testing/deskInputs.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';

export const PERMISSION_SHOP = 'shop-perm';
export const PERMISSION_T0 = Date.UTC(2026, 11, 2, 2, 0, 0);

export const ACTOR_CASES = [
  'system',
  'customer-own',
  'customer-other',
  'admin',
  'team-lead-own',
  'team-lead-group',
  'team-lead-other',
  'agent-own',
  'agent-other',
  'agent-without-permission',
] as const;
export type ActorCase = (typeof ACTOR_CASES)[number];

/** What a fixture builds its commands from: who acts, and whose thing the command touches. */
export interface CaseContext {
  readonly shopId: string;
  readonly actor: Actor;
  /** The agent who owns what the command touches (its session, its phrase, itself). */
  readonly owner: string;
  /** The customer who owns it (its session, its feedback). */
  readonly customerId: string;
  /** The case, for a fixture whose setup differs by case. */
  readonly actorCase: ActorCase;
}

export interface CommandInputLike {
  readonly type: string;
  readonly shopId: string;
  readonly actor: Actor;
  readonly data: unknown;
  /** For a setup whose later command names it (a transfer's request id is its command's id). */
  readonly commandId?: string;
}

export interface PermissionFixture {
  /** Commands sent first (each must succeed), e.g. a session of `owner` to act on. */
  readonly setup?: (c: CaseContext) => readonly CommandInputLike[];
  readonly command: (c: CaseContext) => CommandInputLike;
  /** Allowed cases refused for a reason of the command's own, with the (non-`actor.`) code they get. */
  readonly allowedButRefused?: Partial<Record<ActorCase, string>>;
}

const agentOf = (id: string): Actor => ({ kind: 'agent', id });

/** Who acts and whose thing it is, per case. */
export const caseContext = (actorCase: ActorCase): CaseContext => {
  const base = { shopId: PERMISSION_SHOP, actorCase, customerId: 'c-own' };
  switch (actorCase) {
    case 'system':
      return { ...base, actor: { kind: 'system' }, owner: 'a-other' };
    case 'customer-own':
      return { ...base, actor: { kind: 'customer', id: 'c-own' }, owner: 'a-own' };
    case 'customer-other':
      return { ...base, actor: { kind: 'customer', id: 'c-other' }, owner: 'a-own' };
    case 'admin':
      return { ...base, actor: agentOf('a-admin'), owner: 'a-other' };
    case 'team-lead-own':
      return { ...base, actor: agentOf('a-lead'), owner: 'a-lead' };
    case 'team-lead-group':
      return { ...base, actor: agentOf('a-lead'), owner: 'a-own' };
    case 'team-lead-other':
      return { ...base, actor: agentOf('a-lead'), owner: 'a-other' };
    case 'agent-own':
      return { ...base, actor: agentOf('a-own'), owner: 'a-own' };
    case 'agent-other':
      return { ...base, actor: agentOf('a-own'), owner: 'a-other' };
    case 'agent-without-permission':
      return { ...base, actor: agentOf('a-noperm'), owner: 'a-noperm' };
  }
};

/** What the declared rule says of a case: an independent reading of the table, not a call to `authorize`. */
export const expectedOutcome = (rule: CommandRule, actorCase: ActorCase): 'allowed' | 'refused' => {
  const reach = (r: CommandRule['agent'], relation: 'own' | 'own-group' | 'other') =>
    r === 'all' ? true : r === 'own-groups' ? relation !== 'other' : r === 'own' ? relation === 'own' : false;
  const yes = (b: boolean) => (b ? 'allowed' : 'refused');
  switch (actorCase) {
    case 'system':
      return 'allowed';
    case 'customer-own':
      return yes(rule.systemOnly !== true && rule.customer === 'own');
    case 'customer-other':
      return 'refused';
    case 'admin':
      return yes(rule.systemOnly !== true && reach(rule.admin, 'other'));
    case 'team-lead-own':
      return yes(rule.systemOnly !== true && reach(rule['team-lead'], 'own'));
    case 'team-lead-group':
      return yes(rule.systemOnly !== true && reach(rule['team-lead'], 'own-group'));
    case 'team-lead-other':
      return yes(rule.systemOnly !== true && reach(rule['team-lead'], 'other'));
    case 'agent-own':
      return yes(rule.systemOnly !== true && reach(rule.agent, 'own'));
    case 'agent-other':
      return yes(rule.systemOnly !== true && reach(rule.agent, 'other'));
    case 'agent-without-permission':
      return yes(rule.systemOnly !== true && rule.needs === undefined && reach(rule.agent, 'own'));
  }
};

/** The staff of every case, and the role without permissions for `a-noperm` (when the access module is registered). */
export const staffSetup = (modules: readonly AnyModule[]): CommandInputLike[] => {
  const d = desk(PERMISSION_SHOP);
  const agents: readonly [string, 'admin' | 'team-lead' | 'agent', string][] = [
    ['a-admin', 'admin', 'g1'],
    ['a-lead', 'team-lead', 'g1'],
    ['a-own', 'agent', 'g1'],
    ['a-other', 'agent', 'g2'],
    ['a-noperm', 'agent', 'g1'],
  ];
  const inputs: CommandInputLike[] = [d.createGroup({ groupId: 'g1', name: 'G1' }), d.createGroup({ groupId: 'g2', name: 'G2' })];
  for (const [agentId, role, group] of agents) {
    inputs.push(d.registerAgent({ agentId, name: agentId, maxSessions: 5, role, groups: [group] }), d.online(agentId));
  }
  if (modules.some((m) => m.name === 'access')) {
    const system: Actor = { kind: 'system' };
    inputs.push(
      { type: 'DefineRole', shopId: PERMISSION_SHOP, actor: system, data: { roleId: 'no-permissions', name: 'no permissions', permissions: [], brands: 'all' } },
      { type: 'SetAgentRoles', shopId: PERMISSION_SHOP, actor: system, data: { agentId: 'a-noperm', roleIds: ['no-permissions'] } },
    );
  }
  return inputs;
};

export interface PermissionSuite<T extends string> {
  /** Every module the commands need (the desk is added when missing). */
  readonly modules: readonly AnyModule[];
  readonly table: PolicyTable<T>;
  readonly fixtures: { readonly [K in T]: PermissionFixture };
  /** Cases a module cannot express for a command, with why (e.g. a command whose target has no owner). */
  readonly skip?: Partial<Record<T, readonly ActorCase[]>>;
}

const describeInput = (i: CommandInputLike) => `${i.type} as ${i.actor.kind}${i.actor.kind === 'system' ? '' : ` ${i.actor.id}`}`;

/** The table as tests: one test per command, every actor case in it. */
export const permissionTableSuite = <T extends string>(name: string, suite: PermissionSuite<T>): void => {
  const modules = suite.modules.some((m) => m.name === 'desk') ? suite.modules : [deskModule, ...suite.modules];
  describe(`${name}: the permission table (P1-P3), every command x every actor`, () => {
    for (const commandType of Object.keys(suite.table) as T[]) {
      it(`${commandType}`, async () => {
        const rule = suite.table[commandType];
        const fixture = suite.fixtures[commandType];
        expect(fixture, `no permission fixture for ${commandType}`).toBeDefined();
        for (const actorCase of ACTOR_CASES) {
          if (suite.skip?.[commandType]?.includes(actorCase) === true) continue;
          const store = createInMemoryEventStore();
          const engine = createEngine({ store, modules, clock: virtualClock(PERMISSION_T0), random: seededRandom(7) });
          const eventCount = async () => {
            const all = await store.readAll({ maxCount: 1_000_000 });
            return E.isRight(all) ? all.right.length : -1;
          };
          try {
            const c = caseContext(actorCase);
            for (const input of [...staffSetup(modules), ...(fixture.setup?.(c) ?? [])]) {
              const done = await engine.dispatch(input);
              if (E.isLeft(done)) throw new Error(`setup ${describeInput(input)} failed in case ${actorCase}: ${JSON.stringify(done.left)}`);
            }
            const countBefore = await eventCount();
            const command = fixture.command(c);
            const result = await engine.dispatch(command);
            const expected = expectedOutcome(rule, actorCase);
            const label = `${commandType} in case ${actorCase}`;
            if (expected === 'refused') {
              expect(E.isLeft(result), `${label}: expected a refusal`).toBe(true);
              if (E.isLeft(result)) {
                expect(result.left._tag, label).toBe('DomainError');
                expect(result.left._tag === 'DomainError' ? result.left.code : '', label).toMatch(/^actor\./);
              }
              expect(await eventCount(), `${label}: nothing written`).toBe(countBefore);
            } else {
              const code = E.isLeft(result) ? (result.left._tag === 'DomainError' ? result.left.code : result.left._tag) : undefined;
              expect(code ?? '', `${label}: expected to be allowed, got ${E.isLeft(result) ? JSON.stringify(result.left) : ''}`).not.toMatch(/^actor\./);
              expect(code, `${label}: allowed, so it should succeed (or name its code in allowedButRefused): ${E.isLeft(result) ? JSON.stringify(result.left) : ''}`).toBe(
                fixture.allowedButRefused?.[actorCase],
              );
            }
          } finally {
            await engine.close();
          }
        }
      });
    }
  });
};
