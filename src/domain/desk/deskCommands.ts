/** The desk's commands and their codecs: what callers may ask of routing. */
import * as t from 'io-ts';
import type { Command } from '../command.js';
import { agentIdCodec, customerIdCodec, groupIdCodec, sessionIdCodec } from '../ids.js';
import type { CommandCodecs } from '../module.js';
import { intInRange, nonEmptyString, nonNegativeInt, oneOf, struct } from '../validation.js';
import type { AgentRole, AgentStatus } from '../../routing/model.js';
import { routingSettingsPatchCodec, type RoutingSettingsPatch } from '../../routing/settings.js';
import type { EndReason, SessionStats } from './deskEvents.js';
import { agentRoleCodec, agentStatusCodec, channelCodec } from './deskCodecs.js';

type AgentRef = { readonly agentId: string };
type SessionRef = { readonly sessionId: string };
type CustomerRef = { readonly customerId: string };

/** The most concurrent sessions an agent can be given (A2). */
export const MAX_SESSIONS_LIMIT = 10_000;

export type DeskCommand =
  | Command<'ConfigureRouting', { readonly settings: RoutingSettingsPatch }>
  | Command<'CreateGroup', { readonly groupId: string; readonly name: string }>
  | Command<'SetChannelRule', { readonly channel: string; readonly groups: readonly string[]; readonly agents: readonly string[]; readonly enabled: boolean }>
  | Command<'PinCustomer', CustomerRef & AgentRef>
  | Command<'UnpinCustomer', CustomerRef>
  | Command<'BlacklistCustomer', CustomerRef>
  | Command<'UnblacklistCustomer', CustomerRef>
  | Command<
      'RegisterAgent',
      AgentRef & {
        readonly name: string;
        readonly maxSessions: number;
        readonly role?: AgentRole;
        readonly groups?: readonly string[];
        readonly capability?: number;
        /** A7: register as pending (invited, not yet active). */
        readonly pending?: boolean;
      }
    >
  | Command<'ActivateAgent', AgentRef>
  | Command<'FreezeAgent', AgentRef>
  | Command<'UnfreezeAgent', AgentRef>
  | Command<'EnableAgent', AgentRef>
  | Command<'DisableAgent', AgentRef>
  | Command<'ChangeAgentStatus', AgentRef & { readonly status: AgentStatus; readonly takeFromQueue?: number }>
  | Command<'SetMaxSessions', AgentRef & { readonly maxSessions: number }>
  | Command<'SetCapability', AgentRef & { readonly capability: number }>
  | Command<'SetAgentGroups', AgentRef & { readonly groups: readonly string[] }>
  | Command<'SetAgentRole', AgentRef & { readonly role: AgentRole }>
  | Command<
      'OpenSession',
      SessionRef &
        CustomerRef & {
          readonly channel: string;
          readonly vip?: boolean;
          readonly requestedAgentId?: string;
          /** R13: the group the entry point chose (a menu item, a product category, a page). */
          readonly entryGroupId?: string;
          /** R15: a keyword auto-reply already answered the customer. */
          readonly keywordReplied?: boolean;
        }
    >
  | Command<'StartProactiveSession', SessionRef & CustomerRef & AgentRef & { readonly channel: string; readonly vip?: boolean }>
  | Command<'PickFromQueue', SessionRef & AgentRef>
  | Command<'EndSession', SessionRef & { readonly reason?: EndReason; readonly stats?: SessionStats }>
  /** S8 (system only): the agent did not reply in time; another agent takes the session if one can. */
  | Command<'RequeueSession', SessionRef & { readonly excludeAgentId: string; readonly reason: 'agent-no-response' }>
  | Command<'EndSessions', { readonly sessionIds: readonly string[]; readonly reason?: EndReason }>
  | Command<'TransferSession', SessionRef & { readonly toAgentId?: string; readonly toGroupId?: string; readonly note?: string }>
  | Command<'AcceptTransfer', SessionRef & { readonly requestId: string }>
  | Command<'DeclineTransfer', SessionRef & { readonly requestId: string }>
  | Command<'ExpireTransfer', SessionRef & { readonly requestId: string }>
  | Command<'CancelTransfer', SessionRef & { readonly requestId: string }>
  | Command<'InviteAgent', SessionRef & AgentRef>
  | Command<'JoinSession', SessionRef & AgentRef>
  | Command<'LeaveSession', SessionRef & AgentRef>;

export type DeskCommandType = DeskCommand['type'];
export type DeskCommandOf<T extends DeskCommandType> = Extract<DeskCommand, { type: T }>;

const agent = { agentId: agentIdCodec };
const session = { sessionId: sessionIdCodec };
const customer = { customerId: customerIdCodec };
const maxSessions = intInRange(1, MAX_SESSIONS_LIMIT);
const capability = intInRange(0, 100);
const groups = t.readonlyArray(groupIdCodec);
const endReason = oneOf('EndReason', ['agent', 'timeout', 'closed', 'customer-left', 'system']);
const requestId = nonEmptyString(200);
const stats = struct('SessionStats', { agentReplied: t.boolean }, { firstResponseSec: nonNegativeInt });

export const deskCommandCodecs = {
  ConfigureRouting: struct('ConfigureRouting', { settings: routingSettingsPatchCodec }),
  CreateGroup: struct('CreateGroup', { groupId: groupIdCodec, name: nonEmptyString(100) }),
  SetChannelRule: struct('SetChannelRule', { channel: channelCodec, groups, agents: t.readonlyArray(agentIdCodec), enabled: t.boolean }),
  PinCustomer: struct('PinCustomer', { ...customer, ...agent }),
  UnpinCustomer: struct('UnpinCustomer', customer),
  BlacklistCustomer: struct('BlacklistCustomer', customer),
  UnblacklistCustomer: struct('UnblacklistCustomer', customer),
  RegisterAgent: struct(
    'RegisterAgent',
    { ...agent, name: nonEmptyString(100), maxSessions },
    { role: agentRoleCodec, groups, capability, pending: t.boolean },
  ),
  ActivateAgent: struct('ActivateAgent', agent),
  FreezeAgent: struct('FreezeAgent', agent),
  UnfreezeAgent: struct('UnfreezeAgent', agent),
  EnableAgent: struct('EnableAgent', agent),
  DisableAgent: struct('DisableAgent', agent),
  ChangeAgentStatus: struct('ChangeAgentStatus', { ...agent, status: agentStatusCodec }, { takeFromQueue: intInRange(0, MAX_SESSIONS_LIMIT) }),
  SetMaxSessions: struct('SetMaxSessions', { ...agent, maxSessions }),
  SetCapability: struct('SetCapability', { ...agent, capability }),
  SetAgentGroups: struct('SetAgentGroups', { ...agent, groups }),
  SetAgentRole: struct('SetAgentRole', { ...agent, role: agentRoleCodec }),
  OpenSession: struct(
    'OpenSession',
    { ...session, ...customer, channel: channelCodec },
    { vip: t.boolean, requestedAgentId: agentIdCodec, entryGroupId: groupIdCodec, keywordReplied: t.boolean },
  ),
  StartProactiveSession: struct('StartProactiveSession', { ...session, ...customer, ...agent, channel: channelCodec }, { vip: t.boolean }),
  PickFromQueue: struct('PickFromQueue', { ...session, ...agent }),
  EndSession: struct('EndSession', session, { reason: endReason, stats }),
  RequeueSession: struct('RequeueSession', { ...session, excludeAgentId: agentIdCodec, reason: oneOf('RequeueReason', ['agent-no-response']) }),
  EndSessions: struct('EndSessions', { sessionIds: t.readonlyArray(sessionIdCodec) }, { reason: endReason }),
  TransferSession: struct('TransferSession', session, { toAgentId: agentIdCodec, toGroupId: groupIdCodec, note: nonEmptyString(500) }),
  AcceptTransfer: struct('AcceptTransfer', { ...session, requestId }),
  DeclineTransfer: struct('DeclineTransfer', { ...session, requestId }),
  ExpireTransfer: struct('ExpireTransfer', { ...session, requestId }),
  CancelTransfer: struct('CancelTransfer', { ...session, requestId }),
  InviteAgent: struct('InviteAgent', { ...session, ...agent }),
  JoinSession: struct('JoinSession', { ...session, ...agent }),
  LeaveSession: struct('LeaveSession', { ...session, ...agent }),
} satisfies CommandCodecs<DeskCommand>;
