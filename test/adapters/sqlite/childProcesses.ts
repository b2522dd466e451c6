/** Starting the child scripts under `node --import tsx`, from the repository root. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const script = (name: string) => join(here, 'children', name);

/** With an IPC channel (process.send / 'message'). */
export const forkChild = (name: string, args: readonly string[]): ChildProcess =>
  fork(script(name), [...args], { cwd: root, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

/** With stdout piped, for a child that reports by printing lines. */
export const spawnChild = (name: string, args: readonly string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', script(name), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });

export const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
