/**
 * The smallest real module: a counter per stream that can be incremented and
 * reset. It exercises the whole kernel (codecs, decide, evolve, snapshots,
 * upcasting) without any customer-service rules, for kernel tests, adapter
 * tests and the kernel benchmark.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Command } from '../domain/command.js';
import type { DomainEvent } from '../domain/decider.js';
import { domainError } from '../domain/errors.js';
import { identifier } from '../domain/validation.js';
import { defineModule } from '../domain/module.js';
import { decodeWith, intInRange, struct } from '../domain/validation.js';

export interface CounterState {
  readonly value: number;
  readonly increments: number;
  readonly closed: boolean;
}

export type CounterCommand =
  | Command<'Increment', { readonly counterId: string; readonly by: number }>
  | Command<'Reset', { readonly counterId: string }>
  | Command<'Close', { readonly counterId: string }>;

export type CounterEvent =
  | DomainEvent<'Incremented', { readonly by: number; readonly total: number }>
  | DomainEvent<'WasReset', { readonly from: number }>
  | DomainEvent<'Closed', { readonly at: number }>;

const counterId = identifier('counter id');
const snapshotCodec = struct('CounterSnapshot', { value: t.number, increments: t.number, closed: t.boolean });

export const counterModule = defineModule<CounterState, CounterCommand, CounterEvent>({
  name: 'counter',
  commands: {
    Increment: struct('Increment', { counterId, by: intInRange(1, 1000) }),
    Reset: struct('Reset', { counterId }),
    Close: struct('Close', { counterId }),
  },
  events: {
    // Version 1 of Incremented carried only `by`; version 2 adds the running total.
    Incremented: {
      schemaVersion: 2,
      codec: struct('Incremented', { by: t.number, total: t.number }),
      upcasters: { 1: (data) => ({ ...(data as object), total: -1 }) },
    },
    WasReset: { schemaVersion: 1, codec: struct('WasReset', { from: t.number }) },
    Closed: { schemaVersion: 1, codec: struct('Closed', { at: t.number }) },
  },
  streamOf: (command) => `counter-${command.meta.shopId}-${command.data.counterId}`,
  decider: {
    initialState: () => ({ value: 0, increments: 0, closed: false }),
    decide: (command, state) => {
      if (state.closed && command.type !== 'Close') {
        return E.left(domainError('counter.closed', 'a closed counter cannot change'));
      }
      switch (command.type) {
        case 'Increment':
          return E.right([{ type: 'Incremented', data: { by: command.data.by, total: state.value + command.data.by } }]);
        case 'Reset':
          return E.right(state.value === 0 ? [] : [{ type: 'WasReset', data: { from: state.value } }]);
        case 'Close':
          return E.right(state.closed ? [] : [{ type: 'Closed', data: { at: command.meta.now } }]);
      }
    },
    evolve: (state, event) => {
      switch (event.type) {
        case 'Incremented':
          return { ...state, value: state.value + event.data.by, increments: state.increments + 1 };
        case 'WasReset':
          return { ...state, value: 0 };
        case 'Closed':
          return { ...state, closed: true };
      }
    },
  },
  snapshot: {
    schemaVersion: 1,
    every: 100,
    encode: (state) => state,
    decode: decodeWith(snapshotCodec, 'snapshot'),
  },
});
