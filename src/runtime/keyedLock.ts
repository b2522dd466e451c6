/**
 * Runs tasks with the same key one after another, in call order; tasks with
 * different keys run concurrently. The engine takes one per stream so that two
 * commands of one process never race each other for the same stream version.
 */
export interface KeyedLock {
  readonly run: <T>(key: string, task: () => Promise<T>) => Promise<T>;
}

export const keyedLock = (): KeyedLock => {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run: <T>(key: string, task: () => Promise<T>): Promise<T> => {
      const previous = tails.get(key);
      // The next task runs whether the previous one succeeded or failed.
      const result = previous === undefined ? task() : previous.then(task, task);
      tails.set(key, result);
      const forget = () => {
        if (tails.get(key) === result) tails.delete(key);
      };
      result.then(forget, forget);
      return result;
    },
  };
};
