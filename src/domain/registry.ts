/**
 * The registry: every command and event type the engine knows, from the modules
 * plugged into it. It decodes commands coming in, encodes events going out, and
 * decodes (upcasting first) events coming back from a store.
 */
import * as E from 'fp-ts/lib/Either.js';
import { commandInputCodec, type CommandInput } from './command.js';
import type { DomainEvent } from './decider.js';
import type { RecordedEvent } from './envelope.js';
import { validationError, type ValidationError } from './errors.js';
import type { AnyModule, EventDefinition } from './module.js';
import type { ProjectedEvent } from '../projections/projection.js';
import { withExpiredFields } from './personalData.js';
import { decodeWith, describeValue, underPath } from './validation.js';

/** Edit distance, case ignored: how many letters to add, drop or change to turn `a` into `b`. */
const distance = (a: string, b: string): number => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    row = next;
  }
  return row[y.length]!;
};

const closest = (type: string, known: readonly string[], n: number): string[] =>
  known
    .map((k) => ({ k, d: distance(type.slice(0, 200), k) }))
    .sort((a, b) => a.d - b.d || a.k.localeCompare(b.k))
    .slice(0, n)
    .map((e) => e.k);

export interface DecodedCommand {
  readonly module: AnyModule;
  readonly input: CommandInput;
  readonly data: unknown;
}

export interface EncodedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

export interface Registry {
  readonly modules: readonly AnyModule[];
  readonly decodeCommand: (input: unknown) => E.Either<ValidationError, DecodedCommand>;
  readonly encodeEvent: (event: DomainEvent) => EncodedEvent;
  readonly decodeEvent: (event: RecordedEvent) => E.Either<ValidationError, DomainEvent>;
  /** The recorded event with its data decoded (upcast first): what every reader of the log hands on. */
  readonly decodeRecorded: (event: RecordedEvent) => E.Either<ValidationError, ProjectedEvent>;
  /** Whether some module registered this event type. */
  readonly knowsEvent: (type: string) => boolean;
}

/** Thrown only while wiring modules together: a programming error, not a runtime input. */
export class RegistryConfigurationError extends Error {
  override readonly name = 'RegistryConfigurationError';
}

const decodeCommandInput = decodeWith(commandInputCodec, 'command');

const eventSource = (event: RecordedEvent) => `event ${event.stream}@${event.streamVersion}`;

const upcast = (
  definition: EventDefinition<unknown>,
  event: RecordedEvent,
): E.Either<ValidationError, unknown> => {
  // S16: a field still sealed here was read without its key (destroyed, or no key store): it reads as expired.
  let data = definition.personal === undefined ? event.data : withExpiredFields(definition.personal, event.data);
  for (let version = event.schemaVersion; version < definition.schemaVersion; version++) {
    const up = definition.upcasters?.[version];
    if (up === undefined) {
      return E.left(
        validationError(eventSource(event), [
          { path: 'schemaVersion', reason: `no upcaster from version ${version} of ${event.type}` },
        ]),
      );
    }
    try {
      data = up(data);
    } catch (cause) {
      const reason = `upcaster from version ${version} failed: ${cause instanceof Error ? cause.message : String(cause)}`;
      return E.left(validationError(eventSource(event), [{ path: 'data', reason }]));
    }
  }
  return E.right(data);
};

export const createRegistry = (modules: readonly AnyModule[]): Registry => {
  const commandOwners = new Map<string, AnyModule>();
  const eventDefinitions = new Map<string, EventDefinition<unknown>>();
  for (const module of modules) {
    for (const type of Object.keys(module.commands)) {
      const owner = commandOwners.get(type);
      if (owner) throw new RegistryConfigurationError(`command ${type} is registered by ${owner.name} and ${module.name}`);
      commandOwners.set(type, module);
    }
    for (const [type, definition] of Object.entries(module.events as Record<string, EventDefinition<unknown>>)) {
      if (eventDefinitions.has(type)) throw new RegistryConfigurationError(`event ${type} is registered twice`);
      if (!Number.isInteger(definition.schemaVersion) || definition.schemaVersion < 1) {
        throw new RegistryConfigurationError(`event ${type} has schema version ${definition.schemaVersion}`);
      }
      for (let v = 1; v < definition.schemaVersion; v++) {
        if (definition.upcasters?.[v] === undefined) {
          throw new RegistryConfigurationError(`event ${type} lacks an upcaster from version ${v}`);
        }
      }
      eventDefinitions.set(type, definition);
    }
  }
  const knownTypes = [...commandOwners.keys()].sort();
  // A short list is given whole; of a long one (kefu has over a hundred types), the names closest to the one sent.
  const knownCommandsFor = (type: string): string =>
    knownTypes.length <= 12 ? `known: ${knownTypes.join(', ')}` : `the closest of the ${knownTypes.length} known: ${closest(type, knownTypes, 3).join(', ')}`;

  const decodeCommand = (raw: unknown): E.Either<ValidationError, DecodedCommand> => {
    const outer = decodeCommandInput(raw);
    if (E.isLeft(outer)) return outer;
    const input = outer.right;
    const module = commandOwners.get(input.type);
    if (module === undefined) {
      return E.left(
        validationError('command', [
          { path: 'type', reason: `unknown command type ${describeValue(input.type)}; ${knownCommandsFor(input.type)}` },
        ]),
      );
    }
    const codec = (module.commands as Record<string, Parameters<typeof decodeWith>[0]>)[input.type];
    if (codec === undefined) throw new RegistryConfigurationError(`no codec for ${input.type}`);
    const data = decodeWith(codec, 'command')(input.data);
    if (E.isLeft(data)) return E.left(underPath('data', data.left));
    return E.right({ module, input, data: data.right });
  };

  const encodeEvent = (event: DomainEvent): EncodedEvent => {
    const definition = eventDefinitions.get(event.type);
    if (definition === undefined) throw new RegistryConfigurationError(`a decider produced unregistered event ${event.type}`);
    return { type: event.type, schemaVersion: definition.schemaVersion, data: definition.codec.encode(event.data) };
  };

  const decodeEvent = (event: RecordedEvent): E.Either<ValidationError, DomainEvent> => {
    const definition = eventDefinitions.get(event.type);
    if (definition === undefined) {
      return E.left(validationError(eventSource(event), [{ path: 'type', reason: `unknown event type ${event.type}` }]));
    }
    if (event.schemaVersion > definition.schemaVersion) {
      return E.left(
        validationError(eventSource(event), [
          {
            path: 'schemaVersion',
            reason: `version ${event.schemaVersion} is newer than the ${definition.schemaVersion} this engine reads`,
          },
        ]),
      );
    }
    const upcasted = upcast(definition, event);
    if (E.isLeft(upcasted)) return upcasted;
    const data = decodeWith(definition.codec, eventSource(event))(upcasted.right);
    if (E.isLeft(data)) return E.left(underPath('data', data.left));
    return E.right({ type: event.type, data: data.right });
  };

  const decodeRecorded = (event: RecordedEvent): E.Either<ValidationError, ProjectedEvent> => {
    const decoded = decodeEvent(event);
    return E.isLeft(decoded) ? decoded : E.right({ ...event, data: decoded.right.data } as ProjectedEvent);
  };

  return { modules, decodeCommand, encodeEvent, decodeEvent, decodeRecorded, knowsEvent: (type) => eventDefinitions.has(type) };
};
