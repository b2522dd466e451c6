/** T10: the ticket lists, their filters and pages, against hand examples and a brute-force oracle. */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { project } from '../../../src/projections/projection.js';
import { allTickets, myCompleted, myInProgress, myToProcess, submittedByMe, ticketList, unassignedInMyGroups, type TicketListQuery, type TicketView } from '../../../src/projections/ticketListQueries.js';
import { ticketCount, ticketListsProjection, ticketRow, type TicketLists, type TicketRow } from '../../../src/projections/ticketLists.js';
import { agent, created, envelopes, MINUTE, SHOP, T0 } from './ticketEnvelopes.js';
import { AGENTS, GROUPS, historyChoices, interpret, PRIORITIES, TYPES, type ModelTicket } from './ticketWorkflowArbitrary.js';

const ids = (page: E.Either<unknown, { rows: readonly TicketRow[] }>) => {
  if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
  return page.right.rows.map((r) => r.ticketId);
};

/** Every page of a view, following the cursors. */
const allPages = (state: TicketLists, view: TicketView, query: TicketListQuery, limit: number): string[] => {
  const out: string[] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = ticketList(state, SHOP, view, { ...query, limit, ...(after === undefined ? {} : { after }) });
    if (E.isLeft(page)) throw new Error(JSON.stringify(page.left));
    expect(page.right.rows.length).toBeLessThanOrEqual(limit);
    out.push(...page.right.rows.map((r) => r.ticketId));
    if (page.right.nextCursor === undefined) return out;
    expect(page.right.rows.length).toBe(limit);
    after = page.right.nextCursor;
  }
  throw new Error('pages never ended');
};

describe('T10: ticket lists, hand examples', () => {
  const { wrap } = envelopes();
  const by = agent('bob');
  const state = project(ticketListsProjection, [
    wrap(created('201', T0, { creator: agent('amy'), groupId: 'g1' })),
    wrap(created('202', T0 + MINUTE, { creator: agent('amy'), groupId: 'g2', priority: 'urgent' })),
    wrap(created('203', T0 + 2 * MINUTE, { creator: agent('bob'), assigneeId: 'bob', typeId: 'complaint' })),
    wrap(created('310', T0 + 3 * MINUTE, { creator: { kind: 'customer', id: 'c9' }, groupId: 'g3' })),
    wrap({ type: 'TicketClaimed', data: { ticketId: '201', by, assigneeId: 'bob', at: T0 + 4 * MINUTE } }),
    wrap({ type: 'TicketProcessingStarted', data: { ticketId: '201', by, at: T0 + 5 * MINUTE } }),
    wrap({ type: 'TicketProcessingStarted', data: { ticketId: '203', by, at: T0 + 5 * MINUTE } }),
    wrap({ type: 'TicketWaitingOnCustomer', data: { ticketId: '203', by, at: T0 + 6 * MINUTE } }),
    wrap(created('204', T0 + 7 * MINUTE, { creator: agent('amy'), assigneeId: 'bob' })),
    wrap({ type: 'TicketCompleted', data: { ticketId: '201', by, first: true, at: T0 + 8 * MINUTE } }),
  ]);

  it('T10: the views: submitted by me, mine to process / in progress / completed, unassigned in my groups, all (newest first)', () => {
    expect(ids(submittedByMe(state, SHOP, 'amy'))).toEqual(['204', '202', '201']);
    expect(ids(myToProcess(state, SHOP, 'bob'))).toEqual(['204']);
    expect(ids(myInProgress(state, SHOP, 'bob'))).toEqual(['203']);
    expect(ids(myCompleted(state, SHOP, 'bob'))).toEqual(['201']);
    expect(ids(unassignedInMyGroups(state, SHOP, ['g2', 'g3']))).toEqual(['310', '202']);
    expect(ids(allTickets(state, SHOP))).toEqual(['204', '310', '203', '202', '201']);
    expect(ticketCount(state, SHOP)).toBe(5);
    expect(ticketRow(state, SHOP, '201')).toMatchObject({ status: 'completed', assigneeId: 'bob', completedBy: 'bob', completedAt: T0 + 8 * MINUTE, updatedAt: T0 + 8 * MINUTE });
  });

  it('T10: filters: number (prefix or exact), created range, priority, status, type, creator, group, assignee', () => {
    expect(ids(allTickets(state, SHOP, { number: '20' }))).toEqual(['204', '203', '202', '201']);
    expect(ids(allTickets(state, SHOP, { number: '20', numberMatch: 'exact' }))).toEqual([]);
    expect(ids(allTickets(state, SHOP, { number: '203', numberMatch: 'exact' }))).toEqual(['203']);
    expect(ids(allTickets(state, SHOP, { createdFrom: T0 + MINUTE, createdBefore: T0 + 3 * MINUTE }))).toEqual(['203', '202']);
    expect(ids(allTickets(state, SHOP, { priority: 'urgent' }))).toEqual(['202']);
    expect(ids(allTickets(state, SHOP, { status: 'waiting' }))).toEqual(['203']);
    expect(ids(allTickets(state, SHOP, { typeIds: ['complaint'] }))).toEqual(['203']);
    expect(ids(allTickets(state, SHOP, { creatorId: 'c9' }))).toEqual(['310']);
    expect(ids(allTickets(state, SHOP, { groupId: 'g2' }))).toEqual(['202']);
    expect(ids(allTickets(state, SHOP, { assigneeId: 'bob', status: 'to-process' }))).toEqual(['204']);
    expect(ids(submittedByMe(state, SHOP, 'amy', { priority: 'normal' }))).toEqual(['204', '201']);
  });

  it('T10: stable pages: a ticket created between two pages does not shift the next one', () => {
    const first = allTickets(state, SHOP, { limit: 2 });
    expect(ids(first)).toEqual(['204', '310']);
    const cursor = E.isRight(first) ? first.right.nextCursor : undefined;
    expect(cursor).toBeDefined();
    const newer = project(ticketListsProjection, [wrap(created('999', T0 + 9 * MINUTE))], state);
    const second = allTickets(newer, SHOP, { limit: 2, after: cursor! });
    expect(ids(second)).toEqual(['203', '202']);
    const third = allTickets(newer, SHOP, { limit: 2, after: E.isRight(second) ? second.right.nextCursor! : '' });
    expect(ids(third)).toEqual(['201']);
    expect(E.isRight(third) ? third.right.nextCursor : 'left').toBeUndefined();
  });

  it('T10: bad queries are ValidationErrors naming the field', () => {
    const bad = (query: unknown) => {
      const result = allTickets(state, SHOP, query as TicketListQuery);
      return E.isLeft(result) ? result.left.issues.map((i) => i.path) : [];
    };
    expect(bad({ limit: 0 })).toEqual(['limit']);
    expect(bad({ limit: 201 })).toEqual(['limit']);
    expect(bad({ status: 'open' })).toEqual(['status']);
    expect(bad({ after: 'garbage' })).toEqual(['after']);
    expect(bad({ priorty: 'urgent' })).toEqual(['priorty']);
    expect(ids(allTickets(state, 'no-such-shop'))).toEqual([]);
  });

  it('T10: a second TicketCreated for the same id and events of unknown tickets change nothing', () => {
    const again = project(ticketListsProjection, [wrap(created('201', T0 + 99 * MINUTE)), wrap({ type: 'TicketClaimed', data: { ticketId: 'x', by, assigneeId: 'bob', at: T0 } })], state);
    expect(again).toEqual(state);
  });
});

/** The brute-force answer: filter the model's tickets, sort newest first. */
const bruteForce = (tickets: readonly ModelTicket[], view: TicketView, q: TicketListQuery): string[] =>
  tickets
    .filter((t) => {
      switch (view.kind) {
        case 'submitted-by-me':
          return t.creator.kind === 'agent' && t.creator.id === view.agentId;
        case 'my-to-process':
          return t.assigneeId === view.agentId && t.status === 'to-process';
        case 'my-in-progress':
          return t.assigneeId === view.agentId && ['in-progress', 'waiting'].includes(t.status);
        case 'my-completed':
          return t.status === 'completed' && (t.assigneeId === view.agentId || t.completedBy === view.agentId);
        case 'unassigned-in-my-groups':
          return t.status === 'to-assign' && view.groupIds.includes(t.groupId);
        case 'all':
          return true;
      }
    })
    .filter(
      (t) =>
        (q.number === undefined || (q.numberMatch === 'exact' ? t.ticketId === q.number : t.ticketId.startsWith(q.number))) &&
        (q.createdFrom === undefined || t.createdAt >= q.createdFrom) &&
        (q.createdBefore === undefined || t.createdAt < q.createdBefore) &&
        (q.priority === undefined || t.priority === q.priority) &&
        (q.status === undefined || t.status === q.status) &&
        (q.typeIds === undefined || q.typeIds.includes(t.typeId)) &&
        (q.creatorId === undefined || (t.creator.kind !== 'system' && t.creator.id === q.creatorId)) &&
        (q.groupId === undefined || t.groupId === q.groupId) &&
        (q.assigneeId === undefined || t.assigneeId === q.assigneeId),
    )
    .sort((a, b) => b.createdAt - a.createdAt || (a.ticketId < b.ticketId ? 1 : -1))
    .map((t) => t.ticketId);

const agentArb = fc.constantFrom(...AGENTS);
const viewArb: fc.Arbitrary<TicketView> = fc.oneof(
  fc.record({ kind: fc.constantFrom('submitted-by-me', 'my-to-process', 'my-in-progress', 'my-completed'), agentId: agentArb }) as fc.Arbitrary<TicketView>,
  fc.record({ kind: fc.constant('unassigned-in-my-groups' as const), groupIds: fc.subarray([...GROUPS]) }),
  fc.constant({ kind: 'all' as const }),
);
/** Each filter present one time in five, so most queries keep enough rows to page through. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
const queryArb: fc.Arbitrary<TicketListQuery> = fc
  .record({
    number: sometimes(fc.constantFrom('1', '10', '11', '105', '1050')),
    numberMatch: sometimes(fc.constantFrom('prefix' as const, 'exact' as const)),
    createdFrom: sometimes(fc.integer({ min: 0, max: 60 }).map((m) => T0 + m * MINUTE)),
    createdBefore: sometimes(fc.integer({ min: 0, max: 120 }).map((m) => T0 + m * MINUTE)),
    priority: sometimes(fc.constantFrom(...PRIORITIES)),
    status: sometimes(fc.constantFrom('to-assign' as const, 'to-process' as const, 'in-progress' as const, 'waiting' as const, 'completed' as const)),
    typeIds: sometimes(fc.subarray([...TYPES], { minLength: 1 })),
    creatorId: sometimes(fc.constantFrom(...AGENTS, 'c1')),
    groupId: sometimes(fc.constantFrom(...GROUPS)),
    assigneeId: sometimes(agentArb),
  })
  .map((q) => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as TicketListQuery);

describe('T10: property: the lists equal filtering the brute-force list of current fields', () => {
  it('T10: for random workflow histories, every view and filter, every page size, pages concatenated = brute force', () => {
    fc.assert(
      fc.property(historyChoices, fc.array(fc.tuple(viewArb, queryArb, fc.integer({ min: 1, max: 7 })), { minLength: 1, maxLength: 8 }), (choices, asks) => {
        const { events, tickets } = interpret(choices);
        const { wrap } = envelopes();
        const state = project(ticketListsProjection, events.map((e) => wrap(e)));
        expect(ticketCount(state, SHOP)).toBe(tickets.length);
        for (const t of tickets) {
          const row = ticketRow(state, SHOP, t.ticketId);
          expect([row?.status, row?.groupId, row?.typeId, row?.priority, row?.assigneeId]).toEqual([t.status, t.groupId, t.typeId, t.priority, t.assigneeId]);
        }
        for (const [view, query, limit] of asks) expect(allPages(state, view, query, limit)).toEqual(bruteForce(tickets, view, query));
      }),
      { numRuns: 150 },
    );
  });
});
