/**
 * The ticket read models over the log a day of tickets left (T9, T10, T11, SLA
 * results): how fast each folds the whole log (decoded once, before timing), and
 * what a ticket-list page costs with every ticket in the list: the first page of
 * all tickets (read from the head of the order), a "my" view read through its
 * index (an agent with nothing to process), and a filter on all tickets that no
 * row matches (nothing is completed: every row is walked, the worst case).
 * Checked: the lists hold every ticket, the SLA counts add up to two clocks per
 * ticket, the operation log of a ticket starts with its creation.
 */
import * as E from 'fp-ts/lib/Either.js';
import { performance } from 'node:perf_hooks';
import type { Engine } from '../../src/engine.js';
import { project, type AnyProjection, type ProjectedEvent } from '../../src/projections/projection.js';
import { slaCountsByVersion, slaResultsProjection, type SlaResults } from '../../src/projections/slaResults.js';
import { allTickets, myToProcess } from '../../src/projections/ticketListQueries.js';
import { ticketCount, ticketListsProjection, type TicketLists } from '../../src/projections/ticketLists.js';
import { notificationCounts, ticketNotificationsProjection, type TicketNotifications } from '../../src/projections/ticketNotifications.js';
import { operationLogOf, ticketOperationLogProjection, type TicketOperationLog } from '../../src/projections/ticketOperationLog.js';
import { check, rate } from '../lib/measure.js';

export interface ReadModelResult {
  readonly events: number;
  /** Events per second folded, by projection name. */
  readonly foldRates: ReadonlyMap<string, number>;
  readonly firstPagePerSecond: number;
  /** A "my" view read through its index (amy: nothing to process). */
  readonly indexedViewPerSecond: number;
  /** A filter no ticket matches on the whole list (status completed): every row walked. */
  readonly fullWalkPerSecond: number;
}

const decodedLog = async (engine: Engine): Promise<ProjectedEvent[]> => {
  const out: ProjectedEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await engine.store.readAll({ after, maxCount: 5000 });
    if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
    for (const event of page.right) {
      const decoded = engine.registry.decodeRecorded(event);
      if (E.isRight(decoded)) out.push(decoded.right);
    }
    if (page.right.length < 5000) return out;
    after = page.right[page.right.length - 1]!.globalPosition;
  }
};

const timedFold = <S>(projection: AnyProjection, events: readonly ProjectedEvent[]): { state: S; rate: number } => {
  const start = performance.now();
  const state = project(projection, events) as S;
  return { state, rate: events.length / ((performance.now() - start) / 1000) };
};

export const ticketReadModels = async (engine: Engine, shopId: string, tickets: number, quick: boolean): Promise<ReadModelResult> => {
  const events = await decodedLog(engine);
  const foldRates = new Map<string, number>();
  const lists = timedFold<TicketLists>(ticketListsProjection, events);
  foldRates.set(ticketListsProjection.name, lists.rate);
  const log = timedFold<TicketOperationLog>(ticketOperationLogProjection, events);
  foldRates.set(ticketOperationLogProjection.name, log.rate);
  const notifications = ticketNotificationsProjection();
  const notes = timedFold<TicketNotifications>(notifications, events);
  foldRates.set(notifications.name, notes.rate);
  const results = timedFold<SlaResults>(slaResultsProjection, events);
  foldRates.set(slaResultsProjection.name, results.rate);

  check(ticketCount(lists.state, shopId) === tickets, `the lists hold ${tickets} tickets`);
  check(operationLogOf(log.state, shopId, 't0')[0]?.operation === 'create', 'the log of t0 starts with its creation');
  const clocks = slaCountsByVersion(results.state, shopId).reduce((n, c) => n + c.running, 0);
  check(clocks === 2 * tickets, `two running clocks per ticket (found ${clocks})`);
  check(notificationCounts(notes.state, shopId, 'lead').delivered > 0, 'lead was notified');

  const rounds = quick ? 3 : 5;
  const perRound = quick ? 200 : 1000;
  let sink = 0;
  const firstPagePerSecond = await rate(rounds, async () => {
    for (let i = 0; i < perRound; i++) {
      const page = allTickets(lists.state, shopId, { limit: 20 });
      sink += E.isRight(page) ? page.right.rows.length : 0;
    }
    return perRound;
  });
  const indexedViewPerSecond = await rate(rounds, async () => {
    for (let i = 0; i < perRound; i++) {
      const page = myToProcess(lists.state, shopId, 'amy', { limit: 20 });
      sink += E.isRight(page) ? page.right.rows.length + 1 : 0;
    }
    return perRound;
  });
  const scans = quick ? 5 : 10;
  const fullWalkPerSecond = await rate(rounds, async () => {
    for (let i = 0; i < scans; i++) {
      const page = allTickets(lists.state, shopId, { status: 'completed', limit: 20 });
      check(E.isRight(page) && page.right.rows.length === 0, 'nothing is completed');
      sink++;
    }
    return scans;
  });
  check(sink > 0, 'queries answered');
  return { events: events.length, foldRates, firstPagePerSecond, indexedViewPerSecond, fullWalkPerSecond };
};
