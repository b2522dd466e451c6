/** Events and helpers shared by the conformance suites. */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import type { EventMetadata, EventToAppend, RecordedEvent } from '../../src/domain/envelope.js';

let counter = 0;

export const metadata = (shopId = 'shop-1', overrides: Partial<EventMetadata> = {}): EventMetadata => {
  counter++;
  return {
    eventId: `evt-${counter}`,
    shopId,
    actor: { kind: 'agent', id: 'agent-7' },
    occurredAt: 1_767_600_000_000 + counter,
    correlationId: `corr-${counter}`,
    causationId: `cause-${counter}`,
    ...overrides,
  };
};

export const event = (type = 'Happened', data: unknown = { n: counter }, shopId = 'shop-1'): EventToAppend => ({
  type,
  schemaVersion: 1,
  data,
  metadata: metadata(shopId),
});

export const events = (n: number, shopId = 'shop-1'): EventToAppend[] =>
  Array.from({ length: n }, (_, i) => event('Happened', { i }, shopId));

/** A stream name no other test uses, so suites can share one database. */
export const uniqueStream = (prefix = 'stream') => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export const uniqueShop = () => `shop-${Math.random().toString(36).slice(2, 12)}`;

/** Unwraps a Right or fails the test with the Left. */
export const right = <A>(either: E.Either<unknown, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected Right, got Left: ${JSON.stringify(either.left)}`);
  return either.right;
};

export const left = <L>(either: E.Either<L, unknown>): L => {
  if (E.isRight(either)) throw new Error(`expected Left, got Right: ${JSON.stringify(either.right)}`);
  return either.left;
};

/** Reads the whole log (optionally of one shop) page by page. */
export const readEverything = async (store: EventStore, shopId?: string, pageSize = 250): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = right(await store.readAll({ after, maxCount: pageSize, ...(shopId === undefined ? {} : { shopId }) }));
    out.push(...page);
    if (page.length < pageSize) return out;
    after = page[page.length - 1]!.globalPosition;
  }
};

/** The part of a recorded event that was given to append. */
export const asAppended = (e: RecordedEvent): EventToAppend => ({
  type: e.type,
  schemaVersion: e.schemaVersion,
  data: e.data,
  metadata: e.metadata,
});

/**
 * Collects what a subscription delivers; `until(n)` resolves when n events have
 * arrived (driven by the handler itself, not by polling).
 */
export const collector = () => {
  const seen: RecordedEvent[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    seen,
    handler: (e: RecordedEvent) => {
      seen.push(e);
      for (const w of [...waiting]) {
        if (seen.length >= w.n) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until: (n: number, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (seen.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${seen.length} of ${n} events arrived`)), timeoutMs);
        waiting.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
};

/**
 * Snapshots (`at` = 'version') or checkpoints (`at` = 'position') no store may save,
 * each with what is wrong with it. Saving one must answer a Left, never throw.
 */
export const unsavableRecords = (at: 'version' | 'position'): [string, unknown][] => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  const ok = { [at]: 3, schemaVersion: 1, state: { n: 1 } };
  return [
    ['null', null],
    ['undefined', undefined],
    ['a number', 5],
    ['a string', 'snapshot'],
    ['an array', [3, 1, {}]],
    [`a negative ${at}`, { ...ok, [at]: -1 }],
    [`a fractional ${at}`, { ...ok, [at]: 1.5 }],
    ['a missing schemaVersion', { [at]: 3, state: {} }],
    ['a missing state', { [at]: 3, schemaVersion: 1 }],
    ['a state that is not JSON', { ...ok, state: { at: new Date(0) } }],
    ['a cyclic state', { ...ok, state: cyclic }],
    [
      'a getter that throws',
      Object.defineProperty({ ...ok }, at, {
        enumerable: true,
        get: () => {
          throw new Error('unreadable');
        },
      }),
    ],
    [
      'a Proxy that throws',
      new Proxy(ok, {
        ownKeys: () => {
          throw new Error('no keys');
        },
      }),
    ],
  ];
};
