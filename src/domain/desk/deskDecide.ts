/** The desk's decide: one small function per command (in decide/), chosen here. */
import type { DeskCommand } from './deskCommands.js';
import type { DeskState } from './deskState.js';
import type { Decided } from './decide/decision.js';
import {
  activateAgent,
  changeAgentStatus,
  disableAgent,
  enableAgent,
  freezeAgent,
  registerAgent,
  setAgentGroups,
  setAgentRole,
  setCapability,
  setMaxSessions,
  unfreezeAgent,
} from './decide/agents.js';
import { blacklistCustomer, configureRouting, createGroup, pinCustomer, setChannelRule, unblacklistCustomer, unpinCustomer } from './decide/configure.js';
import { endSession, endSessions, openSession, pickFromQueue, startProactiveSession } from './decide/sessions.js';
import { requeueSession } from './decide/requeueOne.js';
import { acceptTransfer, cancelTransfer, declineTransfer, expireTransfer, inviteAgent, joinSession, leaveSession, transferSession } from './decide/transfers.js';

/** The events of a command and the desk after them (see decide/decision.ts). */
export const decideDesk = (command: DeskCommand, state: DeskState): Decided => {
  switch (command.type) {
    case 'ConfigureRouting':
      return configureRouting(command, state);
    case 'CreateGroup':
      return createGroup(command, state);
    case 'SetChannelRule':
      return setChannelRule(command, state);
    case 'PinCustomer':
      return pinCustomer(command, state);
    case 'UnpinCustomer':
      return unpinCustomer(command, state);
    case 'BlacklistCustomer':
      return blacklistCustomer(command, state);
    case 'UnblacklistCustomer':
      return unblacklistCustomer(command, state);
    case 'RegisterAgent':
      return registerAgent(command, state);
    case 'ActivateAgent':
      return activateAgent(command, state);
    case 'FreezeAgent':
      return freezeAgent(command, state);
    case 'UnfreezeAgent':
      return unfreezeAgent(command, state);
    case 'EnableAgent':
      return enableAgent(command, state);
    case 'DisableAgent':
      return disableAgent(command, state);
    case 'ChangeAgentStatus':
      return changeAgentStatus(command, state);
    case 'SetMaxSessions':
      return setMaxSessions(command, state);
    case 'SetCapability':
      return setCapability(command, state);
    case 'SetAgentGroups':
      return setAgentGroups(command, state);
    case 'SetAgentRole':
      return setAgentRole(command, state);
    case 'OpenSession':
      return openSession(command, state);
    case 'StartProactiveSession':
      return startProactiveSession(command, state);
    case 'PickFromQueue':
      return pickFromQueue(command, state);
    case 'EndSession':
      return endSession(command, state);
    case 'EndSessions':
      return endSessions(command, state);
    case 'RequeueSession':
      return requeueSession(command, state);
    case 'TransferSession':
      return transferSession(command, state);
    case 'AcceptTransfer':
      return acceptTransfer(command, state);
    case 'DeclineTransfer':
      return declineTransfer(command, state);
    case 'ExpireTransfer':
      return expireTransfer(command, state);
    case 'CancelTransfer':
      return cancelTransfer(command, state);
    case 'InviteAgent':
      return inviteAgent(command, state);
    case 'JoinSession':
      return joinSession(command, state);
    case 'LeaveSession':
      return leaveSession(command, state);
  }
};
