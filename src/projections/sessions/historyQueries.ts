/**
 * C4: the history list ([003] §5.3): filters time / agent / channel / initiation
 * (时间/客服/咨询渠道/发起方式), the columns 客户名, 接待客服, 会话发起时间,
 * 首次响应时长, 平均响应时长, 来源渠道, 发起方式, 会话状态, newest first, paged.
 *
 * Who sees which session (viewer.ts, [003] §5.1 "只能看到跟自己相关的历史会话"):
 * an agent the sessions it took part in (held, or co-handled); a team lead those
 * any agent of its groups took part in, and those whose entry group is one of its
 * groups (a session that came in for its group and ended unserved is its group's
 * too); an admin all of its shop; a viewer of another shop none.
 *
 * A query scans the shop's kept sessions (at most the projection's limit) and
 * sorts the matches: run on demand, never on an event.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { Initiation } from '../../domain/conversation/conversation.js';
import type { EndReason } from '../../domain/desk/deskEvents.js';
import { validationError, type ValidationError } from '../../domain/errors.js';
import { agentIdCodec } from '../../domain/ids.js';
import { decodeWith, intInRange, nonEmptyString, nonNegativeInt, oneOf, struct, timestamp } from '../../domain/validation.js';
import { averageResponseSeconds, firstResponseSeconds } from './responseClock.js';
import { ownEntry, participants, type HistorySession, type SessionHistory } from './sessionHistory.js';
import { canSee, type Viewer } from './viewer.js';

export const MAX_HISTORY_PAGE = 200;
export const DEFAULT_HISTORY_PAGE = 20;

/** C4's columns, in the manual's order. */
export const HISTORY_COLUMNS = ['customer', 'agent', 'start', 'firstResponseTime', 'averageResponseTime', 'channel', 'initiation', 'status'] as const;

export interface HistoryRow {
  /** Not a column: what 查看详情 opens (`historySession`). */
  readonly sessionId: string;
  readonly customer: string;
  /** The receiving agent; null when no agent ever had it. */
  readonly agent: string | null;
  /** Epoch ms. */
  readonly start: number;
  /** Seconds; null when no agent answered (客服尚未回应). */
  readonly firstResponseTime: number | null;
  readonly averageResponseTime: number | null;
  readonly channel: string;
  readonly initiation: Initiation;
  readonly status: 'open' | 'ended';
}

/** A session's detail: the row and the rest of what the history knows. */
export interface HistoryDetail extends HistoryRow {
  readonly holders: readonly string[];
  readonly coAgents: readonly string[];
  readonly end: number | null;
  readonly endReason: EndReason | null;
  readonly entryGroupId: string | null;
}

export const historyQueryCodec = struct(
  'HistoryQuery',
  {},
  {
    /** Sessions started within [from, to], epoch ms, both ends included. */
    from: timestamp,
    to: timestamp,
    /** Sessions the agent took part in (held or co-handled). */
    agentId: agentIdCodec,
    channel: nonEmptyString(100),
    initiation: oneOf('Initiation', ['customer', 'agent', 'desk']),
    offset: nonNegativeInt,
    limit: intInRange(1, MAX_HISTORY_PAGE),
  },
);
export type HistoryQuery = t.TypeOf<typeof historyQueryCodec>;

export interface HistoryPage {
  /** Matching sessions the viewer may see, over all pages. */
  readonly total: number;
  readonly rows: readonly HistoryRow[];
}

const decodeQuery = decodeWith(historyQueryCodec, 'history query');

const rowOf = (s: HistorySession): HistoryRow => ({
  sessionId: s.sessionId,
  customer: s.customerId,
  agent: s.agentId ?? null,
  start: s.startedAt,
  firstResponseTime: firstResponseSeconds(s.clock),
  averageResponseTime: averageResponseSeconds(s.clock),
  channel: s.channel,
  initiation: s.initiation,
  status: s.endedAt === undefined ? 'open' : 'ended',
});

/** The rule of viewer.ts over a history session. */
export const canSeeHistory = (viewer: Viewer, shopId: string, s: HistorySession): boolean =>
  canSee(viewer, shopId, participants(s), s.entryGroupId === undefined ? [] : [s.entryGroupId]);

/** Newest first, then by id: a total order, so pages neither overlap nor skip while nothing changes. */
const newestFirst = (a: HistorySession, b: HistorySession): number => b.startedAt - a.startedAt || (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0);

export const queryHistory = (state: SessionHistory, shopId: string, viewer: Viewer, query: HistoryQuery = {}): E.Either<ValidationError, HistoryPage> => {
  const decoded = decodeQuery(query);
  if (E.isLeft(decoded)) return decoded;
  const q = decoded.right;
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) return E.left(validationError('history query', [{ path: 'to', reason: `must not be before from (${q.from}), got ${q.to}` }]));
  const found: HistorySession[] = [];
  const shop = ownEntry(state, shopId);
  if (shop !== undefined) {
    for (const s of Object.values(shop.sessions)) {
      if (q.from !== undefined && s.startedAt < q.from) continue;
      if (q.to !== undefined && s.startedAt > q.to) continue;
      if (q.channel !== undefined && s.channel !== q.channel) continue;
      if (q.initiation !== undefined && s.initiation !== q.initiation) continue;
      if (q.agentId !== undefined && !participants(s).includes(q.agentId)) continue;
      if (canSeeHistory(viewer, shopId, s)) found.push(s);
    }
  }
  found.sort(newestFirst);
  const offset = q.offset ?? 0;
  return E.right({ total: found.length, rows: found.slice(offset, offset + (q.limit ?? DEFAULT_HISTORY_PAGE)).map(rowOf) });
};

/** One session's detail, when kept and visible to the viewer. */
export const historySession = (state: SessionHistory, shopId: string, viewer: Viewer, sessionId: string): HistoryDetail | undefined => {
  const shop = ownEntry(state, shopId);
  const s = shop === undefined ? undefined : ownEntry(shop.sessions, sessionId);
  if (s === undefined || !canSeeHistory(viewer, shopId, s)) return undefined;
  return {
    ...rowOf(s),
    holders: [...s.holders],
    coAgents: [...s.coAgents],
    end: s.endedAt ?? null,
    endReason: s.endReason ?? null,
    entryGroupId: s.entryGroupId ?? null,
  };
};
