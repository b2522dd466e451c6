/**
 * The customers module (C1): one stream per customer, `customer-<shopId>-<customerId>`,
 * holding the profile and its changes. Profiles of different customers never
 * contend, and the personal data they hold stays in streams of their own (README,
 * "Personal data"). For a command an agent sends, it reads the desk and the access
 * streams to resolve who acts (permissions/who.ts), never writes them. Last agent and last session
 * time are folded from the conversations by the directory projection
 * (projections/customerDirectory.ts), not written here: a session never waits on
 * a customer's stream.
 */
import { defineModule } from '../module.js';
import { permissionReferencesFor } from '../permissions/who.js';
import { customersCommandCodecs, type CustomersCommand } from './customersCommands.js';
import { decideCustomers } from './customersDecide.js';
import { customersEventDefinitions, type CustomersEvent } from './customersEvents.js';
import { evolveCustomer, initialCustomerState, type CustomerState } from './customersState.js';

export const customerStream = (shopId: string, customerId: string): string => `customer-${shopId}-${customerId}`;

export const customersModule = defineModule<CustomerState, CustomersCommand, CustomersEvent>({
  name: 'customers',
  commands: customersCommandCodecs,
  events: customersEventDefinitions,
  streamOf: (command) => customerStream(command.meta.shopId, command.data.customerId),
  references: (command) => permissionReferencesFor(command.meta.shopId, command.meta.actor),
  decider: {
    initialState: initialCustomerState,
    decide: decideCustomers,
    evolve: evolveCustomer,
  },
});
