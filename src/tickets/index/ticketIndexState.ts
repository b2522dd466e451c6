/**
 * One bucket's state: the ids of its open tickets and the last SLA version it
 * fanned out. An immutable set, so indexing one more ticket does not copy
 * thousands. The snapshot holds both (a bucket of a busy shop folds thousands
 * of events), saved every SNAPSHOT_EVERY events or more (snapshotEvery).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Set as ISet } from 'immutable';
import type { ValidationError } from '../../domain/errors.js';
import type { SnapshotPolicy } from '../../domain/module.js';
import { decodeWith, nonNegativeInt, struct } from '../../domain/validation.js';
import { ticketIdCodec } from '../ticket/ticketCommands.js';
import type { TicketIndexEvent } from './ticketIndexTypes.js';

export interface TicketIndexState {
  readonly open: ISet<string>;
  /** The newest SLA version this bucket recomputed its tickets for (0: none yet). */
  readonly recomputedVersion: number;
}

export const initialTicketIndexState = (): TicketIndexState => ({ open: ISet(), recomputedVersion: 0 });

export const evolveTicketIndex = (s: TicketIndexState, event: TicketIndexEvent): TicketIndexState => {
  switch (event.type) {
    case 'TicketIndexed':
      return { ...s, open: s.open.add(event.data.ticketId) };
    case 'TicketUnindexed':
      return { ...s, open: s.open.delete(event.data.ticketId) };
    case 'TicketSlaRecomputeRequested':
      return { ...s, recomputedVersion: Math.max(s.recomputedVersion, event.data.version) };
  }
};

const snapshotCodec = struct('TicketIndexSnapshot', { open: t.readonlyArray(ticketIdCodec), recomputedVersion: nonNegativeInt });
const decodeSnapshot = decodeWith(snapshotCodec, 'ticket index snapshot');

/** At least every 200 events; a bucket of n ids every n/4 events, so the cost of saving (n ids) spread over the events stays flat. */
export const SNAPSHOT_EVERY = 200;
const snapshotEvery = (s: TicketIndexState): number => Math.max(SNAPSHOT_EVERY, Math.ceil(s.open.size / 4));

export const ticketIndexSnapshot: SnapshotPolicy<TicketIndexState> = {
  schemaVersion: 1,
  every: snapshotEvery,
  encode: (s) => snapshotCodec.encode({ open: s.open.toArray().sort(), recomputedVersion: s.recomputedVersion }),
  decode: (encoded): E.Either<ValidationError, TicketIndexState> => E.map((d: t.TypeOf<typeof snapshotCodec>): TicketIndexState => ({ open: ISet(d.open), recomputedVersion: d.recomputedVersion }))(decodeSnapshot(encoded)),
};
