/**
 * C1, C2: reading the customer directory. Search by name, phone or nickname (搜索:
 * 姓名、手机号、微信昵称), filters by channel, source, membership, tag and last agent
 * (来源渠道、来源方式、会员身份、标签、最近接待客服), pages in a stable order, and one
 * customer's sessions (服务记录), newest first.
 *
 * Who sees whom. The manual's customer centre lists every customer of the shop to
 * its staff (003 §4.1, 全部客户), and the chat record shows a member's talks with
 * all the shop's agents (000): that is the default scope, `shop`, for staff with
 * the customer-service-session permission. A shop that wants C4's rule for its
 * customers too passes `scope: 'served'`: an agent sees the customers of sessions
 * it had or joined, a team lead those of its groups' agents (and its own), an
 * admin all. A customer sees only itself; the system everything; staff without the
 * permission nothing.
 *
 * A search scans the shop's customers (O(customers), then sorts the matches): a
 * read model's query, run on demand, not on every event.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { channelCodec, digitsOf, membershipCodec, sourceCodec, tagCodec, type ProfileFields } from '../domain/customers/customerProfile.js';
import type { DeskState } from '../domain/desk/deskState.js';
import type { ValidationError } from '../domain/errors.js';
import { agentIdCodec } from '../domain/ids.js';
import type { Who } from '../domain/permissions/policy.js';
import { decodeWith, intInRange, nonEmptyString, nonNegativeInt, oneOf, struct } from '../domain/validation.js';
import { customerEntry, type CustomerDirectory, type CustomerEntry, type ServiceSession } from './customerDirectory.js';

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 20;

export interface VisibilityOptions {
  /** `shop` (default): staff see every customer; `served`: C4's rule (see the header). */
  readonly scope?: 'shop' | 'served';
  /** For `served` and a team lead: the groups of an agent (e.g. `groupsFromDesk(desk)`). */
  readonly groupsOf?: (agentId: string) => readonly string[];
}

export const groupsFromDesk = (desk: DeskState) => (agentId: string): readonly string[] => desk.agents.get(agentId)?.groups ?? [];

export const canSeeCustomer = (entry: CustomerEntry, viewer: Who, options: VisibilityOptions = {}): boolean => {
  if (viewer.kind === 'system') return true;
  if (viewer.kind === 'customer') return viewer.id === entry.customerId;
  if (!viewer.permissions.has('customer-service-session')) return false;
  if ((options.scope ?? 'shop') === 'shop' || viewer.role === 'admin') return true;
  if (entry.servedBy.includes(viewer.id)) return true;
  if (viewer.role !== 'team-lead') return false;
  const groupsOf = options.groupsOf ?? (() => []);
  return entry.servedBy.some((agentId) => groupsOf(agentId).some((g) => viewer.groups.includes(g)));
};

/** A row of the list (客户信息, 来源方式, 成为客户时间, 最近接待客服, 最近会话时间) with the profile's fields. */
export interface CustomerRow extends Omit<ProfileFields, 'vip'> {
  readonly customerId: string;
  readonly registered: boolean;
  /** The profile's channel, else the channel of its first session. */
  readonly channel?: string;
  readonly tags: readonly string[];
  /** The profile's flag, else whether its latest session came in as VIP. */
  readonly vip: boolean;
  readonly since: number;
  readonly lastAgentId?: string;
  readonly lastSessionAt?: number;
  readonly sessions: number;
}

export const rowOf = (e: CustomerEntry): CustomerRow => {
  const channel = e.profile.channel ?? e.firstChannel;
  return {
    customerId: e.customerId,
    registered: e.registered,
    ...e.profile,
    ...(channel === undefined ? {} : { channel }),
    tags: e.tags,
    vip: e.profile.vip ?? e.lastSessionVip ?? false,
    since: e.since,
    ...(e.lastAgentId === undefined ? {} : { lastAgentId: e.lastAgentId }),
    ...(e.lastSessionAt === undefined ? {} : { lastSessionAt: e.lastSessionAt }),
    sessions: e.sessions.size,
  };
};

export const customerQueryCodec = struct(
  'CustomerQuery',
  {},
  {
    /** Part of a name, nickname or remark name (any case, full-width folded), or of a phone number's digits. */
    text: nonEmptyString(100),
    channel: channelCodec,
    source: sourceCodec,
    membership: membershipCodec,
    tag: tagCodec,
    lastAgentId: agentIdCodec,
    vip: t.boolean,
    /** `since` (default): newest customers first, as the manual's list sorts (成为客户时间 ↓); `last-session`: most recent session first. */
    order: oneOf('CustomerOrder', ['since', 'last-session']),
    offset: nonNegativeInt,
    limit: intInRange(1, MAX_PAGE),
  },
);
export type CustomerQuery = t.TypeOf<typeof customerQueryCodec>;

export interface CustomerPage {
  /** How many customers match, over all pages. */
  readonly total: number;
  readonly rows: readonly CustomerRow[];
}

/** Folds case and width (NFKC), so `ＬＵＣＹ` finds `Lucy` and full-width digits find a phone. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

const PHONE_LIKE = /^[+\d\s().-]+$/;

const textMatcher = (text: string) => {
  const folded = fold(text);
  const digits = PHONE_LIKE.test(folded) ? digitsOf(folded) : '';
  return (row: CustomerRow): boolean =>
    [row.name, row.nickname, row.remarkName].some((v) => v !== undefined && fold(v).includes(folded)) || (digits !== '' && row.phone !== undefined && digitsOf(row.phone).includes(digits));
};

const matches = (q: CustomerQuery) => {
  const text = q.text === undefined ? undefined : textMatcher(q.text);
  return (row: CustomerRow): boolean =>
    (q.channel === undefined || row.channel === q.channel) &&
    (q.source === undefined || row.source === q.source) &&
    (q.membership === undefined || row.membership === q.membership) &&
    (q.tag === undefined || row.tags.includes(q.tag)) &&
    (q.lastAgentId === undefined || row.lastAgentId === q.lastAgentId) &&
    (q.vip === undefined || row.vip === q.vip) &&
    (text === undefined || text(row));
};

/** Newest first, then by id: a total order, so pages never overlap or skip while nothing changes. */
const orderBy = (order: CustomerQuery['order']) => (a: CustomerRow, b: CustomerRow): number => {
  const key = (r: CustomerRow) => (order === 'last-session' ? (r.lastSessionAt ?? -1) : r.since);
  return key(b) - key(a) || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0);
};

const decodeQuery = decodeWith(customerQueryCodec, 'customer query');

export const searchCustomers = (state: CustomerDirectory, shopId: string, viewer: Who, query: CustomerQuery = {}, options: VisibilityOptions = {}): E.Either<ValidationError, CustomerPage> => {
  const decoded = decodeQuery(query);
  if (E.isLeft(decoded)) return decoded;
  const q = decoded.right;
  const match = matches(q);
  const found: CustomerRow[] = [];
  for (const entry of state.customers.get(shopId)?.values() ?? []) {
    if (!canSeeCustomer(entry, viewer, options)) continue;
    const row = rowOf(entry);
    if (match(row)) found.push(row);
  }
  found.sort(orderBy(q.order));
  const offset = q.offset ?? 0;
  return E.right({ total: found.length, rows: found.slice(offset, offset + (q.limit ?? DEFAULT_PAGE)) });
};

/** One customer's row, when the viewer may see it. */
export const customerRow = (state: CustomerDirectory, shopId: string, customerId: string, viewer: Who, options: VisibilityOptions = {}): CustomerRow | undefined => {
  const entry = customerEntry(state, shopId, customerId);
  return entry !== undefined && canSeeCustomer(entry, viewer, options) ? rowOf(entry) : undefined;
};

/** C2: a customer's sessions, newest first (undefined when unknown or not visible to the viewer). */
export const serviceSessions = (state: CustomerDirectory, shopId: string, customerId: string, viewer: Who, options: VisibilityOptions = {}): readonly ServiceSession[] | undefined => {
  const entry = customerEntry(state, shopId, customerId);
  return entry !== undefined && canSeeCustomer(entry, viewer, options) ? entry.sessions.reverse().toArray() : undefined;
};
