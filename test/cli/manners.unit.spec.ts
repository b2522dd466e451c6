/**
 * The kefu command's manners (issue 19, part 6): complete help with examples for
 * every subcommand, one-line errors with exit 2 for bad usage, tables on stdout
 * and nothing else on stderr when it is not a terminal, and exit codes in the help
 * that are the ones the program uses (EXIT_CODES).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/adapters/memory/inMemoryEventStore.js';
import { writeNdjsonLog } from '../../src/adapters/ndjsonLog.js';
import type { CliIo, CliStream } from '../../src/cli/cliKit.js';
import { EXIT_CODES } from '../../src/cli/exitCodes.js';
import { buildProgram, runCli } from '../../src/cli/main.js';
import { deskModule } from '../../src/domain/desk/deskModule.js';
import { createEngine } from '../../src/engine.js';
import { virtualClock } from '../../src/runtime/virtualClock.js';
import { desk } from '../../src/testing/deskInputs.js';

let dir = '';

const run = async (argv: readonly string[], tty = false) => {
  let out = '';
  let err = '';
  const stream = (write: (s: string) => void): CliStream => ({ write, isTTY: tty, columns: 120 });
  const io: CliIo = { stdout: stream((s) => (out += s)), stderr: stream((s) => (err += s)), cwd: dir, env: {} };
  const code = await runCli(argv, io);
  return { code, out, err };
};

const quietIo = (): CliIo => ({ stdout: { write: () => true }, stderr: { write: () => true }, cwd: dir, env: {} });
const built = () => buildProgram(quietIo()).commands.filter((c) => c.description() !== '(not built yet)');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-manners-'));
  const store = createInMemoryEventStore();
  const engine = createEngine({ store, clock: virtualClock(Date.UTC(2026, 11, 1, 2)), modules: [deskModule] });
  const d = desk('shop-m');
  for (const input of [d.registerAgent({ agentId: 'a1', name: 'a1', maxSessions: 3 }), d.online('a1'), d.open({ sessionId: 's1', customerId: 'c1', channel: 'app' })]) {
    if (E.isLeft(await engine.dispatch(input))) throw new Error('refused');
  }
  if (E.isLeft(await writeNdjsonLog(store, join(dir, 'm.ndjson')))) throw new Error('export failed');
  await engine.close();
});

describe('kefu: help', () => {
  it('kefu --help lists every subcommand with its description', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    const commands = buildProgram(quietIo()).commands;
    expect(commands.map((c) => c.name())).toEqual(expect.arrayContaining(['demo', 'simulate', 'whatif', 'explain', 'replay', 'export', 'import']));
    for (const c of commands) {
      expect(c.description().length).toBeGreaterThan(10);
      expect(out).toMatch(new RegExp(`\\n  ${c.name()}\\b[^\\n]*\\S`));
    }
  });

  it('every built subcommand\'s --help has options and an "Examples:" section of kefu command lines', async () => {
    const commands = built();
    expect(commands.map((c) => c.name())).toEqual(expect.arrayContaining(['explain', 'replay', 'export', 'import']));
    for (const c of commands) {
      const { code, out, err } = await run([c.name(), '--help']);
      expect({ name: c.name(), code, err }).toEqual({ name: c.name(), code: 0, err: '' });
      expect(out, c.name()).toContain(`Usage: kefu ${c.name()}`);
      expect(out, c.name()).toMatch(/\nExamples:\n/);
      expect(out.slice(out.indexOf('Examples:')), c.name()).toMatch(new RegExp(`\\n +(\\$ )?kefu ${c.name()} `));
    }
  });

  it('the replay help lists every report', async () => {
    const { out } = await run(['replay', '--help']);
    for (const name of ['workload', 'workload-days', 'overview', 'overview-channels', 'sessions', 'attendance', 'fairness', 'live-monitor', 'sales', 'sales-days', 'sla']) expect(out).toContain(name);
  });

  it('the exit codes in the help are exactly EXIT_CODES', async () => {
    const { out } = await run(['--help']);
    const section = out.slice(out.indexOf('Exit codes:'));
    const listed = [...section.matchAll(/^ {2}(\d+) {2}\S/gm)].map((m) => Number(m[1]));
    expect(listed).toEqual([...new Set(Object.values(EXIT_CODES))].sort((a, b) => a - b));
  });
});

describe('kefu: errors are one line, with the exit code of their kind', () => {
  it.each([
    [['nope']],
    [['--nope']],
    [['replay', 'm.ndjson', '--nope']],
    [['replay', 'm.ndjson', '--format', 'xml']],
    [['explain', 's1']],
    [['export']],
    [['import', 'm.ndjson', 'out.sqlite', 'extra']],
    [['replay', 'm.ndjson']],
    [['explain', 'ghost', '--source', 'm.ndjson', '--shop', 'shop-m']],
  ])('%j: exit 2, one line on stderr, nothing on stdout', async (argv) => {
    const { code, out, err } = await run(argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^kefu: [^\n]+\n$/);
  });

  it('kefu with no command shows the help on stderr and exits 2', async () => {
    const { code, err } = await run([]);
    expect(code).toBe(2);
    expect(err).toContain('Usage: kefu');
    expect(err).not.toContain('outputHelp');
  });
});

describe('kefu: stdout for results, stderr for progress and errors', () => {
  it('not a terminal: the table on stdout and nothing on stderr', async () => {
    const { code, out, err } = await run(['replay', 'm.ndjson', '--report', 'workload']);
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('agentId');
  });

  it('a terminal: the progress bar (events/s) on stderr, the table alone on stdout', async () => {
    const { code, out, err } = await run(['replay', 'm.ndjson', '--report', 'workload'], true);
    expect(code).toBe(0);
    expect(err).toMatch(/replay .*events\/s/);
    expect(out).not.toMatch(/events\/s/);
    expect(out).toContain('agentId');
  });
});
