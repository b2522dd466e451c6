/**
 * explainAssignments: every assignment of a session in log order (first, dequeue,
 * transfer, re-assignment after a requeue), each with what the session went through
 * just before and, with `others`, why every other agent was not the one; its last
 * entry is what explainAssignment answers.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { explainAssignment, explainAssignments } from '../../src/projections/explainAssignment.js';
import type { ProjectedEvent } from '../../src/projections/projection.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';
import { readEverything, right } from '../conformance/fixtures.js';

const SHOP = 'shop-y';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('explainAssignments (R11, S5)', () => {
  it('explains each assignment of a session in order, with its wait and every other agent', async () => {
    const store = createInMemoryEventStore();
    const clock = virtualClock(T0);
    const engine = createEngine({ store, clock, modules: [deskModule] });
    const d = desk(SHOP);
    const ok = async (input: unknown) => {
      if (E.isLeft(await engine.dispatchUnknown(input))) throw new Error('refused');
      await clock.advanceBy(1_000);
    };
    await ok(d.configure({ baseMode: 'least-load', stickyRecentContact: false, whenAgentLeaves: 'requeue' }));
    for (const agentId of ['a1', 'a2', 'gone']) await ok(d.registerAgent({ agentId, name: agentId, maxSessions: 1 }));
    await ok(d.online('a1'));
    await ok(d.online('a2'));
    await ok(d.open({ sessionId: 'busy', customerId: 'c0', channel: 'app' })); // a1
    await ok(d.open({ sessionId: 'other', customerId: 'c1', channel: 'app' })); // a2
    await ok(d.open({ sessionId: 'q', customerId: 'c2', channel: 'app' })); // waits
    await ok(d.end({ sessionId: 'busy' })); // a1 dequeues q
    await ok(d.end({ sessionId: 'other' }));
    await ok(d.asAgent('a1').transfer({ sessionId: 'q', toAgentId: 'a2' }));
    await ok(d.offline('a2')); // requeued, to a1
    const log = (await readEverything(store)).map((e) => right(engine.registry.decodeRecorded(e)) as ProjectedEvent);
    const all = right(explainAssignments(log, 'q', { others: true, versus: 'gone' }));
    expect(all.map((e) => [e.ordinal, e.event, e.agentId, e.decision?.step, e.waited?.kind])).toEqual([
      [1, 'SessionAssigned', 'a1', 'dequeue', 'queued'],
      [2, 'SessionTransferred', 'a2', 'transfer', undefined],
      [3, 'SessionAssigned', 'a1', 'base-mode', 'requeued'],
    ]);
    expect(all[2]?.waited).toMatchObject({ from: 'a2', reason: 'agent-offline' });
    expect(all[2]?.others?.map((o) => [o.agentId, o.reason])).toEqual([
      ['a2', 'offline'],
      ['gone', 'offline'],
    ]);
    expect(all.every((e) => e.versus?.reason === 'not-named' || e.versus?.reason === 'offline')).toBe(true);
    const latest = right(explainAssignment(log, 'q', { versus: 'gone' }));
    const { ordinal: _o, waited: _w, others: _x, ...last } = all[2] as (typeof all)[number];
    expect(last).toEqual(latest);
    expect(E.isLeft(explainAssignments(log, 'never'))).toBe(true);
    await engine.close();
  });
});
