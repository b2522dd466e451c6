/**
 * A projection is a pure fold over events into a read model (a queue, a board, a
 * report). It sees each event's decoded data and its envelope (shop, actor, time,
 * position), and nothing else, so rebuilding it from the log gives the live numbers.
 */
import type { DomainEvent } from '../domain/decider.js';
import type { RecordedEvent } from '../domain/envelope.js';

/** A recorded event whose data is decoded; a union of events stays a discriminated union. */
export type ProjectedEvent<E extends DomainEvent = DomainEvent> = E extends DomainEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] }
  : never;

export interface Projection<S, E extends DomainEvent = DomainEvent> {
  readonly name: string;
  readonly initialState: () => S;
  readonly apply: (state: S, event: ProjectedEvent<E>) => S;
}

// A set of projections of different state types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyProjection = Projection<any, any>;

/** Folds a sequence of projected events, e.g. for a rebuild or a test. */
export const project = <S, E extends DomainEvent>(
  projection: Projection<S, E>,
  events: Iterable<ProjectedEvent<E>>,
  from: S = projection.initialState(),
): S => {
  let state = from;
  for (const event of events) state = projection.apply(state, event);
  return state;
};
