/**
 * Keeping the sales state bounded: once a shop's events reach a new natural day,
 * what can no longer change a figure goes. Each is swept once a day, so the cost
 * per event stays flat: replies older than the 72-hour credit window, sessions
 * idle for three days, the sets of days whose conversions are final (D+3 has
 * passed: the counts stay), and order records 180 days after their payment.
 */
import { CREDIT_WINDOW_MS, PAYMENT_DAYS_AFTER, SESSION_IDLE_MS, type ShopSales } from './salesState.js';

export const pruneShop = (shop: ShopSales, day: number, at: number): void => {
  for (const buyerId in shop.lastReply) if ((shop.lastReply[buyerId] as { at: number }).at < at - CREDIT_WINDOW_MS) delete shop.lastReply[buyerId];
  for (const sessionId in shop.sessions) if ((shop.sessions[sessionId] as { lastAt: number }).lastAt < at - SESSION_IDLE_MS) delete shop.sessions[sessionId];
  for (const key in shop.liveDays) {
    if (Number(key) + PAYMENT_DAYS_AFTER >= day) continue;
    for (const agentId of shop.liveDays[key] as string[]) {
      const figures = shop.days[agentId]?.[key];
      if (figures !== undefined) delete figures.open;
    }
    delete shop.liveDays[key];
  }
  for (const key in shop.expiry) {
    const until = Number(key);
    if (until >= day) continue;
    for (const orderId of shop.expiry[key] as string[]) if (shop.orders[orderId]?.keepUntil === until) delete shop.orders[orderId];
    delete shop.expiry[key];
  }
  shop.sweptDay = day;
};
