/**
 * The codecs of what a ticket's stream records (ticketTypes.ts, TicketEvent),
 * read back when the stream is folded. The free text people wrote (subject,
 * content, remarks, notes, customer name, phone) are top-level fields of their
 * events, as elsewhere (README, "Personal data").
 */
import * as t from 'io-ts';
import { agentIdCodec, customerIdCodec, sessionIdCodec } from '../../domain/ids.js';
import type { EventDefinitions } from '../../domain/module.js';
import { phoneCodec } from '../../domain/customers/customerProfile.js';
import { identifier, nonEmptyString, nonNegativeInt, oneOf, orNull, struct, timestamp } from '../../domain/validation.js';
import { ticketPriorityCodec } from '../priority.js';
import { groupIdCodec, typeIdCodec } from '../settings/settingsCodecs.js';
import { SLA_CLOCKS } from '../settings/ticketSettingsTypes.js';
import type { ClockRecord, TicketSla } from '../sla/slaTypes.js';
import { attachmentsCodec, contentCodec, customerNameCodec, customValuesCodec, noteCodec, remarkIdCodec, subjectCodec, ticketIdCodec } from './ticketCommands.js';
import { SLA_SET_REASONS, TICKET_SOURCES, type Party, type TicketEvent } from './ticketTypes.js';

const v1 = <C extends t.Mixed>(codec: C) => ({ schemaVersion: 1, codec });

export const partyCodec: t.Type<Party, unknown, unknown> = t.union([
  struct('AgentParty', { kind: t.literal('agent'), id: agentIdCodec }),
  struct('CustomerParty', { kind: t.literal('customer'), id: customerIdCodec }),
  struct('SystemParty', { kind: t.literal('system') }),
]) as unknown as t.Type<Party, unknown, unknown>;

const clockCodec = oneOf('SlaClock', SLA_CLOCKS);
const resultCodec = oneOf('ClockResult', ['met', 'breached']);
const dueCodec = orNull(timestamp);

const clockRecordCodec: t.Type<ClockRecord, unknown, unknown> = struct(
  'ClockRecord',
  { targetMinutes: nonNegativeInt, dueAt: dueCodec, nextAt: dueCodec, fired: t.readonlyArray(nonEmptyString(100)) },
  { breachedAt: timestamp, stoppedAt: timestamp, result: resultCodec, elapsedSeconds: t.number, stoppedUnder: struct('StoppedUnder', { version: nonNegativeInt, policyId: identifier('SLA policy id'), policyRevision: nonNegativeInt }) },
);

export const ticketSlaCodec: t.Type<TicketSla, unknown, unknown> = struct('TicketSla', {
  version: nonNegativeInt,
  policyId: identifier('SLA policy id'),
  policyRevision: nonNegativeInt,
  policyName: nonEmptyString(100),
  calendarId: nonEmptyString(200),
  clocks: struct('SlaClocks', { response: clockRecordCodec, resolution: clockRecordCodec }),
});

const ref = { ticketId: ticketIdCodec, at: timestamp };
const by = { by: partyCodec };
const withNote = { note: noteCodec };
const editable = { subject: subjectCodec, content: contentCodec, attachments: attachmentsCodec, customerName: customerNameCodec, phone: phoneCodec, custom: customValuesCodec };
const previousDueCodec = struct('PreviousDue', {}, { response: dueCodec, resolution: dueCodec });

export const ticketEventDefinitions = {
  TicketCreated: v1(
    struct(
      'TicketCreated',
      {
        ...ref,
        source: oneOf('TicketSource', TICKET_SOURCES),
        typeId: typeIdCodec,
        subject: subjectCodec,
        priority: ticketPriorityCodec,
        groupId: groupIdCodec,
        creator: partyCodec,
        status: oneOf('CreatedStatus', ['to-assign', 'to-process']),
        slaVersion: nonNegativeInt,
      },
      { ...editable, assigneeId: agentIdCodec, customerId: customerIdCodec, sessionId: sessionIdCodec, channel: nonEmptyString(200), auto: t.boolean },
    ),
  ),
  TicketClaimed: v1(struct('TicketClaimed', { ...ref, ...by, assigneeId: agentIdCodec })),
  TicketAssigned: v1(struct('TicketAssigned', { ...ref, ...by, assigneeId: agentIdCodec }, { previousAssigneeId: agentIdCodec })),
  TicketTransferred: v1(struct('TicketTransferred', { ...ref, ...by, groupId: groupIdCodec, fromGroupId: groupIdCodec }, { ...withNote, assigneeId: agentIdCodec, fromAssigneeId: agentIdCodec })),
  TicketProcessingStarted: v1(struct('TicketProcessingStarted', { ...ref, ...by })),
  TicketRemarked: v1(struct('TicketRemarked', { ...ref, ...by, remarkId: remarkIdCodec, text: nonEmptyString(500) }, { attachments: attachmentsCodec })),
  TicketEdited: v1(struct('TicketEdited', { ...ref, ...by, changes: struct('TicketChanges', {}, editable) })),
  TicketTypeChanged: v1(struct('TicketTypeChanged', { ...ref, ...by, typeId: typeIdCodec, fromTypeId: typeIdCodec }, { custom: customValuesCodec })),
  TicketPriorityChanged: v1(struct('TicketPriorityChanged', { ...ref, ...by, priority: ticketPriorityCodec, fromPriority: ticketPriorityCodec })),
  TicketWaitingOnCustomer: v1(struct('TicketWaitingOnCustomer', { ...ref, ...by }, withNote)),
  TicketResumed: v1(struct('TicketResumed', { ...ref, ...by })),
  TicketCompleted: v1(struct('TicketCompleted', { ...ref, ...by, first: t.boolean }, withNote)),
  TicketReopened: v1(struct('TicketReopened', { ...ref, ...by, groupId: groupIdCodec }, { ...withNote, assigneeId: agentIdCodec })),
  TicketSlaSet: v1(struct('TicketSlaSet', { ...ref, sla: ticketSlaCodec, reason: oneOf('SlaSetReason', SLA_SET_REASONS) }, { previousDue: previousDueCodec })),
  TicketSlaCleared: v1(struct('TicketSlaCleared', { ...ref, reason: oneOf('SlaSetReason', SLA_SET_REASONS), version: nonNegativeInt })),
  TicketSlaClockStopped: v1(
    struct('TicketSlaClockStopped', {
      ...ref,
      clock: clockCodec,
      result: resultCodec,
      elapsedSeconds: t.number,
      dueAt: dueCodec,
      version: nonNegativeInt,
      policyId: identifier('SLA policy id'),
      policyRevision: nonNegativeInt,
    }),
  ),
  TicketSlaReminded: v1(
    struct('TicketSlaReminded', {
      ...ref,
      clock: clockCodec,
      point: nonEmptyString(100),
      when: oneOf('ReminderWhen', ['before', 'at', 'after']),
      dueAt: timestamp,
      recipients: t.readonlyArray(agentIdCodec),
      nextAt: dueCodec,
      version: nonNegativeInt,
    }),
  ),
  TicketSlaBreached: v1(struct('TicketSlaBreached', { ...ref, clock: clockCodec, dueAt: timestamp, version: nonNegativeInt, nextAt: dueCodec }, { recipients: t.readonlyArray(agentIdCodec) })),
} satisfies EventDefinitions<TicketEvent>;
