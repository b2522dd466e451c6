/**
 * Synthetic ticket events for projection tests: recorded envelopes (shop, actor,
 * position) around event data, so the read models of T9-T11 are tested on their
 * own, before and beside the ticket module that writes the real ones.
 */
import type { Actor } from '../../../src/domain/envelope.js';
import type { ProjectedEvent } from '../../../src/projections/projection.js';
import type { TicketSla } from '../../../src/tickets/sla/slaTypes.js';
import type { Party, TicketCreatedData, TicketEvent } from '../../../src/tickets/ticket/ticketTypes.js';

export const SHOP = 'shop-t';
export const T0 = Date.UTC(2026, 11, 3, 9, 0, 0);
export const MINUTE = 60_000;
export const agent = (id: string): Party => ({ kind: 'agent', id });
export const system: Party = { kind: 'system' };

type Fed = ProjectedEvent<TicketEvent>;

/** Builds envelopes with increasing positions; `shop` and `actor` default to SHOP and the system. */
export const envelopes = () => {
  let position = 0;
  const wrap = (event: TicketEvent, actor: Actor = { kind: 'system' }, shopId = SHOP): Fed =>
    ({
      ...event,
      schemaVersion: 1,
      stream: `ticket-${shopId}-${(event.data as { ticketId: string }).ticketId}`,
      streamVersion: 1,
      globalPosition: ++position,
      metadata: { eventId: `e${position}`, shopId, actor, occurredAt: (event.data as { at: number }).at, correlationId: 'c', causationId: 'c' },
    }) as unknown as Fed;
  return { wrap };
};

export const created = (ticketId: string, at: number, extra: Partial<TicketCreatedData> = {}): TicketEvent => ({
  type: 'TicketCreated',
  data: {
    ticketId,
    source: 'centre',
    typeId: 'refund',
    subject: `ticket ${ticketId}`,
    priority: 'normal',
    groupId: 'g1',
    creator: agent('amy'),
    status: extra.assigneeId === undefined ? 'to-assign' : 'to-process',
    slaVersion: 0,
    at,
    ...extra,
  } as TicketCreatedData,
});

export const slaRecord = (version: number, policyId: string, responseDue: number | null, resolutionDue: number | null, more: Partial<TicketSla> = {}): TicketSla => ({
  version,
  policyId,
  policyRevision: 1,
  policyName: policyId,
  calendarId: '24x7',
  clocks: {
    response: { targetMinutes: 30, dueAt: responseDue, nextAt: responseDue, fired: [] },
    resolution: { targetMinutes: 240, dueAt: resolutionDue, nextAt: resolutionDue, fired: [] },
  },
  ...more,
});
