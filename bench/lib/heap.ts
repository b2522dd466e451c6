/**
 * The heap a piece of work holds, measured after forced collections: heapUsed
 * right after an allocation-heavy step counts garbage not yet collected, so
 * without `gc()` a figure would say more about the collector's timing than about
 * what stays reachable. `npm run bench` runs node with --expose-gc for this.
 */

/** Whether gc() is exposed; the heap figures are skipped (with a message) when it is not. */
export const canMeasureHeap = (): boolean => typeof globalThis.gc === 'function';

/** heapUsed after collecting until it stops shrinking (weak references and finalizers may free more on a second pass). */
export const settledHeap = async (): Promise<number> => {
  const gc = globalThis.gc;
  if (gc === undefined) throw new Error('heap figures need node --expose-gc');
  let last = Infinity;
  for (let i = 0; i < 5; i++) {
    gc();
    // Let pending promise callbacks and timers drop what they hold before measuring again.
    await new Promise((resolve) => setImmediate(resolve));
    const used = process.memoryUsage().heapUsed;
    if (used >= last * 0.999) return Math.min(used, last);
    last = used;
  }
  return last;
};
