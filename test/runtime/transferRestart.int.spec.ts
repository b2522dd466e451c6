/**
 * S5's acceptance timeout across a crash, on SQLite and PostgreSQL, with real
 * processes: the engine that asked for a transfer is killed with SIGKILL right
 * after; an engine started later, in another process, expires the transfer at its
 * deadline, once, and the session can be transferred again. Before: the deadline
 * lived only in the killed process, so the transfer stayed pending for ever.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/adapters/eventStore.js';
import { deskModule, routingStream } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { desk } from '../../src/testing/deskInputs.js';
import { describePg, pgUrl, schemaPerStore } from '../adapters/postgres/pgTestSupport.js';
import { right } from '../conformance/fixtures.js';
import { exitOf, forkReporting } from '../support/childProcesses.js';
import { openStore, type StoreSpec } from '../storage/storeFromSpec.js';

const SHOP = 'shop-hostile';
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const firstLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before reporting`)));
  });

const expiries = async (store: EventStore) => right(await store.readStream(routingStream(SHOP))).filter((e) => e.type === 'TransferExpired');

const crashAndRecover = async (spec: StoreSpec) => {
  const requester = forkReporting('test/runtime/children/transferRequester.ts', [JSON.stringify(spec), SHOP, 'request']);
  started.push(requester);
  const [, sessionId, requestId, expiresAt] = (await firstLine(requester)).split(' ');
  requester.kill('SIGKILL');
  expect(await exitOf(requester)).toEqual({ code: null, signal: 'SIGKILL' });

  const server = forkReporting('test/runtime/children/transferRequester.ts', [JSON.stringify(spec), SHOP, 'serve']);
  started.push(server);
  const store = openStore(spec);
  const until = Number(expiresAt) + 15_000;
  while ((await expiries(store)).length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const expired = await expiries(store);
  expect(expired.map((e) => e.data)).toEqual([{ sessionId, requestId, at: Number(expiresAt) }]);
  expect(expired[0]!.metadata.occurredAt).toBeGreaterThanOrEqual(Number(expiresAt));

  // The session is free to move again, and the old request cannot be answered.
  const engine = createEngine({ store, modules: [deskModule], reactor: { mode: 'off' } });
  const d = desk(SHOP);
  const late = await engine.dispatch(d.asAgent('a2').accept({ sessionId: sessionId!, requestId: requestId! }));
  expect(E.isLeft(late) && late.left).toMatchObject({ code: 'transfer.unknown' });
  right(await engine.dispatch(d.transfer({ sessionId: sessionId!, toAgentId: 'a2' })));
  server.kill('SIGKILL');
  await exitOf(server);
  await engine.close();
  await store.close();
};

describe('S5 acceptance timeout survives a SIGKILL: SQLite', () => {
  const folder = mkdtempSync(join(tmpdir(), 'kefu-transfer-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  it('a later engine process expires the transfer once, at its deadline', async () => {
    await crashAndRecover({ kind: 'sqlite', filename: join(folder, 'shop.db') });
  }, 60_000);
});

describePg('S5 acceptance timeout survives a SIGKILL: PostgreSQL', () => {
  const schemas = schemaPerStore();
  it('a later engine process expires the transfer once, at its deadline', async () => {
    await crashAndRecover({ kind: 'postgres', url: pgUrl!, schema: schemas.schema('transfer') });
  }, 60_000);
});
