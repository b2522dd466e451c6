/**
 * How the scale benchmark's processes talk (IPC): each child sets itself up,
 * says `ready`, waits for `go` (sent to all children at once, when the last is
 * ready, so they start together), works for the time it was given, and sends
 * one `result` (or `error`) before it exits. The child side is here; the parent
 * side is in processes.ts.
 */

export type ChildMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'result'; readonly result: ChildResult }
  | { readonly kind: 'error'; readonly message: string };

export type ParentMessage = { readonly kind: 'go' };

export interface ChildResult {
  /** Operations done in the timed window (assignments, or bare rows). */
  readonly done: number;
  /** Operations done before it (warm-up), which the store holds too. */
  readonly warmUp: number;
  /** From `go` to the last operation's end, measured in the child. */
  readonly seconds: number;
  /** Anything worth a line in the report (retries, reactor reports). */
  readonly notes: Readonly<Record<string, number>>;
}

const send = (message: ChildMessage) => new Promise<void>((done) => (process.send ? process.send(message, () => done()) : done()));

/** In a child: the JSON argument the parent passed. */
export const childArgs = <T>(): T => JSON.parse(process.argv[2] ?? '{}') as T;

/** In a child: say ready, then wait for the parent's go. */
export const readyThenGo = (): Promise<void> =>
  new Promise((go) => {
    process.once('message', (m: ParentMessage) => m.kind === 'go' && go());
    void send({ kind: 'ready' });
  });

/** In a child: runs `work` and reports its result or its failure, then lets the process end. */
export const runChild = (work: () => Promise<ChildResult>): void => {
  work().then(
    (result) => send({ kind: 'result', result }).then(() => process.disconnect()),
    (error: unknown) => send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }).then(() => process.exit(1)),
  );
};
