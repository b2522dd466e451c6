/**
 * The report set (issue 18's kit): reports sharing a projection share one fold,
 * options and queries are checked with typed errors naming the field, and the
 * durable variant saves a copy and refuses a saved state of another shape.
 */
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ProjectedEvent } from '../../../../src/projections/projection.js';
import { reportSet } from '../../../../src/projections/reports/reportSet.js';
import { agentDayReport, channelDayReport, messagesFoldCalls, statusReport } from './testReports.js';

const SHOP = 'shop-k';
const T0 = Date.UTC(2026, 11, 2, 2, 0, 0); // 10:00 in Shanghai
const ZONE = 'Asia/Shanghai';

let position = 0;
const event = (type: string, data: Record<string, unknown>, stream = 'conversation-shop-k-s1'): ProjectedEvent =>
  ({
    type,
    data,
    schemaVersion: 1,
    stream,
    streamVersion: ++position,
    globalPosition: position,
    metadata: { eventId: `e${position}`, shopId: SHOP, actor: { kind: 'system' }, occurredAt: data.at as number, correlationId: 'c', causationId: 'c' },
  }) as ProjectedEvent;

const history = (): ProjectedEvent[] => [
  event('AgentRegistered', { agentId: 'a1', name: '张三', at: T0 }, 'routing-shop-k'),
  event('AgentStatusChanged', { agentId: 'a1', from: 'offline', to: 'online', at: T0 }, 'routing-shop-k'),
  event('ConversationOpened', { sessionId: 's1', customerId: 'c1', channel: 'web', at: T0 }),
  event('ConversationAssigned', { sessionId: 's1', agentId: 'a1', at: T0 + 1000 }),
  event('MessageSent', { sessionId: 's1', sender: { kind: 'customer', id: 'c1' }, kind: 'text', at: T0 + 2000 }),
  event('MessageSent', { sessionId: 's1', sender: { kind: 'agent', id: 'a1' }, kind: 'text', at: T0 + 3000 }),
  event('ConversationEnded', { sessionId: 's1', reason: 'agent', at: T0 + 4000 }),
];

const setOf = () => {
  const built = reportSet([agentDayReport, channelDayReport, statusReport], { zone: ZONE });
  if (E.isLeft(built)) throw new Error(JSON.stringify(built.left));
  return built.right;
};

const fold = (events: readonly ProjectedEvent[]) => {
  const set = setOf();
  let state = set.projection.initialState();
  for (const e of events) state = set.projection.apply(state, e);
  return { set, state };
};

describe('reportSet: one fold per distinct projection (M1-M22 kit)', () => {
  it('two reports over the same projection fold each event once, not once per report', () => {
    const events = history();
    messagesFoldCalls.count = 0;
    const { set } = fold(events);
    expect(set.folds).toEqual(['kit-test-messages', 'kit-test-status']);
    expect(set.names).toEqual(['kit-test-agent-day', 'kit-test-channel-day', 'kit-test-status']);
    expect(messagesFoldCalls.count).toBe(events.length);
  });

  it('each report reads its rows from the shared fold', () => {
    const { set, state } = fold(history());
    expect(set.query(state, 'kit-test-agent-day', { shopId: SHOP, from: '2026-12-02', to: '2026-12-02' })).toEqual(
      E.right([{ day: '2026-12-02', agentId: 'a1', agentName: '张三', sessions: 1, transfersIn: 0, customerMessages: 1, agentMessages: 1, agentShare: 0.5 }]),
    );
    expect(set.query(state, 'kit-test-channel-day', { shopId: SHOP, from: '2026-12-02', to: '2026-12-02' })).toEqual(
      E.right([{ day: '2026-12-02', channel: 'web', sessions: 1, customerMessages: 1, messagesPerSession: 2 }]),
    );
    expect(set.query(state, 'kit-test-status', { shopId: SHOP, from: '2026-12-02', to: '2026-12-02' })).toEqual(
      E.right([{ day: '2026-12-02', agentId: 'a1', toOnline: 1, toOffline: 0 }]),
    );
  });

  it('the state is JSON-shaped: it survives a JSON round trip with the same rows', () => {
    const { set, state } = fold(history());
    const copy = JSON.parse(JSON.stringify(state)) as typeof state;
    const q = { shopId: SHOP, from: '2026-12-01', to: '2026-12-03' };
    for (const name of set.names) expect(set.query(copy, name, q)).toEqual(set.query(state, name, q));
  });
});

describe('reportSet: typed errors naming the field', () => {
  it('an unknown zone names `zone`', () => {
    const built = reportSet([agentDayReport], { zone: 'Mars/Olympus' });
    expect(E.isLeft(built) && built.left.issues.map((i) => i.path)).toEqual(['zone']);
  });

  it('two reports of one name is a programming error (RangeError)', () => {
    expect(() => reportSet([agentDayReport, agentDayReport], { zone: ZONE })).toThrow(RangeError);
  });

  it('an unknown report name names `report`, in query and in columns', () => {
    const { set, state } = fold(history());
    const asked = set.query(state, 'no-such-report', { shopId: SHOP, from: '2026-12-02', to: '2026-12-02' });
    expect(E.isLeft(asked) && asked.left.issues.map((i) => i.path)).toEqual(['report']);
    const columns = set.columns('no-such-report');
    expect(E.isLeft(columns) && columns.left.issues.map((i) => i.path)).toEqual(['report']);
    expect(set.columns('kit-test-status')).toEqual(E.right(['day', 'agentId', 'toOnline', 'toOffline']));
  });

  it('a range that ends before it starts names `to`; an unknown agent names `agents.<i>`', () => {
    const { set, state } = fold(history());
    const backwards = set.query(state, 'kit-test-agent-day', { shopId: SHOP, from: '2026-12-03', to: '2026-12-02' });
    expect(E.isLeft(backwards) && backwards.left.issues.map((i) => i.path)).toEqual(['to']);
    const stranger = set.query(state, 'kit-test-agent-day', { shopId: SHOP, from: '2026-12-02', to: '2026-12-02', agents: ['a1', 'ghost'] });
    expect(E.isLeft(stranger) && stranger.left.issues.map((i) => i.path)).toEqual(['agents.1']);
  });
});

describe('reportSet.durable: the checkpoint format', () => {
  it('encodes a copy (the fold goes on in place) that decodes to the same rows', () => {
    const events = history();
    const { set, state } = fold(events.slice(0, 5));
    const saved = JSON.parse(JSON.stringify(set.durable.encode(state))) as unknown;
    set.projection.apply(state, events[5] as ProjectedEvent);
    const decoded = set.durable.decode(saved);
    expect(E.isRight(decoded)).toBe(true);
    const q = { shopId: SHOP, from: '2026-12-02', to: '2026-12-02' };
    const rows = E.isRight(decoded) ? set.query(decoded.right, 'kit-test-agent-day', q) : undefined;
    expect(rows).toEqual(E.right([expect.objectContaining({ agentMessages: 0, customerMessages: 1 })]));
  });

  it('refuses a saved state without one of its folds or with a fold it does not have (rebuild)', () => {
    const { set, state } = fold(history());
    const missing = set.durable.decode({ 'kit-test-messages': state['kit-test-messages'] });
    expect(E.isLeft(missing) && missing.left.issues.map((i) => i.path)).toEqual(['kit-test-status']);
    const extra = set.durable.decode({ ...state, 'old-fold': {} });
    expect(E.isLeft(extra) && extra.left.issues.map((i) => i.path)).toEqual(['old-fold']);
    expect(E.isLeft(set.durable.decode(null))).toBe(true);
  });
});
