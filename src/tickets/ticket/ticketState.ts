/**
 * One ticket as its stream folds it (ticketTypes.ts, TicketState). The first
 * response and the first resolution are set once and never erased (T5: a
 * reopen keeps them); a clock's result, once stopped, is kept in `slaResults`
 * whatever happens to the SLA record after (a clear, a reopen).
 */
import type { SlaClock } from '../settings/ticketSettingsTypes.js';
import type { ClockRecord } from '../sla/slaTypes.js';
import type { TicketEvent, TicketState } from './ticketTypes.js';
import { statusSetBy } from './workflow.js';

export const initialTicketState = (): TicketState => ({
  status: 'none',
  ticketId: '',
  typeId: '',
  subject: '',
  priority: 'normal',
  groupId: '',
  custom: {},
  createdAt: 0,
  pauses: [],
  remarkIds: [],
  slaVersion: 0,
  slaResults: {},
});

/** The state with one clock of its SLA changed; a ticket without an SLA stays as it is. */
const withClock = (s: TicketState, clock: SlaClock, change: (record: ClockRecord) => ClockRecord): TicketState =>
  s.sla === undefined ? s : { ...s, sla: { ...s.sla, clocks: { ...s.sla.clocks, [clock]: change(s.sla.clocks[clock]) } } };

const fire = (record: ClockRecord, point: string, nextAt: number | null): ClockRecord => ({ ...record, fired: record.fired.includes(point) ? record.fired : [...record.fired, point], nextAt });

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

/** The status after `event`, as the workflow table says (workflow.ts). */
const statusOf = (event: TicketEvent, s: TicketState): TicketState['status'] => statusSetBy(event) ?? s.status;

export const evolveTicket = (s: TicketState, event: TicketEvent): TicketState => {
  switch (event.type) {
    case 'TicketCreated': {
      const d = event.data;
      return {
        ...initialTicketState(),
        status: d.status,
        ticketId: d.ticketId,
        source: d.source,
        typeId: d.typeId,
        subject: d.subject,
        priority: d.priority,
        groupId: d.groupId,
        creator: d.creator,
        createdAt: d.at,
        slaVersion: d.slaVersion,
        custom: d.custom ?? {},
        ...optional('content', d.content),
        ...optional('attachments', d.attachments),
        ...optional('assigneeId', d.assigneeId),
        ...optional('customerId', d.customerId),
        ...optional('customerName', d.customerName),
        ...optional('phone', d.phone),
        ...optional('sessionId', d.sessionId),
        ...optional('channel', d.channel),
      };
    }
    case 'TicketClaimed':
    case 'TicketAssigned':
      return { ...s, status: statusOf(event, s), assigneeId: event.data.assigneeId };
    case 'TicketTransferred':
    case 'TicketReopened': {
      const { assigneeId: _dropped, ...rest } = s;
      const assigneeId = event.data.assigneeId;
      return { ...rest, groupId: event.data.groupId, status: statusOf(event, s), ...optional('assigneeId', assigneeId) };
    }
    case 'TicketProcessingStarted':
      return { ...s, status: statusOf(event, s), firstResponseAt: s.firstResponseAt ?? event.data.at };
    case 'TicketRemarked': {
      const byAssignee = event.data.by.kind === 'agent' && event.data.by.id === s.assigneeId;
      return { ...s, remarkIds: [...s.remarkIds, event.data.remarkId], ...(byAssignee && s.firstResponseAt === undefined ? { firstResponseAt: event.data.at } : {}) };
    }
    case 'TicketEdited':
      return { ...s, ...event.data.changes, custom: event.data.changes.custom ?? s.custom };
    case 'TicketTypeChanged':
      return { ...s, typeId: event.data.typeId, custom: event.data.custom ?? s.custom };
    case 'TicketPriorityChanged':
      return { ...s, priority: event.data.priority };
    case 'TicketWaitingOnCustomer':
      return { ...s, status: statusOf(event, s), pauses: [...s.pauses, { from: event.data.at }] };
    case 'TicketResumed':
      return { ...s, status: statusOf(event, s), pauses: s.pauses.map((p) => (p.to === undefined ? { from: p.from, to: event.data.at } : p)) };
    case 'TicketCompleted': {
      const at = event.data.at;
      const pauses = s.pauses.map((p) => (p.to === undefined ? { from: p.from, to: at } : p));
      return { ...s, status: statusOf(event, s), completedAt: at, pauses, firstResponseAt: s.firstResponseAt ?? at, firstResolutionAt: s.firstResolutionAt ?? at };
    }
    case 'TicketSlaSet':
      return { ...s, sla: event.data.sla };
    case 'TicketSlaCleared': {
      const { sla: _cleared, ...rest } = s;
      return rest;
    }
    case 'TicketSlaClockStopped': {
      const d = event.data;
      return {
        ...withClock(s, d.clock, (r) => ({ ...r, stoppedAt: d.at, result: d.result, elapsedSeconds: d.elapsedSeconds, nextAt: null, stoppedUnder: { version: d.version, policyId: d.policyId, policyRevision: d.policyRevision } })),
        slaResults: { ...s.slaResults, [d.clock]: { result: d.result, elapsedSeconds: d.elapsedSeconds, dueAt: d.dueAt, stoppedAt: d.at, version: d.version, policyId: d.policyId, policyRevision: d.policyRevision } },
      };
    }
    case 'TicketSlaReminded':
      return withClock(s, event.data.clock, (r) => fire(r, event.data.point, event.data.nextAt));
    case 'TicketSlaBreached':
      return withClock(s, event.data.clock, (r) => ({ ...fire(r, 'breach', event.data.nextAt), breachedAt: event.data.dueAt }));
  }
};
