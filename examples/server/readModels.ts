/**
 * The read models the server answers from: the agent board, the queue and every
 * report of the kit, folded from ONE subscription to the store.
 *
 * Why a subscription rather than the engine's inline projections: inline read
 * models start empty with the process and see only its own writes. A server
 * restarted on an existing SQLite file, or one of several processes on one
 * PostgreSQL, must fold the log: the subscription catches up from the start,
 * then follows every append, whoever made it. The price is a short lag after a
 * write; `waitFor(position)` lets a route read its own writes (the command
 * answer carries the position). For a long log, run the reports durably instead
 * (`runReports` with a checkpoint) so a restart resumes rather than refolds.
 */
import * as E from 'fp-ts/lib/Either.js';
import { agentBoard, allReports, describeError, queueView, reportSet } from 'kefu';
import type { AgentBoard, DeskEvent, Engine, KefuError, ProjectedEvent, QueueView, RecordedEvent, ReportSet, ReportSetState, ValidationError } from 'kefu';

export interface ReadModels {
  readonly reports: ReportSet;
  readonly board: () => AgentBoard;
  readonly queue: () => QueueView;
  readonly reportState: () => ReportSetState;
  /** The position of the last event folded. */
  readonly position: () => number;
  /** Resolves true once `position` is folded, false after `timeoutMs`. */
  readonly waitFor: (position: number, timeoutMs: number) => Promise<boolean>;
  readonly stop: () => Promise<void>;
}

export interface ReadModelOptions {
  /** The shops' IANA time zone: the reports' natural days. */
  readonly zone: string;
  /** Told of an event that did not decode (it is not folded) and of a subscription that failed. */
  readonly onIssue: (message: string) => void;
}

export const startReadModels = (engine: Engine, options: ReadModelOptions): E.Either<ValidationError, ReadModels> => {
  const set = reportSet(allReports(), { zone: options.zone });
  if (E.isLeft(set)) return set;
  const reports = set.right;
  let board = agentBoard.initialState();
  let queue = queueView.initialState();
  let reportState = reports.projection.initialState();
  let position = 0;
  const waiting = new Set<{ readonly at: number; readonly done: (reached: boolean) => void }>();

  const fold = (recorded: RecordedEvent) => {
    position = recorded.globalPosition;
    if (engine.registry.knowsEvent(recorded.type)) {
      const decoded = engine.registry.decodeRecorded(recorded);
      if (E.isRight(decoded)) {
        const desk = decoded.right as ProjectedEvent<DeskEvent>;
        board = agentBoard.apply(board, desk);
        queue = queueView.apply(queue, desk);
        reportState = reports.projection.apply(reportState, decoded.right);
      } else {
        options.onIssue(`event at ${recorded.globalPosition} not folded: ${describeError(decoded.left)}`);
      }
    }
    for (const w of waiting) if (w.at <= position) w.done(true);
  };

  const subscription = engine.store.subscribe({ after: 0, handler: fold });
  void subscription.done.then((ended: E.Either<KefuError, void>) => {
    if (E.isLeft(ended)) options.onIssue(`read models stopped: ${describeError(ended.left)}`);
  });

  const waitFor = (at: number, timeoutMs: number) =>
    at <= position
      ? Promise.resolve(true)
      : new Promise<boolean>((resolve) => {
          const entry = {
            at,
            done: (reached: boolean) => {
              clearTimeout(timer);
              waiting.delete(entry);
              resolve(reached);
            },
          };
          const timer = setTimeout(() => entry.done(false), timeoutMs);
          waiting.add(entry);
        });

  return E.right({
    reports,
    board: () => board,
    queue: () => queue,
    reportState: () => reportState,
    position: () => position,
    waitFor,
    stop: async () => {
      for (const w of waiting) w.done(false);
      await subscription.stop();
    },
  });
};
