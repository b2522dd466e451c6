/**
 * One of several OS processes appending to one SQLite file at once (run with
 * `node --import tsx`, forked with an IPC channel). It opens the store (racing the
 * others to create the schema), says `ready`, waits for `go` so every process
 * starts together, then appends: to shared streams at the version it just read
 * (so it loses races) and to its own stream (where it never should). It reports
 * every outcome to the parent, which checks them against the file.
 */
import * as E from 'fp-ts/lib/Either.js';
import { createSqliteEventStore } from '../../../../src/adapters/sqlite/index.js';
import type { EventToAppend } from '../../../../src/domain/envelope.js';
import type { ExpectedVersion } from '../../../../src/domain/errors.js';

export interface AppenderReport {
  readonly writer: number;
  readonly op: number;
  readonly stream: string;
  readonly expected: ExpectedVersion;
  readonly size: number;
  readonly outcome: string;
  /** On success: the positions and versions the store returned. On a conflict: the version it reported. */
  readonly positions?: readonly number[];
  readonly versions?: readonly number[];
  readonly actual?: number;
}

const [filename, writerArg, opsArg, sharedArg] = process.argv.slice(2);
const writer = Number(writerArg);
const ops = Number(opsArg);
const shared = Array.from({ length: Number(sharedArg) }, (_, i) => `shared-${i}`);
const own = `own-${writer}`;

const batchOf = (op: number, size: number): EventToAppend[] =>
  Array.from({ length: size }, (_, index) => ({
    type: 'Appended',
    schemaVersion: 1,
    data: { writer, op, index, size },
    metadata: {
      eventId: `w${writer}-op${op}-${index}`,
      shopId: `shop-${writer % 2}`,
      actor: { kind: 'system' },
      occurredAt: 1_767_600_000_000 + op,
      correlationId: `w${writer}-op${op}`,
      causationId: `w${writer}-op${op}`,
    },
  }));

const send = (message: unknown) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

const run = async () => {
  const store = createSqliteEventStore({ filename: filename!, busyTimeoutMs: 10_000 });
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    void send({ ready: writer });
  });
  let ownVersion = 0;
  for (let op = 0; op < ops; op++) {
    const size = 1 + (op % 3);
    const toShared = op % 2 === 0;
    const stream = toShared ? shared[(op / 2) % shared.length]! : own;
    let expected: ExpectedVersion;
    if (!toShared) expected = ownVersion;
    else if (op % 10 === 4) expected = 'any';
    else {
      const version = await store.streamVersion(stream);
      if (E.isLeft(version)) throw new Error(JSON.stringify(version.left));
      expected = version.right === 0 ? 'no_stream' : version.right;
    }
    const result = await store.append(stream, batchOf(op, size), expected);
    const report: AppenderReport = E.isRight(result)
      ? {
          writer,
          op,
          stream,
          expected,
          size,
          outcome: 'ok',
          positions: result.right.events.map((e) => e.globalPosition),
          versions: result.right.events.map((e) => e.streamVersion),
        }
      : {
          writer,
          op,
          stream,
          expected,
          size,
          outcome: result.left._tag,
          ...(result.left._tag === 'ConcurrencyConflict' ? { actual: result.left.actual } : {}),
        };
    if (!toShared && E.isRight(result)) ownVersion = result.right.nextVersion;
    await send({ report });
  }
  await store.close();
  await send({ done: writer });
  process.disconnect();
};

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
