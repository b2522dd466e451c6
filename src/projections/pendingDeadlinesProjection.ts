/**
 * The pending deadlines of a set of modules as a projection: fold any log (a store,
 * a file) through it to see what is due and when, exactly as the reactor sees it.
 */
import type { AnyModule } from '../domain/module.js';
import { foldDeadlines, noDeadlines, type PendingDeadlines } from './pendingDeadlines.js';
import type { ProjectedEvent, Projection } from './projection.js';
import { planReactions, reactingModules } from './reactionPlan.js';

export const envelopeOf = (event: ProjectedEvent) => ({
  eventId: event.metadata.eventId,
  causationId: event.metadata.causationId,
  correlationId: event.metadata.correlationId,
  shopId: event.metadata.shopId,
  position: event.globalPosition,
});

export const pendingDeadlinesProjection = (modules: readonly AnyModule[]): Projection<PendingDeadlines> => {
  const reacting = reactingModules(modules);
  return {
    name: 'pending-deadlines',
    initialState: noDeadlines,
    apply: (state, event) => foldDeadlines(state, envelopeOf(event), planReactions(reacting.get(event.type) ?? [], event).changes),
  };
};
