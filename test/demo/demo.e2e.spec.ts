/**
 * `kefu demo` as a user runs it (`npm run demo` is `node --import tsx
 * src/cli/bin.ts demo`), in a child process with a temp folder as cwd and a small
 * --scale: exit 0, the tables on stdout, nothing on stderr (not a terminal: no
 * progress bar), the SQLite file and the HTML report in the folder; the file holds
 * the same log as the same day run in memory; a second run refuses on one line.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeLog } from '../../src/adapters/logChecksum.js';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { createSqliteEventStore } from '../../src/adapters/sqlite/index.js';
import { runDemo } from '../../src/demo/runDemo.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
const BIN = join(REPO, 'src/cli/bin.ts');
const dir = mkdtempSync(join(tmpdir(), 'kefu-demo-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kefu = (...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, ['--import', TSX, BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: status, out: stdout, err: stderr };
};

describe('kefu demo in a child process', () => {
  it('runs the day end to end: tables on stdout, no progress without a terminal, the SQLite file and the HTML report written', () => {
    const run = kefu('demo', '--scale', '0.02', '--seed', '11');
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    for (const title of ['Agent board at 20:25', 'Queue at 20:25', 'Workload report, 2026-12-03', 'Summary: tea-house', 'The HTML report: kefu-demo.html']) expect(run.out).toContain(title);
    expect(existsSync(join(dir, 'kefu-demo.sqlite'))).toBe(true);
    expect(statSync(join(dir, 'kefu-demo.html')).size).toBeGreaterThan(100_000);
  });

  it('the file holds the same log as the same day run in memory (same seed, same scale)', async () => {
    const memory = createInMemoryEventStore();
    expect(E.isRight(await runDemo({ store: memory, seed: 11, scale: 0.02 }))).toBe(true);
    const file = createSqliteEventStore({ filename: join(dir, 'kefu-demo.sqlite') });
    try {
      const [a, b] = [await summarizeLog(memory), await summarizeLog(file)];
      expect(E.isRight(a) && E.isRight(b)).toBe(true);
      if (E.isRight(a) && E.isRight(b)) expect(b.right).toEqual(a.right);
    } finally {
      await file.close();
    }
  });

  it('a second run refuses: exit 2, one line saying --fresh or --file', () => {
    const run = kefu('demo', '--scale', '0.02');
    expect(run.code).toBe(2);
    expect(run.out).toBe('');
    expect(run.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^kefu: kefu-demo\.sqlite exists .*--fresh.*--file other\.sqlite$/)]);
  });

  it('kefu demo --help documents the options, the second-run rule and examples', () => {
    const run = kefu('demo', '--help');
    expect(run.code).toBe(0);
    for (const text of ['--file <path>', '--html <path>', '--seed <n>', '--scale <x>', '--fresh', 'A second run refuses', 'Examples:']) expect(run.out).toContain(text);
  });
});
