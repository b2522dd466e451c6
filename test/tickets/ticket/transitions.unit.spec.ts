/**
 * T7/T8: the workflow table is what the decide does. Random tickets are driven
 * to a status by one of several routes (created, claimed, transferred back,
 * reopened, paused and resumed), then sent a random operation by an actor it
 * authorises with valid data: the decide accepts exactly the (status,
 * operation) pairs of TICKET_TRANSITIONS, leads to the status the table says,
 * and refuses the others with `ticket.wrong-status` naming `data.ticketId`,
 * writing nothing.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import type { Actor } from '../../../src/domain/envelope.js';
import { TICKET_STATUSES, type TicketStatus } from '../../../src/tickets/ticket/ticketTypes.js';
import { allows, statusAfter, TICKET_OPERATIONS, type TicketOperation } from '../../../src/tickets/ticket/workflow.js';
import { agent, cmd, system, ticket, ticketHarness, type TicketHarness } from './harness.js';

type Step = readonly [string, Actor, Record<string, unknown>];

const ROUTES: Readonly<Record<TicketStatus, readonly (readonly Step[])[]>> = {
  'to-assign': [[], [['TransferTicket', agent('boss'), { groupId: 'tg1' }]]],
  'to-process': [[], [['ReopenTicket', agent('boss'), {}]]],
  'in-progress': [[['StartProcessingTicket', agent('amy'), {}]], [['StartProcessingTicket', agent('amy'), {}], ['WaitOnCustomer', agent('amy'), {}], ['ResumeTicket', agent('amy'), {}]]],
  waiting: [[['StartProcessingTicket', agent('amy'), {}], ['WaitOnCustomer', agent('amy'), {}]]],
  completed: [[['CompleteTicket', agent('amy'), {}]], [['StartProcessingTicket', agent('amy'), {}], ['CompleteTicket', agent('boss'), { note: '完成' }]]],
};

/** The reopen route completes the ticket first. */
const prefix = (status: TicketStatus, route: number): readonly Step[] => (status === 'to-process' && route === 1 ? [['CompleteTicket', agent('amy'), {}]] : []);

const createdWith = (status: TicketStatus, route: number): Record<string, unknown> => (status === 'to-assign' && route === 0 ? {} : { assigneeId: 'amy' });

const OPERATION: Readonly<Record<TicketOperation, readonly [Actor, Record<string, unknown>]>> = {
  ClaimTicket: [agent('bob'), {}],
  AssignTicket: [agent('boss'), { assigneeId: 'lead' }],
  TransferTicket: [agent('boss'), { groupId: 'tg2', assigneeId: 'cat', note: '转交' }],
  StartProcessingTicket: [agent('amy'), {}],
  RemarkTicket: [agent('boss'), { remarkId: 'r1', text: '备注' }],
  EditTicket: [agent('amy'), { subject: '新标题' }],
  ChangeTicketType: [agent('boss'), { typeId: 'question' }],
  ChangeTicketPriority: [agent('boss'), { priority: 'urgent' }],
  WaitOnCustomer: [agent('boss'), { note: '等客户' }],
  ResumeTicket: [agent('boss'), {}],
  CompleteTicket: [agent('boss'), { note: '完成' }],
  ReopenTicket: [agent('boss'), { note: '重开' }],
  RecomputeTicketSla: [system, { version: 1 }],
  FireTicketSlaDeadline: [system, { clock: 'response', dueAt: null }],
};

describe('T7/T8: TICKET_TRANSITIONS is the decide', () => {
  let h: TicketHarness;
  let n = 0;
  beforeAll(async () => {
    h = ticketHarness();
    await h.setup();
  });

  test.prop([fc.constantFrom(...TICKET_STATUSES), fc.nat(1), fc.constantFrom(...TICKET_OPERATIONS)], { numRuns: 300 })('accepts exactly the pairs of the table', async (status, routeIndex, operation) => {
    const routes = ROUTES[status];
    const route = routeIndex % routes.length;
    const ticketId = `p${++n}`;
    await h.ok(cmd('CreateTicket', agent('amy'), ticket(ticketId, createdWith(status, route))));
    for (const [type, actor, data] of [...prefix(status, route), ...routes[route]!]) await h.ok(cmd(type, actor, { ticketId, ...data }));
    expect((await h.load(ticketId)).status).toBe(status);
    const [actor, data] = OPERATION[operation];
    const input = cmd(operation, actor, { ticketId, ...data });
    if (allows(operation, status)) {
      await h.ok(input);
      // And it leads where the table says.
      const after = await h.load(ticketId);
      expect(after.status).toBe(statusAfter(operation, status, after.assigneeId));
    } else {
      expect(await h.refused(input)).toMatchObject({ code: 'ticket.wrong-status', details: { field: 'data.ticketId', status } });
    }
  });
});
