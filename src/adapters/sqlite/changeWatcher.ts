/**
 * When may a waiting subscription have something new to read? Appends made
 * through this store wake it at once (they know their shops). Commits by other
 * connections, in this process or another, cannot signal us, so while anyone
 * waits a timer asks SQLite every `pollIntervalMs` whether another connection
 * committed (`PRAGMA data_version`, no table read) and only then looks at the
 * head of the log. Nobody waiting, no timer.
 */
export interface ChangeWatcherSource {
  /** The highest position stored (of one shop, when given); 0 when none. May throw. */
  readonly head: (shopId: string | undefined) => number;
  /** A number that changes when another connection commits. May throw. */
  readonly dataVersion: () => number;
  readonly pollIntervalMs: number;
}

export interface ChangeWatcher {
  readonly waitForEvents: (position: number, shopId: string | undefined, signal: AbortSignal) => Promise<void>;
  /** This store committed events of these shops. */
  readonly appended: (shops: ReadonlySet<string>) => void;
  /** Releases every waiter; later waits return at once. */
  readonly close: () => void;
}

interface Waiter {
  readonly position: number;
  readonly shopId: string | undefined;
  readonly release: () => void;
}

export const createChangeWatcher = (source: ChangeWatcherSource): ChangeWatcher => {
  const waiters = new Set<Waiter>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let seenDataVersion = 0;
  let closed = false;

  // A head that cannot be read wakes the waiter: its next read reports the failure.
  const hasNews = (waiter: Waiter): boolean => {
    try {
      return source.head(waiter.shopId) > waiter.position;
    } catch {
      return true;
    }
  };

  const poll = () => {
    let version: number;
    try {
      version = source.dataVersion();
    } catch {
      for (const waiter of [...waiters]) waiter.release();
      return;
    }
    if (version === seenDataVersion) return;
    seenDataVersion = version;
    for (const waiter of [...waiters]) if (hasNews(waiter)) waiter.release();
  };

  const stopTimerIfIdle = () => {
    if (waiters.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  const waitForEvents = (position: number, shopId: string | undefined, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (closed || signal.aborted) return resolve();
      if (timer === undefined) {
        // Taken before the head is read: a commit landing after that read changes it.
        try {
          seenDataVersion = source.dataVersion();
        } catch {
          return resolve();
        }
      }
      const waiter: Waiter = {
        position,
        shopId,
        release: () => {
          waiters.delete(waiter);
          signal.removeEventListener('abort', waiter.release);
          stopTimerIfIdle();
          resolve();
        },
      };
      if (hasNews(waiter)) return resolve();
      waiters.add(waiter);
      signal.addEventListener('abort', waiter.release, { once: true });
      timer ??= setInterval(poll, source.pollIntervalMs);
    });

  return {
    waitForEvents,
    appended: (shops) => {
      for (const waiter of [...waiters]) {
        if (waiter.shopId === undefined || shops.has(waiter.shopId)) waiter.release();
      }
    },
    close: () => {
      closed = true;
      for (const waiter of [...waiters]) waiter.release();
    },
  };
};
