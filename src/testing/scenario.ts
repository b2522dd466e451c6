/**
 * given / when / then for deciders, strict and ordered: the events a command
 * produces must equal the expected ones exactly, in order, with no extra fields.
 * Framework-agnostic: failures throw node's AssertionError, which every test
 * runner reports with a diff.
 */
import { deepStrictEqual, fail } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { Decider, DomainEvent } from '../domain/decider.js';
import { describeError } from '../domain/errors.js';

export interface Then<E> {
  /** The command produces exactly these events, in this order. */
  readonly then: (...expected: readonly E[]) => void;
  /** The command is refused with this domain error code. */
  readonly thenFails: (code: string) => void;
  /** The command is accepted and changes nothing. */
  readonly thenNothing: () => void;
}

export const scenario = <S, C, E extends DomainEvent>(decider: Decider<S, C, E>) => ({
  given: (...history: readonly E[]) => ({
    when: (command: C): Then<E> => {
      let state = decider.initialState();
      for (const event of history) state = decider.evolve(state, event);
      const result = decider.decide(command, state);
      const events = (): readonly E[] =>
        E.isRight(result) ? result.right : fail(`expected events, got the refusal ${describeError(result.left)}`);
      return {
        then: (...expected) => deepStrictEqual(events(), expected),
        thenNothing: () => deepStrictEqual(events(), []),
        thenFails: (code) => {
          if (E.isRight(result)) fail(`expected the refusal ${code}, got ${JSON.stringify(result.right)}`);
          deepStrictEqual(result.left.code, code, describeError(result.left));
        },
      };
    },
  }),
});
