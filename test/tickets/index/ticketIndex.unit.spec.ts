/**
 * T4 fan-out: the ticket index knows the open tickets of a shop in 16 buckets,
 * so a new SLA version recomputes every open ticket at its effective time. The
 * bucket hash is stable; indexing and unindexing follow the ticket's creation
 * and first completion; a recompute request names at most 500 ids; a ticket
 * indexed after its bucket fanned out a newer version is recomputed too (the
 * race); the snapshot keeps the state whole.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { ticketIndexBucket, ticketIndexStream, TICKET_INDEX_BUCKETS } from '../../../src/tickets/index/ticketIndexBucket.js';
import { ticketIndexModule } from '../../../src/tickets/index/ticketIndexModule.js';
import { initialTicketIndexState, ticketIndexSnapshot, type TicketIndexState } from '../../../src/tickets/index/ticketIndexState.js';
import { agent, cmd, MINUTE, policy, SHOP, system, T0, ticket, ticketHarness } from '../ticket/harness.js';

const idsInBucket = (bucket: number, count: number): string[] => {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) if (ticketIndexBucket(`t-${i}`) === bucket) out.push(`t-${i}`);
  return out;
};

describe('ticketIndexBucket: a stable hash over 16 buckets', () => {
  it('the same id always lands in the same bucket, and 1600 ids use every bucket', () => {
    expect(TICKET_INDEX_BUCKETS).toBe(16);
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 1600; i++) {
      const bucket = ticketIndexBucket(`ticket-${i}`);
      expect(bucket).toBe(ticketIndexBucket(`ticket-${i}`));
      counts[bucket] = (counts[bucket] ?? 0) + 1;
    }
    expect(counts.every((c) => c > 50 && c < 150)).toBe(true);
    expect(ticketIndexBucket('T-20261202-0001')).toBe(ticketIndexBucket('T-20261202-0001'));
  });
});

describe('the index follows creations and first completions', () => {
  it('TicketCreated indexes, the first TicketCompleted unindexes; repeats write nothing', async () => {
    const h = ticketHarness();
    await h.setup();
    await h.ok(cmd('CreateTicket', agent('amy'), ticket('t1', { assigneeId: 'bob' })));
    await h.settle();
    const indexed = (await h.events()).filter((e) => e.type === 'TicketIndexed');
    expect(indexed.map((e) => e.data)).toEqual([{ ticketId: 't1', version: 1, at: T0 }]);
    expect(await h.ok(cmd('IndexTicket', system, { ticketId: 't1', version: 1 }))).toEqual([]);
    await h.ok(cmd('CompleteTicket', agent('bob'), { ticketId: 't1' }));
    await h.settle();
    expect((await h.events()).filter((e) => e.type === 'TicketUnindexed')).toHaveLength(1);
    expect(await h.ok(cmd('UnindexTicket', system, { ticketId: 't1' }))).toEqual([]);
    expect(await h.code(cmd('IndexTicket', agent('boss'), { ticketId: 't2', version: 1 }))).toBe('actor.not-allowed');
  });

  it('an SLA version schedules one recompute per bucket at its effective time', async () => {
    const h = ticketHarness();
    await h.setup();
    await h.settings('DefineSlaPolicy', { ...policy({}, [60, 480]), effectiveAt: T0 + 30 * MINUTE });
    await h.settle();
    const keys = h.engine.reactor.deadlines().filter((d) => d.key.startsWith('sla-version-2-'));
    expect(keys.map((d) => d.key).sort()).toEqual(Array.from({ length: 16 }, (_, b) => `sla-version-2-${b}`).sort());
    expect(keys.every((d) => d.at === T0 + 30 * MINUTE && d.shopId === SHOP)).toBe(true);
  });
});

describe('recompute requests', () => {
  it('a bucket of 1001 open tickets asks in chunks of 500; the same version again writes nothing', async () => {
    const h = ticketHarness();
    const ids = idsInBucket(3, 1001);
    for (const ticketId of ids) await h.ok(cmd('IndexTicket', system, { ticketId, version: 0 }));
    const requested = await h.ok(cmd('RecomputeIndexedTickets', system, { bucket: 3, version: 1 }));
    expect(requested.map((e) => (e.data['ticketIds'] as string[]).length)).toEqual([500, 500, 1]);
    expect(new Set(requested.flatMap((e) => e.data['ticketIds'] as string[]))).toEqual(new Set(ids));
    expect(await h.ok(cmd('RecomputeIndexedTickets', system, { bucket: 3, version: 1 }))).toEqual([]);
    expect((await h.ok(cmd('RecomputeIndexedTickets', system, { bucket: 4, version: 1 }))).map((e) => e.data['ticketIds'])).toEqual([[]]);
  });

  it('the race: a ticket created under version 1 but indexed after its bucket fanned out version 2 is recomputed too', async () => {
    const h = ticketHarness();
    const [late] = idsInBucket(5, 1);
    await h.ok(cmd('RecomputeIndexedTickets', system, { bucket: 5, version: 2 }));
    const events = await h.ok(cmd('IndexTicket', system, { ticketId: late, version: 1 }));
    expect(events.map((e) => [e.type, e.data['version'], e.data['ticketIds']])).toEqual([
      ['TicketIndexed', 1, undefined],
      ['TicketSlaRecomputeRequested', 2, [late]],
    ]);
    const current = await h.ok(cmd('IndexTicket', system, { ticketId: idsInBucket(5, 2)[1], version: 2 }));
    expect(current.map((e) => e.type)).toEqual(['TicketIndexed']);
  });

  it('the snapshot keeps the open ids and the version recomputed', async () => {
    const h = ticketHarness();
    const ids = idsInBucket(7, 3);
    for (const ticketId of ids) await h.ok(cmd('IndexTicket', system, { ticketId, version: 0 }));
    await h.ok(cmd('RecomputeIndexedTickets', system, { bucket: 7, version: 4 }));
    const loaded = await h.engine.load(ticketIndexModule, ticketIndexStream(SHOP, 7));
    if (E.isLeft(loaded)) throw new Error('load failed');
    const state = loaded.right.state as TicketIndexState;
    const decoded = ticketIndexSnapshot.decode(JSON.parse(JSON.stringify(ticketIndexSnapshot.encode(state))));
    expect(E.isRight(decoded) && decoded.right.open.equals(state.open) && decoded.right.recomputedVersion === 4).toBe(true);
    expect(state.open.size).toBe(3);
    expect(E.isLeft(ticketIndexSnapshot.decode({ open: 'x', recomputedVersion: 1 }))).toBe(true);
    expect(initialTicketIndexState().open.size).toBe(0);
  });
});
