/** T1-T4: the ticket settings' refusals: stable codes, `details.field` naming the field to blame. */
import * as E from 'fp-ts/lib/Either.js';
import { domainError, type DomainError } from '../../domain/errors.js';
import { PERMISSION_ERROR_CODES } from '../../domain/permissions/policy.js';
import type { TicketSettingsEvent } from './ticketSettingsEvents.js';

export const TICKET_SETTINGS_ERROR_CODES = [
  ...PERMISSION_ERROR_CODES,
  'ticket-settings.group-exists',
  'ticket-settings.unknown-group',
  'ticket-settings.too-many-groups',
  'ticket-settings.unknown-agent',
  'ticket-settings.too-many-members',
  'ticket-settings.type-exists',
  'ticket-settings.unknown-type',
  'ticket-settings.too-deep',
  'ticket-settings.too-many-types',
  'ticket-settings.has-children',
  'ticket-settings.in-use',
  'ticket-settings.unknown-template',
  'ticket-settings.too-many-templates',
  'ticket-settings.already-bound',
  'ticket-settings.unknown-calendar',
  'ticket-settings.calendar-in-use',
  'ticket-settings.unknown-policy',
  'ticket-settings.effective-too-early',
] as const;
export type TicketSettingsErrorCode = (typeof TICKET_SETTINGS_ERROR_CODES)[number];

export type Decided = E.Either<DomainError, readonly TicketSettingsEvent[]>;

export const refuse = (code: TicketSettingsErrorCode, message: string, field: string, details: Record<string, unknown> = {}): E.Either<DomainError, never> =>
  E.left(domainError(code, message, { field, ...details }));

export const nothing: Decided = E.right([]);

