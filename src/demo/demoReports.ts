/**
 * The demo day's reports, folded from its log in one pass (rebuildReports over
 * the store the day was written to), as an analyst would rebuild them: every
 * report of the kit, in the shop's zone, queried for the demo's day.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '../adapters/eventStore.js';
import { createRegistry } from '../domain/registry.js';
import { allReports } from '../projections/reports/allReports.js';
import type { ReportQuery } from '../projections/reports/reportKit.js';
import { reportSet, type ReportSet, type ReportSetState } from '../projections/reports/reportSet.js';
import { rebuildReports, type RebuildError } from '../runtime/reportRunner.js';
import { DEMO_MODULES, type DemoResult } from './runDemo.js';

export interface DemoReports {
  readonly set: ReportSet;
  readonly state: ReportSetState;
  readonly query: ReportQuery;
  /** Events folded. */
  readonly events: number;
}

export const demoReports = async (store: EventStore, result: DemoResult, onProgress?: (events: number) => void): Promise<E.Either<RebuildError, DemoReports>> => {
  const built = reportSet(allReports(), { zone: result.zone });
  if (E.isLeft(built)) return built;
  const set = built.right;
  const rebuilt = await rebuildReports({
    source: store,
    registry: createRegistry(DEMO_MODULES),
    set,
    shopId: result.shopId,
    ...(onProgress === undefined ? {} : { onProgress: (events: number) => onProgress(events), progressEvery: 5_000 }),
  });
  if (E.isLeft(rebuilt)) return rebuilt;
  return E.right({ set, state: rebuilt.right.state, query: { shopId: result.shopId, from: result.day, to: result.day }, events: rebuilt.right.events });
};
