/**
 * R13 entry groups on their own: a session that enters with a group is routed
 * among the group's members, waits for them when they are there but cannot take
 * it, and falls back (or, with `entryGroupFallback: false`, keeps waiting) when
 * none of them is there. How it combines with the other rules is in
 * entryGroupPrecedence.unit.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { visibleQueue, waitingIn, type QueueView } from '../../../src/projections/queueView.js';
import { assignments, deskHarness, SHOP, T0 } from './harness.js';

type Harness = ReturnType<typeof deskHarness>;

const POOL_G1 = { kind: 'pool', groups: ['g1'], agents: [] };

/** Members m1, m2 of g1 (max 1 each) and an outsider o1 with room; sticky off so only the group rule speaks. */
const setup = async (settings: Parameters<Harness['d']['configure']>[0] = {}) => {
  const h = deskHarness();
  await h.groups('g1', 'g2');
  await h.ok(h.d.configure({ stickyRecentContact: false, ...settings }));
  await h.agents(['m1', 'm2'], { groups: ['g1'], maxSessions: 1 });
  await h.agents(['o1'], { maxSessions: 5 });
  return h;
};

/** Opens a session that enters with a group (the harness's open has no entry group). */
const enter = async (h: Harness, sessionId: string, customerId: string, entryGroupId = 'g1', extra: { channel?: string } = {}) =>
  h.ok(h.d.open({ sessionId, customerId, channel: extra.channel ?? 'web-mall', entryGroupId }));

const ownerOf = async (h: Harness, sessionId: string) => (await h.state()).sessions.get(sessionId)?.owner;

describe('R13 entry groups: routed in the group', () => {
  it('picks among the members by the base mode and records the group as the scope', async () => {
    const h = await setup();
    expect(await enter(h, 's1', 'c1')).toEqual([
      {
        type: 'SessionAssigned',
        data: {
          sessionId: 's1',
          agentId: 'm1',
          customerId: 'c1',
          channel: 'web-mall',
          vip: false,
          entryGroupId: 'g1',
          via: 'entry-group',
          mode: 'round-robin',
          decision: {
            step: 'entry-group',
            mode: 'round-robin',
            chosen: { agentId: 'm1', load: 0, maxSessions: 1, lastAssignedAt: -1 },
            runnersUp: [{ agentId: 'm2', load: 0, maxSessions: 1, lastAssignedAt: -1 }],
            scopes: [{ scope: { kind: 'group', groupId: 'g1' }, counts: { 'not-working': 0, offline: 0, busy: 0, 'excluded-admin': 0, 'at-max': 0, eligible: 2 } }],
            outsideScope: 1,
            tieBreak: 'agent-id',
          },
          at: T0,
        },
      },
    ]);
    // Round robin inside the group: the other member next; the outsider, idle longer, is not a candidate.
    expect(assignments(await enter(h, 's2', 'c2'))).toEqual([['s2', 'm2', 'entry-group']]);
  });

  it('rejects an entry group the shop does not have', async () => {
    const h = await setup();
    expect(await h.code(h.d.open({ sessionId: 's1', customerId: 'c1', channel: 'web-mall', entryGroupId: 'nope' }))).toBe('group.unknown');
  });
});

describe('R13 entry groups: waiting for the group', () => {
  it('waits for the group when every member is at max, though an outsider has room, and a freed member slot takes it', async () => {
    const h = await setup();
    await enter(h, 's1', 'c1');
    await enter(h, 's2', 'c2');
    const [queued] = await enter(h, 's3', 'c3');
    expect(queued).toMatchObject({
      type: 'SessionQueued',
      data: {
        target: POOL_G1,
        via: 'entry-group',
        decision: { step: 'entry-group', scopes: [{ scope: { kind: 'group', groupId: 'g1' }, counts: { 'at-max': 2, eligible: 0 } }] },
      },
    });
    expect((await h.state()).agents.get('o1')?.load).toBe(0);
    expect(assignments(await h.ok(h.d.end({ sessionId: 's2' })))).toEqual([['s3', 'm2', 'queue']]);
  });

  it('waits for the group when its members are busy, and a member coming online takes it', async () => {
    const h = await setup();
    await h.ok(h.d.busy('m1'));
    await h.ok(h.d.busy('m2'));
    const [queued] = await enter(h, 's1', 'c1');
    expect(queued).toMatchObject({ type: 'SessionQueued', data: { target: POOL_G1, via: 'entry-group' } });
    expect(assignments(await h.ok(h.d.online('m2')))).toEqual([['s1', 'm2', 'queue']]);
  });
});

describe('R13 entry groups: nobody of the group there', () => {
  it('falls back to the other agents when no member is online or busy', async () => {
    const h = await setup();
    await h.ok(h.d.offline('m1'));
    await h.ok(h.d.offline('m2'));
    expect(assignments(await enter(h, 's1', 'c1'))).toEqual([['s1', 'o1', 'base-mode']]);
  });

  it('falls back to the whole queue when the others are full too, and still waits in the group\'s lane for a member', async () => {
    const h = await setup();
    await h.ok(h.d.setMax('o1', 1));
    await h.ok(h.d.offline('m1'));
    await h.ok(h.d.offline('m2'));
    expect((await h.open('busy-c')).agentId).toBe('o1'); // o1 is full now
    const [queued] = await enter(h, 's2', 'c2');
    expect(queued).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'any' }, via: 'no-agent' } });
    // A member coming back takes it: it fell back from the group, it did not leave it.
    expect(assignments(await h.ok(h.d.online('m1')))).toEqual([['s2', 'm1', 'queue']]);
  });

  it('with entryGroupFallback false, waits for the group however free the others are', async () => {
    const h = await setup({ entryGroupFallback: false });
    await h.ok(h.d.offline('m1'));
    await h.ok(h.d.offline('m2'));
    const [queued] = await enter(h, 's1', 'c1');
    expect(queued).toMatchObject({
      type: 'SessionQueued',
      data: { target: POOL_G1, via: 'entry-group', decision: { scopes: [{ counts: { offline: 2, eligible: 0 } }] } },
    });
    expect((await h.state()).agents.get('o1')?.load).toBe(0);
    // o1 cannot even pick it: it waits in the group's lane only.
    await h.ok(h.d.busy('o1'));
    expect(await h.code(h.d.asAgent('o1').pick({ sessionId: 's1', agentId: 'o1' }))).toBe('queue.not-visible');
    expect(assignments(await h.ok(h.d.online('m1')))).toEqual([['s1', 'm1', 'queue']]);
  });

  it('with entryGroupFallback false, waits for a group that has no members at all until one joins', async () => {
    const h = await setup({ entryGroupFallback: false });
    const [queued] = await enter(h, 's1', 'c1', 'g2');
    expect(queued).toMatchObject({ type: 'SessionQueued', data: { target: { kind: 'pool', groups: ['g2'], agents: [] } } });
    expect(assignments(await h.ok(h.d.setGroups({ agentId: 'o1', groups: ['g2'] })))).toEqual([['s1', 'o1', 'queue']]);
  });
});

describe('R13 queue visibility of an entry group\'s waiters', () => {
  it('shows a session waiting for its group to the members and the group\'s team lead, all of it to admins, and not to others', async () => {
    const h = await setup();
    await h.agents(['lead'], { role: 'team-lead', groups: ['g1'], online: false });
    await h.agents(['lead2'], { role: 'team-lead', groups: ['g2'], online: false });
    await h.agents(['boss'], { role: 'admin', online: false });
    await enter(h, 's1', 'c1');
    await enter(h, 's2', 'c2');
    await enter(h, 's3', 'c3'); // waits for g1
    const waiting = waitingIn(h.engine.projection<QueueView>('queue-view'), SHOP);
    expect(waiting).toEqual([{ sessionId: 's3', customerId: 'c3', channel: 'web-mall', vip: false, target: POOL_G1, since: T0, entryGroupId: 'g1' }]);
    const sees = (agentId: string, role: string, groups: string[]) => visibleQueue(waiting, { agentId, role, groups }).map((w) => w.sessionId);
    expect(sees('m1', 'agent', ['g1'])).toEqual(['s3']);
    expect(sees('lead', 'team-lead', ['g1'])).toEqual(['s3']);
    expect(sees('boss', 'admin', [])).toEqual(['s3']);
    expect(sees('o1', 'agent', [])).toEqual([]);
    expect(sees('lead2', 'team-lead', ['g2'])).toEqual([]);
    // What one sees is what one may pick: the g2 lead is refused, the g1 lead takes it.
    await h.ok(h.d.busy('lead2'));
    await h.ok(h.d.busy('lead'));
    expect(await h.code(h.d.asAgent('lead2').pick({ sessionId: 's3', agentId: 'lead2' }))).toBe('queue.not-visible');
    expect(assignments(await h.ok(h.d.asAgent('lead').pick({ sessionId: 's3', agentId: 'lead' })))).toEqual([['s3', 'lead', 'manual-pick']]);
    expect(await ownerOf(h, 's3')).toBe('lead');
  });
});
