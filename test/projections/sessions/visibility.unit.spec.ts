/**
 * The one visibility rule (viewer.ts) over random histories of a real engine: for
 * C4's history, the customer message search, and S14's session lists, an agent
 * sees what it took part in, a team lead its groups', an admin all, a viewer of
 * another shop nothing; and the union of what the shop's staff see is what the
 * admin sees of the sessions anyone took part in. The oracle is the log itself
 * (who was assigned, transferred to, or joined each session), not the read model.
 */
import { test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { queryHistory, type HistoryRow } from '../../../src/projections/sessions/historyQueries.js';
import { searchCustomerMessages } from '../../../src/projections/sessions/messageSearch.js';
import { sessionListFor } from '../../../src/projections/sessions/sessionList.js';
import { makeViewer, type Viewer } from '../../../src/projections/sessions/viewer.js';
import { readEverything } from '../../conformance/fixtures.js';
import { driveShop, historyArb, OTHER_SHOP, SHOP, STAFF, type DrivenShop } from './shopDriver.js';

interface Oracle {
  readonly took: Map<string, Set<string>>;
  readonly entry: Map<string, string | undefined>;
}

/** From the log: who took part in each session of SHOP, and its entry group. */
const oracleOf = async (shop: DrivenShop): Promise<Oracle> => {
  const took = new Map<string, Set<string>>();
  const entry = new Map<string, string | undefined>();
  for (const e of await readEverything(shop.engine.store, SHOP)) {
    const data = e.data as { sessionId?: string; agentId?: string; to?: string; entryGroupId?: string };
    if (data.sessionId === undefined || !e.stream.startsWith('conversation-')) continue;
    const set = took.get(data.sessionId) ?? new Set<string>();
    took.set(data.sessionId, set);
    if (e.type === 'ConversationOpened') entry.set(data.sessionId, data.entryGroupId);
    if ((e.type === 'ConversationAssigned' || e.type === 'ConversationCoAgentAdded') && data.agentId !== undefined) set.add(data.agentId);
    if (e.type === 'ConversationTransferred' && data.to !== undefined) set.add(data.to);
  }
  return { took, entry };
};

const G1 = new Set(STAFF.filter((m) => m.groups.includes('g1')).map((m) => m.id));

/** What the rule says `id` may see of session `sessionId`, from the oracle. */
const mayOracle = (o: Oracle, id: string, sessionId: string): boolean => {
  const role = STAFF.find((m) => m.id === id)?.role;
  const took = o.took.get(sessionId) ?? new Set<string>();
  if (role === 'admin') return true;
  if (took.has(id)) return true;
  return role === 'team-lead' && ([...took].some((a) => G1.has(a)) || o.entry.get(sessionId) === 'g1');
};

const allRows = (shop: DrivenShop, viewer: Viewer, shopId = SHOP): readonly HistoryRow[] => {
  const rows: HistoryRow[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = queryHistory(shop.history(), shopId, viewer, { offset, limit: 200 });
    if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
    rows.push(...page.right.rows);
    if (rows.length >= page.right.total) return rows;
  }
};

const ids = (rows: readonly { readonly sessionId: string }[]) => new Set(rows.map((r) => r.sessionId));

describe('C4/R13/S14: every query applies one visibility rule', () => {
  test.prop([historyArb], { numRuns: 25 })('C4 history: agent own, team lead its groups, admin all, other shop nothing; staff union = admin', async (steps) => {
    const shop = await driveShop(steps);
    const o = await oracleOf(shop);
    const viewers = await shop.viewers();
    const admin = ids(allRows(shop, viewers.boss!));
    // The admin sees every session the log has for the shop.
    expect(admin).toEqual(new Set(o.took.keys()));
    const union = new Set<string>();
    for (const m of STAFF) {
      const seen = ids(allRows(shop, viewers[m.id]!));
      if (m.role !== 'admin') for (const s of seen) union.add(s);
      for (const s of o.took.keys()) expect({ viewer: m.id, s, seen: seen.has(s) }).toEqual({ viewer: m.id, s, seen: mayOracle(o, m.id, s) });
      // An agent never sees a session it never took part in.
      if (m.role === 'agent') for (const s of seen) expect(o.took.get(s)?.has(m.id)).toBe(true);
    }
    // The staff's union is the admin's view of every session some staff member took part in (or that came in for the lead's group).
    const somebodys = [...admin].filter((s) => (o.took.get(s)?.size ?? 0) > 0 || o.entry.get(s) === 'g1');
    expect(union).toEqual(new Set(somebodys));
    // Another shop's staff: nothing of this shop, even under the same agent id; its own shop's session it does see.
    const stranger = makeViewer({ shopId: OTHER_SHOP, agentId: 'a1', role: 'admin' });
    expect(allRows(shop, stranger)).toEqual([]);
    expect(allRows(shop, stranger, OTHER_SHOP).map((r) => r.sessionId)).toEqual(['o-1']);
  });

  test.prop([historyArb], { numRuns: 20 })('C4 search: a customer message found only in a session the viewer may see; another shop sees none', async (steps) => {
    const shop = await driveShop(steps);
    const o = await oracleOf(shop);
    const viewers = await shop.viewers();
    for (const customerId of ['c0', 'c1', 'c2', 'c3']) {
      const all = searchCustomerMessages(shop.search(), SHOP, viewers.boss!, { customerId, text: 'e', limit: 200 });
      if (E.isLeft(all)) throw new Error(JSON.stringify(all.left));
      for (const m of STAFF) {
        const found = searchCustomerMessages(shop.search(), SHOP, viewers[m.id]!, { customerId, text: 'E', limit: 200 });
        if (E.isLeft(found)) throw new Error(JSON.stringify(found.left));
        const expected = all.right.filter((line) => mayOracle(o, m.id, line.sessionId));
        expect(found.right).toEqual(expected);
      }
      const stranger = searchCustomerMessages(shop.search(), SHOP, makeViewer({ shopId: OTHER_SHOP, agentId: 'boss', role: 'admin' }), { customerId, text: 'e' });
      expect(stranger).toEqual(E.right([]));
    }
  });

  test.prop([historyArb], { numRuns: 20 })('S14 session lists: own for an agent, its groups for a lead, any for an admin; the rest actor.not-allowed naming agentId', async (steps) => {
    const shop = await driveShop(steps);
    const viewers = await shop.viewers();
    const reachOf: Record<string, readonly string[]> = { boss: STAFF.map((m) => m.id), lead: ['lead', 'a1', 'a3'], a1: ['a1'], a2: ['a2'], a3: ['a3'] };
    for (const m of STAFF) {
      for (const target of STAFF) {
        const list = sessionListFor(shop.inbox(), SHOP, viewers[m.id]!, { agentId: target.id });
        if (reachOf[m.id]!.includes(target.id)) {
          expect(E.isRight(list)).toBe(true);
          if (E.isRight(list)) for (const s of list.right) expect(s.agentId).toBe(target.id);
        } else {
          expect(list).toMatchObject({ _tag: 'Left', left: { _tag: 'DomainError', code: 'actor.not-allowed', details: { field: 'agentId', agentId: target.id } } });
        }
      }
    }
  });
});
