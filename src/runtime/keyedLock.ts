/**
 * Runs tasks with the same key one after another, in call order; tasks with
 * different keys run concurrently. The engine takes one per stream so that two
 * commands of one process never race each other for the same stream version.
 */
export interface KeyedLock {
  readonly run: <T>(key: string, task: () => Promise<T>) => Promise<T>;
}

export const keyedLock = (): KeyedLock => {
  const tails = new Map<string, Promise<void>>();
  return {
    run: <T>(key: string, task: () => Promise<T>): Promise<T> => {
      const previous = tails.get(key);
      const result = previous === undefined ? task() : previous.then(task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
};
