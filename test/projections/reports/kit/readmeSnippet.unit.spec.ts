/** The README's report kit snippet, run as written (imports from the package's index): live rows, CSV, and the same rows rebuilt from a log file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { expect, it } from 'vitest';
import { allReports, conversationModule, createEngine, createRegistry, deskModule, exportReport, inlineReports, orderModule, rebuildReports, reportSet, reviewModule, virtualClock, writeNdjsonLog } from '../../../../src/index.js';
import { desk } from '../../../../src/testing/deskInputs.js';

it('M1-M22: the README snippet gives the same workload rows live and from the log file', async () => {
  const modules = [deskModule, conversationModule, reviewModule, orderModule];
  const built = reportSet(allReports(), { zone: 'Asia/Shanghai' });
  if (E.isLeft(built)) throw new Error(built.left.issues[0]?.reason);
  const set = built.right;
  const clock = virtualClock(Date.UTC(2026, 11, 3, 2, 0));
  const engine = createEngine({ modules, clock, reactor: { mode: 'manual' }, inlineProjections: [inlineReports(set, createRegistry(modules))] });
  const d = desk('tea-house');
  await engine.dispatch(d.registerAgent({ agentId: 'lin', name: '林', maxSessions: 3 }));
  await engine.dispatch(d.online('lin'));
  await engine.dispatch({ type: 'SendCustomerMessage', shopId: 'tea-house', actor: { kind: 'customer', id: 'c1' }, data: { sessionId: 's1', messageId: 'm1', customerId: 'c1', content: { kind: 'text', text: '有货吗?' }, channel: 'web-mall' } });
  await engine.advanceTo(clock.now());
  await clock.advanceTo(clock.now() + 20_000);
  await engine.dispatch({ type: 'SendAgentMessage', shopId: 'tea-house', actor: { kind: 'agent', id: 'lin' }, data: { sessionId: 's1', messageId: 'm2', content: { kind: 'text', text: '有的' } } });

  const today = { shopId: 'tea-house', from: '2026-12-03', to: '2026-12-03' };
  const rows = set.query(engine.projection(set.projection.name), 'workload', today);
  const csv = exportReport(set, engine.projection(set.projection.name), 'workload', today, 'csv');
  expect(E.isRight(rows) && rows.right[0]).toMatchObject({ agentId: 'lin', totalSessions: 1, repliedSessions: 1, avgFirstResponseSec: 20 });
  expect(E.isRight(csv) && csv.right.split('\n')[0]).toMatch(/^"?agentId"?,"?customersReceived"?/);

  const dir = mkdtempSync(join(tmpdir(), 'kefu-readme-'));
  try {
    const file = join(dir, 'tea-house.ndjson');
    expect(E.isRight(await writeNdjsonLog(engine.store, file))).toBe(true);
    const rebuilt = await rebuildReports({ source: file, registry: createRegistry(modules), set, strict: false });
    expect(E.isRight(rebuilt) && [set.query(rebuilt.right.state, 'workload', today), rebuilt.right.skipped]).toEqual([rows, []]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await engine.close();
  }
});
