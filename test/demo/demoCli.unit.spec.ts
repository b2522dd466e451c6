/**
 * `kefu demo` in-process (runCli with captured io, a temp folder as cwd, a small
 * scale): the three tables and the summary on stdout, the HTML report written,
 * the SQLite file in the folder; a second run without --fresh refuses on one
 * line with exit 2, and --fresh starts clean.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliKit.js';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { runCli } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'kefu-demo-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const captured = () => {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: dir, env: {} };
  return { io, out: () => out, err: () => err };
};

describe('kefu demo', () => {
  it('prints the agent board, the queue, the workload report and the summary, and writes the HTML report and the SQLite file', async () => {
    const run = captured();
    const code = await runCli(['demo', '--scale', '0.03', '--seed', '5'], run.io);
    expect(run.err()).toBe('');
    expect(code).toBe(EXIT_CODES.ok);
    const out = run.out();
    expect(out).toMatch(/Agent board at 20:25/);
    expect(out).toMatch(/Queue at 20:25: \d+ waiting/);
    expect(out).toMatch(/Workload report, 2026-12-03/);
    expect(out).toMatch(/\(team-total\)/);
    expect(out).toMatch(/Summary: tea-house, 2026-12-03 \(seed 5, scale 0.03\)/);
    expect(out).toMatch(/wall time/);
    for (const agent of ['a01', 'a20']) expect(out).toContain(agent);
    expect(existsSync(join(dir, 'kefu-demo.sqlite'))).toBe(true);
    const page = readFileSync(join(dir, 'kefu-demo.html'), 'utf8');
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain('tea-house');
  }, 60_000);

  it('a second run without --fresh refuses on one line, exit 2, saying how to go on', async () => {
    const run = captured();
    const code = await runCli(['demo', '--scale', '0.03'], run.io);
    expect(code).toBe(EXIT_CODES.ValidationError);
    expect(run.out()).toBe('');
    const lines = run.err().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kefu: kefu-demo\.sqlite exists .*--fresh.*--file/);
  });

  it('--fresh deletes the file and starts clean; --file writes another beside it', async () => {
    const fresh = captured();
    expect(await runCli(['demo', '--scale', '0.01', '--fresh', '--html', 'again.html'], fresh.io)).toBe(EXIT_CODES.ok);
    expect(existsSync(join(dir, 'again.html'))).toBe(true);
    const other = captured();
    expect(await runCli(['demo', '--scale', '0.01', '--file', 'other.sqlite', '--html', 'other.html'], other.io)).toBe(EXIT_CODES.ok);
    expect(existsSync(join(dir, 'other.sqlite'))).toBe(true);
  }, 60_000);

  it('a bad --scale or --seed is bad input (exit 2), on one line', async () => {
    for (const args of [['--scale', '0'], ['--scale', 'lots'], ['--seed', '-3']]) {
      const run = captured();
      expect(await runCli(['demo', '--file', 'never.sqlite', ...args], run.io)).toBe(EXIT_CODES.ValidationError);
      expect(run.err().trimEnd().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(dir, 'never.sqlite'))).toBe(false);
  });
});
