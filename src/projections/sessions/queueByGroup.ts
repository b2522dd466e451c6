/**
 * R13: a shop's queue per group, as the viewer may see it. Visibility is
 * `visibleQueue`'s (queueView.ts): an admin sees the whole queue, anyone else
 * what waits for anyone, for its groups or for it by name. A viewer of another
 * shop sees nothing.
 *
 * Grouping: a session is listed under its entry group (the group it came in
 * with); without one, under each group of its pool target (R6/R13 lanes); else
 * (it waits for anyone, or for one agent by name) under `null`, the shop's lane.
 * A session is so counted once in `total`, and once per group it is listed in.
 * Groups come sorted by id, `null` last; sessions in arrival order.
 */
import { visibleQueue, waitingIn, type QueueView, type WaitingSession } from '../queueView.js';
import type { Viewer } from './viewer.js';

export interface GroupQueue {
  /** The group, or null for what waits for anyone or for one agent. */
  readonly groupId: string | null;
  readonly count: number;
  readonly sessions: readonly WaitingSession[];
}

export interface QueueByGroup {
  /** Distinct sessions the viewer sees waiting. */
  readonly total: number;
  readonly groups: readonly GroupQueue[];
}

export const groupsOfWaiting = (w: WaitingSession): readonly (string | null)[] => {
  if (w.entryGroupId !== undefined) return [w.entryGroupId];
  if (w.target.kind === 'pool' && w.target.groups.length > 0) return [...new Set(w.target.groups)];
  return [null];
};

const byGroupId = (a: GroupQueue, b: GroupQueue): number => {
  if (a.groupId === b.groupId) return 0;
  if (a.groupId === null) return 1;
  if (b.groupId === null) return -1;
  return a.groupId < b.groupId ? -1 : 1;
};

export const queueByGroup = (view: QueueView, shopId: string, viewer: Viewer): QueueByGroup => {
  if (viewer.shopId !== shopId) return { total: 0, groups: [] };
  const seen = visibleQueue(waitingIn(view, shopId), viewer);
  const lists = new Map<string | null, WaitingSession[]>();
  for (const w of seen) {
    for (const g of groupsOfWaiting(w)) {
      const list = lists.get(g);
      if (list === undefined) lists.set(g, [w]);
      else list.push(w);
    }
  }
  const groups = [...lists].map(([groupId, sessions]) => ({ groupId, count: sessions.length, sessions }));
  return { total: seen.length, groups: groups.sort(byGroupId) };
};
