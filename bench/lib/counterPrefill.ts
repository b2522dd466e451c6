/** Fills a counter stream (counterModule, shop `bench`) with `events` Incremented events, appended straight to the store. */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { check } from './measure.js';

/** kefu's stream for counter `id` of shop `bench` (counterModule.streamOf). */
export const counterStream = (id: string) => `counter-bench-${id}`;

export const prefillCounter = async (store: EventStore, id: string, events: number): Promise<void> => {
  for (let done = 0; done < events; done += 1000) {
    const size = Math.min(1000, events - done);
    const batch = Array.from({ length: size }, (_, i) => ({
      type: 'Incremented',
      schemaVersion: 2,
      data: { by: 1, total: done + i + 1 },
      metadata: {
        eventId: `pre-${done + i}`,
        shopId: 'bench',
        actor: { kind: 'system' as const },
        occurredAt: 0,
        correlationId: 'pre',
        causationId: 'pre',
      },
    }));
    check(E.isRight(await store.append(counterStream(id), batch, done)), `prefill of ${counterStream(id)}`);
  }
};
