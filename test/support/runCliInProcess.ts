/** Runs the `kefu` program in this process with captured output: what the CLI tests assert on. */
import type { CliIo } from '../../src/cli/cliKit.js';
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `kefu <argv>` with `cwd()` as its working folder (read at each run, so a suite may set it in beforeAll). */
export const cliIn =
  (cwd: () => string) =>
  async (...argv: string[]): Promise<CliRun> => {
    let out = '';
    let err = '';
    const io: CliIo = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) }, cwd: cwd(), env: {} };
    const code = await runCli(argv, io);
    return { code, out, err };
  };
