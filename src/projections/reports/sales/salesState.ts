/**
 * The sales report's state (M18-M19), per shop: plain objects its fold mutates in
 * place. It grows with agents x days; beside that it holds only what can still
 * change a figure: the sessions open (to know whose customer a reply answers),
 * each buyer's last reply of the last 72 hours (who an order is credited to), the
 * orders of the last 180 days (who a payment or a refund is credited to), and,
 * for the last four days, who was counted already (buyers per day are counted
 * once; conversions follow a buyer for three days after the inquiry).
 */

/** M18 (open point 12): an order is credited to the last agent who replied to its buyer within this long before it. */
export const CREDIT_WINDOW_MS = 72 * 60 * 60 * 1000;
/** A session with no message for this long is forgotten even if it never ended (its replies could credit nothing more). */
export const SESSION_IDLE_MS = 3 * 24 * 60 * 60 * 1000;
/** An order's record is kept this many days after its payment (or its placement, unpaid): a later refund is unattributed. */
export const ORDER_KEEP_DAYS = 180;
/** M19: an inquiry of day D converts to an order on D..D+1 and to a payment on D..D+3; after D+3 the day is final. */
export const ORDER_DAYS_AFTER = 1;
export const PAYMENT_DAYS_AFTER = 3;

/** Conversion flags of a buyer an agent replied to on a day. */
export const INQUIRED = 1;
export const ORDERED = 2;
export const PAID = 4;

/** Who is counted already on an (agent, day), while the day can still change. */
export interface DaySets {
  /** Paying buyers (销售人数, per day). */
  readonly buyers: Record<string, 1>;
  readonly refundOrders: Record<string, 1>;
  readonly refundBuyers: Record<string, 1>;
  /** M19: buyers replied to that day, with their INQUIRED | ORDERED | PAID flags. */
  readonly inquiries: Record<string, number>;
}

/** The M18 counts, of one agent's day or summed over days and agents. Money in fen. */
export interface SalesCounts {
  salesAmount: number;
  paidOrders: number;
  units: number;
  buyers: number;
  refundAmount: number;
  /** Distinct orders refunded (per day). */
  refundOrders: number;
  /** Refund events (退款笔数). */
  refundCount: number;
  refundBuyers: number;
}

/** One agent's figures of one natural day. */
export interface SalesDay extends SalesCounts {
  /** M19, counted on the inquiry day: buyers replied to, of them those who ordered, paid, and ordered and paid. */
  inquiries: number;
  ordered: number;
  paid: number;
  orderedPaid: number;
  /** Absent once the day is final (D+3 has passed): the counts stay, the sets go. */
  open?: DaySets;
}

/** What no agent is credited with, per day: so nothing paid or refunded is lost silently. */
export interface UnattributedDay {
  salesAmount: number;
  paidOrders: number;
  units: number;
  refundAmount: number;
  refundCount: number;
}

export interface OpenSession {
  readonly customerId: string;
  lastAt: number;
}

export interface LastReply {
  agentId: string;
  at: number;
}

export interface OrderCredit {
  /** The credited agent; null: not a consultation sale. */
  readonly agentId: string | null;
  paid: boolean;
  /** The record goes once this day has passed. */
  keepUntil: number;
}

export interface ShopSales {
  /** Agents registered, or credited with a figure. */
  readonly agents: Record<string, 1>;
  readonly sessions: Record<string, OpenSession>;
  /** Buyer id -> the last agent reply to it (kept 72 hours). */
  readonly lastReply: Record<string, LastReply>;
  readonly orders: Record<string, OrderCredit>;
  /** Day -> orders whose record may go after it (checked against the record's own keepUntil). */
  readonly expiry: Record<string, string[]>;
  /** Agent id -> day number -> figures. */
  readonly days: Record<string, Record<string, SalesDay>>;
  /** Day -> agents whose figures of that day still hold their sets. */
  readonly liveDays: Record<string, string[]>;
  readonly unattributed: Record<string, UnattributedDay>;
  /** The last day pruned for (the newest day an event of the shop fell on). */
  sweptDay: number;
}

export interface SalesState {
  readonly shops: Record<string, ShopSales>;
}

export const initialSalesState = (): SalesState => ({ shops: {} });

export const newShop = (): ShopSales => ({ agents: {}, sessions: {}, lastReply: {}, orders: {}, expiry: {}, days: {}, liveDays: {}, unattributed: {}, sweptDay: -1 });

const newSets = (): DaySets => ({ buyers: {}, refundOrders: {}, refundBuyers: {}, inquiries: {} });

/** The agent's figures of a day, created (and marked live) when missing. */
export const dayOf = (shop: ShopSales, agentId: string, day: number): SalesDay => {
  const agentDays = (shop.days[agentId] ??= {});
  shop.agents[agentId] = 1;
  let figures = agentDays[day];
  if (figures === undefined) {
    figures = { salesAmount: 0, paidOrders: 0, units: 0, buyers: 0, refundAmount: 0, refundOrders: 0, refundCount: 0, refundBuyers: 0, inquiries: 0, ordered: 0, paid: 0, orderedPaid: 0 };
    agentDays[day] = figures;
  }
  return figures;
};

/**
 * The day's sets. A final day touched again (an event more than three days late,
 * which an engine does not write) gets fresh sets: its counts go on, de-duplicated
 * only among the late events.
 */
export const setsOf = (shop: ShopSales, agentId: string, day: number, figures: SalesDay): DaySets => {
  if (figures.open !== undefined) return figures.open;
  const sets = newSets();
  figures.open = sets;
  (shop.liveDays[day] ??= []).push(agentId);
  return sets;
};

export const unattributedOf = (shop: ShopSales, day: number): UnattributedDay =>
  (shop.unattributed[day] ??= { salesAmount: 0, paidOrders: 0, units: 0, refundAmount: 0, refundCount: 0 });
