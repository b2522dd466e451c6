/** What the crashing writer and the crash test agree on (kept apart: importing the writer would run it). */
export interface CrashProgress {
  readonly batches: number;
  /** The projection's committed checkpoint when the line was written. */
  readonly projected: number;
}

export const BATCH_SIZE = 4;
export const STREAMS = 5;
/** The writer's pool connections show this name, so the test can find them after the kill. */
export const CHILD_APPLICATION = 'kefu-crash-child';
