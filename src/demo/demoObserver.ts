/**
 * How the demo's customers and agents see what happens: an inline projection
 * whose fold hands every event the engine writes (its own dispatches and its
 * reactor's) to a listener, as a chat client would show it to a person, who then
 * decides what to do next. Not a read model: it keeps no state of its own, so it
 * lives with the demo, outside src/projections (whose folds are pure).
 */
import type { AnyProjection, ProjectedEvent } from '../projections/projection.js';

export const observeEvents = (listener: (event: ProjectedEvent) => void): AnyProjection => ({
  name: 'demo-observer',
  initialState: () => null,
  apply: (state: null, event: ProjectedEvent) => {
    listener(event);
    return state;
  },
});
