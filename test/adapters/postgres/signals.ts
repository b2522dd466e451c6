/**
 * Counting callbacks in tests: `hit` is passed as a callback, `until(n)` resolves
 * once it has been called n times. Waiting is driven by the callback itself, never
 * by a timer (the timeout only turns a hang into a readable failure).
 */
export const callCounter = <A = void>() => {
  const calls: A[] = [];
  const waiting: { n: number; resolve: () => void }[] = [];
  return {
    calls,
    hit: (value: A) => {
      calls.push(value);
      for (const w of [...waiting]) {
        if (calls.length >= w.n) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve();
        }
      }
    },
    until: (n: number, timeoutMs = 15_000) =>
      new Promise<void>((resolve, reject) => {
        if (calls.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`called ${calls.length} of ${n} times`)), timeoutMs);
        waiting.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
};
