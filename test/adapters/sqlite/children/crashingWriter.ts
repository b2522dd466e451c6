/**
 * The process the crash test kills with SIGKILL (run with `node --import tsx`).
 * It appends multi-event batches in a loop, as fast as it can, while a durable
 * projection with checkpoints follows the log in the same process. Each event
 * carries its batch id (correlationId) and the batch size (causationId
 * `size-N`). It prints `A <batch> <size>` once an append has returned, and
 * `P <position>` for the projection's progress, and never stops by itself.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteEventStore } from '../../../../src/adapters/sqlite/index.js';
import { createRegistry } from '../../../../src/domain/registry.js';
import { runProjection } from '../../../../src/runtime/projectionRunner.js';
import { counterModule } from '../../../../src/testing/counterModule.js';
import { crashTotals } from './crashProjection.js';

const [filename, round] = process.argv.slice(2);

const run = async () => {
  const store = createSqliteEventStore({ filename: filename! });
  const running = await runProjection({
    store,
    checkpoints: store,
    registry: createRegistry([counterModule]),
    projection: crashTotals,
    saveEvery: 13,
    batchSize: 40,
  });
  if (E.isLeft(running)) throw new Error(JSON.stringify(running.left));
  void running.right.done.then((outcome) => {
    if (E.isLeft(outcome)) {
      console.error(JSON.stringify(outcome.left));
      process.exit(2);
    }
  });
  for (let i = 0; ; i++) {
    const batch = `r${round}-b${i}`;
    const size = 1 + ((i * 37) % 120);
    const result = await store.append(
      `counter-crash-${i % 4}`,
      Array.from({ length: size }, (_, index) => ({
        type: 'Incremented',
        schemaVersion: 2,
        data: { by: 1 + ((i + index) % 5), total: 0 },
        metadata: {
          eventId: `${batch}-${index}`,
          shopId: 'crash',
          actor: { kind: 'system' as const },
          occurredAt: 1_767_600_000_000 + i,
          correlationId: batch,
          causationId: `size-${size}`,
        },
      })),
      'any',
    );
    if (E.isLeft(result)) throw new Error(JSON.stringify(result.left));
    process.stdout.write(`A ${batch} ${size}\nP ${running.right.position()}\n`);
  }
};

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
