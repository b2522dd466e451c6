/**
 * R13: the queue per group, through a real engine with nobody online (every
 * session waits): grouped by entry group, counted, filtered by visibleQueue's rule.
 */
import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { visibleQueue, waitingIn } from '../../../src/projections/queueView.js';
import { queueByGroup } from '../../../src/projections/sessions/queueByGroup.js';
import { makeViewer } from '../../../src/projections/sessions/viewer.js';
import { driveShop, historyArb, OTHER_SHOP, SHOP, STAFF } from './shopDriver.js';

describe('R13: queue per shop and group, as the viewer may see it', () => {
  it('each waiting session under its entry group, else its target\'s groups, else null; an agent sees the lanes it serves', async () => {
    const shop = await driveShop(
      [
        { kind: 'customer', who: 0, channel: 0, entry: 1, word: 0 }, // web-mall, entry g1: waits for g1 (R13)
        { kind: 'customer', who: 1, channel: 0, entry: 2, word: 0 }, // web-mall, entry g2: waits for g2
        { kind: 'customer', who: 2, channel: 0, entry: 0, word: 0 }, // web-mall, no entry: waits for anyone
        { kind: 'customer', who: 3, channel: 1, entry: 0, word: 0 }, // app, no entry: the channel pin sends it to g2 (R6)
      ],
      { online: false, appToG2: true },
    );
    const viewers = await shop.viewers();
    const summary = (id: string) => queueByGroup(shop.queue(), SHOP, viewers[id]!).groups.map((g) => [g.groupId, g.count, g.sessions.map((s) => s.sessionId)]);
    expect(summary('boss')).toEqual([
      ['g1', 1, ['s-0-0']],
      ['g2', 2, ['s-1-0', 's-3-0']],
      [null, 1, ['s-2-0']],
    ]);
    expect(queueByGroup(shop.queue(), SHOP, viewers.boss!).total).toBe(4);
    // Listed under its entry group, else its pool's; seen by those it waits for.
    expect(summary('a2')).toEqual([
      ['g2', 2, ['s-1-0', 's-3-0']],
      [null, 1, ['s-2-0']],
    ]);
    expect(summary('a1')).toEqual([
      ['g1', 1, ['s-0-0']],
      [null, 1, ['s-2-0']],
    ]);
    expect(summary('lead')).toEqual(summary('a1'));
    expect(queueByGroup(shop.queue(), SHOP, makeViewer({ shopId: OTHER_SHOP, agentId: 'boss', role: 'admin' }))).toEqual({ total: 0, groups: [] });
  });

  test.prop([historyArb], { numRuns: 15 })('every viewer: the groups hold exactly visibleQueue\'s sessions, counts are list lengths, total is distinct sessions', async (steps) => {
    const shop = await driveShop(steps, { online: false, appToG2: true });
    const viewers = await shop.viewers();
    for (const m of STAFF) {
      const byGroup = queueByGroup(shop.queue(), SHOP, viewers[m.id]!);
      const visible = visibleQueue(waitingIn(shop.queue(), SHOP), viewers[m.id]!).map((w) => w.sessionId);
      const listed = new Set(byGroup.groups.flatMap((g) => g.sessions.map((s) => s.sessionId)));
      expect(listed).toEqual(new Set(visible));
      expect(byGroup.total).toBe(visible.length);
      for (const g of byGroup.groups) expect(g.count).toBe(g.sessions.length);
      // An admin sees every waiting session; nobody more than the admin.
      expect(listed.size).toBeLessThanOrEqual(queueByGroup(shop.queue(), SHOP, viewers.boss!).total);
    }
    expect(queueByGroup(shop.queue(), SHOP, viewers.boss!).total).toBe(waitingIn(shop.queue(), SHOP).length);
  });
});
