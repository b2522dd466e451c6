/**
 * C4: the history list's figures, filters, paging, bound and permission, over
 * conversation events fed by hand.
 */
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project, type ProjectedEvent } from '../../../src/projections/projection.js';
import type { ConversationEvent } from '../../../src/domain/conversation/conversation.js';
import { HISTORY_COLUMNS, historySession, queryHistory, type HistoryQuery, type HistoryRow } from '../../../src/projections/sessions/historyQueries.js';
import { sessionHistoryProjection, type SessionHistory } from '../../../src/projections/sessions/sessionHistory.js';
import { makeViewer } from '../../../src/projections/sessions/viewer.js';
import { driveShop, SHOP as DRIVEN } from './shopDriver.js';
import { assigned, autoMessage, coAgent, ended, fromAgent, fromCustomer, message, opened, queued, requeued, S, SHOP, T0, transferred } from './events.js';

const admin = makeViewer({ shopId: SHOP, agentId: 'boss', role: 'admin' });
const fold = (events: readonly ProjectedEvent<ConversationEvent>[], limit?: number): SessionHistory => project(sessionHistoryProjection(limit === undefined ? {} : { limit }), events);
const rows = (state: SessionHistory, query: HistoryQuery = {}, viewer = admin): readonly HistoryRow[] => {
  const page = queryHistory(state, SHOP, viewer, query);
  if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
  return page.right.rows;
};
const row = (state: SessionHistory, sessionId: string) => rows(state).find((r) => r.sessionId === sessionId);

describe('C4: the history row (customer, agent, start, first/average response time, channel, initiation, status)', () => {
  it('has exactly C4\'s columns, in the manual\'s order, plus the session id', () => {
    const state = fold([opened('s1', 'c1', T0), assigned('s1', 'a1', T0), fromCustomer('s1', 'c1', T0 + S), fromAgent('s1', 'a1', T0 + 11 * S), ended('s1', T0 + 60 * S, 'timeout')]);
    expect(HISTORY_COLUMNS).toEqual(['customer', 'agent', 'start', 'firstResponseTime', 'averageResponseTime', 'channel', 'initiation', 'status']);
    expect(Object.keys(row(state, 's1')!)).toEqual(['sessionId', ...HISTORY_COLUMNS]);
    expect(row(state, 's1')).toEqual({ sessionId: 's1', customer: 'c1', agent: 'a1', start: T0, firstResponseTime: 10, averageResponseTime: 10, channel: 'web-mall', initiation: 'customer', status: 'ended' });
    expect(historySession(state, SHOP, admin, 's1')).toMatchObject({ end: T0 + 60 * S, endReason: 'timeout', holders: ['a1'], coAgents: [], entryGroupId: null });
  });

  it('no reply: no response times (客服尚未回应), still open', () => {
    const state = fold([opened('s1', 'c1', T0), assigned('s1', 'a1', T0), fromCustomer('s1', 'c1', T0)]);
    expect(row(state, 's1')).toMatchObject({ firstResponseTime: null, averageResponseTime: null, status: 'open' });
  });

  it('pairs: several questions time from the first; several replies, the first closes; the average is over pairs', () => {
    const state = fold([
      opened('s1', 'c1', T0),
      assigned('s1', 'a1', T0),
      fromCustomer('s1', 'c1', T0 + S),
      fromCustomer('s1', 'c1', T0 + 3 * S),
      fromAgent('s1', 'a1', T0 + 5 * S), // 4 s, from the first question
      fromAgent('s1', 'a1', T0 + 50 * S), // answers nothing
      fromCustomer('s1', 'c1', T0 + 60 * S),
      fromAgent('s1', 'a1', T0 + 80 * S), // 20 s
    ]);
    expect(row(state, 's1')).toMatchObject({ firstResponseTime: 4, averageResponseTime: 12 });
  });

  it('a question asked while queued is timed from the assignment; one open at a transfer, for the receiver from the transfer', () => {
    const state = fold([
      opened('s1', 'c1', T0),
      queued('s1', T0),
      fromCustomer('s1', 'c1', T0 + S),
      assigned('s1', 'a1', T0 + 100 * S),
      fromAgent('s1', 'a1', T0 + 106 * S), // 6 s after the assignment
      fromCustomer('s1', 'c1', T0 + 200 * S),
      transferred('s1', 'a1', 'a2', T0 + 300 * S),
      fromAgent('s1', 'a1', T0 + 301 * S), // no longer the holder: closes nothing
      fromAgent('s1', 'a2', T0 + 310 * S), // 10 s after the transfer
    ]);
    expect(row(state, 's1')).toMatchObject({ agent: 'a2', firstResponseTime: 6, averageResponseTime: 8 });
    expect(historySession(state, SHOP, admin, 's1')?.holders).toEqual(['a1', 'a2']);
  });

  it('a notice answers nothing; a robot answer answers the questions before it; notes and co-agents close nothing', () => {
    const state = fold([
      opened('s1', 'c1', T0),
      assigned('s1', 'a1', T0),
      coAgent('s1', 'a9', T0),
      fromCustomer('s1', 'c1', T0 + S),
      autoMessage('s1', T0 + 2 * S, 'welcome'),
      autoMessage('s1', T0 + 3 * S, 'agent-no-response-prompt'),
      message('s1', { kind: 'agent', id: 'a1' }, T0 + 4 * S, { kind: 'internal-note', text: 'vip?' }),
      fromAgent('s1', 'a9', T0 + 5 * S),
      fromAgent('s1', 'a1', T0 + 9 * S), // 8 s: the notices, the note and the co-agent did not stop the clock
      fromCustomer('s1', 'c1', T0 + 20 * S),
      autoMessage('s1', T0 + 21 * S, undefined), // a keyword answer
      fromAgent('s1', 'a1', T0 + 40 * S), // starts nothing, closes nothing
    ]);
    expect(row(state, 's1')).toMatchObject({ firstResponseTime: 8, averageResponseTime: 8 });
  });

  it('a requeue ends the reception: the next agent is timed from its own assignment', () => {
    const state = fold([opened('s1', 'c1', T0), assigned('s1', 'a1', T0), fromCustomer('s1', 'c1', T0 + S), requeued('s1', 'a1', T0 + 30 * S), fromAgent('s1', 'a1', T0 + 31 * S), assigned('s1', 'a2', T0 + 40 * S), fromAgent('s1', 'a2', T0 + 43 * S)]);
    expect(row(state, 's1')).toMatchObject({ agent: 'a2', firstResponseTime: 3 });
  });
});

describe('C4: filters, order and paging', () => {
  const history = fold([
    opened('s1', 'c1', T0, { channel: 'web-mall', initiation: 'customer' }),
    assigned('s1', 'a1', T0),
    opened('s2', 'c2', T0 + 10 * S, { channel: 'app', initiation: 'agent' }),
    assigned('s2', 'a2', T0 + 10 * S),
    coAgent('s2', 'a1', T0 + 11 * S),
    opened('s3', 'c3', T0 + 20 * S, { channel: 'app', initiation: 'desk' }),
    assigned('s3', 'a2', T0 + 20 * S),
    opened('s4', 'c1', T0 + 20 * S, { channel: 'web-mall' }),
  ]);
  const idsOf = (query: HistoryQuery) => rows(history, query).map((r) => r.sessionId);

  it('newest first, ties by id', () => expect(idsOf({})).toEqual(['s3', 's4', 's2', 's1']));
  it('time: sessions started within [from, to], both ends included', () => expect(idsOf({ from: T0 + 10 * S, to: T0 + 20 * S })).toEqual(['s3', 's4', 's2']));
  it('agent: the sessions it held or co-handled', () => expect(idsOf({ agentId: 'a1' })).toEqual(['s2', 's1']));
  it('channel', () => expect(idsOf({ channel: 'app' })).toEqual(['s3', 's2']));
  it('initiation', () => {
    expect(idsOf({ initiation: 'agent' })).toEqual(['s2']);
    expect(idsOf({ initiation: 'customer' })).toEqual(['s4', 's1']);
  });
  it('filters combine', () => expect(idsOf({ channel: 'app', agentId: 'a2', from: T0 + 15 * S })).toEqual(['s3']));

  it('bad input is a ValidationError naming the field; from after to names `to`', () => {
    expect(queryHistory(history, SHOP, admin, { limit: 201 })).toMatchObject({ left: { _tag: 'ValidationError', issues: [{ path: 'limit' }] } });
    expect(queryHistory(history, SHOP, admin, { initiation: 'robot' } as unknown as HistoryQuery)).toMatchObject({ left: { issues: [{ path: 'initiation' }] } });
    expect(queryHistory(history, SHOP, admin, { from: 2, to: 1 })).toMatchObject({ left: { issues: [{ path: 'to' }] } });
  });

  test.prop([fc.integer({ min: 1, max: 5 })])('pages neither overlap nor skip: concatenated they are the whole list', (size) => {
    const whole = idsOf({});
    const paged: string[] = [];
    for (let offset = 0; offset < whole.length; offset += size) paged.push(...idsOf({ offset, limit: size }));
    expect(paged).toEqual(whole);
    expect(queryHistory(history, SHOP, admin, { limit: size })).toMatchObject({ right: { total: 4 } });
  });
});

describe('C4: who sees which session', () => {
  const history = fold([
    opened('s1', 'c1', T0),
    assigned('s1', 'a1', T0),
    opened('s2', 'c2', T0 + S),
    assigned('s2', 'a2', T0 + S),
    transferred('s2', 'a2', 'a3', T0 + 2 * S),
    opened('s3', 'c3', T0 + 3 * S, { entryGroupId: 'g1' }), // never served: its entry group's
    opened('s4', 'c4', T0 + 4 * S),
    assigned('s4', 'lead', T0 + 4 * S),
    opened('o1', 'c1', T0, { shopId: 'shop-z' }),
    assigned('o1', 'a1', T0, 'shop-z'),
  ]);
  const seen = (viewer: ReturnType<typeof makeViewer>) => rows(history, {}, viewer).map((r) => r.sessionId);

  it('an agent its own (held, even if transferred away), a team lead its groups\' agents\' and entry group\'s, an admin all', () => {
    expect(seen(makeViewer({ shopId: SHOP, agentId: 'a2', role: 'agent', groups: ['g2'] }))).toEqual(['s2']);
    expect(seen(makeViewer({ shopId: SHOP, agentId: 'a3', role: 'agent', groups: ['g2'] }))).toEqual(['s2']);
    expect(seen(makeViewer({ shopId: SHOP, agentId: 'lead', role: 'team-lead', groups: ['g1'], team: ['a1'] }))).toEqual(['s4', 's3', 's1']);
    expect(seen(admin)).toEqual(['s4', 's3', 's2', 's1']);
  });

  it('a viewer of another shop sees nothing, the same agent id included; a detail it may not see is undefined', () => {
    expect(seen(makeViewer({ shopId: 'shop-z', agentId: 'a1', role: 'admin' }))).toEqual([]);
    expect(historySession(history, SHOP, makeViewer({ shopId: SHOP, agentId: 'a1', role: 'agent' }), 's2')).toBeUndefined();
    expect(historySession(history, SHOP, makeViewer({ shopId: SHOP, agentId: 'a1', role: 'agent' }), 'constructor')).toBeUndefined();
  });
});

describe('C4: bounded', () => {
  it('keeps the newest `limit` sessions of each shop; events of a forgotten one are ignored', () => {
    const events: ProjectedEvent<ConversationEvent>[] = [];
    for (let i = 0; i < 3000; i++) events.push(opened(`s${i}`, 'c1', T0 + i * S), assigned(`s${i}`, 'a1', T0 + i * S));
    events.push(fromCustomer('s0', 'c1', T0 + 4000 * S), ended('s0', T0 + 4001 * S));
    const state = fold(events, 1000);
    const page = queryHistory(state, SHOP, admin, { limit: 1 });
    expect(page).toMatchObject({ right: { total: 1000, rows: [{ sessionId: 's2999' }] } });
    expect(historySession(state, SHOP, admin, 's1999')).toBeUndefined();
    expect(historySession(state, SHOP, admin, 's2000')).toBeDefined();
    expect(Object.keys(state[SHOP]!.sessions)).toHaveLength(1000);
  });

  it('a limit out of range is a programming error (RangeError)', () => {
    expect(() => sessionHistoryProjection({ limit: 0 })).toThrow(RangeError);
  });
});

describe('C4: the history of a real engine', () => {
  it('a customer\'s session answered after 5 s, a proactive one, an end: rows as the list shows them', async () => {
    const shop = await driveShop([
      { kind: 'customer', who: 0, channel: 0, entry: 1, word: 0 },
      { kind: 'reply', who: 0, to: 0, word: 1 },
      { kind: 'end', who: 0, to: 0, word: 0 },
      { kind: 'proactive', who: 1, agent: 2 },
    ]);
    const viewers = await shop.viewers();
    const page = queryHistory(shop.history(), DRIVEN, viewers.boss!, {});
    expect(page).toMatchObject({
      right: {
        total: 2,
        rows: [
          { sessionId: 's-1-0', customer: 'c1', agent: 'a2', firstResponseTime: null, channel: 'app', initiation: 'agent', status: 'open' },
          { sessionId: 's-0-0', customer: 'c0', firstResponseTime: 5, averageResponseTime: 5, channel: 'web-mall', initiation: 'customer', status: 'ended' },
        ],
      },
    });
    expect(historySession(shop.history(), DRIVEN, viewers.boss!, 's-0-0')).toMatchObject({ endReason: 'system', entryGroupId: 'g1' });
  });
});
