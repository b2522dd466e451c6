/**
 * P1 for customers (C1): profiles are session work, so staff need the
 * customer-service-session permission (客服会话权限); any staff member holding it
 * reaches every customer of the shop, as the customer centre lists them all
 * (003 §4.1, 全部客户). A customer only ever patches its own nickname (the name
 * it shows in the member app); name, phone, source and membership come from the
 * shop's member database or its staff.
 */
import { noted, rules, type PolicyTable } from '../permissions/policy.js';
import type { CustomersCommandType } from './customersCommands.js';

const anyCustomer = noted(rules.anyStaff('customer-service-session'), 'staff: any customer of the shop');

export const customersPolicy: PolicyTable<CustomersCommandType> = {
  RegisterCustomer: anyCustomer,
  UpdateCustomerProfile: noted({ ...rules.anyStaff('customer-service-session'), customer: 'own' }, 'staff: any customer of the shop; a customer: its own nickname only'),
  TagCustomer: anyCustomer,
  UntagCustomer: anyCustomer,
};
