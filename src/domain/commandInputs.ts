/**
 * The typed face of a command as a caller writes it, derived from the modules an
 * engine is given: `CommandInputOf<typeof deskModule>` is the union of every desk
 * command's `{ type, shopId, actor, data }`, so a misspelt type or a wrong field
 * fails to compile. It describes the same shape `commandInputCodec` and each
 * command's codec decode at run time; input from outside the program (JSON off
 * the network) still goes through that decoding, typed or not.
 */
import type { Command } from './command.js';
import type { Actor } from './envelope.js';
import type { AnyModule, DomainModule } from './module.js';

/** The commands (type and decoded data) a module decides. */
export type CommandsOfModule<M> =
  // `any` stands for the state and events, which a caller's input does not depend on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  M extends DomainModule<any, infer C, any> ? C : never;

/** The events a module decides. */
export type EventsOfModule<M> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  M extends DomainModule<any, any, infer E> ? E : never;

/** What a caller sends for one command type: distributes over a union of commands. */
export type CommandInputFor<C extends Command> = C extends Command
  ? {
      readonly type: C['type'];
      readonly shopId: string;
      readonly actor: Actor;
      readonly data: C['data'];
      readonly commandId?: string;
      readonly correlationId?: string;
      readonly causationId?: string;
      /** Pins the stream's version: a conflict is answered instead of retried. */
      readonly expectedVersion?: number;
    }
  : never;

/** Every command input the given modules accept (`typeof deskModule | typeof conversationModule`, or a tuple's element type). */
export type CommandInputOf<M extends AnyModule> = CommandInputFor<CommandsOfModule<M>>;

/** The commands of a list of modules, as `createEngine` infers them from its `modules`. */
export type CommandsOfModules<M extends readonly AnyModule[]> = CommandsOfModule<M[number]>;

/** The events of a list of modules: what a dispatch's `decided` holds. */
export type EventsOfModules<M extends readonly AnyModule[]> = EventsOfModule<M[number]>;
