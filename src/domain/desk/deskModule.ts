/**
 * The desk module: sessions routing for one shop, in one stream per shop
 * (`routing-<shopId>`). Presence, capacity, the queue and assignments live in the
 * same stream so that each routing invariant is checked inside one decide and one
 * append with an expected version: a race between two engine processes becomes a
 * version conflict and a retry on fresh state, never an agent above max.
 */
import * as E from 'fp-ts/lib/Either.js';
import { defineModule } from '../module.js';
import type { DeskDecision } from './decide/decision.js';
import { deskCommandCodecs, type DeskCommand } from './deskCommands.js';
import { decideDesk } from './deskDecide.js';
import { deskEventDefinitions, type DeskEvent } from './deskEvents.js';
import { evolveDesk } from './deskEvolve.js';
import { DESK_SNAPSHOT_VERSION, decodeDesk, encodeDesk } from './deskSnapshot.js';
import { deskReactions } from './deskReactions.js';
import { initialDeskState, type DeskState } from './deskState.js';
import { routingStream } from './routingStream.js';
import { accessStream } from '../access/accessState.js';

export { routingStream };

export const deskModule = defineModule<DeskState, DeskCommand, DeskEvent>({
  name: 'desk',
  commands: deskCommandCodecs,
  events: deskEventDefinitions,
  streamOf: (command) => routingStream(command.meta.shopId),
  // P1: an agent's command reads the shop's roles (optional: without the access module every agent
  // has the default grants); the system's and customers' commands, the routing traffic, read nothing.
  references: (command) => (command.meta.actor.kind === 'agent' ? [{ module: 'access', stream: accessStream(command.meta.shopId), optional: true }] : []),
  decider: {
    initialState: () => initialDeskState(),
    decide: (command, state, context) => E.map((decision: DeskDecision) => decision.events)(decideDesk(command, state, context)),
    evolve: evolveDesk,
    decideAndFold: decideDesk,
  },
  snapshot: {
    schemaVersion: DESK_SNAPSHOT_VERSION,
    // Saving costs O(state size); waiting twice the state's size in events between saves keeps
    // that cost below one record per event, and a cold start folds at most that many events.
    every: (state) => Math.max(1000, 2 * (state.agents.size + state.sessions.size + state.lastContact.size)),
    encode: encodeDesk,
    decode: decodeDesk,
  },
  reactions: deskReactions,
});
