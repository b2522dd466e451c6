/**
 * What a desk decision answers: the events, and the desk after them. A decision
 * that folds its events as it goes (a cascade: an end frees a slot that takes the
 * next queued session) already has that state; handing it back saves the engine
 * folding the events a second time.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DomainError } from '../../errors.js';
import type { DeskEvent } from '../deskEvents.js';
import { evolveDesk } from '../deskEvolve.js';
import type { DeskState } from '../deskState.js';

export interface DeskDecision {
  readonly events: readonly DeskEvent[];
  readonly state: DeskState;
}

export type Decided = E.Either<DomainError, DeskDecision>;

/** The events, folded into the state they were decided on. */
export const decided = (state: DeskState, events: readonly DeskEvent[]): Decided => E.right({ events, state: events.reduce(evolveDesk, state) });

export const nothing = (state: DeskState): Decided => E.right({ events: [], state });
