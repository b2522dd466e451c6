/**
 * The engine the server runs: every module kefu ships (routing, conversations,
 * settings, auto-replies, reviews, summaries, moderation, quick replies,
 * customers, feedback, permissions, tickets, orders), on the store and clock it
 * is given. Keep only the modules your product uses: a command of a module left
 * out is a 400 (`type: unknown command`).
 *
 * On the system clock the reactor runs live: reactions (a customer's first
 * message opens a routed session) and deadlines (timeouts, SLA reminders) fire
 * by themselves in this process.
 */
import { createEngine, KEFU_MODULES } from 'kefu';
import type { AnyModule, Clock, Engine, EventStore, ReactorReport } from 'kefu';

/** Every module kefu ships; a product that needs fewer lists its own (`[deskModule, conversationModule, ...]`). */
export const SERVER_MODULES: readonly AnyModule[] = KEFU_MODULES;

export interface ServerEngineOptions {
  readonly store: EventStore;
  /** Default: the system clock. */
  readonly clock?: Clock;
  /** What the reactor could not do at once (a refusal, a retry); a server logs it. */
  readonly onReactorReport?: (report: ReactorReport) => void;
}

export const createServerEngine = (options: ServerEngineOptions): Engine =>
  createEngine({
    store: options.store,
    modules: SERVER_MODULES,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.onReactorReport === undefined ? {} : { onReactorReport: options.onReactorReport }),
  });
