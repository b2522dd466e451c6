/**
 * recordedDay over a small day driven through a real engine by hand (desk and
 * conversation, virtual clock): the arrivals, handling, replies, patience,
 * shifts (busy taken out), the queue and what each agent held, read back exactly;
 * the simulator replaying it under the same routing gives back every session.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';
import { playWorkload } from '../../src/simulation/playWorkload.js';
import { recordedDay } from '../../src/simulation/recordedDay.js';
import { decodeForRecordedDay, RECORDED_DAY_MODULES, recordedDayRegistry } from '../../src/simulation/recordedRegistry.js';
import type { ProjectedEvent } from '../../src/projections/projection.js';
import type { EventStore } from '../../src/adapters/eventStore.js';

const SHOP = 'shop-w';
const T0 = Date.UTC(2026, 11, 3, 1, 0, 0);

const readDecoded = async (store: EventStore): Promise<ProjectedEvent[]> => {
  const decode = decodeForRecordedDay(recordedDayRegistry());
  const page = await store.readAll({ after: 0, maxCount: 100_000 });
  if (E.isLeft(page)) throw new Error('read failed');
  return page.right.flatMap((e) => {
    const d = decode(e);
    if (E.isLeft(d)) throw new Error(`did not decode: ${e.type}`);
    return d.right === undefined ? [] : [d.right];
  });
};

const driveDay = async () => {
  const clock = virtualClock(T0);
  const engine = createEngine({ modules: [...RECORDED_DAY_MODULES], clock, random: seededRandom(3), reactor: { mode: 'manual' } });
  const d = desk(SHOP);
  const at = async (offset: number) => {
    const moved = await engine.advanceTo(T0 + offset);
    if (E.isLeft(moved)) throw new Error('advance failed');
  };
  const ok = async (input: unknown) => {
    const r = await engine.dispatchUnknown(input);
    if (E.isLeft(r)) throw new Error(`refused: ${JSON.stringify(r.left)}`);
    await at(clock.now() - T0);
  };
  const customer = (sessionId: string, customerId: string, n: number) =>
    ok({ type: 'SendCustomerMessage', shopId: SHOP, actor: { kind: 'customer', id: customerId }, data: { sessionId, messageId: `${sessionId}-m${n}`, customerId, content: { kind: 'text', text: '你好' }, channel: 'web' } });
  const reply = (sessionId: string, agentId: string, n: number) =>
    ok({ type: 'SendAgentMessage', shopId: SHOP, actor: { kind: 'agent', id: agentId }, data: { sessionId, messageId: `${sessionId}-r${n}`, content: { kind: 'text', text: '您好' } } });

  await ok(d.configure({ baseMode: 'least-load', stickyRecentContact: false }));
  await ok(d.registerAgent({ agentId: 'a1', name: 'A1', maxSessions: 1 }));
  await ok(d.registerAgent({ agentId: 'a2', name: 'A2', maxSessions: 1 }));
  await ok(d.online('a1'));
  await ok(d.online('a2'));
  await at(1_000);
  await customer('s1', 'c1', 1);
  await at(2_000);
  await customer('s2', 'c2', 1);
  await at(3_000);
  await reply('s1', 'a1', 1);
  await at(5_000);
  await customer('s3', 'c3', 1);
  await at(10_000);
  await customer('s1', 'c1', 2);
  await at(20_000);
  await ok(d.end({ sessionId: 's3', reason: 'customer-left' }));
  await at(30_000);
  await ok(d.busy('a2'));
  await at(40_000);
  await ok(d.online('a2'));
  await at(50_000);
  await ok(d.end({ sessionId: 's2' }));
  await at(60_000);
  await ok(d.end({ sessionId: 's1' }));
  return engine;
};

describe('recordedDay over a day driven by hand', () => {
  it('reads back the arrivals, handling, replies, patience, shifts and what happened', async () => {
    const engine = await driveDay();
    const events = await readDecoded(engine.store);
    const day = recordedDay(events, { shopId: SHOP, from: T0, to: T0 + 100_000 });
    if (E.isLeft(day)) throw new Error(JSON.stringify(day.left));
    const { workload, actual, routing } = day.right;
    expect(routing.atStart.baseMode).toBe('least-load');
    expect(actual.strategy).toBe('recorded (least-load)');
    expect(workload.arrivals.map((a) => [a.sessionId, a.at - T0, a.customerId, a.channel])).toEqual([
      ['s1', 1_000, 'c1', 'web'],
      ['s2', 2_000, 'c2', 'web'],
      ['s3', 5_000, 'c3', 'web'],
    ]);
    const [s1, s2, s3] = workload.arrivals;
    expect(s1).toMatchObject({ handleMs: 59_000, followUps: [9_000], replyMs: 2_000 });
    expect(s1?.patienceMs).toBeUndefined();
    expect(s2).toMatchObject({ handleMs: 48_000, followUps: [], replyMs: 48_000 });
    expect(s3).toMatchObject({ patienceMs: 15_000, handleMs: 48_000 });
    expect(workload.agents).toEqual([
      { agentId: 'a1', groups: [], maxSessions: 1, capability: expect.any(Number), shifts: [{ from: T0, to: T0 + 100_000 }] },
      { agentId: 'a2', groups: [], maxSessions: 1, capability: expect.any(Number), shifts: [{ from: T0, to: T0 + 30_000 }, { from: T0 + 40_000, to: T0 + 100_000 }] },
    ]);
    expect(actual.sessions.map((s) => [s.sessionId, s.fate, s.agentId, (s.assignedAt ?? 0) - s.arrivedAt, s.firstResponseAt === undefined ? null : s.firstResponseAt - T0])).toEqual([
      ['s1', 'served', 'a1', 0, 3_000],
      ['s2', 'served', 'a2', 0, null],
      ['s3', 'abandoned', undefined, -T0 - 5_000, null],
    ]);
    expect(actual.queue.map((q) => [q.at - T0, q.length])).toEqual([
      [0, 0],
      [5_000, 1],
      [20_000, 0],
    ]);
    const a1 = actual.agents.find((a) => a.agentId === 'a1');
    const a2 = actual.agents.find((a) => a.agentId === 'a2');
    expect(a1).toEqual({ agentId: 'a1', onlineMs: 100_000, loadMs: 59_000, received: 1 });
    // Busy counts as online in the recorded figures (the agent was at work, keeping its session).
    expect(a2).toEqual({ agentId: 'a2', onlineMs: 100_000, loadMs: 48_000, received: 1 });
    expect(day.right.assumptions.join('\n')).toMatch(/busy/);
    await engine.close();
  });

  it('names the routing in force and says what changed during the day (routing, an agent\'s max)', async () => {
    const engine = await driveDay();
    await engine.advanceTo(T0 + 70_000);
    const d = desk(SHOP);
    for (const input of [d.configure({ baseMode: 'round-robin' }), d.setMax('a1', 4)]) {
      const r = await engine.dispatch(input);
      if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
    }
    const day = recordedDay(await readDecoded(engine.store), { shopId: SHOP, from: T0, to: T0 + 100_000 });
    if (E.isLeft(day)) throw new Error(JSON.stringify(day.left));
    expect(day.right.routing.changes.map((c) => c.settings.baseMode)).toEqual(['round-robin']);
    expect(day.right.actual.strategy).toBe('recorded (least-load, then round-robin)');
    expect(day.right.workload.agents.find((a) => a.agentId === 'a1')?.maxSessions).toBe(4);
    const text = day.right.assumptions.join('\n');
    expect(text).toMatch(/routing configuration changed 1 time/);
    expect(text).toMatch(/a1's settings changed during the day \(max sessions 1 -> 4\)/);
    await engine.close();
  });

  it('replayed under the routing that was in force, gives back every session as it went, first responses included', async () => {
    const engine = await driveDay();
    const day = recordedDay(await readDecoded(engine.store), { shopId: SHOP, from: T0, to: T0 + 100_000 });
    await engine.close();
    if (E.isLeft(day)) throw new Error(JSON.stringify(day.left));
    const again = await playWorkload(day.right.workload, { name: 'same', routing: day.right.routing.atStart }, { seed: 3 });
    expect(again.sessions).toEqual(day.right.actual.sessions);
    expect(again.agents.map((a) => [a.agentId, a.received, a.loadMs])).toEqual(day.right.actual.agents.map((a) => [a.agentId, a.received, a.loadMs]));
  });

  it('refuses a shop the log does not have', async () => {
    const engine = await driveDay();
    const day = recordedDay(await readDecoded(engine.store), { shopId: 'nobody' });
    expect(E.isLeft(day) && day.left.issues[0]?.path).toBe('shopId');
    await engine.close();
  });
});
