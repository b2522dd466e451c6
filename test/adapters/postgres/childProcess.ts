/**
 * Runs a TypeScript file of children/ in its own Node process (through tsx) and
 * hands its stdout over line by line, parsed as JSON: children report what they did,
 * and the parent acts on those reports (never on time).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface Child<L> {
  readonly lines: L[];
  /** Resolves with the first line `accept` accepts (from those already received or to come). */
  readonly lineWhere: (accept: (line: L) => boolean, timeoutMs?: number) => Promise<L>;
  /** Resolves with the exit code, or the signal that ended the process. */
  readonly exited: Promise<number | NodeJS.Signals>;
  readonly kill: (signal: NodeJS.Signals) => void;
  /** Writes one line to the child's stdin. */
  readonly send: (line: string) => void;
}

export const runChild = <L>(script: string, args: readonly string[]): Child<L> => {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: L[] = [];
  const watchers: { accept: (line: L) => boolean; resolve: (line: L) => void }[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = JSON.parse(text) as L;
    lines.push(line);
    for (const w of [...watchers]) {
      if (w.accept(line)) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1));
  });
  return {
    lines,
    lineWhere: (accept, timeoutMs = 30_000) =>
      new Promise<L>((resolve, reject) => {
        const found = lines.find(accept);
        if (found !== undefined) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no such line from ${script} after ${lines.length} lines`)), timeoutMs);
        watchers.push({ accept, resolve: (line) => (clearTimeout(timer), resolve(line)) });
      }),
    exited,
    kill: (signal) => child.kill(signal),
    send: (line) => child.stdin.write(`${line}\n`),
  };
};
