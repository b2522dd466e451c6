/**
 * A writer process for the concurrency test: appends to streams shared with the
 * other writers (with expected versions, retrying on a conflict) and to a stream of
 * its own, and prints one JSON line per append that succeeded. It says when it is
 * ready and starts on the parent's "go", so all writers really run at once.
 * argv: url schema worker iterations sharedStreams
 */
import * as E from 'fp-ts/lib/Either.js';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createPostgresEventStore } from '../../../../src/adapters/postgres/index.js';
import type { EventToAppend } from '../../../../src/domain/envelope.js';
import type { ExpectedVersion } from '../../../../src/domain/errors.js';

export type AppenderLine =
  | { readonly kind: 'ready' }
  | {
      readonly kind: 'appended';
      readonly stream: string;
      readonly eventIds: readonly string[];
      readonly versions: readonly number[];
      readonly positions: readonly number[];
    }
  | { readonly kind: 'done'; readonly conflicts: number };

const [url, schema, workerText, iterationsText, sharedText] = process.argv.slice(2);
const worker = Number(workerText);
const iterations = Number(iterationsText);
const shared = Number(sharedText);
const store = createPostgresEventStore({ connectionString: url!, schema: schema!, maxConnections: 2 });
const say = (line: AppenderLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

const batchOf = (i: number, size: number): EventToAppend[] =>
  Array.from({ length: size }, (_, k) => ({
    type: 'Written',
    schemaVersion: 1,
    data: { worker, i, k },
    metadata: {
      eventId: `w${worker}-i${i}-e${k}`,
      shopId: `shop-${worker % 2}`,
      actor: { kind: 'system' },
      occurredAt: 1_767_600_000_000 + i,
      correlationId: `w${worker}-i${i}`,
      causationId: `w${worker}-i${i}`,
    },
  }));

const fail = (what: string, error: unknown): never => {
  process.stderr.write(`worker ${worker}: ${what}: ${JSON.stringify(error)}\n`);
  process.exit(1);
};

const ready = await store.ready();
if (E.isLeft(ready)) fail('ready', ready.left);
say({ kind: 'ready' });
await once(createInterface({ input: process.stdin }), 'line');

let ownVersion = 0;
let conflicts = 0;
for (let i = 0; i < iterations; i++) {
  const batch = batchOf(i, 1 + (i % 3));
  const own = i % 2 === 1;
  const stream = own ? `own-${worker}` : `shared-${(worker + i) % shared}`;
  for (let attempt = 0; ; attempt++) {
    // Some first attempts use 'any' or 'exists'; a retry always expects the version it read.
    let expected: ExpectedVersion;
    if (own) expected = ownVersion;
    else if (attempt === 0 && i % 6 === 0) expected = 'any';
    else if (attempt === 0 && i % 6 === 2) expected = 'exists';
    else {
      const version = await store.streamVersion(stream);
      if (E.isLeft(version)) fail('streamVersion', version.left);
      expected = (version as E.Right<number>).right;
    }
    const result = await store.append(stream, batch, expected);
    if (E.isRight(result)) {
      if (own) ownVersion = result.right.nextVersion;
      say({
        kind: 'appended',
        stream,
        eventIds: result.right.events.map((e) => e.metadata.eventId),
        versions: result.right.events.map((e) => e.streamVersion),
        positions: result.right.events.map((e) => e.globalPosition),
      });
      break;
    }
    if (result.left._tag !== 'ConcurrencyConflict' || own) fail('append', result.left);
    conflicts++;
  }
}
say({ kind: 'done', conflicts });
await store.close();
process.exit(0);
