/**
 * Engines running the reminder module (src/testing/reminderModule.ts) over one
 * store and one virtual clock, and the checks the reaction tests make over the
 * whole log: each reminder fired at most once, at its time, and each firing
 * counted exactly once on the tally.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../../src/adapters/eventStore.js';
import { createInMemoryEventStore } from '../../../src/adapters/memory/inMemoryEventStore.js';
import type { ProjectionStateStore } from '../../../src/adapters/projectionStateStore.js';
import type { RecordedEvent } from '../../../src/domain/envelope.js';
import { createEngine, type Engine } from '../../../src/engine.js';
import type { ReactorReport } from '../../../src/runtime/reactor.js';
import { seededRandom } from '../../../src/runtime/seededRandom.js';
import { virtualClock, type VirtualClock } from '../../../src/runtime/virtualClock.js';
import { reminderModule } from '../../../src/testing/reminderModule.js';
import { readEverything } from '../../conformance/fixtures.js';

export const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
export const SHOP = 'shop-r';

export const reminderInput = (type: string, data: Record<string, unknown>, shopId = SHOP) => ({ type, shopId, actor: { kind: 'system' }, data });

export interface Rig {
  readonly store: EventStore;
  readonly clock: VirtualClock;
  readonly reports: ReactorReport[];
  /** A new engine on the rig's store and clock (a restart, or a second process). */
  readonly engine: (options?: { seed?: number; checkpoints?: ProjectionStateStore; name?: string }) => Engine;
}

export const reminderRig = (store: EventStore = createInMemoryEventStore(), clock: VirtualClock = virtualClock(T0)): Rig => {
  const reports: ReactorReport[] = [];
  let engines = 0;
  return {
    store,
    clock,
    reports,
    engine: (options = {}) =>
      createEngine({
        store,
        clock,
        random: seededRandom(options.seed ?? ++engines),
        modules: [reminderModule],
        reactor: { ...(options.checkpoints === undefined ? {} : { checkpoints: options.checkpoints }), ...(options.name === undefined ? {} : { name: options.name }) },
        onReactorReport: (report) => reports.push(report),
      }),
  };
};

export const ok = async <A>(result: Promise<E.Either<unknown, A>>): Promise<A> => {
  const settled = await result;
  if (E.isLeft(settled)) throw new Error(`failed: ${JSON.stringify(settled.left)}`);
  return settled.right;
};

export interface LogCheck {
  readonly fired: ReadonlyMap<string, readonly RecordedEvent[]>;
  readonly counted: ReadonlyMap<string, number>;
  readonly set: ReadonlyMap<string, number>;
  readonly cancelled: ReadonlySet<string>;
  readonly events: readonly RecordedEvent[];
}

/** Reads the whole log and groups what happened to each reminder. */
export const checkLog = async (store: EventStore, shopId?: string): Promise<LogCheck> => {
  const events = await readEverything(store, shopId, 500);
  const fired = new Map<string, RecordedEvent[]>();
  const counted = new Map<string, number>();
  const set = new Map<string, number>();
  const cancelled = new Set<string>();
  for (const event of events) {
    const data = event.data as { reminderId: string; at: number };
    if (event.type === 'ReminderSet') set.set(data.reminderId, data.at);
    if (event.type === 'ReminderCancelled') cancelled.add(data.reminderId);
    if (event.type === 'ReminderFired') fired.set(data.reminderId, [...(fired.get(data.reminderId) ?? []), event]);
    if (event.type === 'FiringCounted') counted.set(data.reminderId, (counted.get(data.reminderId) ?? 0) + 1);
  }
  return { fired, counted, set, cancelled, events };
};

/** Every reminder fired at most once, never when cancelled first, and each firing counted exactly once. */
export const onceEach = (check: LogCheck): string[] => {
  const problems: string[] = [];
  for (const [id, firings] of check.fired) {
    if (firings.length !== 1) problems.push(`${id} fired ${firings.length} times`);
    if (check.counted.get(id) !== 1) problems.push(`${id} counted ${check.counted.get(id) ?? 0} times`);
  }
  for (const id of check.counted.keys()) if (!check.fired.has(id)) problems.push(`${id} counted but never fired`);
  return problems;
};
