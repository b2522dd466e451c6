/**
 * The durable projection the crash test runs in the child and again in the
 * parent: totals over counter `Incremented` events, with the position it was
 * folded up to inside the state, so a saved state can be checked against the
 * checkpoint saved with it.
 */
import * as t from 'io-ts';
import type { DurableProjection } from '../../../../src/runtime/projectionRunner.js';
import { decodeWith, struct } from '../../../../src/domain/validation.js';
import type { CounterEvent } from '../../../../src/testing/counterModule.js';

export interface CrashTotals {
  readonly events: number;
  readonly sum: number;
  readonly lastPosition: number;
  readonly perStream: Readonly<Record<string, number>>;
}

const totalsCodec = struct('CrashTotals', {
  events: t.number,
  sum: t.number,
  lastPosition: t.number,
  perStream: t.record(t.string, t.number),
});

export const crashTotals: DurableProjection<CrashTotals, CounterEvent> = {
  name: 'crash-totals',
  schemaVersion: 1,
  initialState: () => ({ events: 0, sum: 0, lastPosition: 0, perStream: {} }),
  apply: (state, event) => ({
    events: state.events + 1,
    sum: state.sum + (event.type === 'Incremented' ? event.data.by : 0),
    lastPosition: event.globalPosition,
    perStream: { ...state.perStream, [event.stream]: (state.perStream[event.stream] ?? 0) + 1 },
  }),
  encode: (state) => state,
  decode: decodeWith(totalsCodec, 'crash totals'),
};
