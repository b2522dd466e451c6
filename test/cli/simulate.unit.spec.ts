/**
 * `kefu simulate` in-process (runCli with captured output) on a small shop: the
 * comparison table and the per-agent tables, --json, the same seed giving the
 * same output, flags over a spec file, and bad input on one line with exit 2 (a
 * spec field named, an unknown strategy listing the known ones, a file that is not
 * JSON).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliKit.js';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { runCli } from '../../src/cli/main.js';

const captured = (cwd = '/') => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: { write: (s: string) => out.push(s), isTTY: false }, stderr: { write: (s: string) => err.push(s), isTTY: false }, cwd, env: {} };
  return { io, out: () => out.join(''), err: () => err.join('') };
};

// A small day: 4 agents, at most 15 arrivals an hour, two strategies.
const SMALL = ['simulate', '--agents', '4', '--rate', '15', '--strategies', 'least-load,round-robin+sticky'];

const run = async (args: readonly string[], cwd?: string) => {
  const c = captured(cwd);
  const code = await runCli(args, c.io);
  return { code, out: c.out(), err: c.err() };
};

describe('kefu simulate', () => {
  it('prints one comparison table (a row per strategy) and a utilisation table per strategy; the same seed gives the same output', async () => {
    const first = await run([...SMALL, '--seed', '5']);
    expect(first.err).toBe('');
    expect(first.code).toBe(EXIT_CODES.ok);
    expect(first.out).toContain('Routing strategies compared');
    expect(first.out).toMatch(/│ least-load\s+│/);
    expect(first.out).toMatch(/│ round-robin\+sticky\s+│/);
    for (const header of ['mean wait s', 'P(wait<=30s)', 'max wait s', 'p95 queue', 'util min-max', 'max/min', 'Gini', 'abandoned/timeouts', 'SLA breaches']) expect(first.out).toContain(header);
    expect(first.out).toContain('Utilisation per agent: least-load');
    expect(first.out).toContain('Utilisation per agent: round-robin+sticky');
    expect(first.out).toContain('agent-4');
    const again = await run([...SMALL, '--seed', '5']);
    expect(again.out).toBe(first.out);
    const other = await run([...SMALL, '--seed', '6']);
    expect(other.out).not.toBe(first.out);
  });

  it('--json prints one JSON document with the spec, the seed and a summary per strategy', async () => {
    const { code, out } = await run([...SMALL, '--seed', '5', '--json', '--service-level', '20']);
    expect(code).toBe(EXIT_CODES.ok);
    const doc = JSON.parse(out) as { seed: number; spec: { agents: { count: number } }; summaries: { strategy: string; serviceLevelMs: number; sessions: number; utilisation: unknown[] }[] };
    expect(doc.seed).toBe(5);
    expect(doc.spec.agents.count).toBe(4);
    expect(doc.summaries.map((s) => s.strategy)).toEqual(['least-load', 'round-robin+sticky']);
    expect(doc.summaries[0]?.serviceLevelMs).toBe(20_000);
    expect(doc.summaries[0]?.utilisation).toHaveLength(4);
    expect(doc.summaries[0]?.sessions).toBeGreaterThan(0);
  });

  it('reads a spec file; flags override it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-simulate-'));
    writeFileSync(join(dir, 'shop.json'), JSON.stringify({ shopId: 'file-shop', agents: { count: 3, maxSessions: 1 }, arrivals: { perHour: Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 18 ? 6 : 0)), bursts: [] } }));
    const { code, out } = await run(['simulate', '--spec', 'shop.json', '--agents', '2', '--strategies', 'least-load', '--json'], dir);
    expect(code).toBe(EXIT_CODES.ok);
    const doc = JSON.parse(out) as { spec: { shopId: string; agents: { count: number; maxSessions: number } }; summaries: { utilisation: unknown[] }[] };
    expect(doc.spec.shopId).toBe('file-shop');
    expect(doc.spec.agents).toMatchObject({ count: 2, maxSessions: 1 });
    expect(doc.summaries[0]?.utilisation).toHaveLength(2);
  });

  it('a bad spec is exit 2 with the field named on one line', async () => {
    const { code, err, out } = await run(['simulate', '--agents', '0']);
    expect(code).toBe(EXIT_CODES.ValidationError);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('agents.count: must be an integer from 1 to 10000, got 0');

    const dir = mkdtempSync(join(tmpdir(), 'kefu-simulate-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ handleTime: { distribution: 'log-normal', medianMs: -5, sigma: 0.5 }, vipShare: 2 }));
    const bad = await run(['simulate', '--spec', 'bad.json'], dir);
    expect(bad.code).toBe(EXIT_CODES.ValidationError);
    expect(bad.err).toContain('handleTime.medianMs');
    expect(bad.err).toContain('vipShare: must be a number from 0 to 1');
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    const broken = await run(['simulate', '--spec', 'broken.json'], dir);
    expect(broken.code).toBe(EXIT_CODES.ValidationError);
    expect(broken.err).toMatch(/^kefu: --spec broken.json: not JSON/);
  });

  it('--agent-timeout runs the conversation with an S8 no-response timeout: timeouts are counted; a bad one is exit 2', async () => {
    const { code, out } = await run(['simulate', '--agents', '2', '--rate', '15', '--strategies', 'least-load', '--agent-timeout', '20', '--json']);
    expect(code).toBe(EXIT_CODES.ok);
    const doc = JSON.parse(out) as { summaries: { timeouts: number }[] };
    expect(doc.summaries[0]?.timeouts).toBeGreaterThan(0);
    const bad = await run(['simulate', '--agent-timeout', '1.5']);
    expect(bad.code).toBe(EXIT_CODES.ValidationError);
    expect(bad.err).toContain('--agent-timeout: must be a whole number of seconds');
  });

  it('an unknown strategy is exit 2 listing the known ones', async () => {
    const { code, err } = await run(['simulate', '--strategies', 'least-load,fastest']);
    expect(code).toBe(EXIT_CODES.ValidationError);
    expect(err).toContain('unknown strategy "fastest"');
    expect(err).toContain('least-load, round-robin, weighted, random');
    expect(err).toContain('+sticky');
  });

  it('--help shows the options and examples', async () => {
    const { code, out } = await run(['simulate', '--help']);
    expect(code).toBe(EXIT_CODES.ok);
    for (const text of ['--spec <file>', '--seed <n>', '--agents <n>', '--rate <n>', '--strategies <list>', '--conversation', '--agent-timeout <seconds>', '--json', 'Examples:', 'kefu simulate --agents 8']) expect(out).toContain(text);
  });
});
