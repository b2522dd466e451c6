/**
 * A conversation driven through its decider alone, with every event handed to the
 * read models as the engine would (envelope, positions): fast enough for
 * properties over thousands of generated conversations.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ConversationEvent, ConversationState } from '../../../src/domain/conversation/conversation.js';
import { conversationModule, conversationStream } from '../../../src/domain/conversation/conversationModule.js';
import type { ConversationCommand } from '../../../src/domain/conversation/conversationCommands.js';
import { describeError } from '../../../src/domain/errors.js';
import { agentInbox, type AgentInbox } from '../../../src/projections/agentInbox.js';
import { conversationTimeline, type Timelines } from '../../../src/projections/conversationTimeline.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import { routingStream } from '../../../src/domain/desk/routingStream.js';
import { staffDesk } from '../../support/staffContext.js';
import { SHOP } from './harness.js';

/** P1/P4: the desk an agent actor is resolved against (a reference in a real engine): agents a1 to a9 work there. */
const desk = staffDesk(Array.from({ length: 9 }, (_, i) => `a${i + 1}`));
const context = { stateOf: (stream: string) => (stream === routingStream(SHOP) ? desk : undefined) };

export interface Driven {
  readonly states: Map<string, ConversationState>;
  readonly events: ProjectedEvent<ConversationEvent>[];
  timelines: Timelines;
  inbox: AgentInbox;
}

export const drive = (commands: readonly ConversationCommand[], into: Driven = { states: new Map(), events: [], timelines: conversationTimeline.initialState(), inbox: agentInbox.initialState() }): Driven => {
  const { decider } = conversationModule;
  for (const command of commands) {
    const sessionId = command.data.sessionId;
    const state = into.states.get(sessionId) ?? decider.initialState();
    const decided = decider.decide(command, state, context);
    if (E.isLeft(decided)) throw new Error(`${command.type} refused: ${describeError(decided.left)}`);
    let next = state;
    for (const event of decided.right) {
      next = decider.evolve(next, event);
      const position = into.events.length + 1;
      const projected = {
        ...event,
        schemaVersion: 1,
        stream: conversationStream(SHOP, sessionId),
        streamVersion: position,
        globalPosition: position,
        metadata: { eventId: `e${position}`, shopId: SHOP, actor: command.meta.actor, occurredAt: command.meta.now, correlationId: 'c', causationId: 'c' },
      } as ProjectedEvent<ConversationEvent>;
      into.events.push(projected);
      into.timelines = conversationTimeline.apply(into.timelines, projected);
      into.inbox = agentInbox.apply(into.inbox, projected);
    }
    into.states.set(sessionId, next);
  }
  return into;
};
