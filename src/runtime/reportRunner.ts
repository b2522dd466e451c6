/**
 * The three ways to run a report set, with ONE decode path between the log and
 * the folds (`decodeForReports`: the registry's decodeRecorded, upcasting first):
 *
 * - inline: `inlineReports(set)` goes in createEngine({ inlineProjections }), live
 *   with this engine's own writes;
 * - from a subscription with a checkpoint: `runReports` (runProjection with the
 *   set's durable fold), fed by every process's writes, resumed after a restart;
 * - in one pass: `rebuildReports` over a store (readAll in pages) or an NDJSON
 *   file (streamed), strict (stop at the first bad event) or lenient (skip it and
 *   report it, with its line number and reason: nothing is dropped silently).
 *
 * All three fold the same ProjectedEvents in global order, so they give the same rows.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore, ReadError } from '../adapters/eventStore.js';
import { readNdjsonLog, type LineIssue } from '../adapters/ndjsonLog.js';
import type { ProjectionStateStore } from '../adapters/projectionStateStore.js';
import type { RecordedEvent } from '../domain/envelope.js';
import { validationError, type StoreFailure, type ValidationError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/decider.js';
import type { Registry } from '../domain/registry.js';
import type { AnyProjection, ProjectedEvent } from '../projections/projection.js';
import type { ReportSet, ReportSetState } from '../projections/reports/reportSet.js';
import { runProjection, type RunningProjection } from './projectionRunner.js';

/** The one decode path: a recorded event as every report sees it (data decoded by its module's codec, upcast first). */
export const decodeForReports =
  (registry: Registry) =>
  (recorded: RecordedEvent): E.Either<ValidationError, ProjectedEvent> =>
    registry.decodeRecorded(recorded);

/**
 * The set as an inline projection (createEngine({ inlineProjections })). The
 * engine hands inline projections the events it has just appended with the data
 * its decider produced; here that data is encoded as the store keeps it and
 * decoded again by `decodeForReports`, so a live report folds exactly what a
 * rebuild from the log folds: one decode path, upcasters and all. The engine's
 * own events always round-trip through their codecs; one that does not is a bug
 * in a codec, and is thrown as one.
 */
export const inlineReports = (set: ReportSet, registry: Registry): AnyProjection => {
  const decode = decodeForReports(registry);
  return {
    name: set.projection.name,
    initialState: set.projection.initialState,
    apply: (state: ReportSetState, event: ProjectedEvent) => {
      const encoded = registry.encodeEvent({ type: event.type, data: event.data } as DomainEvent);
      const decoded = decode({ ...event, schemaVersion: encoded.schemaVersion, data: encoded.data } as RecordedEvent);
      if (E.isLeft(decoded)) throw new Error(`inline reports: the engine's own ${event.type} did not decode (${decoded.left.issues.map((i) => `${i.path}: ${i.reason}`).join('; ')})`);
      return set.projection.apply(state, decoded.right);
    },
  };
};

export interface RunReportsOptions {
  readonly store: EventStore;
  readonly checkpoints: ProjectionStateStore;
  readonly registry: Registry;
  readonly set: ReportSet;
  readonly shopId?: string;
  /** Save state and checkpoint every this many events (and when caught up); default 10,000: a save copies the whole state. */
  readonly saveEvery?: number;
  readonly batchSize?: number;
  readonly onSaveFailure?: (error: StoreFailure) => void;
  readonly onCheckpointSetAside?: (error: ValidationError) => void;
}

/** Follows the store from the set's checkpoint (catch up, then live); an event that does not decode ends the run with its error. */
export const runReports = (options: RunReportsOptions): Promise<E.Either<ReadError, RunningProjection<ReportSetState>>> =>
  runProjection({
    store: options.store,
    checkpoints: options.checkpoints,
    registry: options.registry,
    projection: options.set.durable,
    saveEvery: options.saveEvery ?? 10_000,
    ...(options.shopId === undefined ? {} : { shopId: options.shopId }),
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.onSaveFailure === undefined ? {} : { onSaveFailure: options.onSaveFailure }),
    ...(options.onCheckpointSetAside === undefined ? {} : { onCheckpointSetAside: options.onCheckpointSetAside }),
  });

export interface RebuildOptions {
  /** A store (read in pages) or the path of an NDJSON log (streamed, src/adapters/ndjsonLog.ts). */
  readonly source: EventStore | string;
  readonly registry: Registry;
  readonly set: ReportSet;
  /** Only this shop's events. */
  readonly shopId?: string;
  /** Stop at the first bad event (default), or skip each one and report it. */
  readonly strict?: boolean;
  /** Start strictly after this position (a checkpoint); default 0. */
  readonly after?: number;
  /** Stop after this position (inclusive): the first half of a rebuild in two. */
  readonly upTo?: number;
  /** Continue from this state (the state folded up to `after`); it is folded in place. Default: the set's initial state. */
  readonly from?: ReportSetState;
  /** Events a store page; default 5,000. */
  readonly pageSize?: number;
  /** Told every `progressEvery` events folded (default 10,000) with the count and the position. */
  readonly onProgress?: (events: number, position: number) => void;
  readonly progressEvery?: number;
}

export interface RebuildResult {
  readonly state: ReportSetState;
  /** Events folded. */
  readonly events: number;
  /** The position of the last event read: the checkpoint to continue after. */
  readonly position: number;
  /** Lenient: every event not folded, with its line (NDJSON) or ordinal in the pass (a store) and why. */
  readonly skipped: readonly LineIssue[];
}

export type RebuildError = ReadError | StoreFailure | ValidationError;

/** The typed issue of an event the registry did not decode (an unknown type names `type`): every reader of a log reports it so. */
export const decodeIssue = (line: number, position: number, error: ValidationError): LineIssue => {
  const first = error.issues[0];
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return { line, position, reason: `${first?.reason ?? 'did not decode'}${more}`, ...(first === undefined ? {} : { path: first.path }) };
};

const asError = (issue: LineIssue): ValidationError => validationError(`log line ${issue.line}`, [{ path: issue.path ?? '', reason: issue.reason }]);

/** Folds the set over a store or an NDJSON log in one pass. */
export const rebuildReports = async (options: RebuildOptions): Promise<E.Either<RebuildError, RebuildResult>> => {
  const { set, shopId, upTo } = options;
  const strict = options.strict ?? true;
  const after = options.after ?? 0;
  const every = options.progressEvery ?? 10_000;
  const decode = decodeForReports(options.registry);
  const { apply } = set.projection;
  let state = options.from ?? set.projection.initialState();
  let events = 0;
  let position = after;
  const skipped: LineIssue[] = [];
  let failure: LineIssue | undefined;

  const issue = (found: LineIssue): boolean => {
    if (strict) {
      failure = found;
      return false;
    }
    skipped.push(found);
    return true;
  };

  /** Folds one event; false to stop (past `upTo`, or a bad event when strict). */
  const fold = (recorded: RecordedEvent, line: number): boolean => {
    if (recorded.globalPosition <= after) return true;
    if (upTo !== undefined && recorded.globalPosition > upTo) return false;
    position = recorded.globalPosition;
    if (shopId !== undefined && recorded.metadata.shopId !== shopId) return true;
    const decoded = decode(recorded);
    if (E.isLeft(decoded)) return issue(decodeIssue(line, recorded.globalPosition, decoded.left));
    state = apply(state, decoded.right);
    events++;
    if (events % every === 0) options.onProgress?.(events, position);
    return true;
  };

  if (typeof options.source === 'string') {
    const read = await readNdjsonLog(options.source, { onEvent: fold, onIssue: issue });
    if (E.isLeft(read)) return read;
  } else {
    const store = options.source;
    const pageSize = options.pageSize ?? 5000;
    let ordinal = 0;
    reading: for (let cursor = after; ; ) {
      const page = await store.readAll({ after: cursor, maxCount: pageSize, ...(shopId === undefined ? {} : { shopId }) });
      if (E.isLeft(page)) return page;
      for (const recorded of page.right) if (!fold(recorded, ++ordinal)) break reading;
      const tail = page.right[page.right.length - 1];
      // Only an empty page ends the log: an adapter may return fewer than asked.
      if (tail === undefined) break;
      cursor = tail.globalPosition;
    }
  }
  if (failure !== undefined) return E.left(asError(failure));
  options.onProgress?.(events, position);
  return E.right({ state, events, position, skipped });
};
