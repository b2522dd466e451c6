/**
 * T10 工单列表: one row per ticket (its current fields, no log, no content), per
 * shop, ordered newest first (creation time, then ticket id descending) in a
 * persistent B+ tree, so a page is read from a cursor without sorting and a fold
 * step is O(log n). Memory is a row per ticket whatever the ticket's history,
 * plus its key in at most four small indexes (ticketListIndex.ts).
 * The views and filters are in ticketListQueries.ts.
 */
import { Map as IMap } from 'immutable';
import { BTree } from '../domain/btree.js';
import type { TicketPriority } from '../tickets/priority.js';
import type { Party, TicketEvent, TicketSource, TicketStatus } from '../tickets/ticket/ticketTypes.js';
import type { Projection } from './projection.js';
import { ticketFieldUpdate } from './ticketFields.js';
import { reindex, type TicketKeySets } from './ticketListIndex.js';

export interface TicketRow {
  readonly ticketId: string;
  readonly status: TicketStatus;
  readonly typeId: string;
  readonly subject: string;
  readonly priority: TicketPriority;
  readonly groupId: string;
  readonly assigneeId?: string;
  readonly creator: Party;
  readonly source: TicketSource;
  readonly customerId?: string;
  readonly customerName?: string;
  readonly createdAt: number;
  /** The time of the ticket's latest operation (SLA events not counted). */
  readonly updatedAt: number;
  /** The latest completion: when, and the agent who did it. */
  readonly completedAt?: number;
  readonly completedBy?: string;
}

/** [createdAt, ticketId]: the list's order key. */
export type TicketSortKey = readonly [number, string];
/** Newest first; the same instant: the greater ticket id first. */
export const newestFirst = (a: TicketSortKey, b: TicketSortKey): number => b[0] - a[0] || (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0);

export interface ShopTickets {
  readonly rows: BTree<TicketSortKey, TicketRow>;
  /** Ticket id -> creation time (the other half of its key). */
  readonly createdAt: IMap<string, number>;
  /** The views' indexes (ticketListIndex.ts). */
  readonly sets: TicketKeySets;
}

export interface TicketLists {
  readonly shops: IMap<string, ShopTickets>;
}

const emptyShop = (): ShopTickets => ({ rows: new BTree<TicketSortKey, TicketRow>(undefined, newestFirst), createdAt: IMap(), sets: IMap() });

const rowFields = ['status', 'typeId', 'subject', 'priority', 'groupId', 'assigneeId', 'customerName'] as const;

const changedRow = (row: TicketRow, event: TicketEvent): TicketRow => {
  const update = ticketFieldUpdate(event) as Readonly<Record<string, unknown>>;
  const next: Record<string, unknown> = { ...row };
  for (const name of rowFields) {
    if (!(name in update)) continue;
    const value = update[name];
    if (value === null || value === undefined) delete next[name];
    else next[name] = value;
  }
  const at = event.data.at;
  if (event.type !== 'TicketCompleted') return { ...(next as unknown as TicketRow), updatedAt: at };
  const { completedBy: _previous, ...rest } = next as unknown as TicketRow;
  return { ...rest, updatedAt: at, completedAt: at, ...(event.data.by.kind === 'agent' ? { completedBy: event.data.by.id } : {}) };
};

export const ticketListsProjection: Projection<TicketLists, TicketEvent> = {
  name: 'ticket-lists',
  initialState: () => ({ shops: IMap() }),
  apply: (state, event) => {
    const e = event as TicketEvent;
    if (!e.type.startsWith('Ticket') || e.type.startsWith('TicketSla')) return state;
    const shopId = event.metadata.shopId;
    const shop = state.shops.get(shopId) ?? emptyShop();
    const ticketId = e.data.ticketId;
    if (e.type === 'TicketCreated') {
      if (shop.createdAt.has(ticketId)) return state;
      const d = e.data;
      const row: TicketRow = {
        ticketId,
        status: d.status,
        typeId: d.typeId,
        subject: d.subject,
        priority: d.priority,
        groupId: d.groupId,
        creator: d.creator,
        source: d.source,
        createdAt: d.at,
        updatedAt: d.at,
        ...(d.assigneeId === undefined ? {} : { assigneeId: d.assigneeId }),
        ...(d.customerId === undefined ? {} : { customerId: d.customerId }),
        ...(d.customerName === undefined ? {} : { customerName: d.customerName }),
      };
      const key: TicketSortKey = [d.at, ticketId];
      return { shops: state.shops.set(shopId, { rows: shop.rows.with(key, row, true), createdAt: shop.createdAt.set(ticketId, d.at), sets: reindex(shop.sets, key, undefined, row, newestFirst) }) };
    }
    const createdAt = shop.createdAt.get(ticketId);
    if (createdAt === undefined) return state;
    const key: TicketSortKey = [createdAt, ticketId];
    const row = shop.rows.get(key);
    if (row === undefined) return state;
    const next = changedRow(row, e);
    return { shops: state.shops.set(shopId, { rows: shop.rows.with(key, next, true), createdAt: shop.createdAt, sets: reindex(shop.sets, key, row, next, newestFirst) }) };
  },
};

/** One ticket's row. */
export const ticketRow = (state: TicketLists, shopId: string, ticketId: string): TicketRow | undefined => {
  const shop = state.shops.get(shopId);
  const createdAt = shop?.createdAt.get(ticketId);
  return createdAt === undefined ? undefined : shop?.rows.get([createdAt, ticketId]);
};

/** How many tickets the shop's list holds. */
export const ticketCount = (state: TicketLists, shopId: string): number => state.shops.get(shopId)?.createdAt.size ?? 0;
