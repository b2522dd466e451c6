/**
 * The access module (P1/P3): a shop's roles, their named permissions and brands,
 * and their members, in one stream per shop (`access-<shopId>`, tens of events).
 * Every module that checks a staff actor reads it as a reference
 * (permissions/who.ts) for the commands agents send; only this module writes it.
 * It reads the desk (who is an admin, which agents exist), never writes it.
 */
import { defineModule } from '../module.js';
import { routingStream } from '../desk/routingStream.js';
import { accessCommandCodecs, type AccessCommand } from './accessCommands.js';
import { decideAccess } from './accessDecide.js';
import { accessEventDefinitions, type AccessEvent } from './accessEvents.js';
import { accessStream, evolveAccess, initialAccessState, type AccessState } from './accessState.js';

export { accessStream };

export const accessModule = defineModule<AccessState, AccessCommand, AccessEvent>({
  name: 'access',
  commands: accessCommandCodecs,
  events: accessEventDefinitions,
  streamOf: (command) => accessStream(command.meta.shopId),
  references: (command) => [{ module: 'desk', stream: routingStream(command.meta.shopId) }],
  decider: {
    initialState: initialAccessState,
    decide: (command, state, context) => decideAccess(command, state, context, routingStream(command.meta.shopId)),
    evolve: evolveAccess,
  },
});
