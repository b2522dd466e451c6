/**
 * A process for the crash test, killed with SIGKILL by the parent: it appends
 * batches of 4 events, one after another, to 5 streams, while a durable projection
 * (totals, kept in PostgreSQL) follows the log in the same process. After every
 * append it reports how many batches it appended and the projection's checkpoint.
 * argv: url schema
 */
import * as E from 'fp-ts/lib/Either.js';
import { createPostgresEventStore, runPostgresProjection } from '../../../../src/adapters/postgres/index.js';
import { fixtureRegistry } from '../../../conformance/fixtureRegistry.js';
import { BATCH_SIZE, CHILD_APPLICATION, STREAMS, type CrashProgress } from './crashProtocol.js';
import { applyTotals } from './totalsProjection.js';

const [url, schema] = process.argv.slice(2) as [string, string];
const store = createPostgresEventStore({ connectionString: url, schema, applicationName: CHILD_APPLICATION });
const projection = runPostgresProjection({
  store,
  registry: fixtureRegistry('Batched'),
  name: 'totals',
  batchSize: 7,
  handle: applyTotals(schema, 'totals'),
});
void projection.done.then((outcome) => {
  if (E.isLeft(outcome)) {
    process.stderr.write(`projection failed: ${JSON.stringify(outcome.left)}\n`);
    process.exit(1);
  }
});

const versions = new Map<string, number>();
for (let batch = 0; ; batch++) {
  const stream = `crash-${batch % STREAMS}`;
  const events = Array.from({ length: BATCH_SIZE }, (_, index) => ({
    type: 'Batched',
    schemaVersion: 1,
    data: { batch, index },
    metadata: {
      eventId: `b${batch}-${index}`,
      shopId: 'shop-crash',
      actor: { kind: 'system' as const },
      occurredAt: 1_767_600_000_000 + batch,
      correlationId: `b${batch}`,
      causationId: `b${batch}`,
    },
  }));
  const result = await store.append(stream, events, versions.get(stream) ?? 0);
  if (E.isLeft(result)) {
    process.stderr.write(`append failed: ${JSON.stringify(result.left)}\n`);
    process.exit(1);
  }
  versions.set(stream, result.right.nextVersion);
  const progress: CrashProgress = { batches: batch + 1, projected: projection.position() };
  process.stdout.write(`${JSON.stringify(progress)}\n`);
}
