/**
 * Reactions: what an event causes beyond its own stream. A module maps event
 * types to functions of the event (decoded, with its envelope) that answer what
 * to do: dispatch a command now (a first message opens a routing session), at a
 * time (a transfer expires unless answered: a deadline), or no longer (a reply
 * cancels a timeout). They are pure, so the runtime can work them out again from
 * the log at any time: that is what makes deadlines durable (principles 10-11).
 *
 * Every command a reaction gives must be harmless when delivered again or when
 * the situation moved on (already answered, ended, cancelled): the runtime
 * delivers at least once, and exactly one effect rests on the target's decide
 * answering a repeat with no events (or a refusal).
 */
import type { DomainEvent } from './decider.js';
import type { ProjectedEvent } from '../projections/projection.js';

/** A command for the runtime to dispatch, as the system, in the event's shop. */
export interface ReactionCommand {
  readonly type: string;
  readonly data: unknown;
}

export type Reaction =
  /** Dispatch now. */
  | { readonly kind: 'dispatch'; readonly command: ReactionCommand }
  /**
   * Dispatch once the clock reaches `at`. `key` names the deadline within the shop:
   * scheduling a key again moves it (a timeout restarted by a new message).
   */
  | { readonly kind: 'schedule'; readonly key: string; readonly at: number; readonly command: ReactionCommand }
  /** The deadline of `key` no longer applies (a reply came in time). */
  | { readonly kind: 'cancel'; readonly key: string };

export const dispatch = (type: string, data: unknown): Reaction => ({ kind: 'dispatch', command: { type, data } });

export const schedule = (key: string, at: number, type: string, data: unknown): Reaction => ({ kind: 'schedule', key, at, command: { type, data } });

export const cancel = (key: string): Reaction => ({ kind: 'cancel', key });

// A map from event types to reactions holds functions of many event types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyReaction = (event: ProjectedEvent<any>) => readonly Reaction[];

/** What a module declares: for some event types (its own or another module's), what they cause. */
export type ReactionMap = Readonly<Record<string, AnyReaction>>;

type TypedReactions<E extends DomainEvent> = {
  readonly [K in E['type']]?: (event: ProjectedEvent<Extract<E, { readonly type: K }>>) => readonly Reaction[];
};

/** Declares reactions to events of the union `E`, checked against its types. */
export const reactionsTo = <E extends DomainEvent>(reactions: TypedReactions<E>): ReactionMap => reactions as unknown as ReactionMap;
