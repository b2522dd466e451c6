/**
 * Deciding with cascades: a command may cause a chain (a session ends, which frees
 * a slot, which takes the next queued session). The emitter folds each event into
 * a working copy of the state as it is emitted, so every later step of the chain
 * decides on the state the earlier events made, and the decision ends with both.
 */
import type { DeskEvent } from '../deskEvents.js';
import { evolveDesk } from '../deskEvolve.js';
import type { DeskState } from '../deskState.js';
import type { DeskDecision } from './decision.js';

export interface Emitter {
  readonly state: () => DeskState;
  readonly emit: (event: DeskEvent) => void;
  /** How many events so far (a step can tell whether an earlier one emitted). */
  readonly count: () => number;
  readonly decision: () => DeskDecision;
}

export const emitter = (start: DeskState): Emitter => {
  let state = start;
  const events: DeskEvent[] = [];
  return {
    state: () => state,
    emit: (event) => {
      events.push(event);
      state = evolveDesk(state, event);
    },
    count: () => events.length,
    decision: () => ({ events, state }),
  };
};
