/**
 * A set of reports folded together: one pass over the log feeds every report.
 * Reports whose projections share a name share ONE fold (e.g. the workload and the
 * per-channel views of one state): each distinct projection is applied once per
 * event, and every report reads its rows from that fold's state.
 *
 * The set's state is a plain record `fold name -> fold state`, JSON-shaped like
 * the states it holds, so a checkpoint saves it as it is (`durable`).
 */
import * as E from 'fp-ts/lib/Either.js';
import { validationError, type ValidationError } from '../../domain/errors.js';
import type { Projection } from '../projection.js';
import { checkReportOptions, queryReport, type KnownNames, type ReportDefinition, type ReportOptions, type ReportRow } from './reportKit.js';

/** The states of the set's folds, by fold (projection) name. */
export type ReportSetState = Record<string, unknown>;

// A set holds reports of different state and row types side by side.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyReportDefinition = ReportDefinition<any, any>;

export interface ReportSetOptions extends ReportOptions {
  /** The checkpoint name of the set when it runs durably; default `reports`. */
  readonly name?: string;
  /** Bump when a report's state shape changes: a saved state of another version is rebuilt. Default 1. */
  readonly schemaVersion?: number;
}

/**
 * The set's fold with a checkpoint format: structurally a DurableProjection
 * (src/runtime/projectionRunner.ts), written out here because the core does not
 * import the runtime.
 */
export interface DurableReportSet extends Projection<ReportSetState> {
  readonly schemaVersion: number;
  readonly encode: (state: ReportSetState) => unknown;
  readonly decode: (saved: unknown) => E.Either<ValidationError, ReportSetState>;
}

export interface ReportSet {
  readonly options: ReportOptions;
  /** The report names, in the order given. */
  readonly names: readonly string[];
  /** The fold names (distinct projections), in the order first met. */
  readonly folds: readonly string[];
  readonly projection: Projection<ReportSetState>;
  /** The same fold, with a checkpoint format: its state saved as it is, checked on load. */
  readonly durable: DurableReportSet;
  /** The rows of one report for a query; an unknown report names `report`, a bad query names its field. */
  readonly query: (state: ReportSetState, reportName: string, query: unknown) => E.Either<ValidationError, readonly ReportRow[]>;
  /** A report's columns (its CSV header, in order); an unknown report names `report`. */
  readonly columns: (reportName: string) => E.Either<ValidationError, readonly string[]>;
  /** What a report knows (its agents and channels) in the set's state; an unknown report names `report`. */
  readonly known: (state: ReportSetState, reportName: string) => E.Either<ValidationError, KnownNames>;
}

const unknownReport = (name: unknown, names: readonly string[]): ValidationError =>
  validationError('ReportQuery', [{ path: 'report', reason: `unknown report ${JSON.stringify(name)}; known: ${names.join(', ')}` }]);

/** Whether a saved set state has every fold as an object: anything else is rebuilt from the log. */
const checkSaved = (folds: readonly string[]) => (saved: unknown): E.Either<ValidationError, ReportSetState> => {
  if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) {
    return E.left(validationError('report checkpoint', [{ path: '', reason: 'expected the states of the report folds' }]));
  }
  const record = saved as Record<string, unknown>;
  const issues = folds
    .filter((fold) => typeof record[fold] !== 'object' || record[fold] === null)
    .map((fold) => ({ path: fold, reason: 'missing or not an object (a report was added or changed shape)' }));
  const extra = Object.keys(record).filter((key) => !folds.includes(key));
  for (const key of extra) issues.push({ path: key, reason: 'a fold this set does not have (a report was removed)' });
  return issues.length > 0 ? E.left(validationError('report checkpoint', issues)) : E.right(record);
};

export const reportSet = (definitions: readonly AnyReportDefinition[], options: ReportSetOptions): E.Either<ValidationError, ReportSet> => {
  const checked = checkReportOptions(options);
  if (E.isLeft(checked)) return checked;
  const reportOptions = checked.right;
  const byName = new Map<string, AnyReportDefinition>();
  for (const definition of definitions) {
    // Two reports of one name is a wiring mistake, not a runtime input.
    if (byName.has(definition.name)) throw new RangeError(`report ${definition.name} is in the set twice`);
    byName.set(definition.name, definition);
  }
  // One fold per distinct projection name; every report remembers which one it reads.
  const projections = new Map<string, Projection<unknown>>();
  const foldOf = new Map<string, string>();
  for (const definition of definitions) {
    const projection = definition.projection(reportOptions);
    if (!projections.has(projection.name)) projections.set(projection.name, projection);
    foldOf.set(definition.name, projection.name);
  }
  const folds = [...projections.keys()];
  const list = [...projections.values()];
  const names = definitions.map((d) => d.name);

  const projection: Projection<ReportSetState> = {
    name: options.name ?? 'reports',
    initialState: () => Object.fromEntries(list.map((p) => [p.name, p.initialState()])),
    // In place, like the folds it runs: the set owns its state.
    apply: (state, event) => {
      for (const p of list) state[p.name] = p.apply(state[p.name], event);
      return state;
    },
  };

  const durable: DurableReportSet = {
    ...projection,
    schemaVersion: options.schemaVersion ?? 1,
    // A copy: the checkpoint is written later, while the fold goes on changing its state in place.
    encode: (state) => structuredClone(state),
    decode: checkSaved(folds),
  };

  return E.right({
    options: reportOptions,
    names,
    folds,
    projection,
    durable,
    query: (state, reportName, query) => {
      const definition = byName.get(reportName);
      if (definition === undefined) return E.left(unknownReport(reportName, names));
      return queryReport(definition, state[foldOf.get(reportName) as string], query, reportOptions);
    },
    columns: (reportName) => {
      const definition = byName.get(reportName);
      return definition === undefined ? E.left(unknownReport(reportName, names)) : E.right(definition.columns);
    },
    known: (state, reportName) => {
      const definition = byName.get(reportName);
      return definition === undefined ? E.left(unknownReport(reportName, names)) : E.right(definition.known(state[foldOf.get(reportName) as string]));
    },
  });
};
