/**
 * The desk's permission table (P1/P2): one rule per command, checked once at the
 * top of deskDecide against how the actor stands to what the command touches
 * (deskRelation.ts). Settings, groups, channel rules, pins, the blacklist and the
 * staff's lifecycle are the admins' (P2, with the configuration permission);
 * serving (presence, sessions, transfers) needs the customer-service permission.
 */
import { noted, rules, type CommandRule, type PolicyTable } from '../permissions/policy.js';
import type { DeskCommandType } from './deskCommands.js';

const settings = noted(rules.adminOnly(), 'P2: routing rules and shop-level lists');
const staff = (note: string) => noted(rules.adminOnly(), note);
const self = (note: string) => noted(rules.ownOrAdmin(), note);
const session = (note = 'own: it owns or co-handles the session; own-group: its owner shares a group with the actor') => noted(rules.session(), note);

/** S6 barge-in: admins and team leads (of the owner's groups), as themselves. */
const bargeIn: CommandRule = { needs: 'customer-service', admin: 'all', 'team-lead': 'own-groups', agent: 'none', customer: 'none', note: 'as themselves; own-group: the owner shares a group with the lead' };

export const deskPolicy: PolicyTable<DeskCommandType> = {
  ConfigureRouting: settings,
  CreateGroup: settings,
  SetChannelRule: settings,
  PinCustomer: settings,
  UnpinCustomer: settings,
  BlacklistCustomer: settings,
  UnblacklistCustomer: settings,
  RegisterAgent: staff('staff management'),
  ActivateAgent: staff('staff management'),
  FreezeAgent: staff('staff management'),
  UnfreezeAgent: staff('staff management'),
  EnableAgent: staff('staff management'),
  DisableAgent: staff('staff management'),
  SetCapability: staff('A4: the capability score is the admin\'s judgement'),
  SetAgentGroups: staff('staff management'),
  SetAgentRole: staff('staff management'),
  ChangeAgentStatus: self('own: the agent itself'),
  SetMaxSessions: self('own: the agent itself'),
  OpenSession: noted(rules.customerOwn(), 'own: the customer it is for (agents start proactive sessions)'),
  StartProactiveSession: self('own: the agent who starts it'),
  PickFromQueue: noted(rules.session(), 'own: picks for itself; own-group: the queued session entered by one of the lead\'s groups'),
  EndSession: noted(rules.session('customer-service', 'own'), 'own: it owns the session, or is its customer (an invited co-agent leaves instead)'),
  EndSessions: noted(rules.session('customer-service', 'own'), 'every session of the batch, as EndSession'),
  RequeueSession: noted(rules.systemOnly(), 'S8 agent no-response timeout'),
  TransferSession: session(),
  AcceptTransfer: self('own: the transfer waits for the actor'),
  DeclineTransfer: self('own: the transfer waits for the actor'),
  ExpireTransfer: noted(rules.systemOnly(), 'the acceptance deadline'),
  CancelTransfer: session(),
  InviteAgent: session(),
  JoinSession: bargeIn,
  LeaveSession: self('own: the co-agent who leaves'),
};
