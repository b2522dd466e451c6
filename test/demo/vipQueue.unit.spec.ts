/**
 * R10 in the demo day: a VIP who starts waiting while a regular customer of the
 * same queue lane (same target) is still waiting is served first. Read from the
 * log at scale 0.1 (where the morning queue holds VIPs); sessions requeued or
 * retargeted are left out (a requeued session is served before everyone).
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { runDemo } from '../../src/demo/runDemo.js';
import { readEverything } from '../conformance/fixtures.js';

interface Waited {
  readonly vip: boolean;
  readonly at: number;
  readonly target: string;
  assignedAt?: number;
}

describe('the demo day keeps R10', () => {
  it('a VIP queued while a regular of the same lane waits is assigned no later than that regular (R10)', async () => {
    const store = createInMemoryEventStore();
    expect(E.isRight(await runDemo({ store, scale: 0.1 }))).toBe(true);
    const events = await readEverything(store);
    const data = (e: { data: unknown }) => e.data as Record<string, unknown>;
    const moved = new Set(events.filter((e) => e.type === 'SessionRequeued' || e.type === 'QueueTargetChanged').map((e) => data(e)['sessionId']));
    const waited = new Map<unknown, Waited>();
    for (const e of events) {
      const d = data(e);
      if (e.type === 'SessionQueued' && !moved.has(d['sessionId'])) waited.set(d['sessionId'], { vip: d['vip'] === true, at: Number(d['at']), target: JSON.stringify(d['target']) });
      const w = waited.get(d['sessionId']);
      if (e.type === 'SessionAssigned' && w !== undefined && w.assignedAt === undefined) w.assignedAt = Number(d['at']);
    }
    const served = [...waited.values()].filter((w) => w.assignedAt !== undefined);
    const pairs = served.flatMap((regular) =>
      regular.vip ? [] : served.filter((vip) => vip.vip && vip.target === regular.target && regular.at < vip.at && vip.at < (regular.assignedAt as number)).map((vip) => ({ vip, regular })),
    );
    expect(pairs.length).toBeGreaterThanOrEqual(1);
    for (const { vip, regular } of pairs) expect(vip.assignedAt).toBeLessThanOrEqual(regular.assignedAt as number);
  }, 30_000);
});
