/**
 * `kefu explain` on a log driven through a real engine (desk on a virtual clock,
 * written to NDJSON): least load, round robin, a queue dequeue, a transfer and a
 * requeue; the words name the deciding rule, each runner-up and each agent left out.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { writeNdjsonLog } from '../../src/adapters/ndjsonLog.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { seededRandom } from '../../src/runtime/seededRandom.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';
import { cliIn } from '../support/runCliInProcess.js';

const SHOP = 'shop-x';
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
let dir = '';

const run = cliIn(() => dir);

/** a1, a2 (max 2) online; `b` busy; `off` offline. s0, s1 by least load; s2, s3 by round robin; q queues, is dequeued, transferred, requeued. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-explain-'));
  const store = createInMemoryEventStore();
  const clock = virtualClock(T0);
  const engine = createEngine({ store, clock, random: seededRandom(3), modules: [deskModule] });
  const d = desk(SHOP);
  const ok = async (input: unknown) => {
    const result = await engine.dispatchUnknown(input);
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    await clock.advanceBy(1_000);
  };
  await ok(d.configure({ baseMode: 'least-load', stickyRecentContact: false, whenAgentLeaves: 'requeue' }));
  for (const agentId of ['a1', 'a2', 'b', 'off']) {
    await ok(d.registerAgent({ agentId, name: agentId, maxSessions: 2 }));
    if (agentId !== 'off') await ok(d.online(agentId));
  }
  await ok(d.busy('b'));
  await ok(d.open({ sessionId: 's0', customerId: 'c0', channel: 'app' })); // a1: all idle, a tie broken by id
  await ok(d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' })); // a2: a1 holds one
  await ok(d.configure({ baseMode: 'round-robin', stickyRecentContact: false, whenAgentLeaves: 'requeue' }));
  await ok(d.open({ sessionId: 's2', customerId: 'c2', channel: 'app' })); // a1: idle longest
  await ok(d.open({ sessionId: 's3', customerId: 'c3', channel: 'app' })); // a2: a1 at max
  await ok(d.open({ sessionId: 'q', customerId: 'c4', channel: 'app' })); // waits: both at max
  await clock.advanceBy(30_000);
  await ok(d.end({ sessionId: 's0' })); // a1 takes q from the queue
  await ok(d.end({ sessionId: 's1' }));
  await ok(d.asAgent('a1').transfer({ sessionId: 'q', toAgentId: 'a2' })); // q to a2
  await ok(d.end({ sessionId: 's2' }));
  await ok(d.offline('a2')); // requeue: q back to routing, to a1
  const written = await writeNdjsonLog(store, join(dir, 'desk.ndjson'));
  if (E.isLeft(written)) throw new Error('export failed');
  await engine.close();
});

describe('kefu explain (S5, R11, R1-R3)', () => {
  it('least load: names the rule and tie rule, the runner-up with its standing, and the busy and offline agents', async () => {
    const { code, out, err } = await run('explain', 's1', '--source', 'desk.ndjson', '--shop', SHOP);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('s1, assignment 1 of 1 (SessionAssigned');
    expect(out).toContain('s1 went to a2, picked by least-load among every agent who could take it.');
    expect(out).toContain('runner-up #1 a1: a1 was runner-up #1: its load 1/2 was higher than 0/2.');
    expect(out).toMatch(/ {4}b: b was busy \(it keeps its sessions but takes no new ones\)/);
    expect(out).toMatch(/ {4}off: off was offline/);
    expect(out).toContain('in the shop, 2 could take it (1 offline, 1 busy)');
  });

  it('least load with all idle: a tie broken by agent id', async () => {
    const { out } = await run('explain', 's0', '--source', 'desk.ndjson', '--shop', SHOP);
    expect(out).toContain('s0 went to a1, picked by least-load');
    expect(out).toContain('a tie, broken by agent id');
    expect(out).toContain('runner-up #1 a2: a2 was runner-up #1: a tie, broken by agent id.');
  });

  it('round robin: the agent idle longest, the runner-up given a session more recently, the full agent at max', async () => {
    const s2 = await run('explain', 's2', '--source', 'desk.ndjson', '--shop', SHOP);
    expect(s2.out).toContain('s2 went to a1, picked by round-robin');
    expect(s2.out).toMatch(/runner-up #1 a2: a2 was runner-up #1: it was given a session more recently/);
    const s3 = await run('explain', 's3', '--source', 'desk.ndjson', '--shop', SHOP);
    expect(s3.out).toContain('s3 went to a2, picked by round-robin');
    expect(s3.out).toMatch(/ {4}a1: a1 was at its max \(load 2\/2/);
  });

  it('every assignment of a queued session: the dequeue after its wait, the transfer, the re-assignment after a requeue', async () => {
    const { code, out } = await run('explain', 'q', '--source', 'desk.ndjson', '--shop', SHOP);
    expect(code).toBe(0);
    const parts = out.split('\n\n');
    expect(parts).toHaveLength(3);
    expect(parts[0]).toContain('q, assignment 1 of 3 (SessionAssigned');
    expect(parts[0]).toContain('(it had waited in the queue since');
    expect(parts[0]).toMatch(/a1 took q from the queue when it had a free slot \(session-ended\), after 3\d s of waiting \(R11\)/);
    expect(parts[0]).toContain('    no other agent was considered: the dequeue step names one agent (a2, b, off were not asked).');
    expect(parts[1]).toContain('q, assignment 2 of 3 (SessionTransferred');
    expect(parts[1]).toContain('q was transferred to a2 (transferred by a1 from a1) (S5)');
    expect(parts[2]).toContain('q, assignment 3 of 3 (SessionAssigned');
    expect(parts[2]).toContain('when a2 left (agent-offline)');
    expect(parts[2]).toContain('q went to a1, picked by round-robin');
    expect(parts[2]).toMatch(/ {4}a2: a2 was offline/);
  });

  it('--versus says why not that agent; --json gives the explanations as data', async () => {
    const versus = await run('explain', 's1', '--source', 'desk.ndjson', '--shop', SHOP, '--versus', 'off');
    expect(versus.out).toMatch(/Why not off: off was offline/);
    const json = await run('explain', 'q', '--source', 'desk.ndjson', '--shop', SHOP, '--json');
    const parsed = JSON.parse(json.out) as { agentId: string; decision: { step: string }; others: { agentId: string; reason: string }[] }[];
    expect(parsed.map((e) => [e.agentId, e.decision.step])).toEqual([
      ['a1', 'dequeue'],
      ['a2', 'transfer'],
      ['a1', 'base-mode'],
    ]);
    expect(parsed[2]?.others.find((o) => o.agentId === 'off')?.reason).toBe('offline');
  });

  it('an unknown session is exit 2 on one line', async () => {
    const { code, out, err } = await run('explain', 'nope', '--source', 'desk.ndjson', '--shop', SHOP);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^kefu: session nope was never given to an agent in shop shop-x/);
  });
});
