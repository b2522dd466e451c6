/**
 * T10: the ticket centre's lists over the rows of ticketLists.ts. Views:
 * submitted by me (the creator is the agent), mine to process (assignee, status
 * to-process), mine in progress (assignee, in-progress or waiting), mine completed
 * (completed, and the agent holds it or completed it), unassigned in my groups
 * (to-assign in one of the groups), all. Filters on top of a view: the number
 * (ticket id, prefix by default or exact), the creation time range
 * [createdFrom, createdBefore), priority, status, type (any of `typeIds`: pass a
 * type and its descendants for a subtree), creator, group, assignee.
 *
 * Pages are newest first and stable: `after` is the cursor of the last row seen
 * (`nextCursor` of the page before), a key of the order, so tickets created since
 * never shift a later page and no row shows twice. Who may see which view is the
 * caller's to decide (ticket permissions are checked by the commands).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { validationError, type ValidationError } from '../domain/errors.js';
import { agentIdCodec, groupIdCodec } from '../domain/ids.js';
import { decodeWith, identifier, intInRange, nonEmptyString, oneOf, struct, timestamp } from '../domain/validation.js';
import { ticketPriorityCodec } from '../tickets/priority.js';
import { TICKET_STATUSES } from '../tickets/ticket/ticketTypes.js';
import { assigneeSet, completerSet, creatorSet, mergedKeys, unassignedSet } from './ticketListIndex.js';
import { newestFirst, type TicketLists, type TicketRow, type TicketSortKey } from './ticketLists.js';

export type TicketView =
  | { readonly kind: 'submitted-by-me'; readonly agentId: string }
  | { readonly kind: 'my-to-process'; readonly agentId: string }
  | { readonly kind: 'my-in-progress'; readonly agentId: string }
  | { readonly kind: 'my-completed'; readonly agentId: string }
  | { readonly kind: 'unassigned-in-my-groups'; readonly groupIds: readonly string[] }
  | { readonly kind: 'all' };

const ticketIdCodec = identifier('ticket id');

export const ticketListQueryCodec = struct(
  'TicketListQuery',
  {},
  {
    number: nonEmptyString(128),
    numberMatch: oneOf('NumberMatch', ['prefix', 'exact']),
    createdFrom: timestamp,
    createdBefore: timestamp,
    priority: ticketPriorityCodec,
    status: oneOf('TicketStatus', TICKET_STATUSES),
    typeIds: t.array(identifier('ticket type id')),
    creatorId: identifier('creator id'),
    groupId: groupIdCodec,
    assigneeId: agentIdCodec,
    limit: intInRange(1, 200),
    after: nonEmptyString(300),
  },
);
export type TicketListQuery = t.TypeOf<typeof ticketListQueryCodec>;

export interface TicketPage {
  readonly rows: readonly TicketRow[];
  /** Pass as `after` for the next page; absent on the last page. */
  readonly nextCursor?: string;
}

export const DEFAULT_TICKET_PAGE = 20;

/** A row's place in the order, as a cursor: `<createdAt>~<ticketId>` (`~` is in no id). */
export const ticketCursor = (row: Pick<TicketRow, 'createdAt' | 'ticketId'>): string => `${row.createdAt}~${row.ticketId}`;

const parseCursor = (cursor: string): TicketSortKey | undefined => {
  const match = /^(\d{1,16})~(.+)$/.exec(cursor);
  if (match === null || E.isLeft(ticketIdCodec.decode(match[2]))) return undefined;
  const at = Number(match[1]);
  return Number.isSafeInteger(at) ? [at, match[2]!] : undefined;
};

const inView = (view: TicketView): ((row: TicketRow) => boolean) => {
  switch (view.kind) {
    case 'submitted-by-me':
      return (r) => r.creator.kind === 'agent' && r.creator.id === view.agentId;
    case 'my-to-process':
      return (r) => r.assigneeId === view.agentId && r.status === 'to-process';
    case 'my-in-progress':
      return (r) => r.assigneeId === view.agentId && (r.status === 'in-progress' || r.status === 'waiting');
    case 'my-completed':
      return (r) => r.status === 'completed' && (r.assigneeId === view.agentId || r.completedBy === view.agentId);
    case 'unassigned-in-my-groups': {
      const groups = new Set(view.groupIds);
      return (r) => r.status === 'to-assign' && groups.has(r.groupId);
    }
    case 'all':
      return () => true;
  }
};

const matches = (q: TicketListQuery): ((row: TicketRow) => boolean) => {
  const types = q.typeIds === undefined ? undefined : new Set(q.typeIds);
  const exact = q.numberMatch === 'exact';
  return (r) =>
    (q.number === undefined || (exact ? r.ticketId === q.number : r.ticketId.startsWith(q.number))) &&
    (q.createdFrom === undefined || r.createdAt >= q.createdFrom) &&
    (q.createdBefore === undefined || r.createdAt < q.createdBefore) &&
    (q.priority === undefined || r.priority === q.priority) &&
    (q.status === undefined || r.status === q.status) &&
    (types === undefined || types.has(r.typeId)) &&
    (q.creatorId === undefined || (r.creator.kind !== 'system' && r.creator.id === q.creatorId)) &&
    (q.groupId === undefined || r.groupId === q.groupId) &&
    (q.assigneeId === undefined || r.assigneeId === q.assigneeId);
};

/** The indexes a view reads (undefined: the whole list). */
const setsOfView = (view: TicketView): readonly string[] | undefined => {
  switch (view.kind) {
    case 'submitted-by-me':
      return [creatorSet(view.agentId)];
    case 'my-to-process':
    case 'my-in-progress':
      return [assigneeSet(view.agentId)];
    case 'my-completed':
      return [assigneeSet(view.agentId), completerSet(view.agentId)];
    case 'unassigned-in-my-groups':
      return view.groupIds.map(unassignedSet);
    case 'all':
      return undefined;
  }
};

const decodeQuery = decodeWith(ticketListQueryCodec, 'ticket list query');

/** T10: one page of a view, newest first, filtered. */
export const ticketList = (state: TicketLists, shopId: string, view: TicketView, query: TicketListQuery = {}): E.Either<ValidationError, TicketPage> => {
  const decoded = decodeQuery(query);
  if (E.isLeft(decoded)) return decoded;
  const q = decoded.right;
  const after = q.after === undefined ? undefined : parseCursor(q.after);
  if (q.after !== undefined && after === undefined) return E.left(validationError('ticket list query', [{ path: 'after', reason: 'must be a cursor from a page of this list (<createdAt>~<ticketId>)' }]));
  const shop = state.shops.get(shopId);
  if (shop === undefined) return E.right({ rows: [] });
  const limit = q.limit ?? DEFAULT_TICKET_PAGE;
  const wanted = inView(view);
  const filtered = matches(q);
  // Newest first: a window below createdBefore skips the newer rows at once.
  const start: TicketSortKey | undefined = after ?? (q.createdBefore === undefined ? undefined : [q.createdBefore, '']);
  const sets = setsOfView(view);
  const keys = sets === undefined ? shop.rows.keys(start) : mergedKeys(shop.sets, sets, start, newestFirst);
  const page: TicketRow[] = [];
  let more = false;
  for (const key of keys) {
    if (after !== undefined && newestFirst(key, after) === 0) continue;
    if (q.createdFrom !== undefined && key[0] < q.createdFrom) break;
    const row = shop.rows.get(key);
    if (row === undefined || !wanted(row) || !filtered(row)) continue;
    if (page.length === limit) {
      more = true;
      break;
    }
    page.push(row);
  }
  const last = page[page.length - 1];
  return E.right(more && last !== undefined ? { rows: page, nextCursor: ticketCursor(last) } : { rows: page });
};

type Query = TicketListQuery | undefined;
export const submittedByMe = (s: TicketLists, shopId: string, agentId: string, q?: Query) => ticketList(s, shopId, { kind: 'submitted-by-me', agentId }, q);
export const myToProcess = (s: TicketLists, shopId: string, agentId: string, q?: Query) => ticketList(s, shopId, { kind: 'my-to-process', agentId }, q);
export const myInProgress = (s: TicketLists, shopId: string, agentId: string, q?: Query) => ticketList(s, shopId, { kind: 'my-in-progress', agentId }, q);
export const myCompleted = (s: TicketLists, shopId: string, agentId: string, q?: Query) => ticketList(s, shopId, { kind: 'my-completed', agentId }, q);
export const unassignedInMyGroups = (s: TicketLists, shopId: string, groupIds: readonly string[], q?: Query) =>
  ticketList(s, shopId, { kind: 'unassigned-in-my-groups', groupIds }, q);
export const allTickets = (s: TicketLists, shopId: string, q?: Query) => ticketList(s, shopId, { kind: 'all' }, q);
