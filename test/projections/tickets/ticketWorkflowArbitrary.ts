/**
 * Hand-rolled arbitrary of ticket histories consistent with the workflow (T7/T8):
 * fast-check draws plain choices, and an interpreter turns them into events,
 * choosing each ticket's next operation among those its status allows. The
 * interpreter keeps its own model of every ticket's current fields, written
 * apart from the projections' code, as the brute-force oracle of the list tests.
 */
import fc from 'fast-check';
import type { TicketPriority } from '../../../src/tickets/priority.js';
import type { Party, TicketEvent, TicketStatus } from '../../../src/tickets/ticket/ticketTypes.js';
import { agent, created, MINUTE, slaRecord, T0 } from './ticketEnvelopes.js';

export const AGENTS = ['amy', 'bob', 'cat'] as const;
export const GROUPS = ['g1', 'g2', 'g3'] as const;
export const TYPES = ['refund', 'refund.late', 'complaint'] as const;
export const PRIORITIES: readonly TicketPriority[] = ['urgent', 'normal', 'low'];

export interface ModelTicket {
  ticketId: string;
  status: TicketStatus;
  typeId: string;
  priority: TicketPriority;
  groupId: string;
  assigneeId?: string;
  creator: Party;
  createdAt: number;
  completedBy?: string;
}

const choice = fc.record({ op: fc.nat(), ticket: fc.nat(), who: fc.nat(), pick: fc.nat(), dt: fc.nat(2) });
export const historyChoices = fc.array(choice, { minLength: 1, maxLength: 60 });
export type HistoryChoices = typeof historyChoices extends fc.Arbitrary<infer T> ? T : never;

type Op = 'claim' | 'assign' | 'transfer-group' | 'transfer-person' | 'start' | 'remark' | 'type' | 'priority' | 'wait' | 'resume' | 'complete' | 'reopen' | 'sla';
const ALLOWED: Record<TicketStatus, readonly Op[]> = {
  'to-assign': ['claim', 'assign', 'transfer-group', 'transfer-person', 'remark', 'type', 'priority', 'sla'],
  'to-process': ['assign', 'transfer-group', 'transfer-person', 'start', 'remark', 'type', 'priority', 'complete', 'sla'],
  'in-progress': ['assign', 'transfer-group', 'transfer-person', 'remark', 'type', 'priority', 'wait', 'complete', 'sla'],
  waiting: ['resume', 'remark', 'type', 'priority', 'complete', 'sla'],
  completed: ['reopen', 'remark'],
};

/** The events of a history and the model of every ticket at its end. */
export const interpret = (choices: HistoryChoices): { events: TicketEvent[]; tickets: ModelTicket[] } => {
  const tickets: ModelTicket[] = [];
  const events: TicketEvent[] = [];
  let at = T0;
  for (const [i, c] of choices.entries()) {
    at += c.dt * MINUTE;
    const who = AGENTS[c.who % AGENTS.length]!;
    const by = agent(who);
    if (tickets.length === 0 || c.op % 4 === 0) {
      const ticketId = String(1000 + ((i * 37) % 100) * 10 + (i % 10));
      if (tickets.some((t) => t.ticketId === ticketId)) continue;
      const assigneeId = c.pick % 3 === 0 ? AGENTS[c.pick % AGENTS.length] : undefined;
      const creator: Party = c.pick % 5 === 4 ? { kind: 'customer', id: 'c1' } : by;
      const t: ModelTicket = {
        ticketId,
        status: assigneeId === undefined ? 'to-assign' : 'to-process',
        typeId: TYPES[c.pick % TYPES.length]!,
        priority: PRIORITIES[c.who % PRIORITIES.length]!,
        groupId: GROUPS[c.ticket % GROUPS.length]!,
        creator,
        createdAt: at,
        ...(assigneeId === undefined ? {} : { assigneeId }),
      };
      tickets.push(t);
      events.push(created(ticketId, at, { typeId: t.typeId, priority: t.priority, groupId: t.groupId, creator, ...(assigneeId === undefined ? {} : { assigneeId }) }));
      continue;
    }
    const t = tickets[c.ticket % tickets.length]!;
    const ops = ALLOWED[t.status];
    const op = ops[c.op % ops.length]!;
    const ticketId = t.ticketId;
    const group = GROUPS[c.pick % GROUPS.length]!;
    switch (op) {
      case 'claim':
      case 'assign':
        events.push(op === 'claim' ? { type: 'TicketClaimed', data: { ticketId, by, assigneeId: who, at } } : { type: 'TicketAssigned', data: { ticketId, by, assigneeId: who, at } });
        t.assigneeId = who;
        t.status = 'to-process';
        break;
      case 'transfer-group':
      case 'transfer-person': {
        const person = op === 'transfer-person' ? who : undefined;
        events.push({ type: 'TicketTransferred', data: { ticketId, by, groupId: group, fromGroupId: t.groupId, at, ...(person === undefined ? {} : { assigneeId: person }) } });
        t.groupId = group;
        t.status = person === undefined ? 'to-assign' : 'to-process';
        if (person === undefined) delete t.assigneeId;
        else t.assigneeId = person;
        break;
      }
      case 'start':
        events.push({ type: 'TicketProcessingStarted', data: { ticketId, by, at } });
        t.status = 'in-progress';
        break;
      case 'remark':
        events.push({ type: 'TicketRemarked', data: { ticketId, by, remarkId: `r${i}`, text: 'note', at } });
        break;
      case 'type': {
        const typeId = TYPES[c.pick % TYPES.length]!;
        events.push({ type: 'TicketTypeChanged', data: { ticketId, by, typeId, fromTypeId: t.typeId, at } });
        t.typeId = typeId;
        break;
      }
      case 'priority': {
        const priority = PRIORITIES[c.pick % PRIORITIES.length]!;
        events.push({ type: 'TicketPriorityChanged', data: { ticketId, by, priority, fromPriority: t.priority, at } });
        t.priority = priority;
        break;
      }
      case 'wait':
        events.push({ type: 'TicketWaitingOnCustomer', data: { ticketId, by, at } });
        t.status = 'waiting';
        break;
      case 'resume':
        events.push({ type: 'TicketResumed', data: { ticketId, by, at } });
        t.status = 'in-progress';
        break;
      case 'complete':
        events.push({ type: 'TicketCompleted', data: { ticketId, by, first: true, at } });
        t.status = 'completed';
        t.completedBy = who;
        break;
      case 'reopen': {
        const person = c.pick % 2 === 0 ? who : undefined;
        events.push({ type: 'TicketReopened', data: { ticketId, by, groupId: group, at, ...(person === undefined ? {} : { assigneeId: person }) } });
        t.groupId = group;
        t.status = person === undefined ? 'to-assign' : 'to-process';
        if (person === undefined) delete t.assigneeId;
        else t.assigneeId = person;
        break;
      }
      case 'sla':
        events.push({ type: 'TicketSlaSet', data: { ticketId, sla: slaRecord(1, 'p1', at + 30 * MINUTE, at + 240 * MINUTE), reason: 'recomputed', at } });
        break;
    }
  }
  return { events, tickets };
};
