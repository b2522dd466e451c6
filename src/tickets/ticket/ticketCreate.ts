/**
 * T6 创建工单: from the ticket centre (an agent), by a customer (for itself:
 * source `customer`, its customerId forced), or from a session (customer,
 * channel and the session link prefilled from the conversation). The left-message
 * reaction (S12) sends CreateTicketFromSession with `auto: true` as the system:
 * the type, priority and group then come from the shop's `leftMessageTickets`,
 * and when the shop has it off nothing is written. A ticket id is new: a
 * repeat by the same creator with the same subject (a client's retry, a
 * reaction delivered again) writes nothing; anything else is `ticket.exists`.
 */
import * as E from 'fp-ts/lib/Either.js';
import type { DomainError, ValidationError } from '../../domain/errors.js';
import type { Who } from '../../domain/permissions/policy.js';
import type { ConversationState } from '../../domain/conversation/conversation.js';
import type { TicketSettingsState } from '../settings/ticketSettingsTypes.js';
import { versionNumberAt } from './slaBridge.js';
import type { TicketCommandOf } from './ticketCommands.js';
import { checkCustom, partyOf, refuse, requireGroup, requireMember, requireType } from './ticketRules.js';
import type { CustomValues, TicketCreatedData, TicketEvent, TicketState } from './ticketTypes.js';

type Decided = E.Either<DomainError | ValidationError, readonly TicketEvent[]>;

/** The routing and detail fields both creations share. */
type Fields = Omit<TicketCreatedData, 'source' | 'creator' | 'status' | 'slaVersion' | 'at' | 'custom'> & { readonly custom?: unknown };

const AUTO_SUBJECT_PREFIX = '留言 ';

const sameCreation = (s: TicketState, creator: TicketCreatedData['creator'], subject: string): boolean =>
  JSON.stringify(s.creator) === JSON.stringify(creator) && s.subject === subject;

const created = (settings: TicketSettingsState, fields: Fields, source: TicketCreatedData['source'], who: Who, now: number, s: TicketState): Decided => {
  const creator = partyOf(who);
  if (s.status !== 'none') return sameCreation(s, creator, fields.subject) ? E.right([]) : refuse('ticket.exists', `ticket ${fields.ticketId} exists already`, 'data.ticketId');
  const checks = [
    requireType(settings, fields.typeId),
    requireGroup(settings, fields.groupId),
    ...(fields.assigneeId === undefined ? [] : [requireMember(settings, fields.groupId, fields.assigneeId)]),
  ];
  for (const check of checks) if (E.isLeft(check)) return check;
  const custom = checkCustom(settings, fields.typeId, fields.custom);
  if (E.isLeft(custom)) return custom;
  const { custom: _raw, ...rest } = fields;
  const values: CustomValues = custom.right;
  const data: TicketCreatedData = {
    ...rest,
    ...(Object.keys(values).length === 0 ? {} : { custom: values }),
    source,
    creator,
    status: fields.assigneeId === undefined ? 'to-assign' : 'to-process',
    slaVersion: versionNumberAt(settings, now),
    at: now,
  };
  return E.right([{ type: 'TicketCreated', data }]);
};

export const createTicket = (c: TicketCommandOf<'CreateTicket'>, s: TicketState, who: Who, settings: TicketSettingsState): Decided => {
  const { customerId, ...rest } = c.data;
  const forcedCustomer = who.kind === 'customer' ? who.id : customerId;
  return created(settings, { ...rest, ...(forcedCustomer === undefined ? {} : { customerId: forcedCustomer }) }, who.kind === 'customer' ? 'customer' : 'centre', who, c.meta.now, s);
};

export const createTicketFromSession = (c: TicketCommandOf<'CreateTicketFromSession'>, s: TicketState, who: Who, settings: TicketSettingsState, conversation: ConversationState | undefined): Decided => {
  const { auto, sessionId, ...rest } = c.data;
  const config = settings.leftMessageTickets;
  if (auto === true && (config === undefined || s.status !== 'none')) return E.right([]);
  if (conversation === undefined || conversation.status === 'none') return refuse('ticket.session-unknown', `no session ${sessionId}`, 'data.sessionId', { sessionId });
  const routing =
    auto === true && config !== undefined
      ? { typeId: config.typeId, priority: config.priority, groupId: config.groupId, subject: `${AUTO_SUBJECT_PREFIX}${sessionId}`.slice(0, 100) }
      : { typeId: rest.typeId ?? '', priority: rest.priority ?? 'normal', groupId: rest.groupId ?? '', subject: rest.subject ?? '' };
  const fields: Fields = { ...rest, ...routing, sessionId, customerId: conversation.customerId, channel: conversation.channel, ...(auto === true ? { auto: true } : {}) };
  return created(settings, fields, 'session', who, c.meta.now, s);
};
