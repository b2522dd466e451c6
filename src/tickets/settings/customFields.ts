/**
 * T3: checking a ticket's custom values against its type's template, for the
 * ticket module (creation, edit, type change). A disabled or absent template
 * allows no values (absent or `{}`); an enabled one allows its own field ids
 * only, requires its required fields (missing, '', blank or [] is missing) and
 * checks each value by the field's kind. Every issue names its field
 * (`data.custom.<fieldId>`); all issues are reported at once.
 */
import * as E from 'fp-ts/lib/Either.js';
import { localDateCodec } from '../../domain/calendar/calendarCodec.js';
import { phoneCodec } from '../../domain/customers/customerProfile.js';
import { validationError, type ValidationError, type ValidationIssue } from '../../domain/errors.js';
import type { CustomValues } from '../ticket/ticketTypes.js';
import type { FieldDefinition, FieldKind, TicketSettingsState, TicketTemplate } from './ticketSettingsTypes.js';

export const TEXT_MAX_CHARS = 200;
export const TEXTAREA_MAX_CHARS = 500;
export const EMAIL_MAX_CHARS = 254;
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** T3: the template bound to a type, if any (the one its tickets' custom values are checked against). */
export const templateOfType = (s: Pick<TicketSettingsState, 'templates' | 'templateOfType'>, typeId: string): TicketTemplate | undefined => {
  const templateId = s.templateOfType.get(typeId);
  return templateId === undefined ? undefined : s.templates.get(templateId);
};

type Value = CustomValues[string];
type Checked = { readonly value: Value } | { readonly reason: string };

const show = (u: unknown): string => {
  const text = JSON.stringify(u);
  return text === undefined ? typeof u : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/** Absent, null, a blank string or an empty list: nothing was filled in. */
export const isEmptyValue = (u: unknown): boolean => u === undefined || u === null || (typeof u === 'string' && u.trim() === '') || (Array.isArray(u) && u.length === 0);

const text = (max: number) => (u: unknown): Checked =>
  typeof u !== 'string' ? { reason: `expected text, got ${show(u)}` } : u.length > max ? { reason: `must be at most ${max} characters, got ${u.length}` } : { value: u };

const options = (field: FieldDefinition) => field.options ?? [];

const checks: Readonly<Record<FieldKind, (u: unknown, field: FieldDefinition) => Checked>> = {
  text: text(TEXT_MAX_CHARS),
  textarea: text(TEXTAREA_MAX_CHARS),
  number: (u) => (typeof u === 'number' && Number.isFinite(u) ? { value: u } : { reason: `expected a finite number, got ${show(u)}` }),
  date: (u) => (localDateCodec.is(u) ? { value: u } : { reason: `must be a date YYYY-MM-DD (a real date), got ${show(u)}` }),
  datetime: (u) => (Number.isSafeInteger(u) ? { value: u as number } : { reason: `must be epoch milliseconds (a safe integer), got ${show(u)}` }),
  choice: (u, field) => (typeof u === 'string' && options(field).includes(u) ? { value: u } : { reason: `must be one of ${options(field).join(', ')}, got ${show(u)}` }),
  'multi-choice': (u, field) => {
    if (!Array.isArray(u) || !u.every((x) => typeof x === 'string' && options(field).includes(x))) return { reason: `must be a list of options from ${options(field).join(', ')}, got ${show(u)}` };
    return new Set(u).size === u.length ? { value: u as string[] } : { reason: 'must not name an option twice' };
  },
  phone: (u) => (phoneCodec.is(u) ? { value: u } : { reason: `must be a mainland mobile number (11 digits, 1[3-9]...) or + and 6 to 15 digits, got ${show(u)}` }),
  email: (u) => (typeof u === 'string' && u.length <= EMAIL_MAX_CHARS && EMAIL.test(u) ? { value: u } : { reason: `must be an email address local@domain.tld, got ${show(u)}` }),
};

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);

const fail = (issues: readonly ValidationIssue[]): E.Either<ValidationError, never> => E.left(validationError('command', issues));

/** Checks the given entries' ids and values; fills `out` with the non-empty ones. */
const checkEntries = (template: TicketTemplate, values: Record<string, unknown>, path: string, out: Record<string, Value>, issues: ValidationIssue[]): void => {
  const byId = new Map(template.fields.map((f) => [f.fieldId, f]));
  for (const [fieldId, value] of Object.entries(values)) {
    const field = byId.get(fieldId);
    if (field === undefined) {
      issues.push({ path: `${path}.${fieldId}`, reason: `unknown field (template ${template.templateId} has ${template.fields.map((f) => f.fieldId).join(', ')})` });
      continue;
    }
    if (isEmptyValue(value)) continue;
    const checked = checks[field.kind](value, field);
    if ('reason' in checked) issues.push({ path: `${path}.${fieldId}`, reason: checked.reason });
    else out[fieldId] = checked.value;
  }
};

/** In the template's order: each required field must hold a value. */
const requireFields = (template: TicketTemplate, values: Readonly<Record<string, Value>>, path: string, issues: ValidationIssue[]): void => {
  for (const field of template.fields) {
    if (field.required && isEmptyValue(values[field.fieldId]) && !issues.some((i) => i.path === `${path}.${field.fieldId}`)) {
      issues.push({ path: `${path}.${field.fieldId}`, reason: `required (${field.name})` });
    }
  }
};

/** Orders the values as the template's fields. */
const ordered = (template: TicketTemplate, values: Readonly<Record<string, Value>>): CustomValues =>
  Object.fromEntries(template.fields.filter((f) => values[f.fieldId] !== undefined).map((f) => [f.fieldId, values[f.fieldId]!]));

const noTemplate = (template: TicketTemplate | undefined, values: unknown, path: string): E.Either<ValidationError, CustomValues> =>
  values === undefined || (isRecord(values) && Object.keys(values).length === 0)
    ? E.right({})
    : fail([{ path, reason: template === undefined ? 'the ticket type has no template: no custom values' : `template ${template.templateId} is disabled: no custom values` }]);

/** The custom values of a new ticket (or of a type change): all of them, checked. */
export const validateCustomValues = (template: TicketTemplate | undefined, values: unknown, path = 'data.custom'): E.Either<ValidationError, CustomValues> => {
  if (template === undefined || !template.enabled) return noTemplate(template, values, path);
  if (values !== undefined && !isRecord(values)) return fail([{ path, reason: `expected an object of field values, got ${show(values)}` }]);
  const out: Record<string, Value> = {};
  const issues: ValidationIssue[] = [];
  checkEntries(template, values ?? {}, path, out, issues);
  requireFields(template, out, path, issues);
  return issues.length > 0 ? fail(issues) : E.right(ordered(template, out));
};

/**
 * An edit (T8): only the given fields change (an empty value, `null` or '',
 * clears one), then the merged values must still fill every required field.
 * Answers the merged values.
 */
export const validateCustomPatch = (template: TicketTemplate | undefined, current: CustomValues, patch: unknown, path = 'data.custom'): E.Either<ValidationError, CustomValues> => {
  if (template === undefined || !template.enabled) return E.map((): CustomValues => current)(noTemplate(template, patch, path));
  if (!isRecord(patch)) return fail([{ path, reason: `expected an object of field values, got ${show(patch)}` }]);
  const changed: Record<string, Value> = {};
  const issues: ValidationIssue[] = [];
  checkEntries(template, patch, path, changed, issues);
  const merged: Record<string, Value> = { ...current };
  for (const fieldId of Object.keys(patch)) {
    if (changed[fieldId] !== undefined) merged[fieldId] = changed[fieldId];
    else delete merged[fieldId];
  }
  requireFields(template, merged, path, issues);
  return issues.length > 0 ? fail(issues) : E.right(ordered(template, merged));
};
