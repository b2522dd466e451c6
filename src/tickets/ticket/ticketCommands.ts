/**
 * T5-T8: what callers ask of a ticket, and the codecs that read it. The shapes
 * are the codecs' own (`t.TypeOf`), so the two cannot drift. Every time is the
 * command's `meta.now`; the ticket id is the caller's number (ticketTypes.ts).
 * The bounds of T6 (content 500 characters, 20 attachments under 20 MB each, a
 * phone number) are checked here, before any rule: bad input names its field.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { Command } from '../../domain/command.js';
import { phoneCodec } from '../../domain/customers/customerProfile.js';
import { agentIdCodec, customerIdCodec, sessionIdCodec } from '../../domain/ids.js';
import type { CommandCodecs } from '../../domain/module.js';
import { describeValue, identifier, nonEmptyString, nonNegativeInt, oneOf, orNull, struct, timestamp } from '../../domain/validation.js';
import { SLA_CLOCKS } from '../settings/ticketSettingsTypes.js';
import { groupIdCodec, listOf, typeIdCodec } from '../settings/settingsCodecs.js';
import { ticketPriorityCodec } from '../priority.js';

export const SUBJECT_MAX_CHARS = 100;
export const CONTENT_MAX_CHARS = 500;
export const NOTE_MAX_CHARS = 500;
export const REMARK_MAX_CHARS = 500;
export const MAX_ATTACHMENTS = 20;
/** T6: an attachment is under 20 MB. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
export const CUSTOMER_NAME_MAX_CHARS = 50;
export const MAX_CUSTOM_VALUES = 50;

export const ticketIdCodec = identifier('ticket id');
export const remarkIdCodec = identifier('remark id');
export const subjectCodec = nonEmptyString(SUBJECT_MAX_CHARS);
export const contentCodec = nonEmptyString(CONTENT_MAX_CHARS);
export const noteCodec = nonEmptyString(NOTE_MAX_CHARS);
export const customerNameCodec = nonEmptyString(CUSTOMER_NAME_MAX_CHARS);

const sizeCodec = new t.Type<number, number, unknown>(
  'AttachmentSize',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0 && u < ATTACHMENT_MAX_BYTES,
  (u, c) =>
    typeof u === 'number' && Number.isInteger(u) && u > 0 && u < ATTACHMENT_MAX_BYTES
      ? t.success(u)
      : t.failure(u, c, `must be a whole number of bytes above 0 and under ${ATTACHMENT_MAX_BYTES} (20 MB), got ${String(u)}`),
  t.identity,
);

export const attachmentCodec = struct('Attachment', { name: nonEmptyString(200), url: nonEmptyString(2000), sizeBytes: sizeCodec });
export const attachmentsCodec = listOf('Attachments', attachmentCodec, 0, MAX_ATTACHMENTS);

const customValueCodec = t.union([nonEmptyString(2000), t.number, t.readonlyArray(nonEmptyString(200))]);
/** Values by custom field id; what each must be is the template's business (slaBridge.ts, validateCustom). */
export const customValuesCodec = new t.Type<Readonly<Record<string, string | number | readonly string[]>>, unknown, unknown>(
  'CustomValues',
  (u): u is Readonly<Record<string, string | number | readonly string[]>> => E.isRight(customValuesCodec.validate(u, [])),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, `expected an object of custom field values, got ${describeValue(u)}`);
    const entries = Object.entries(u as Record<string, unknown>);
    if (entries.length > MAX_CUSTOM_VALUES) return t.failure(u, c, `must hold at most ${MAX_CUSTOM_VALUES} fields, got ${entries.length}`);
    const errors: t.ValidationError[] = [];
    for (const [key, value] of entries) {
      const here = [...c, { key, type: customValueCodec, actual: value }];
      if (!identifier('custom field id').is(key)) errors.push({ value, context: here, message: 'is not a custom field id' });
      else if (!customValueCodec.is(value) || (typeof value === 'number' && !Number.isFinite(value))) errors.push({ value, context: here, message: 'must be text, a number or a list of texts' });
    }
    return errors.length > 0 ? t.failures(errors) : t.success(u as Readonly<Record<string, string | number | readonly string[]>>);
  },
  t.identity,
);

const ref = { ticketId: ticketIdCodec };
const details = {
  content: contentCodec,
  attachments: attachmentsCodec,
  customerName: customerNameCodec,
  phone: phoneCodec,
  custom: customValuesCodec,
};
const routed = { typeId: typeIdCodec, subject: subjectCodec, priority: ticketPriorityCodec, groupId: groupIdCodec };

const createTicketCodec = struct('CreateTicket', { ...ref, ...routed }, { ...details, assigneeId: agentIdCodec, customerId: customerIdCodec });

const fromSessionFields = struct('CreateTicketFromSession', { ...ref, sessionId: sessionIdCodec }, { ...routed, ...details, assigneeId: agentIdCodec, auto: t.literal(true) });
type FromSession = t.TypeOf<typeof fromSessionFields>;

/**
 * From a session: by a person, the routing fields are required; by the
 * left-message reaction (`auto: true`), they come from the shop's settings.
 */
const fromSessionCodec = new t.Type<FromSession, unknown, unknown>(
  'CreateTicketFromSession',
  (u): u is FromSession => E.isRight(fromSessionCodec.validate(u, [])),
  (u, c) => {
    const decoded = fromSessionFields.validate(u, c);
    if (E.isLeft(decoded) || decoded.right.auto === true) return decoded;
    const value = decoded.right as Record<string, unknown>;
    const missing = (['typeId', 'subject', 'priority', 'groupId'] as const).filter((k) => value[k] === undefined);
    return missing.length === 0 ? decoded : t.failures(missing.map((key) => ({ value: undefined, context: [...c, { key, type: routed[key], actual: undefined }], message: 'is required (only the left-message reaction may leave it out)' })));
  },
  t.identity,
);

const transferFields = struct('TransferTicket', ref, { groupId: groupIdCodec, assigneeId: agentIdCodec, note: noteCodec });
type Transfer = t.TypeOf<typeof transferFields>;

/** A transfer names a group, a person, or both. */
const transferCodec = new t.Type<Transfer, unknown, unknown>(
  'TransferTicket',
  (u): u is Transfer => transferFields.is(u) && (u.groupId !== undefined || u.assigneeId !== undefined),
  (u, c) => {
    const decoded = transferFields.validate(u, c);
    if (E.isLeft(decoded) || decoded.right.groupId !== undefined || decoded.right.assigneeId !== undefined) return decoded;
    return t.failure(undefined, [...c, { key: 'groupId', type: groupIdCodec, actual: undefined }], 'a transfer names a group, an assignee or both');
  },
  t.identity,
);

export const ticketCommandCodecs = {
  CreateTicket: createTicketCodec,
  CreateTicketFromSession: fromSessionCodec,
  ClaimTicket: struct('ClaimTicket', ref),
  AssignTicket: struct('AssignTicket', { ...ref, assigneeId: agentIdCodec }),
  TransferTicket: transferCodec,
  StartProcessingTicket: struct('StartProcessingTicket', ref),
  RemarkTicket: struct('RemarkTicket', { ...ref, remarkId: remarkIdCodec, text: nonEmptyString(REMARK_MAX_CHARS) }, { attachments: attachmentsCodec }),
  EditTicket: struct('EditTicket', ref, { subject: subjectCodec, ...details }),
  ChangeTicketType: struct('ChangeTicketType', { ...ref, typeId: typeIdCodec }, { custom: customValuesCodec }),
  ChangeTicketPriority: struct('ChangeTicketPriority', { ...ref, priority: ticketPriorityCodec }),
  WaitOnCustomer: struct('WaitOnCustomer', ref, { note: noteCodec }),
  ResumeTicket: struct('ResumeTicket', ref),
  CompleteTicket: struct('CompleteTicket', ref, { note: noteCodec }),
  ReopenTicket: struct('ReopenTicket', ref, { groupId: groupIdCodec, assigneeId: agentIdCodec, note: noteCodec }),
  RecomputeTicketSla: struct('RecomputeTicketSla', { ...ref, version: nonNegativeInt }),
  FireTicketSlaDeadline: struct('FireTicketSlaDeadline', { ...ref, clock: oneOf('SlaClock', SLA_CLOCKS), dueAt: orNull(timestamp) }),
};

type Codecs = typeof ticketCommandCodecs;
export type TicketCommandType = keyof Codecs;
export type TicketCommandOf<K extends TicketCommandType> = Command<K, t.TypeOf<Codecs[K]>>;
export type TicketCommand = { [K in TicketCommandType]: TicketCommandOf<K> }[TicketCommandType];

export const TICKET_COMMAND_TYPES = Object.keys(ticketCommandCodecs) as readonly TicketCommandType[];

// Checked here so a drift between the codecs and the command union fails to compile.
export const checkedTicketCodecs: CommandCodecs<TicketCommand> = ticketCommandCodecs;
