/**
 * Reactions and durable deadlines on the in-memory store and a virtual clock,
 * driven by engine.advanceTo (DESIGN principles 2, 10, 11).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryProjectionStateStore } from '../../src/adapters/projectionStateStore.js';
import { createEngine } from '../../src/engine.js';
import { pendingDeadlinesProjection } from '../../src/projections/pendingDeadlinesProjection.js';
import { pendingInOrder } from '../../src/projections/pendingDeadlines.js';
import { project, type ProjectedEvent } from '../../src/projections/projection.js';
import { reactionCommandId } from '../../src/projections/reactionPlan.js';
import { systemClock } from '../../src/runtime/systemClock.js';
import { counterModule } from '../../src/testing/counterModule.js';
import { followUpId, reminderModule, tallyStream } from '../../src/testing/reminderModule.js';
import { left, right } from '../conformance/fixtures.js';
import { checkLog, ok, onceEach, reminderInput, reminderRig, SHOP, T0 } from './support/reminderRig.js';

const set = (reminderId: string, at: number, chain?: number) => reminderInput('SetReminder', { reminderId, at, ...(chain === undefined ? {} : { chain }) });

describe('engine.advanceTo', () => {
  it('fires every deadline due up to t in time order, with the clock at each deadline, including the ones firing creates', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    await ok(engine.dispatchUnknown(set('r1', T0 + 3_000, 2)));
    await ok(engine.dispatchUnknown(set('r2', T0 + 2_000)));
    await ok(engine.dispatchUnknown(set('late', T0 + 60_000)));

    const summary = await ok(engine.advanceTo(T0 + 10_000));
    expect(summary).toEqual({ now: T0 + 10_000, fired: 4 });
    expect(rig.clock.now()).toBe(T0 + 10_000);
    const { events } = await checkLog(rig.store);
    const firings = events.filter((e) => e.type === 'ReminderFired').map((e) => e.data as { reminderId: string; at: number; firedAt: number });
    // The chain r1 -> r1.next -> r1.next.next is made by firing, one second apart.
    expect(firings.map((f) => f.reminderId)).toEqual(['r2', 'r1', followUpId('r1'), followUpId(followUpId('r1'))]);
    expect(firings.map((f) => f.firedAt - T0)).toEqual([2_000, 3_000, 4_000, 5_000]);
    expect(firings.every((f) => f.firedAt === f.at)).toBe(true);
    // What is not due yet is still pending, with its time.
    expect(engine.reactor.deadlines().map((d) => [d.key, d.at - T0])).toEqual([['reminder:late', 60_000]]);
    await engine.close();
  });

  it('stops at t: a deadline after it stays pending, one exactly at t fires', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    await ok(engine.dispatchUnknown(set('a', T0 + 1_000)));
    await ok(engine.dispatchUnknown(set('b', T0 + 1_001)));
    expect(await ok(engine.advanceTo(T0 + 1_000))).toEqual({ now: T0 + 1_000, fired: 1 });
    expect(engine.reactor.nextDeadline()?.key).toBe('reminder:b');
    expect(await ok(engine.advanceTo(T0 + 1_001))).toEqual({ now: T0 + 1_001, fired: 1 });
    expect(engine.reactor.deadlines()).toEqual([]);
    await engine.close();
  });

  it('carries an event to a command on another stream, as the system, with the event as causation and a derived command id', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    const setting = await ok(engine.dispatchUnknown({ ...set('r1', T0 + 500), correlationId: 'request-77' }));
    await ok(engine.advanceTo(T0 + 500));
    const { events } = await checkLog(rig.store);
    const fired = events.find((e) => e.type === 'ReminderFired')!;
    const counted = events.find((e) => e.type === 'FiringCounted')!;
    expect(counted.stream).toBe(tallyStream(SHOP));
    expect(counted.metadata).toMatchObject({
      actor: { kind: 'system' },
      correlationId: 'request-77',
      causationId: reactionCommandId('reminders', fired.metadata.eventId, 0),
    });
    // The firing's command id is the deadline's, derived from the event that set it.
    expect(fired.metadata.causationId).toMatch(/^dl-[0-9a-f]{32}$/);
    expect(engine.reactor.deadlines()).toEqual([]);
    expect(setting.events[0]!.metadata.correlationId).toBe('request-77');
    expect(fired.metadata.correlationId).toBe('request-77');
    await engine.close();
  });

  it('does nothing for a deadline cancelled before it is due', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    await ok(engine.dispatchUnknown(set('r1', T0 + 1_000)));
    await ok(engine.advanceTo(T0 + 500));
    await ok(engine.dispatchUnknown(reminderInput('CancelReminder', { reminderId: 'r1' })));
    expect(await ok(engine.advanceTo(T0 + 5_000))).toMatchObject({ fired: 0 });
    expect((await checkLog(rig.store)).fired.size).toBe(0);
    await engine.close();
  });

  it('refuses to run on the system clock, on a live reactor, and with a time that is not epoch milliseconds', async () => {
    const live = createEngine({ modules: [reminderModule], clock: systemClock() });
    expect(left(await live.advanceTo(Date.now()))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'clock' }] });
    await live.close();
    const rig = reminderRig();
    const engine = rig.engine();
    expect(left(await engine.advanceTo(Number.NaN))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'at' }] });
    expect(left(await engine.advanceTo(T0 + 0.5))).toMatchObject({ _tag: 'ValidationError', issues: [{ path: 'at' }] });
    await engine.close();
  });

  it('moves the clock on an engine whose modules have no reactions', async () => {
    const rig = reminderRig();
    const engine = createEngine({ modules: [counterModule], clock: rig.clock });
    expect(await ok(engine.advanceTo(T0 + 42))).toEqual({ now: T0 + 42, fired: 0 });
    await engine.close();
  });
});

describe('durable deadlines: any engine knows every deadline, and each has one effect', () => {
  it('a deadline set by an engine that died is fired by the next engine on the store', async () => {
    const rig = reminderRig();
    const first = rig.engine();
    await ok(first.dispatchUnknown(set('r1', T0 + 60_000)));
    // `first` is dropped without close(): nothing it held in memory survives.
    const second = rig.engine({ checkpoints: createInMemoryProjectionStateStore() });
    expect(await ok(second.advanceTo(T0 + 3_600_000))).toMatchObject({ fired: 1 });
    const check = await checkLog(rig.store);
    expect(check.fired.get('r1')?.map((e) => e.data)).toEqual([{ reminderId: 'r1', at: T0 + 60_000, firedAt: T0 + 60_000, chain: 0 }]);
    expect(onceEach(check)).toEqual([]);
    await second.close();
  });

  it('two engines advancing over one store fire each deadline and carry each reaction once', async () => {
    const rig = reminderRig();
    const a = rig.engine({ checkpoints: createInMemoryProjectionStateStore() });
    const b = rig.engine({ checkpoints: createInMemoryProjectionStateStore() });
    for (let i = 0; i < 20; i++) await ok((i % 2 === 0 ? a : b).dispatchUnknown(set(`r${i}`, T0 + 100 * ((i * 7) % 13), i % 3)));
    await Promise.all([a.advanceTo(T0 + 20_000), b.advanceTo(T0 + 20_000)].map(ok));
    await ok(a.advanceTo(T0 + 20_000));
    await ok(b.advanceTo(T0 + 20_000));
    const check = await checkLog(rig.store);
    expect(onceEach(check)).toEqual([]);
    // 20 reminders, plus their chains (i % 3 follow-ups each).
    expect(check.fired.size).toBe(20 + [...Array(20).keys()].reduce((n, i) => n + (i % 3), 0));
    await Promise.all([a.close(), b.close()]);
  });

  it('handling the log again from scratch (a lost checkpoint) appends nothing', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    for (let i = 0; i < 5; i++) await ok(engine.dispatchUnknown(set(`r${i}`, T0 + 1_000 * i, 1)));
    await ok(engine.advanceTo(T0 + 10_000));
    const before = (await checkLog(rig.store)).events.length;
    const again = rig.engine({ checkpoints: createInMemoryProjectionStateStore() });
    expect(await ok(again.advanceTo(T0 + 10_000))).toMatchObject({ fired: 0 });
    expect((await checkLog(rig.store)).events).toHaveLength(before);
    await Promise.all([engine.close(), again.close()]);
  });

  it('resumes from its saved checkpoint after a restart, with the pending deadlines it had', async () => {
    const rig = reminderRig();
    const checkpoints = createInMemoryProjectionStateStore();
    const first = rig.engine({ checkpoints });
    await ok(first.dispatchUnknown(set('soon', T0 + 1_000)));
    await ok(first.dispatchUnknown(set('later', T0 + 9_000)));
    await ok(first.advanceTo(T0 + 2_000));
    await first.close(); // saves the checkpoint
    const saved = right(await checkpoints.loadProjection('kefu-reactor'));
    expect(saved?.position).toBe((await checkLog(rig.store)).events.length);

    const second = rig.engine({ checkpoints });
    expect(await ok(second.advanceTo(T0 + 9_000))).toMatchObject({ fired: 1 });
    expect(onceEach(await checkLog(rig.store))).toEqual([]);
    await second.close();
  });

  it('the pending deadlines are a pure fold of the log: folding it gives what the reactor holds', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    for (let i = 0; i < 8; i++) await ok(engine.dispatchUnknown(set(`r${i}`, T0 + 700 * i, i % 2)));
    await ok(engine.dispatchUnknown(reminderInput('CancelReminder', { reminderId: 'r5' })));
    await ok(engine.advanceTo(T0 + 2_500));
    const { events } = await checkLog(rig.store);
    const projected = events.map((e) => right(engine.registry.decodeRecorded(e)) as ProjectedEvent);
    const folded = project(pendingDeadlinesProjection([reminderModule]), projected);
    expect(pendingInOrder(folded)).toEqual(engine.reactor.deadlines());
    // r5 was cancelled; r1 and r3 fired, and r3 (chain 1) set a follow-up a second after it.
    expect(engine.reactor.deadlines().map((d) => [d.key, d.at - T0])).toEqual([
      ['reminder:r4', 2_800],
      ['reminder:r3.next', 3_100],
      ['reminder:r6', 4_200],
      ['reminder:r7', 4_900],
    ]);
    await engine.close();
  });
});

describe('what the reactor cannot do at once', () => {
  it('keeps a deadline whose command failed on the store pending, and fires it once the store is back', async () => {
    const rig = reminderRig();
    let failing = 0;
    const flaky = {
      ...rig.store,
      append: async (...args: Parameters<typeof rig.store.append>) =>
        failing-- > 0 ? E.left({ _tag: 'StoreFailure' as const, operation: 'append', message: 'disk unplugged' }) : rig.store.append(...args),
    };
    const engine = reminderRig(flaky, rig.clock).engine();
    await ok(engine.dispatchUnknown(set('r1', T0 + 1_000)));
    failing = 1;
    expect(left(await engine.advanceTo(T0 + 5_000))).toMatchObject({ _tag: 'StoreFailure' });
    expect(engine.reactor.deadlines().map((d) => d.key)).toEqual(['reminder:r1']);
    expect(await ok(engine.advanceTo(T0 + 5_000))).toMatchObject({ fired: 1 });
    // The firing's reaction (the tally) went through as well.
    expect(onceEach(await checkLog(rig.store))).toEqual([]);
    await engine.close();
  });

  it('reports a refused reaction command and settles it instead of retrying it for ever', async () => {
    const rig = reminderRig();
    const engine = rig.engine();
    await ok(engine.dispatchUnknown(set('r2', T0 + 1_000, 1)));
    // r2's follow-up collides with a reminder already set at another time: its SetReminder is refused.
    await ok(engine.dispatchUnknown(set(followUpId('r2'), T0 + 99)));
    await ok(engine.dispatchUnknown(reminderInput('CancelReminder', { reminderId: followUpId('r2') })));
    await ok(engine.advanceTo(T0 + 5_000));
    const refused = rig.reports.filter((r) => r.kind === 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ input: { type: 'SetReminder', data: { reminderId: followUpId('r2') } }, error: { code: 'reminder.exists' } });
    expect(await ok(engine.advanceTo(T0 + 9_000))).toMatchObject({ fired: 0 });
    await engine.close();
  });
});

describe('the live reactor, on the system clock', () => {
  const waitUntil = async (condition: () => Promise<boolean>, ms = 5_000) => {
    const end = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it('fires a deadline when it is due and carries its reaction, with no advanceTo', async () => {
    const store = reminderRig().store;
    const engine = createEngine({ store, modules: [reminderModule] });
    const at = Date.now() + 150;
    await ok(engine.dispatchUnknown(set('r1', at)));
    await waitUntil(async () => (await checkLog(store)).counted.get('r1') === 1);
    const check = await checkLog(store);
    expect((check.fired.get('r1')![0]!.data as { firedAt: number }).firedAt).toBeGreaterThanOrEqual(at);
    expect(onceEach(check)).toEqual([]);
    await engine.close();
  });

  it('an engine started after another closed fires what that one left pending', async () => {
    const store = reminderRig().store;
    const checkpoints = createInMemoryProjectionStateStore();
    const first = createEngine({ store, modules: [reminderModule], reactor: { checkpoints } });
    await ok(first.dispatchUnknown(set('r1', Date.now() + 200)));
    await first.close();
    expect((await checkLog(store)).fired.size).toBe(0);
    const second = createEngine({ store, modules: [reminderModule], reactor: { checkpoints } });
    await waitUntil(async () => (await checkLog(store)).counted.get('r1') === 1);
    expect(onceEach(await checkLog(store))).toEqual([]);
    await second.close();
  });
});

describe('a module whose reaction misbehaves', () => {
  it('is reported with the event position, and the event\'s other reactions still happen', async () => {
    const shaky = {
      ...reminderModule,
      name: 'shaky',
      reactions: {
        ...reminderModule.reactions,
        ReminderCancelled: () => {
          throw new Error('boom');
        },
      },
    };
    const rig = reminderRig();
    const reports: unknown[] = [];
    const engine = createEngine({ store: rig.store, clock: rig.clock, modules: [shaky], onReactorReport: (r) => reports.push(r) });
    await ok(engine.dispatchUnknown(set('r1', T0 + 1_000)));
    const cancelled = await ok(engine.dispatchUnknown(reminderInput('CancelReminder', { reminderId: 'r1' })));
    await ok(engine.advanceTo(T0 + 2_000));
    expect(reports).toEqual([{ kind: 'reaction-problem', position: cancelled.events[0]!.globalPosition, module: 'shaky', reason: 'reaction to ReminderCancelled threw: boom' }]);
    // The cancel's reaction was lost, so the deadline fired; FireReminder found the reminder cancelled: no effect.
    expect((await checkLog(rig.store)).fired.size).toBe(0);
    await engine.close();
  });
});

describe('reactor settings', () => {
  it('refuses at wiring time settings that cannot work, naming them', () => {
    expect(() => createEngine({ modules: [reminderModule], reactor: { batchSize: 0 } })).toThrow(/reactor.batchSize must be an integer from 1/);
    expect(() => createEngine({ modules: [reminderModule], reactor: { mode: 'sometimes' as never } })).toThrow(/reactor.mode/);
    expect(() => createEngine({ modules: [reminderModule], reactor: { shopId: ' ' } })).toThrow(/reactor.shopId/);
  });
});
