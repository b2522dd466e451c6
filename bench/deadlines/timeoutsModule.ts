/**
 * A bench-only module made of deadlines: a shop's day of timeouts (a reply due,
 * a rating to ask for), set in batches. `SetTimeouts` writes one `TimeoutSet`
 * per timeout on its batch stream; the reaction to each schedules a deadline that
 * dispatches `FireTimeout` at its time; `FireTimeout` writes `TimeoutFired`
 * unless that timeout is no longer pending (fired already, or never set), so a
 * repeated delivery is a no-op, as reactions require.
 *
 * The state keeps only the pending timeouts (id -> due time): once a batch has
 * fired, its state is empty, so what the engine caches for it does not grow with
 * the events it folded. That keeps the heap figures about the reactor.
 */
import * as E from 'fp-ts/lib/Either.js';
import { Map as ImmutableMap } from 'immutable';
import * as t from 'io-ts';
import type { Command } from '../../src/domain/command.js';
import type { DomainEvent } from '../../src/domain/decider.js';
import { domainError } from '../../src/domain/errors.js';
import { defineModule } from '../../src/domain/module.js';
import { reactionsTo, schedule } from '../../src/domain/reaction.js';
import { identifier, intInRange, struct, timestamp } from '../../src/domain/validation.js';

export interface TimeoutsState {
  readonly set: boolean;
  readonly pending: ImmutableMap<number, number>;
}

export type TimeoutsCommand =
  | Command<'SetTimeouts', { readonly batchId: string; readonly ats: readonly number[] }>
  | Command<'FireTimeout', { readonly batchId: string; readonly timeoutId: number }>;

export type TimeoutsEvent =
  | DomainEvent<'TimeoutSet', { readonly batchId: string; readonly timeoutId: number; readonly at: number }>
  | DomainEvent<'TimeoutFired', { readonly batchId: string; readonly timeoutId: number; readonly at: number; readonly firedAt: number }>;

const batchId = identifier('batch id');
const timeoutId = intInRange(0, 9_999);
export const MAX_BATCH = 10_000;

export const batchStream = (shopId: string, id: string): string => `timeouts-${shopId}-${id}`;
const timeoutKey = (batch: string, id: number) => `timeout:${batch}:${id}`;

export const timeoutsModule = defineModule<TimeoutsState, TimeoutsCommand, TimeoutsEvent>({
  name: 'timeouts',
  commands: {
    SetTimeouts: struct('SetTimeouts', { batchId, ats: t.readonlyArray(timestamp) }),
    FireTimeout: struct('FireTimeout', { batchId, timeoutId }),
  },
  events: {
    TimeoutSet: { schemaVersion: 1, codec: struct('TimeoutSet', { batchId, timeoutId, at: timestamp }) },
    TimeoutFired: { schemaVersion: 1, codec: struct('TimeoutFired', { batchId, timeoutId, at: timestamp, firedAt: timestamp }) },
  },
  streamOf: (command) => batchStream(command.meta.shopId, command.data.batchId),
  decider: {
    initialState: () => ({ set: false, pending: ImmutableMap() }),
    decide: (command, state) => {
      switch (command.type) {
        case 'SetTimeouts': {
          const { ats } = command.data;
          if (ats.length > MAX_BATCH) return E.left(domainError('timeouts.batch-too-large', `at most ${MAX_BATCH} timeouts a batch`));
          // A batch is set once: setting it again (a repeated delivery) is a no-op.
          if (state.set) return E.right([]);
          return E.right(ats.map((at, i) => ({ type: 'TimeoutSet' as const, data: { batchId: command.data.batchId, timeoutId: i, at } })));
        }
        case 'FireTimeout': {
          const at = state.pending.get(command.data.timeoutId);
          if (at === undefined) return E.right([]);
          if (command.meta.now < at) return E.left(domainError('timeouts.not-due', `timeout ${command.data.timeoutId} is due at ${at}`));
          return E.right([{ type: 'TimeoutFired', data: { ...command.data, at, firedAt: command.meta.now } }]);
        }
      }
    },
    evolve: (state, event) => {
      switch (event.type) {
        case 'TimeoutSet':
          return { set: true, pending: state.pending.set(event.data.timeoutId, event.data.at) };
        case 'TimeoutFired':
          return { ...state, pending: state.pending.delete(event.data.timeoutId) };
      }
    },
  },
  reactions: reactionsTo<TimeoutsEvent>({
    TimeoutSet: ({ data }) => [schedule(timeoutKey(data.batchId, data.timeoutId), data.at, 'FireTimeout', { batchId: data.batchId, timeoutId: data.timeoutId })],
  }),
});
