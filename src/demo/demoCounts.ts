/**
 * What the demo day amounted to, counted from the events as they were written
 * (every event passes the demo's observer), plus the commands the engine refused,
 * by command type and code.
 */
import type { KefuError } from '../domain/errors.js';
import type { ProjectedEvent } from '../projections/projection.js';

export interface DemoCounts {
  /** Every event written, the reactor's included. */
  events: number;
  sessions: number;
  customerMessages: number;
  agentMessages: number;
  /** System and auto messages (auto-replies, no-response prompts). */
  systemMessages: number;
  /** Auto-replies decided, by purpose (welcome, queue-notice, after-hours, ...). */
  autoReplies: Record<string, number>;
  queued: number;
  assigned: number;
  transfers: number;
  requeued: number;
  /** No-response timeouts that acted, by clock (agent, customer). */
  timeouts: Record<string, number>;
  ended: Record<string, number>;
  ratings: number;
  ordersPaid: number;
  tickets: number;
  slaReminders: number;
  slaBreaches: number;
  /** Refused commands, by `Type: code`. */
  refusals: Record<string, number>;
}

export const emptyCounts = (): DemoCounts => ({
  events: 0,
  sessions: 0,
  customerMessages: 0,
  agentMessages: 0,
  systemMessages: 0,
  autoReplies: {},
  queued: 0,
  assigned: 0,
  transfers: 0,
  requeued: 0,
  timeouts: {},
  ended: {},
  ratings: 0,
  ordersPaid: 0,
  tickets: 0,
  slaReminders: 0,
  slaBreaches: 0,
  refusals: {},
});

const bump = (record: Record<string, number>, key: string): void => {
  record[key] = (record[key] ?? 0) + 1;
};

export const sumOf = (record: Readonly<Record<string, number>>): number => Object.values(record).reduce((a, b) => a + b, 0);

export const countEvent = (counts: DemoCounts, event: ProjectedEvent): void => {
  counts.events++;
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'ConversationOpened':
      counts.sessions++;
      break;
    case 'MessageSent': {
      const sender = (data['sender'] as { kind: string }).kind;
      if (sender === 'customer') counts.customerMessages++;
      else if (sender === 'agent') counts.agentMessages++;
      else counts.systemMessages++;
      break;
    }
    case 'AutoReplyDecided':
      bump(counts.autoReplies, String(data['purpose']));
      break;
    case 'SessionQueued':
      counts.queued++;
      break;
    case 'SessionAssigned':
      counts.assigned++;
      break;
    case 'SessionTransferred':
      counts.transfers++;
      break;
    case 'SessionRequeued':
      counts.requeued++;
      break;
    case 'NoResponseTimedOut':
      bump(counts.timeouts, String(data['clock']));
      break;
    case 'SessionEnded':
      bump(counts.ended, String(data['reason']));
      break;
    case 'SessionRated':
      counts.ratings++;
      break;
    case 'OrderPaid':
      counts.ordersPaid++;
      break;
    case 'TicketCreated':
      counts.tickets++;
      break;
    case 'TicketSlaReminded':
      counts.slaReminders++;
      break;
    case 'TicketSlaBreached':
      counts.slaBreaches++;
      break;
    default:
      break;
  }
};

export const countRefusal = (counts: DemoCounts, type: string, error: KefuError): void => {
  bump(counts.refusals, `${type}: ${error._tag === 'DomainError' ? error.code : error._tag}`);
};

/** A reactor trouble other than a refusal (a retry, an unreadable event, a checkpoint): never expected in the demo. */
export const countReactorProblem = (counts: DemoCounts, kind: string): void => {
  bump(counts.refusals, `reactor: ${kind}`);
};
