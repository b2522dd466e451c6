/** The whole log of a store, page by page (the bench's own, so it does not import the tests). */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../../src/adapters/eventStore.js';
import type { RecordedEvent } from '../../src/domain/envelope.js';

export const readEverything = async (store: EventStore, pageSize = 1000): Promise<RecordedEvent[]> => {
  const out: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (E.isLeft(page)) throw new Error(`readAll failed: ${JSON.stringify(page.left)}`);
    out.push(...page.right);
    const tail = page.right[page.right.length - 1];
    if (tail === undefined) return out;
    after = tail.globalPosition;
  }
};
