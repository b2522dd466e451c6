/**
 * T11 提醒通知: each recipient's SLA notifications, the reminders
 * (TicketSlaReminded, to the recipients the event names) and the breaches
 * (TicketSlaBreached), newest first, numbered per recipient (`seq` 1, 2, ...).
 *
 * Unread: nothing in the log marks a notification read, so the reader keeps the
 * `seq` it last read and asks `unread(lastReadSeq)`; the count covers every
 * delivery, kept or dropped.
 *
 * A breach goes to the recipients its event names when it names them, else to
 * those of the ticket clock's latest reminder, else to the ticket's assignee at the
 * time (the projection follows each ticket's assignee for this).
 *
 * Bounded: a recipient keeps its newest `limit` deliveries (default 500).
 */
import { List, Map as IMap } from 'immutable';
import type { SlaClock } from '../tickets/settings/ticketSettingsTypes.js';
import type { TicketEvent } from '../tickets/ticket/ticketTypes.js';
import type { Projection } from './projection.js';

export interface TicketNotification {
  readonly seq: number;
  readonly ticketId: string;
  readonly clock: SlaClock;
  readonly kind: 'reminder' | 'breach';
  /** before / at / after the due time for a reminder, `breach` for a breach. */
  readonly when: 'before' | 'at' | 'after' | 'breach';
  /** The reminder point's key (reminderPoints.ts), `breach` for a breach. */
  readonly point: string;
  readonly dueAt: number;
  /** When it was delivered. */
  readonly at: number;
  readonly version: number;
}

interface Inbox {
  /** Oldest first; the oldest dropped past the bound. */
  readonly kept: List<TicketNotification>;
  readonly delivered: number;
}

interface TicketWatch {
  readonly assigneeId?: string;
  readonly reminded: Readonly<Partial<Record<SlaClock, readonly string[]>>>;
}

export interface TicketNotifications {
  /** Shop id -> recipient (agent id) -> its inbox. */
  readonly inboxes: IMap<string, IMap<string, Inbox>>;
  /** Shop id -> ticket id -> who a breach goes to when its event names nobody. */
  readonly tickets: IMap<string, IMap<string, TicketWatch>>;
}

export const DEFAULT_NOTIFICATIONS_PER_RECIPIENT = 500;
export const MAX_NOTIFICATIONS_PER_RECIPIENT = 100_000;

const EMPTY_INBOX: Inbox = { kept: List(), delivered: 0 };

export const ticketNotificationsProjection = (options: { readonly limit?: number } = {}): Projection<TicketNotifications, TicketEvent> => {
  const limit = options.limit ?? DEFAULT_NOTIFICATIONS_PER_RECIPIENT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_NOTIFICATIONS_PER_RECIPIENT) {
    throw new RangeError(`ticket notifications: limit must be an integer from 1 to ${MAX_NOTIFICATIONS_PER_RECIPIENT}, got ${String(limit)}`);
  }
  const deliver = (state: TicketNotifications, shop: string, recipients: readonly string[], note: Omit<TicketNotification, 'seq'>): TicketNotifications => {
    let inboxes = state.inboxes.get(shop) ?? IMap<string, Inbox>();
    for (const recipient of new Set(recipients)) {
      const inbox = inboxes.get(recipient) ?? EMPTY_INBOX;
      let kept = inbox.kept.push({ ...note, seq: inbox.delivered + 1 });
      if (kept.size > limit) kept = kept.shift();
      inboxes = inboxes.set(recipient, { kept, delivered: inbox.delivered + 1 });
    }
    return { ...state, inboxes: state.inboxes.set(shop, inboxes) };
  };
  const watch = (state: TicketNotifications, shop: string, ticketId: string, change: (w: TicketWatch) => TicketWatch): TicketNotifications => {
    const current = (state.tickets.getIn([shop, ticketId]) as TicketWatch | undefined) ?? { reminded: {} };
    return { ...state, tickets: state.tickets.setIn([shop, ticketId], change(current)) };
  };
  const assign = (assigneeId: string | undefined) => (w: TicketWatch): TicketWatch => (assigneeId === undefined ? { reminded: w.reminded } : { ...w, assigneeId });

  return {
    name: 'ticket-notifications',
    initialState: () => ({ inboxes: IMap(), tickets: IMap() }),
    apply: (state, event) => {
      const shop = event.metadata.shopId;
      const e = event as TicketEvent;
      switch (e.type) {
        case 'TicketCreated':
          return watch(state, shop, e.data.ticketId, assign(e.data.assigneeId));
        case 'TicketClaimed':
        case 'TicketAssigned':
          return watch(state, shop, e.data.ticketId, assign(e.data.assigneeId));
        case 'TicketTransferred':
        case 'TicketReopened':
          return watch(state, shop, e.data.ticketId, assign(e.data.assigneeId));
        case 'TicketSlaReminded': {
          const { ticketId, clock, point, when, dueAt, recipients, version, at } = e.data;
          const next = watch(state, shop, ticketId, (w) => ({ ...w, reminded: { ...w.reminded, [clock]: recipients } }));
          return deliver(next, shop, recipients, { ticketId, clock, kind: 'reminder', when, point, dueAt, at, version });
        }
        case 'TicketSlaBreached': {
          const { ticketId, clock, dueAt, version, at } = e.data;
          const named = (e.data as { readonly recipients?: readonly string[] }).recipients;
          const w = state.tickets.getIn([shop, ticketId]) as TicketWatch | undefined;
          const recipients = named ?? w?.reminded[clock] ?? (w?.assigneeId === undefined ? [] : [w.assigneeId]);
          return deliver(state, shop, recipients, { ticketId, clock, kind: 'breach', when: 'breach', point: 'breach', dueAt, at, version });
        }
        default:
          return state;
      }
    },
  };
};

const inboxOf = (state: TicketNotifications, shopId: string, recipientId: string): Inbox => (state.inboxes.getIn([shopId, recipientId]) as Inbox | undefined) ?? EMPTY_INBOX;

/** T11: the recipient's notifications kept, newest first; `limit` of them (all by default). */
export const notificationsOf = (state: TicketNotifications, shopId: string, recipientId: string, limit?: number): readonly TicketNotification[] => {
  const kept = inboxOf(state, shopId, recipientId).kept;
  const out: TicketNotification[] = [];
  const n = limit === undefined ? kept.size : Math.max(0, Math.min(limit, kept.size));
  for (let i = kept.size - 1; out.length < n; i--) out.push(kept.get(i)!);
  return out;
};

/** T11: how many were delivered and how many of them came after `lastReadSeq` (the newest the reader has seen). */
export const notificationCounts = (state: TicketNotifications, shopId: string, recipientId: string, lastReadSeq = 0): { readonly delivered: number; readonly unread: number } => {
  const delivered = inboxOf(state, shopId, recipientId).delivered;
  return { delivered, unread: Math.max(0, delivered - Math.max(0, lastReadSeq)) };
};
