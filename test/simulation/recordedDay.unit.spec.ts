/**
 * The recorded day round trip: a workload played by the simulator on an engine
 * whose log is kept, read back by recordedDay, gives the workload played (as far
 * as a desk log can tell) and, as what happened, exactly the simulator's own
 * result. Replaying the recorded day under the routing that was in force
 * reproduces the recorded waits; under another rule the arrivals stay and each
 * agent receives what that rule forces (R3 round robin against R2 least load).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import type { ProjectedEvent } from '../../src/projections/projection.js';
import { playWorkload } from '../../src/simulation/playWorkload.js';
import { recordedDay, type RecordedDay } from '../../src/simulation/recordedDay.js';
import { decodeForRecordedDay, recordedDayRegistry } from '../../src/simulation/recordedRegistry.js';
import { parseStrategy } from '../../src/simulation/strategies.js';
import { summarize } from '../../src/simulation/summarize.js';
import type { SessionOutcome, SimArrival, SimulationResult, Strategy, Workload } from '../../src/simulation/workload.js';

const SHOP = 'shop-rt';
const T0 = Date.UTC(2026, 11, 3, 1, 0, 0);
const MIN = 60_000;

const strategy = (name: string): Strategy => {
  const parsed = parseStrategy(name);
  if (E.isLeft(parsed)) throw new Error(parsed.left);
  return parsed.right;
};

const readDecoded = async (store: EventStore): Promise<ProjectedEvent[]> => {
  const decode = decodeForRecordedDay(recordedDayRegistry());
  const page = await store.readAll({ after: 0, maxCount: 1_000_000 });
  if (E.isLeft(page)) throw new Error('read failed');
  return page.right.flatMap((e) => {
    const d = decode(e);
    if (E.isLeft(d)) throw new Error(`did not decode: ${e.type}`);
    return d.right === undefined ? [] : [d.right];
  });
};

/** Plays the workload on a kept store and reads its log back as a recorded day of the same window. */
const playAndRecord = async (workload: Workload, played: Strategy): Promise<{ result: SimulationResult; day: RecordedDay }> => {
  const store = createInMemoryEventStore();
  const result = await playWorkload(workload, played, { store, seed: 7 });
  const day = recordedDay(await readDecoded(store), { shopId: workload.shopId, zone: workload.zone, from: workload.start, to: workload.end });
  await store.close();
  if (E.isLeft(day)) throw new Error(JSON.stringify(day.left));
  return { result, day: day.right };
};

/**
 * Three agents (one joins late, one takes a break), 40 customers two minutes
 * apart held 5 to 15 minutes: the queue builds, some impatient customers leave
 * it, some sessions are still held when the day ends.
 */
const busyDay = (): Workload => {
  const arrivals: SimArrival[] = Array.from({ length: 40 }, (_, i) => {
    const handleMs = (8 + ((i * 7) % 11)) * MIN;
    return {
      sessionId: `s${i}`,
      customerId: `c${i}`,
      at: T0 + 2 * MIN * i + 1_000,
      channel: i % 3 === 0 ? 'app' : 'web',
      ...(i % 4 === 0 ? { entryGroup: 'g1' } : {}),
      ...(i % 5 === 0 ? { vip: true } : {}),
      handleMs,
      followUps: [],
      // A desk log has no messages: a reply is recorded only through the outcome, so none comes before the end here.
      replyMs: handleMs + 1,
      ...(i % 3 === 1 ? { patienceMs: 3 * MIN } : {}),
    };
  });
  return {
    shopId: SHOP,
    zone: 'Asia/Shanghai',
    start: T0,
    end: T0 + 90 * MIN,
    groups: ['g1', 'g2'],
    agents: [
      { agentId: 'a1', groups: ['g1'], maxSessions: 2, capability: 3, shifts: [{ from: T0, to: T0 + 90 * MIN }] },
      { agentId: 'a2', groups: ['g1', 'g2'], maxSessions: 2, capability: 2, shifts: [{ from: T0, to: T0 + 30 * MIN }, { from: T0 + 45 * MIN, to: T0 + 90 * MIN }] },
      { agentId: 'a3', groups: ['g2'], maxSessions: 3, capability: 1, shifts: [{ from: T0 + 10 * MIN, to: T0 + 70 * MIN }] },
    ],
    arrivals,
    pins: [{ customerId: 'c5', agentId: 'a1' }],
  };
};

const withoutResponse = (s: SessionOutcome) => {
  const { firstResponseAt: _ignored, ...rest } = s;
  return rest;
};
const waits = (r: SimulationResult) => r.sessions.map((s) => [s.sessionId, s.fate, s.agentId, s.assignedAt === undefined ? null : s.assignedAt - s.arrivedAt]);

describe('a recorded day read back from a simulated log', () => {
  it('gives the workload played: the same arrivals, handling, patience of those who left, agents and shifts', async () => {
    const workload = busyDay();
    const { result, day } = await playAndRecord(workload, strategy('least-load'));
    const fates = new Map(result.sessions.map((s) => [s.sessionId, s.fate]));
    expect([...fates.values()].filter((f) => f === 'abandoned').length).toBeGreaterThan(0);
    expect([...fates.values()].filter((f) => f === 'open').length).toBeGreaterThan(0);

    const got = day.workload;
    expect([got.shopId, got.zone, got.start, got.end]).toEqual([workload.shopId, workload.zone, workload.start, workload.end]);
    expect(got.groups).toEqual(workload.groups);
    expect(got.agents).toEqual(workload.agents);
    expect(got.pins).toEqual(workload.pins);
    const identity = ({ sessionId, customerId, at, channel, entryGroup, vip }: SimArrival) => ({ sessionId, customerId, at, channel, entryGroup, vip });
    expect(got.arrivals.map(identity)).toEqual(workload.arrivals.map(identity));
    for (const [i, arrival] of got.arrivals.entries()) {
      const played = workload.arrivals[i] as SimArrival;
      const outcome = result.sessions[i] as SessionOutcome;
      // Handling is known for what ended within the day; what was held at the end is held to the end.
      if (outcome.fate === 'served') expect(arrival.handleMs).toBe(played.handleMs);
      if (outcome.fate === 'open' && outcome.assignedAt !== undefined) expect(arrival.handleMs).toBe(workload.end - outcome.assignedAt);
      // Patience is known for those who left: they left after exactly that wait.
      if (outcome.fate === 'abandoned') expect(arrival.patienceMs).toBe(played.patienceMs);
      else expect(arrival.patienceMs).toBeUndefined();
      expect(arrival.followUps).toEqual([]);
    }
  });

  it('gives, as what happened, the simulator\'s own result: every session\'s wait, agent and fate, the agents\' load and the queue', async () => {
    const { result, day } = await playAndRecord(busyDay(), strategy('round-robin'));
    expect(day.actual.sessions.map(withoutResponse)).toEqual(result.sessions.map(withoutResponse));
    expect(day.actual.queue).toEqual(result.queue);
    expect(day.actual.agents.map((a) => [a.agentId, a.onlineMs, a.received])).toEqual(result.agents.map((a) => [a.agentId, a.onlineMs, a.received]));
    for (const [i, a] of day.actual.agents.entries()) expect(a.loadMs).toBeCloseTo((result.agents[i] as { loadMs: number }).loadMs, 3);
    const recorded = summarize(day.actual);
    const simulated = summarize(result);
    expect({ ...recorded, strategy: '' }).toEqual({ ...simulated, strategy: '', utilisation: recorded.utilisation });
    expect(day.actual.strategy).toBe('recorded (round-robin)');
    expect(day.routing.atStart).toMatchObject({ baseMode: 'round-robin', stickyRecentContact: false });
  });

  it('replayed under the routing that was in force, reproduces the recorded waits, agents and fates', async () => {
    const { day } = await playAndRecord(busyDay(), strategy('least-load'));
    const again = await playWorkload(day.workload, { name: 'same', routing: day.routing.atStart }, { seed: 7 });
    expect(waits(again)).toEqual(waits(day.actual));
    expect(again.agents.map((a) => [a.agentId, a.received, a.onlineMs])).toEqual(day.actual.agents.map((a) => [a.agentId, a.received, a.onlineMs]));
    expect(again.queue).toEqual(day.actual.queue);
  });

  it('R2/R3: under another rule the arrivals stay and each agent receives what the rule forces', async () => {
    // One long session first, then short ones that each end before the next comes: least load sends
    // every short one to the agent without the long one; round robin alternates.
    const arrivals: SimArrival[] = Array.from({ length: 11 }, (_, i) => ({
      sessionId: `q${i}`,
      customerId: `k${i}`,
      at: T0 + MIN * (2 * i + 1),
      channel: 'web',
      handleMs: i === 0 ? 60 * MIN : MIN,
      followUps: [],
      replyMs: 10_000,
    }));
    const agents = ['b1', 'b2'].map((agentId) => ({ agentId, groups: [], maxSessions: 5, capability: 1, shifts: [{ from: T0, to: T0 + 60 * MIN }] }));
    const workload: Workload = { shopId: SHOP, zone: 'UTC', start: T0, end: T0 + 60 * MIN, groups: [], agents, arrivals, pins: [] };
    const { day } = await playAndRecord(workload, strategy('round-robin'));
    const recordedReceived = day.actual.agents.map((a) => a.received).sort((a, b) => a - b);
    expect(recordedReceived).toEqual([5, 6]);

    const whatIf = await playWorkload(day.workload, { name: 'least-load', routing: { ...day.routing.atStart, baseMode: 'least-load' } }, { seed: 7 });
    expect(whatIf.sessions.map((s) => [s.sessionId, s.arrivedAt])).toEqual(day.actual.sessions.map((s) => [s.sessionId, s.arrivedAt]));
    const longHolder = whatIf.sessions[0]?.agentId;
    const received = new Map(whatIf.agents.map((a) => [a.agentId, a.received]));
    expect(received.get(longHolder as string)).toBe(1);
    expect([...received.values()].sort((a, b) => a - b)).toEqual([1, 10]);
    expect(summarize(whatIf).gini).toBeGreaterThan(summarize(day.actual).gini as number);
  });
});
