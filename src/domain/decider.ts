/**
 * The Decider: the whole of a domain module's behaviour in three pure parts.
 * `decide` answers a command with the events it causes (or a refusal), given the
 * state folded from the stream's past events by `evolve`. "Nothing to do" is
 * `right([])`, never an error.
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainError } from './errors.js';

/** A domain event before the engine wraps it in an envelope. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/**
 * What a decision may read beyond its own stream: the states of the streams its
 * module names as references for the command (module.ts, `references`), as the
 * engine last read them. Reference data only (settings, roles): nothing decided on
 * it is guarded by their versions, so a decision records what it relied on.
 */
export interface DecideContext {
  /** The state of a referenced stream; undefined for a stream the command did not name. */
  readonly stateOf: (stream: string) => unknown;
}

export const noContext: DecideContext = { stateOf: () => undefined };

export interface Decider<S, C, E extends DomainEvent> {
  readonly initialState: () => S;
  readonly decide: (command: C, state: S, context: DecideContext) => Either<DomainError, readonly E[]>;
  readonly evolve: (state: S, event: E) => S;
  /**
   * Optional: decide, and hand back the state after the events too. A decider that
   * folds its own events while deciding (a cascade: an end frees a slot that takes
   * the next queued session) already has that state; the engine then does not fold
   * the events a second time. It must equal folding `events` into `state` with evolve.
   */
  readonly decideAndFold?: (command: C, state: S, context: DecideContext) => Either<DomainError, { readonly events: readonly E[]; readonly state: S }>;
}

/** Folds events into a state, starting from `state`. */
export const fold = <S, E extends DomainEvent>(decider: Pick<Decider<S, never, E>, 'evolve'>, state: S, events: Iterable<E>): S => {
  let current = state;
  for (const event of events) current = decider.evolve(current, event);
  return current;
};
