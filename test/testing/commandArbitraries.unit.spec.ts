/**
 * kefu/testing's command arbitraries cover every command of every module kefu
 * exports: iterating the modules' own command lists, so a new command whose codec
 * the walker cannot derive fails here, naming the codec.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import * as kefu from '../../src/index.js';
import { createEngine, createRegistry, seededRandom, virtualClock, type AnyModule } from '../../src/index.js';
import { anyCommandArbitrary, commandArbitrary, commandTypesOf } from '../../src/testing/commandArbitraries.js';
import { GENERATED_T0 } from '../../src/testing/codecArbitrary.js';
import { KEFU_MODULES } from '../../src/kefuModules.js';

const isModule = (value: unknown): value is AnyModule =>
  typeof value === 'object' && value !== null && 'commands' in value && 'decider' in value && 'streamOf' in value;

/** Every module src/index.ts exports, found by shape so that a new module is covered without editing this test. */
const MODULES: readonly AnyModule[] = Object.values(kefu).filter(isModule);
const registry = createRegistry(MODULES);

describe('command arbitraries derived from the codecs', () => {
  it('cover the modules kefu exports', () => {
    expect(MODULES.map((m) => m.name).sort()).toEqual(expect.arrayContaining(['desk', 'conversation', 'shop-settings', 'ticket', 'ticket-settings', 'order', 'access']));
    expect(MODULES.length).toBeGreaterThanOrEqual(15);
  });

  it('KEFU_MODULES (what given() looks commands up in) lists every module kefu exports', () => {
    expect(KEFU_MODULES.map((m) => m.name).sort()).toEqual(MODULES.map((m) => m.name).sort());
  });

  for (const module of MODULES) {
    it(`give ${module.name} commands that decode as dispatch decodes them (every command type, 50 samples each)`, () => {
      for (const type of commandTypesOf(module)) {
        for (const input of fc.sample(commandArbitrary(module, type), { numRuns: 50, seed: 19 })) {
          const decoded = registry.decodeCommand(input);
          if (E.isLeft(decoded)) expect.fail(`${type}: ${JSON.stringify(input)} -> ${kefu.describeError(decoded.left)}`);
          expect(decoded.right.module.name).toBe(module.name);
        }
      }
    });
  }

  it('draw ids from the pools given, so commands meet on the same streams', () => {
    const desk = kefu.deskModule;
    const pools = { shops: ['tea'], agents: ['x1'], customers: ['k1'], sessions: ['z1'], groups: ['q1'] };
    for (const input of fc.sample(commandArbitrary(desk, 'OpenSession', { pools }), { numRuns: 30, seed: 3 })) {
      expect(input.shopId).toBe('tea');
      const data = input.data as { sessionId: string; customerId: string };
      expect([data.sessionId, data.customerId]).toEqual(['z1', 'k1']);
    }
  });

  it('give the system actor only when asked, and staff or customers where the rule allows (P1)', () => {
    const conversation = kefu.conversationModule;
    const kinds = new Set(fc.sample(commandArbitrary(conversation, 'SendCustomerMessage'), { numRuns: 80, seed: 5 }).map((i) => i.actor.kind));
    expect(kinds.has('customer')).toBe(true);
    const only = new Set(fc.sample(commandArbitrary(conversation, 'SendCustomerMessage', { actors: 'system' }), { numRuns: 30, seed: 5 }).map((i) => i.actor.kind));
    expect([...only]).toEqual(['system']);
  });

  it('never get a ValidationError on data from a real engine, for any command type: refusals are domain errors', async () => {
    const clock = virtualClock(GENERATED_T0);
    const engine = createEngine({ modules: MODULES, clock, random: seededRandom(19), reactor: { mode: 'manual' } });
    // Every type a few times first (so each is sent), then a mix, so later commands meet the streams earlier ones made.
    const perType = MODULES.flatMap((module) => commandTypesOf(module).flatMap((type) => fc.sample(commandArbitrary(module, type), { numRuns: 3, seed: 23 })));
    const mixed = fc.sample(anyCommandArbitrary(MODULES), { numRuns: 300, seed: 11 });
    const taken = new Set<string>();
    for (const input of [...perType, ...mixed]) {
      const result = await engine.dispatch(input);
      if (E.isRight(result)) taken.add(input.type);
      else if (result.left._tag === 'ValidationError') expect.fail(`${input.type}: ${JSON.stringify(input.data)} -> ${kefu.describeError(result.left)}`);
    }
    await engine.close();
    // Random commands are mostly refused (unknown agents, sessions not open), but many kinds are taken.
    expect(taken.size).toBeGreaterThan(20);
  }, 60_000);
});
