/**
 * T3: templates of custom fields. Define creates or replaces a template whole
 * (its binding stays); a binding is one to one: a type has at most one template
 * and a template at most one type (`already-bound`, naming the side that is
 * taken). Removing a template removes its binding. What changes nothing (the
 * same definition, the same enabled flag, an unbind of an unbound template, a
 * bind repeated) is `[]`.
 */
import * as E from 'fp-ts/lib/Either.js';
import { MAX_TEMPLATES, type TicketSettingsCommandOf } from './ticketSettingsCommands.js';
import { nothing, refuse, type Decided } from './ticketSettingsErrors.js';
import type { FieldDefinition, TicketSettingsState, TicketTemplate } from './ticketSettingsTypes.js';
import { unknownType } from './typeDecide.js';

const unknownTemplate = (templateId: string) => refuse('ticket-settings.unknown-template', `no ticket template ${templateId}`, 'data.templateId', { templateId });

const sameFields = (a: readonly FieldDefinition[], b: readonly FieldDefinition[]): boolean =>
  a.length === b.length &&
  a.every((f, i) => {
    const g = b[i]!;
    return f.fieldId === g.fieldId && f.name === g.name && f.kind === g.kind && f.required === g.required && (f.options ?? []).join('\u0000') === (g.options ?? []).join('\u0000') && (f.options === undefined) === (g.options === undefined);
  });

const sameTemplate = (t: TicketTemplate, name: string, fields: readonly FieldDefinition[], enabled: boolean): boolean => t.name === name && t.enabled === enabled && sameFields(t.fields, fields);

export const defineTemplate = (c: TicketSettingsCommandOf<'DefineTicketTemplate'>, s: TicketSettingsState): Decided => {
  const { templateId, fields } = c.data;
  const name = c.data.name.trim();
  const enabled = c.data.enabled ?? true;
  const existing = s.templates.get(templateId);
  if (existing !== undefined && sameTemplate(existing, name, fields, enabled)) return nothing;
  if (existing === undefined && s.templates.size >= MAX_TEMPLATES) return refuse('ticket-settings.too-many-templates', `a shop has at most ${MAX_TEMPLATES} templates`, 'data.templateId', { max: MAX_TEMPLATES });
  return E.right([{ type: 'TicketTemplateDefined', data: { templateId, name, fields, enabled, at: c.meta.now } }]);
};

export const setTemplateEnabled = (c: TicketSettingsCommandOf<'SetTicketTemplateEnabled'>, s: TicketSettingsState): Decided => {
  const template = s.templates.get(c.data.templateId);
  if (template === undefined) return unknownTemplate(c.data.templateId);
  return template.enabled === c.data.enabled ? nothing : E.right([{ type: 'TicketTemplateEnabledSet', data: { templateId: template.templateId, enabled: c.data.enabled, at: c.meta.now } }]);
};

export const bindTemplate = (c: TicketSettingsCommandOf<'BindTicketTemplate'>, s: TicketSettingsState): Decided => {
  const { templateId, typeId } = c.data;
  const template = s.templates.get(templateId);
  if (template === undefined) return unknownTemplate(templateId);
  if (!s.types.has(typeId)) return unknownType(typeId);
  if (template.typeId === typeId) return nothing;
  if (template.typeId !== undefined) return refuse('ticket-settings.already-bound', `template ${templateId} is bound to type ${template.typeId} already`, 'data.templateId', { templateId, typeId: template.typeId });
  const other = s.templateOfType.get(typeId);
  if (other !== undefined) return refuse('ticket-settings.already-bound', `type ${typeId} has template ${other} already`, 'data.typeId', { typeId, templateId: other });
  return E.right([{ type: 'TicketTemplateBound', data: { templateId, typeId, at: c.meta.now } }]);
};

export const unbindTemplate = (c: TicketSettingsCommandOf<'UnbindTicketTemplate'>, s: TicketSettingsState): Decided => {
  const template = s.templates.get(c.data.templateId);
  if (template === undefined) return unknownTemplate(c.data.templateId);
  return template.typeId === undefined ? nothing : E.right([{ type: 'TicketTemplateUnbound', data: { templateId: template.templateId, typeId: template.typeId, at: c.meta.now } }]);
};

export const removeTemplate = (c: TicketSettingsCommandOf<'RemoveTicketTemplate'>, s: TicketSettingsState): Decided =>
  s.templates.has(c.data.templateId) ? E.right([{ type: 'TicketTemplateRemoved', data: { templateId: c.data.templateId, at: c.meta.now } }]) : unknownTemplate(c.data.templateId);

