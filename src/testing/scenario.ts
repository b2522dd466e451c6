/**
 * given / when / then for deciders, strict and ordered: the events a command
 * produces must equal the expected ones exactly, in order, with no extra fields.
 * Framework-agnostic: failures throw node's AssertionError, which every test
 * runner reports with a diff.
 *
 * `thenMatch` is the one loose variant, for events that carry more than a test is
 * about (the desk's assignments carry the whole decision: who else was in the
 * running, the filter counts): the same events in the same order, each holding the
 * fields given. Every form answers the state after the command (the history and
 * the new events folded with `evolve`), for what a test checks beyond the events.
 */
import { AssertionError, deepStrictEqual, fail } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { DecideContext, Decider, DomainEvent } from '../domain/decider.js';
import { describeError } from '../domain/errors.js';
import { mismatchOf, type DeepPartial } from './match.js';

/** An expected event for `thenMatch`: its type, and the fields of its data that must be as given. */
export type EventMatch<E> = E extends DomainEvent ? { readonly type: E['type']; readonly data?: DeepPartial<E['data']> } : never;

export interface Then<E, S = unknown> {
  /** The command produces exactly these events, in this order; answers the state after them. */
  readonly then: (...expected: readonly E[]) => S;
  /** The command produces these events in this order, each with at least the fields given; answers the state after them. */
  readonly thenMatch: (...expected: readonly EventMatch<E>[]) => S;
  /** The command is refused with this domain error code. */
  readonly thenFails: (code: string) => void;
  /** The command is accepted and changes nothing; answers the state (the history's). */
  readonly thenNothing: () => S;
}

export const scenario = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>) => ({
  given: (...history: readonly E[]) => ({
    /** `references`: the states of the streams the command reads (module `references`), by stream name. */
    when: (command: C, references: Readonly<Record<string, unknown>> = {}): Then<E, S> => {
      const context: DecideContext = { stateOf: (stream) => references[stream] };
      let state = decider.initialState();
      for (const event of history) state = decider.evolve(state, event);
      const result = decider.decide(command, state, context);
      const events = (): readonly E[] =>
        E.isRight(result) ? result.right : fail(`expected events, got the refusal ${describeError(result.left)}`);
      const after = (produced: readonly E[]) => produced.reduce(decider.evolve, state);
      return {
        then: (...expected) => {
          deepStrictEqual(events(), expected);
          return after(expected);
        },
        thenMatch: (...expected) => {
          const actual = events();
          const types = (list: readonly { readonly type: string }[]) => list.map((e) => e.type).join(', ') || 'none';
          const mismatch =
            actual.length !== expected.length
              ? `expected ${expected.length} events (${types(expected)}), got ${actual.length} (${types(actual)})`
              : expected.map((e, i) => mismatchOf(actual[i], e, `event ${i + 1} (${actual[i]!.type})`)).find((m) => m !== undefined);
          if (mismatch !== undefined) throw new AssertionError({ message: mismatch, actual, expected, operator: 'thenMatch' });
          return after(actual);
        },
        thenNothing: () => {
          deepStrictEqual(events(), []);
          return state;
        },
        thenFails: (code) => {
          if (E.isRight(result)) fail(`expected the refusal ${code}, got ${JSON.stringify(result.right)}`);
          deepStrictEqual(result.left.code, code, describeError(result.left));
        },
      };
    },
  }),
});
