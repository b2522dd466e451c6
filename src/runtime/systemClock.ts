/** The real clock, for production. Timers longer than setTimeout's limit are re-armed in steps. */
import type { Clock } from '../domain/clock.js';

const MAX_TIMEOUT = 2 ** 31 - 1;

export const systemClock = (): Clock => ({
  now: () => Date.now(),
  schedule: (at, callback) => {
    let timer: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = () => {
      const delay = at - Date.now();
      if (delay <= 0) {
        void callback();
        return;
      }
      timer = setTimeout(() => {
        if (!cancelled) arm();
      }, Math.min(delay, MAX_TIMEOUT));
      timer.unref?.();
    };
    arm();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
    };
  },
});
