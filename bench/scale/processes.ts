/**
 * The parent side of protocol.ts: start TypeScript child scripts as real OS
 * processes (`node --import tsx`, from the repository root, as the tests do), let
 * them go together, collect their results. A child that dies or reports an error
 * fails the benchmark with its message.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { ChildMessage, ChildResult, ParentMessage } from './protocol.js';

// Scripts are named from the repository root, where npm run bench runs (the bundle in .bench-tmp and
// the sources in bench/scale sit at different depths, so import.meta.url would not do).
const root = process.cwd();

export interface Child {
  readonly pid: number;
  readonly ready: Promise<void>;
  readonly result: Promise<ChildResult>;
  readonly go: () => void;
  readonly kill: () => void;
}

/** `execArgv` adds node flags, e.g. --cpu-prof to see where a child's CPU goes. */
export const startChild = (script: string, args: unknown, execArgv: readonly string[] = []): Child => {
  const child: ChildProcess = fork(resolve(root, script), [JSON.stringify(args)], {
    cwd: root,
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let markReady: () => void = () => undefined;
  let failReady: (e: Error) => void = () => undefined;
  const ready = new Promise<void>((ok, fail) => {
    markReady = ok;
    failReady = fail;
  });
  const result = new Promise<ChildResult>((ok, fail) => {
    let settled = false;
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'ready') markReady();
      else if (m.kind === 'result') {
        settled = true;
        ok(m.result);
      } else {
        settled = true;
        const error = new Error(`${script} failed: ${m.message}`);
        failReady(error);
        fail(error);
      }
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      const error = new Error(`${script} exited (${code ?? signal}) without a result`);
      failReady(error);
      fail(error);
    });
  });
  // Whoever awaits only one of the two must not leave the other rejected unhandled.
  ready.catch(() => undefined);
  result.catch(() => undefined);
  if (child.pid === undefined) throw new Error(`could not start ${script}`);
  return {
    pid: child.pid,
    ready,
    result,
    go: () => child.send({ kind: 'go' } satisfies ParentMessage),
    kill: () => void child.kill('SIGKILL'),
  };
};

/** Waits until every child is ready, then sends go to all of them back to back. */
export const goTogether = async (children: readonly Child[]): Promise<void> => {
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.go();
};
