/**
 * A module may read other streams as references (module.ts): the engine hands their
 * caught-up states to decide, locks only the command's own stream, and says clearly
 * when a referenced module is not registered.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { shopSettingsModule } from '../../src/domain/shopSettings/shopSettingsModule.js';
import type { Command } from '../../src/domain/command.js';
import type { DomainEvent } from '../../src/domain/decider.js';
import { defineModule } from '../../src/domain/module.js';
import { struct } from '../../src/domain/validation.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';

const change = (actor: unknown) => ({ type: 'ChangeShopSettings', shopId: 'shop-1', actor, data: { autoReplies: { welcome: 'hi' } } });

describe('references', () => {
  it('a module whose referenced module is not registered fails with a message naming both', async () => {
    const engine = createEngine({ store: createInMemoryEventStore(), clock: virtualClock(0), modules: [shopSettingsModule], random: seededRandom(1) });
    // An agent's change reads the desk (who is an admin); the system's reads nothing (permissions/who.ts).
    await expect(engine.dispatchUnknown(change({ kind: 'agent', id: 'a1' }))).rejects.toThrow(/shop-settings references stream routing-shop-1 of module desk/);
  });

  it('commands on the referenced stream and on the referring one, all at once, all succeed', async () => {
    const store = createInMemoryEventStore();
    const engine = createEngine({ store, clock: virtualClock(0), modules: [deskModule, shopSettingsModule], random: seededRandom(1) });
    const d = desk('shop-1');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? engine.dispatchUnknown(d.registerAgent({ agentId: `a${i}`, name: `A${i}`, maxSessions: 2 })) : engine.dispatchUnknown({ ...change({ kind: 'system' }), data: { autoReplies: { welcome: `hi ${i}` } } }))),
    );
    expect(results.every(E.isRight)).toBe(true);
  });

  it('two modules that read each other\'s streams never wait on each other (no lock is held across streams)', async () => {
    // ping reads pong's stream and pong reads ping's: a handler that kept its own lock while
    // loading the other stream would deadlock here, ping holding ping and waiting for pong.
    const side = (name: string, other: string, command: string, event: string) =>
      defineModule<number, Command<string, { n: number }>, DomainEvent<string, { n: number; seen: number }>>({
        name,
        commands: { [command]: struct(command, { n: t.number }) },
        events: { [event]: { schemaVersion: 1, codec: struct(event, { n: t.number, seen: t.number }) } },
        streamOf: (c) => `${name}-${c.meta.shopId}`,
        references: (c) => [{ module: other, stream: `${other}-${c.meta.shopId}` }],
        decider: {
          initialState: () => 0,
          decide: (c, _s, context) => E.right([{ type: event, data: { n: c.data.n, seen: (context.stateOf(`${other}-${c.meta.shopId}`) as number | undefined) ?? -1 } }]),
          evolve: (count) => count + 1,
        },
      });
    const engine = createEngine({
      store: createInMemoryEventStore(),
      clock: virtualClock(0),
      modules: [side('ping', 'pong', 'Ping', 'Pinged'), side('pong', 'ping', 'Pong', 'Ponged')],
      random: seededRandom(1),
    });
    const all = Promise.all(
      Array.from({ length: 40 }, (_, n) => engine.dispatch({ type: n % 2 === 0 ? 'Ping' : 'Pong', shopId: 'shop-1', actor: { kind: 'system' }, data: { n } })),
    );
    const outcome = await Promise.race([all, new Promise<'deadlock'>((resolve) => setTimeout(() => resolve('deadlock'), 2_000))]);
    expect(outcome).not.toBe('deadlock');
    const results = outcome as E.Either<unknown, { events: readonly { data: unknown }[] }>[];
    expect(results.every(E.isRight)).toBe(true);
    // Each side read the other as it stood: a count, never "not registered" (-1).
    for (const result of results) if (E.isRight(result)) expect((result.right.events[0]!.data as { seen: number }).seen).toBeGreaterThanOrEqual(0);
  });
  it('a reference with maxAgeMs is read again only when older than that (another engine\'s change seen late, this engine\'s at once)', async () => {
    // `reader` reads `source`'s stream with a staleness bound of 1 s; `source` counts its events.
    const source = defineModule<number, Command<string, { n: number }>, DomainEvent<string, { n: number }>>({
      name: 'source',
      commands: { Bump: struct('Bump', { n: t.number }) },
      events: { Bumped: { schemaVersion: 1, codec: struct('Bumped', { n: t.number }) } },
      streamOf: (c) => `source-${c.meta.shopId}`,
      decider: { initialState: () => 0, decide: (c) => E.right([{ type: 'Bumped', data: { n: c.data.n } }]), evolve: (count) => count + 1 },
    });
    const reader = defineModule<number, Command<string, { n: number }>, DomainEvent<string, { n: number; seen: number }>>({
      name: 'reader',
      commands: { Look: struct('Look', { n: t.number }) },
      events: { Looked: { schemaVersion: 1, codec: struct('Looked', { n: t.number, seen: t.number }) } },
      streamOf: (c) => `reader-${c.meta.shopId}`,
      references: (c) => [{ module: 'source', stream: `source-${c.meta.shopId}`, maxAgeMs: 1000 }],
      decider: {
        initialState: () => 0,
        decide: (c, _s, context) => E.right([{ type: 'Looked', data: { n: c.data.n, seen: (context.stateOf(`source-${c.meta.shopId}`) as number | undefined) ?? -1 } }]),
        evolve: (count) => count + 1,
      },
    });
    const store = createInMemoryEventStore();
    const clock = virtualClock(10_000);
    const other = createEngine({ store, clock, modules: [source, reader], random: seededRandom(1) });
    const here = createEngine({ store, clock, modules: [source, reader], random: seededRandom(2) });
    const bump = (n: number) => ({ type: 'Bump', shopId: 'shop-1', actor: { kind: 'system' }, data: { n } });
    const look = async (n: number) => {
      const done = await here.dispatch({ type: 'Look', shopId: 'shop-1', actor: { kind: 'system' }, data: { n } });
      if (E.isLeft(done)) throw new Error(JSON.stringify(done.left));
      return (done.right.events[0]?.data as { seen: number }).seen;
    };
    await other.dispatchUnknown(bump(1));
    expect(await look(1)).toBe(1);
    await other.dispatchUnknown(bump(2));
    await clock.advanceTo(10_500);
    expect(await look(2)).toBe(1); // caught up 500 ms ago: used as it was
    await clock.advanceTo(11_100);
    expect(await look(3)).toBe(2); // older than 1 s: read again
    await here.dispatchUnknown(bump(3));
    expect(await look(4)).toBe(3); // this engine's own write: seen at once
    await other.close();
    await here.close();
  });
});
