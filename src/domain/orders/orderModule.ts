/**
 * The order module (M18-M19): one stream per order, `order-<shopId>-<orderId>`
 * (orderStream), so orders never contend and each holds its few steps. It reads
 * nothing but, for a command an agent sends, the desk and the access streams to
 * say who it is (and refuse it: orders are the system's). No snapshots: an order
 * has a handful of events.
 */
import { defineModule } from '../module.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { orderCommandCodecs, type OrderCommand } from './orderCommands.js';
import { decideOrder } from './orderDecide.js';
import { orderEventDefinitions, orderStream, type OrderEvent } from './orderEvents.js';
import { evolveOrder, initialOrderState, type OrderState } from './orderState.js';

export { orderStream };

export const orderModule = defineModule<OrderState, OrderCommand, OrderEvent>({
  name: 'order',
  commands: orderCommandCodecs,
  events: orderEventDefinitions,
  streamOf: (command) => orderStream(command.meta.shopId, command.data.orderId),
  references: (command) => permissionReferencesFor(command.meta.shopId, command.meta.actor),
  decider: { initialState: initialOrderState, decide: decideOrder, evolve: evolveOrder },
});
