/**
 * A domain module is what plugs into the engine: its command and event codecs
 * (with upcasters for old event versions), the stream a command writes to, its
 * Decider, and optionally how to snapshot its state and what its events cause
 * elsewhere (reactions).
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { Command } from './command.js';
import type { Decider, DomainEvent } from './decider.js';
import type { ValidationError } from './errors.js';
import type { PersonalData } from './personalData.js';
import type { ReactionMap } from './reaction.js';

export interface EventDefinition<D> {
  /** Decodes (and encodes) the data of the current schema version. */
  readonly codec: t.Type<D, unknown, unknown>;
  /** The current schema version, from 1. */
  readonly schemaVersion: number;
  /** `upcasters[n]` turns data written at version n into data of version n + 1. */
  readonly upcasters?: Readonly<Record<number, (data: unknown) => unknown>>;
  /** S16: the fields holding what people wrote, sealed by a protected store (personalData.ts); their names stay the same across versions. */
  readonly personal?: PersonalData<D>;
}

export interface SnapshotPolicy<S> {
  /** Bumped when the snapshot's shape changes; a snapshot of another version is ignored and the stream is folded. */
  readonly schemaVersion: number;
  /**
   * Save a snapshot once this many events have been appended since the last one. A
   * function of the state lets a large state be saved less often, so the cost of
   * saving, spread over the events between snapshots, stays flat.
   */
  readonly every: number | ((state: S) => number);
  readonly encode: (state: S) => unknown;
  readonly decode: (encoded: unknown) => Either<ValidationError, S>;
}

type DataOf<U, K> = U extends { readonly type: K; readonly data: infer D } ? D : never;

export type CommandCodecs<C extends Command> = {
  readonly [K in C['type']]: t.Type<DataOf<C, K>, unknown, unknown>;
};

export type EventDefinitions<E extends DomainEvent> = {
  readonly [K in E['type']]: EventDefinition<DataOf<E, K>>;
};

export interface DomainModule<S, C extends Command, E extends DomainEvent> {
  readonly name: string;
  readonly commands: CommandCodecs<C>;
  readonly events: EventDefinitions<E>;
  /** The one stream a command is decided against and appended to: its consistency boundary. */
  readonly streamOf: (command: C) => string;
  readonly decider: Decider<S, C, E>;
  readonly snapshot?: SnapshotPolicy<S>;
  /**
   * What events cause beyond their own stream (reaction.ts): commands now, at a time
   * (deadlines) or cancelled. The runtime works them out from the log, so any engine
   * that starts knows them; each command must be a no-op (or a refusal) when repeated
   * or when the situation moved on.
   */
  readonly reactions?: ReactionMap;
  /**
   * Other streams a command reads (not writes): reference data such as the shop's
   * settings or who is an admin. The engine loads them, caught up, before deciding
   * and hands them in the decide context. They are not locked: a decision resting on
   * them records what it used (a settings version), and a module never writes to
   * them (principle 11).
   */
  readonly references?: (command: C) => readonly StreamReference[];
}

/** A stream of another module that a command reads. */
export interface StreamReference {
  /** The module whose decider folds the stream. */
  readonly module: string;
  readonly stream: string;
  /** When the module is not registered, decide without it (its state is undefined) instead of failing. */
  readonly optional?: boolean;
  /**
   * Bounded staleness for a hot path: a state this engine caught up from the store at
   * most this many milliseconds ago (the command's time) is used without reading the
   * store again. A change written by another engine then takes up to this long to be
   * seen here; one written by this engine is seen at once. Without it, every command
   * catches the reference up.
   */
  readonly maxAgeMs?: number;
}

// The registry holds modules of many state, command and event types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = DomainModule<any, any, any>;

/** Identity function that checks a module's types where it is declared. */
export const defineModule = <S, C extends Command, E extends DomainEvent>(
  module: DomainModule<S, C, E>,
): DomainModule<S, C, E> => module;
