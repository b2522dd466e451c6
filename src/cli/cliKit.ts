/**
 * What every `kefu` subcommand shares: where it writes (tables and results on
 * stdout, progress and errors on stderr), its failures as one line and an exit
 * code, tables (cli-table3) and a progress bar (cli-progress) that stays quiet
 * when stderr is not a terminal. Subcommands take a `CliIo` rather than touching
 * `process`, so tests run them in-process with captured output.
 */
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { describeError, type KefuError } from '../domain/errors.js';
import { EXIT_CODES, exitCodeOf } from './exitCodes.js';

export interface CliStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  /** Terminal width, when a terminal. */
  readonly columns?: number;
}

export interface CliIo {
  readonly stdout: CliStream;
  readonly stderr: CliStream;
  /** Relative paths are resolved against this folder. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });

/** A failure the command reports on one line (`kefu: <message>`) and exits with `exitCode`. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Bad arguments or input (exit 2). */
export const usageError = (message: string): CliError => new CliError(EXIT_CODES.ValidationError, message);

/** A KefuError as the command's failure, with its kind's exit code. */
export const failWith = (error: KefuError, context?: string): CliError =>
  new CliError(exitCodeOf(error), context === undefined ? describeError(error) : `${context}: ${describeError(error)}`);

export const writeLine = (stream: CliStream, line = ''): void => {
  stream.write(`${line}\n`);
};

export type Cell = string | number | null | undefined;

/** A number as a table shows it: integers as they are, others to `digits` places; null and undefined as '-'. */
export const formatCell = (value: Cell, digits = 2): string => {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(digits);
  return value;
};

export interface TableOptions {
  readonly title?: string;
  /** Decimal places of non-integer numbers; default 2. */
  readonly digits?: number;
}

/** Prints a table to stdout (cli-table3): a title line, a header row and the rows. Numbers are right-aligned. */
export const printTable = (io: CliIo, head: readonly string[], rows: readonly (readonly Cell[])[], options: TableOptions = {}): void => {
  const colAligns = head.map((_, i) => (rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined) ? 'right' : 'left'));
  // No rule between body rows: a 20-agent board stays one screen tall.
  const table = new Table({ head: [...head], colAligns, style: { head: [], border: [], compact: true } });
  for (const row of rows) table.push(row.map((c) => formatCell(c, options.digits)));
  if (options.title !== undefined) writeLine(io.stdout, options.title);
  writeLine(io.stdout, table.toString());
};

export interface Progress {
  /** Sets the count done (and the total, when it becomes known). */
  readonly update: (done: number, total?: number) => void;
  readonly stop: () => void;
}

export interface ProgressOptions {
  readonly label: string;
  /** What is counted (`events`, `commands`); the bar shows it per second. */
  readonly unit: string;
  readonly total?: number;
}

/** A progress bar on stderr, updated at most ten times a second; nothing at all when stderr is not a terminal. */
export const createProgress = (io: CliIo, options: ProgressOptions): Progress => {
  if (io.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format: `${options.label} [{bar}] {percentage}% | {value}/{total} ${options.unit} | {rate} ${options.unit}/s | {duration_formatted}`,
      stream: io.stderr as unknown as NodeJS.WritableStream,
      fps: 10,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(options.total ?? 0, 0, { rate: 0 });
  return {
    update: (done, total) => {
      if (total !== undefined) bar.setTotal(total);
      const seconds = Math.max(0.001, (Date.now() - started) / 1000);
      bar.update(done, { rate: Math.round(done / seconds) });
    },
    stop: () => bar.stop(),
  };
};
