/**
 * Deciding with cascades: a command may cause a chain (a session ends, which frees
 * a slot, which takes the next queued session). The emitter folds each event into
 * a working copy of the state as it is emitted, so every later step of the chain
 * decides on the state the earlier events made.
 */
import type { DeskEvent } from '../deskEvents.js';
import { evolveDesk } from '../deskEvolve.js';
import type { DeskState } from '../deskState.js';

/**
 * The state each emitter reached, by the events array it handed out, so that
 * decideAndFold can return it without folding the events again.
 */
const folded = new WeakMap<readonly DeskEvent[], DeskState>();

/** The state after `events` were decided from `start`: remembered by an emitter, or folded now. */
export const stateAfter = (start: DeskState, events: readonly DeskEvent[]): DeskState =>
  folded.get(events) ?? events.reduce(evolveDesk, start);

export interface Emitter {
  readonly state: () => DeskState;
  readonly emit: (event: DeskEvent) => void;
  readonly events: () => readonly DeskEvent[];
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
    events: () => {
      folded.set(events, state);
      return events;
    },
  };
};
