import { describe, expect, it } from 'vitest';
import { CliError, createProgress, failWith, formatCell, printTable, type CliIo } from '../../../src/cli/cliKit.js';
import { EXIT_CODES } from '../../../src/cli/exitCodes.js';
import { parseSource } from '../../../src/cli/sources.js';
import { domainError, storeFailure } from '../../../src/domain/errors.js';

const captured = (tty = false) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s), isTTY: tty },
    stderr: { write: (s: string) => err.push(s), isTTY: tty },
    cwd: '/work/shop',
    env: {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
};

describe('the kefu command kit', () => {
  it('prints a table with a title, the header and every row on stdout, nothing on stderr', () => {
    const c = captured();
    printTable(c.io, ['agent', 'sessions', 'rate'], [['a1', 3, 0.5], ['a2', 12, null]], { title: 'Workload' });
    const lines = c.out().split('\n');
    expect(lines[0]).toBe('Workload');
    expect(c.out()).toMatch(/agent.*sessions.*rate/);
    expect(c.out()).toMatch(/a1.*3.*0\.50/);
    expect(c.out()).toMatch(/a2.*12.*-/);
    expect(c.err()).toBe('');
  });

  it('shows integers as they are, other numbers to two places and missing values as a dash', () => {
    expect([formatCell(7), formatCell(1 / 3), formatCell(null), formatCell(undefined), formatCell('x'), formatCell(2.5, 1)]).toEqual(['7', '0.33', '-', '-', 'x', '2.5']);
  });

  it('keeps the progress bar quiet when stderr is not a terminal', () => {
    const c = captured(false);
    const bar = createProgress(c.io, { label: 'replay', unit: 'events', total: 10 });
    bar.update(5);
    bar.stop();
    expect(c.err()).toBe('');
  });

  it('draws the progress bar on stderr when it is a terminal, never on stdout', () => {
    const c = captured(true);
    const bar = createProgress(c.io, { label: 'replay', unit: 'events', total: 10 });
    bar.update(10);
    bar.stop();
    expect(c.err()).toContain('replay');
    expect(c.err()).toContain('events/s');
    expect(c.out()).toBe('');
  });

  it('turns a kefu error into a one-line failure with its kind\'s exit code', () => {
    const refused = failWith(domainError('session.exists', 'the session exists already'), 'OpenSession');
    expect(refused).toBeInstanceOf(CliError);
    expect(refused.exitCode).toBe(EXIT_CODES.DomainError);
    expect(refused.message).toBe('OpenSession: session.exists: the session exists already');
    expect(failWith(storeFailure('append', new Error('disk full'))).exitCode).toBe(EXIT_CODES.StoreFailure);
  });
});

describe('log sources named on the command line', () => {
  it('reads a PostgreSQL URL, taking the schema from its query', () => {
    expect(parseSource('postgres://postgres@127.0.0.1:5432/test?schema=day1', '/x')).toEqual({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/test', schema: 'day1' });
    expect(parseSource('postgresql://db/shop', '/x').kind).toBe('postgres');
  });

  it('reads .ndjson and .jsonl as NDJSON logs and anything else as a SQLite file, relative to the working folder', () => {
    expect(parseSource('day.ndjson', '/work/shop')).toEqual({ kind: 'ndjson', path: '/work/shop/day.ndjson' });
    expect(parseSource('/logs/day.JSONL', '/work/shop')).toEqual({ kind: 'ndjson', path: '/logs/day.JSONL' });
    expect(parseSource('kefu.sqlite', '/work/shop')).toEqual({ kind: 'sqlite', path: '/work/shop/kefu.sqlite' });
  });

  it('refuses an empty source as bad input', () => {
    expect(() => parseSource(' ', '/x')).toThrow(CliError);
    try {
      parseSource('', '/x');
    } catch (error) {
      expect((error as CliError).exitCode).toBe(EXIT_CODES.ValidationError);
    }
  });
});
