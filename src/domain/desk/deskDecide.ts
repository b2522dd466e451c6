/**
 * The desk's decide: the actor checked once against the permission table
 * (deskPolicy.ts, P1/P2), then one small function per command (in decide/),
 * chosen here. A refusal writes nothing.
 */
import * as E from 'fp-ts/lib/Either.js';
import { accessStream, type AccessState } from '../access/accessState.js';
import { noContext, type DecideContext } from '../decider.js';
import type { DomainError } from '../errors.js';
import { authorizeBy } from '../permissions/policy.js';
import { resolveWho } from '../permissions/who.js';
import type { DeskCommand } from './deskCommands.js';
import { deskPolicy } from './deskPolicy.js';
import { deskRelation } from './deskRelation.js';
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

/**
 * Whether the actor may send the command (P1/P2, P4: an agent of another shop is
 * unknown here). The roles' grants come from the access stream, which the desk
 * reads only for an agent's command (deskModule.ts references): the system and
 * customers, who send the routing traffic, read nothing more.
 */
export const authorizeDesk = (command: DeskCommand, state: DeskState, context: DecideContext): E.Either<DomainError, void> => {
  const { actor, shopId } = command.meta;
  if (actor.kind === 'system') return E.right(undefined);
  const who = resolveWho(state, context.stateOf(accessStream(shopId)) as AccessState | undefined, actor);
  if (E.isLeft(who)) return who;
  const relation = deskRelation(command, state, who.right);
  return E.isLeft(relation) ? relation : authorizeBy(deskPolicy, command.type, who.right, relation.right);
};

/** The events of a command and the desk after them (see decide/decision.ts). */
export const decideDesk = (command: DeskCommand, state: DeskState, context: DecideContext = noContext): Decided => {
  const allowed = authorizeDesk(command, state, context);
  if (E.isLeft(allowed)) return allowed;
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
