import { describe, expect, it } from 'vitest';
import { visibleQueue, waitingIn, type QueueView } from '../../../src/projections/queueView.js';
import { smartSwitch } from '../../../src/routing/smartSwitch.js';
import { drawsFromSeed } from '../../../src/domain/seededDraws.js';
import { assignments, deskHarness, SHOP } from './harness.js';

const fullDesk = async (settings: Parameters<ReturnType<typeof deskHarness>['d']['configure']>[0] = {}) => {
  const h = deskHarness();
  await h.ok(h.d.configure({ stickyRecentContact: false, ...settings }));
  await h.agents(['a1'], { maxSessions: 1 });
  await h.open('c0'); // a1 is now full
  return h;
};

describe('R10 queue order', () => {
  it('serves the earliest first by default (FIFO)', async () => {
    const h = await fullDesk({ vipFirst: false });
    for (const c of ['c1', 'c2', 'c3']) await h.open(c);
    const events = await h.ok(h.d.end({ sessionId: 's1' }));
    expect(assignments(events)).toEqual([['s2', 'a1', 'queue']]);
  });

  it('serves the latest first when set to LIFO', async () => {
    const h = await fullDesk({ vipFirst: false, queueOrder: 'lifo' });
    for (const c of ['c1', 'c2', 'c3']) await h.open(c);
    expect(assignments(await h.ok(h.d.end({ sessionId: 's1' })))).toEqual([['s4', 'a1', 'queue']]);
  });

  it('lets VIP customers jump ahead when enabled, and re-sorts the queue when the order changes', async () => {
    const h = await fullDesk({ vipFirst: true });
    await h.open('c1');
    await h.open('c2', { vip: true });
    await h.open('c3');
    expect(assignments(await h.ok(h.d.end({ sessionId: 's1' })))).toEqual([['s3', 'a1', 'queue']]);
    await h.ok(h.d.configure({ vipFirst: false, queueOrder: 'lifo' }));
    expect(assignments(await h.ok(h.d.end({ sessionId: 's3' })))).toEqual([['s4', 'a1', 'queue']]);
  });
});

describe('R11 auto-dequeue', () => {
  it('takes the next queued session when a session ends, when max is raised and when an agent comes online', async () => {
    const h = await fullDesk();
    await h.open('c1');
    await h.open('c2');
    await h.open('c3');
    expect(assignments(await h.ok(h.d.end({ sessionId: 's1' })))).toEqual([['s2', 'a1', 'queue']]);
    expect(assignments(await h.ok(h.d.setMax('a1', 2)))).toEqual([['s3', 'a1', 'queue']]);
    await h.agents(['a2'], { online: false });
    expect(assignments(await h.ok(h.d.online('a2')))).toEqual([['s4', 'a2', 'queue']]);
  });

  it('lets an agent going online take N sessions from the queue at once', async () => {
    const h = await fullDesk();
    for (let i = 1; i <= 6; i++) await h.open(`c${i}`);
    await h.agents(['a2'], { maxSessions: 10, online: false });
    const taken = assignments(await h.ok(h.d.online('a2', 3)));
    expect(taken).toEqual([
      ['s2', 'a2', 'queue'],
      ['s3', 'a2', 'queue'],
      ['s4', 'a2', 'queue'],
    ]);
    // Without N it fills its free slots (here: everything left).
    await h.ok(h.d.offline('a2'));
    expect(assignments(await h.ok(h.d.online('a2'))).map(([s]) => s)).toEqual(['s5', 's6', 's7']);
  });

  it('takes the queue over when a session is transferred away or a co-agent leaves', async () => {
    const h = await fullDesk();
    await h.agents(['a2'], { maxSessions: 5 });
    await h.open('c1', { sessionId: 'w1' }); // goes to a2 (room)
    await h.ok(h.d.setMax('a2', 1));
    await h.open('c2', { sessionId: 'w2' });
    expect((await h.state()).queue.entries.has('w2')).toBe(true);
    const moved = await h.ok(h.d.transfer({ sessionId: 's1', toAgentId: 'a2' }));
    expect(moved.map((e) => e.type)).toEqual(['SessionTransferred', 'SessionAssigned']);
    expect(assignments(moved)).toEqual([['w2', 'a1', 'queue']]);
  });
});

describe('R12/R13 manual pick and visibility', () => {
  it('shows admins the whole queue and agents what waits for them, their groups or anyone', async () => {
    const h = deskHarness();
    await h.groups('g1', 'g2');
    await h.agents(['boss'], { role: 'admin', online: false });
    await h.agents(['x1'], { groups: ['g1'], online: false });
    await h.agents(['x2'], { groups: ['g2'], maxSessions: 1 });
    await h.ok(h.d.configure({ pinningEnabled: true, stickyRecentContact: false }));
    await h.ok(h.d.setChannelRule({ channel: 'app', groups: ['g2'], agents: [], enabled: true }));
    await h.open('c0', { channel: 'app' }); // x2 full now
    await h.open('c1', { channel: 'app' }); // waits for g2
    await h.ok(h.d.busy('x2')); // still there (busy): s2 keeps waiting for g2 (gone offline, it would fall back: see R6 in routingCompletes)
    await h.open('c2'); // waits for anyone
    const waiting = waitingIn(h.engine.projection<QueueView>('queue-view'), SHOP);
    expect(waiting.map((w) => w.sessionId)).toEqual(['s2', 's3']);
    expect(visibleQueue(waiting, { agentId: 'boss', role: 'admin', groups: [] }).length).toBe(2);
    expect(visibleQueue(waiting, { agentId: 'x1', role: 'agent', groups: ['g1'] }).map((w) => w.sessionId)).toEqual(['s3']);
    expect(visibleQueue(waiting, { agentId: 'x2', role: 'agent', groups: ['g2'] }).map((w) => w.sessionId)).toEqual(['s2', 's3']);
    // x1 (busy, so no auto-assignment) may pick what it sees, not the g2 session.
    await h.ok(h.d.busy('x1'));
    expect(await h.code(h.d.asAgent('x1').pick({ sessionId: 's2', agentId: 'x1' }))).toBe('queue.not-visible');
    expect(assignments(await h.ok(h.d.asAgent('x1').pick({ sessionId: 's3', agentId: 'x1' })))).toEqual([['s3', 'x1', 'manual-pick']]);
    await h.ok(h.d.busy('boss'));
    expect(assignments(await h.ok(h.d.asAgent('boss').pick({ sessionId: 's2', agentId: 'boss' })))).toEqual([['s2', 'boss', 'manual-pick']]);
    expect(await h.code(h.d.pick({ sessionId: 's2', agentId: 'boss' }))).toBe('queue.not-queued');
  });
});

describe('R14 smart switch', () => {
  const draws = () => drawsFromSeed(3);
  it('answers VIP first, then the longest waiting, then the most unreplied', () => {
    const sessions = [
      { sessionId: 'old', vip: false, waitingSince: 100, unreplied: 1 },
      { sessionId: 'vip', vip: true, waitingSince: 900, unreplied: 1 },
      { sessionId: 'noisy', vip: false, waitingSince: 100, unreplied: 7 },
    ];
    expect(smartSwitch(sessions, draws())).toBe('vip');
    expect(smartSwitch(sessions.slice(0, 1).concat(sessions.slice(2)), draws())).toBe('noisy');
    expect(smartSwitch([{ sessionId: 'answered', vip: false, unreplied: 0 }, { sessionId: 'waiting', vip: false, waitingSince: 5, unreplied: 1 }], draws())).toBe('waiting');
    expect(smartSwitch([], draws())).toBeUndefined();
  });

  it('draws among sessions still tied, the same way for the same seed', () => {
    const tied = ['a', 'b', 'c', 'd'].map((sessionId) => ({ sessionId, vip: false, waitingSince: 1, unreplied: 2 }));
    const picks = new Set(Array.from({ length: 40 }, (_, seed) => smartSwitch(tied, drawsFromSeed(seed))));
    expect(picks.size).toBeGreaterThan(1);
    expect(smartSwitch(tied, drawsFromSeed(5))).toBe(smartSwitch(tied, drawsFromSeed(5)));
  });
});
