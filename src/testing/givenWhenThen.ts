/**
 * given(events).when(command).then(events | error): the strict form of a decider
 * test over kefu's own modules (or the modules given to `givenIn`). The command's
 * module is found by its type; an input as `engine.dispatch` takes it
 * (`{ type, shopId, actor, data }`, e.g. from `desk(shop)`) is decoded by the
 * module's codec first, as dispatch would, so a bad field is a ValidationError.
 *
 * - `then(...events)`: exactly these events: types, data, count and order, no extra field;
 * - `thenMatches(...events)`: the same events in order, each with at least the fields given;
 * - `thenNothing()`: accepted, no event;
 * - `thenError(codeOrTag)`: refused with this DomainError code, or this error tag (`ValidationError`).
 *
 * A mismatch throws node's AssertionError (actual and expected attached, so every
 * runner shows a diff) whose message says first where they differ.
 * Every passing form but thenError answers the state after the command.
 */
import { AssertionError } from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import type { Command, CommandMeta } from '../domain/command.js';
import type { DecideContext, DomainEvent } from '../domain/decider.js';
import type { Actor } from '../domain/envelope.js';
import { describeError, type DomainError, type KefuError } from '../domain/errors.js';
import type { AnyModule } from '../domain/module.js';
import { decodeWith, underPath } from '../domain/validation.js';
import { defaultMeta } from './commands.js';
import { KEFU_MODULES } from '../kefuModules.js';
import { mismatchOf } from './match.js';
import type { EventMatch } from './scenario.js';

/** A command as dispatch takes it (no metadata), or a whole command (its metadata used as it is). */
export type WhenCommand =
  | { readonly type: string; readonly shopId?: string; readonly actor?: Actor; readonly data: unknown; readonly meta?: undefined }
  | Command;

export interface WhenOptions {
  /** The states of the streams the command reads (module `references`), by stream name. */
  readonly references?: Readonly<Record<string, unknown>>;
  /** Metadata over the defaults (commands.ts defaultMeta) for an input: `now`, `seed`. */
  readonly meta?: Partial<CommandMeta>;
}

export interface StrictThen<S = unknown> {
  readonly then: (...expected: readonly DomainEvent[]) => S;
  readonly thenMatches: (...expected: readonly EventMatch<DomainEvent>[]) => S;
  readonly thenNothing: () => S;
  readonly thenError: (codeOrTag: string) => KefuError;
}

const show = (value: unknown): string => (value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value)));
const typesOf = (list: readonly { readonly type: string }[]) => list.map((e) => e.type).join(', ') || 'none';

/** Where two values first differ, strictly: a field missing or different (mismatchOf), or one more than expected. */
const strictDifference = (actual: unknown, expected: unknown, path: string): string | undefined => {
  const missing = mismatchOf(actual, expected, path);
  if (missing !== undefined) return missing;
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    for (const [key, value] of Object.entries(actual)) {
      if (value === undefined) continue;
      const other = (expected as Record<string, unknown>)[key];
      if (other === undefined) return `${path}.${key}: not expected, got ${show(value)}`;
      const deeper = strictDifference(value, other, `${path}.${key}`);
      if (deeper !== undefined) return deeper;
    }
  }
  return isDeepStrictEqual(actual, expected) ? undefined : `${path}: expected ${show(expected)}, got ${show(actual)}`;
};

const fail = (message: string, actual: unknown, expected: unknown, operator: string): never => {
  throw new AssertionError({ message, actual, expected, operator });
};

const moduleFor = (modules: readonly AnyModule[], type: string): AnyModule => {
  const found = modules.find((m) => Object.hasOwn(m.commands, type));
  if (found === undefined) throw new Error(`no module given handles the command ${type}`);
  return found;
};

const toCommand = (module: AnyModule, when: WhenCommand, meta: Partial<CommandMeta>): E.Either<KefuError, Command> => {
  if (when.meta !== undefined) return E.right(when);
  const codec = (module.commands as Readonly<Record<string, Parameters<typeof decodeWith>[0]>>)[when.type]!;
  const data = decodeWith(codec, 'command')(when.data);
  if (E.isLeft(data)) return E.left(underPath('data', data.left));
  const stamped: CommandMeta = { ...defaultMeta, ...(when.shopId === undefined ? {} : { shopId: when.shopId }), ...(when.actor === undefined ? {} : { actor: when.actor }), ...meta };
  return E.right({ type: when.type, data: data.right, meta: stamped });
};

/** given / when / then over `modules` (a module is picked by the command's type). */
/** A history given event by event, as lists (`...onlineAgent('a1')` or `onlineAgent('a1')`), or both. */
export type GivenHistory = readonly (DomainEvent | readonly DomainEvent[])[];

export const givenIn = (modules: readonly AnyModule[]) => ({
  given: (...given: GivenHistory) => ({
    when: <S = unknown>(command: WhenCommand, options: WhenOptions = {}): StrictThen<S> => {
      const module = moduleFor(modules, command.type);
      const { decider } = module;
      const history = given.flat() as readonly DomainEvent[];
      let state = decider.initialState() as S;
      for (const event of history) state = decider.evolve(state, event) as S;
      const references = options.references ?? {};
      const context: DecideContext = { stateOf: (stream) => references[stream] };
      const decoded = toCommand(module, command, options.meta ?? {});
      const result: E.Either<KefuError, readonly DomainEvent[]> = E.isLeft(decoded)
        ? decoded
        : (decider.decide(decoded.right, state, context) as E.Either<DomainError, readonly DomainEvent[]>);
      const events = (operator: string): readonly DomainEvent[] =>
        E.isRight(result) ? result.right : fail(`${command.type}: expected events, got the refusal ${describeError(result.left)}`, result.left, 'events', operator);
      const after = (produced: readonly DomainEvent[]) => produced.reduce((s, e) => decider.evolve(s, e) as S, state);
      const compare = (expected: readonly unknown[], operator: string, differ: (a: unknown, e: unknown, path: string) => string | undefined): readonly DomainEvent[] => {
        const actual = events(operator);
        if (actual.length !== expected.length || actual.some((e, i) => e.type !== (expected[i] as { type: string }).type)) {
          fail(`${command.type}: expected ${expected.length} event(s) (${typesOf(expected as { type: string }[])}), got ${actual.length} (${typesOf(actual)})`, actual, expected, operator);
        }
        expected.forEach((e, i) => {
          const difference = differ(actual[i], e, `event ${i + 1} (${actual[i]!.type})`);
          if (difference !== undefined) fail(`${command.type}: ${difference}`, actual, expected, operator);
        });
        return actual;
      };
      return {
        then: (...expected) => after(compare(expected, 'then', strictDifference)),
        thenMatches: (...expected) => after(compare(expected, 'thenMatches', mismatchOf)),
        thenNothing: () => {
          compare([], 'thenNothing', strictDifference);
          return state;
        },
        thenError: (codeOrTag) => {
          if (E.isRight(result)) return fail(`${command.type}: expected the refusal ${codeOrTag}, got ${result.right.length} event(s) (${typesOf(result.right)})`, result.right, codeOrTag, 'thenError');
          const error = result.left;
          const matches = error._tag === codeOrTag || (error._tag === 'DomainError' && error.code === codeOrTag);
          if (!matches) fail(`${command.type}: expected the refusal ${codeOrTag}, got ${describeError(error)}`, error, codeOrTag, 'thenError');
          return error;
        },
      };
    },
  }),
});

const overKefu = givenIn(KEFU_MODULES);

/** given(...events).when(command).then(...events) over kefu's modules: the history the command is decided against. */
export const given = (...history: GivenHistory) => overKefu.given(...history);
