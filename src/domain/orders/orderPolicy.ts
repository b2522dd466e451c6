/**
 * P1 for orders (M18): only the shop's trusted backend records what its order
 * system did. No person, not even an admin, may write a sale: a sale credited by
 * hand would be a sales figure anyone could make up.
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { OrderCommandType } from './orderCommands.js';

const backend = noted(rules.systemOnly(), "the shop's order system, through its backend");

export const orderPolicy: PolicyTable<OrderCommandType> = {
  RecordOrderPlaced: backend,
  RecordOrderPaid: backend,
  RecordOrderRefunded: backend,
};
