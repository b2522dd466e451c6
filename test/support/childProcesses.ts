/** Starting TypeScript child scripts (real OS processes) under `node --import tsx`, from the repository root. */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** With an IPC channel (process.send / 'message'). `script` is a path from the repository root. */
export const forkChild = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess =>
  fork(resolve(root, script), [...args], { cwd: root, env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });

/** With stdout piped and an IPC channel: a child that reports by printing lines and waits for a signal. */
export const forkReporting = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess =>
  fork(resolve(root, script), [...args], { cwd: root, env, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });

/**
 * Starts several children at the same moment: each sends 'ready' once set up and
 * waits for 'go', which goes to all of them when the last is ready.
 */
export const releaseTogether = async (children: readonly ChildProcess[]): Promise<void> => {
  await Promise.all(children.map((child) => new Promise<void>((ready) => child.once('message', (m) => m === 'ready' && ready()))));
  for (const child of children) child.send('go');
};

/** In a child: say ready, then wait for the parent's 'go'. */
export const waitForGo = (): Promise<void> =>
  new Promise((go) => {
    process.once('message', (m) => m === 'go' && go());
    process.send?.('ready');
  });

/** With stdout piped, for a child that reports by printing lines. */
export const spawnChild = (script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', resolve(root, script), ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });

export const exitOf = (child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> =>
  new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done({ code: child.exitCode, signal: child.signalCode });
    child.once('exit', (code, signal) => done({ code, signal }));
  });

/** Every line a spawned child prints, parsed as JSON, collected until it exits. */
export const jsonLinesOf = async <T>(child: ChildProcess): Promise<{ lines: T[]; code: number | null }> => {
  const lines: T[] = [];
  if (child.stdout) for await (const line of createInterface({ input: child.stdout })) if (line.trim() !== '') lines.push(JSON.parse(line) as T);
  const { code } = await exitOf(child);
  return { lines, code };
};
