/**
 * T1-T4: folding the settings stream. Plain ReadonlyMaps copied on write: a
 * shop's settings are bounded (500 types, 500 groups, 500 templates), so a
 * change costs a copy of the one map it touches, never of the others. An SLA
 * event appends one version: the latest's content with the change applied (its
 * unchanged policies and calendars are shared, not copied).
 */
import { latestSlaVersion } from './slaVersions.js';
import type { TicketSettingsEvent, TicketSettingsEventOf } from './ticketSettingsEvents.js';
import type { SlaCalendar, SlaPolicy, SlaVersion, TicketSettingsState, TicketType } from './ticketSettingsTypes.js';

export const initialTicketSettingsState = (): TicketSettingsState => ({
  groups: new Map(),
  types: new Map(),
  rootTypes: [],
  templates: new Map(),
  templateOfType: new Map(),
  slaVersions: [],
});

const withEntry = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value);
const without = <K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> => {
  const next = new Map(map);
  next.delete(key);
  return next;
};
const insertAt = (list: readonly string[], position: number, id: string): readonly string[] => {
  const next = [...list];
  next.splice(Math.min(position, next.length), 0, id);
  return next;
};

/** Replaces the children of a parent (or the top level). */
const setSiblings = (state: TicketSettingsState, parentId: string | undefined, siblings: readonly string[]): TicketSettingsState => {
  if (parentId === undefined) return { ...state, rootTypes: siblings };
  const parent = state.types.get(parentId);
  return parent === undefined ? state : { ...state, types: withEntry(state.types, parentId, { ...parent, children: siblings }) };
};
const siblings = (state: TicketSettingsState, parentId: string | undefined) => (parentId === undefined ? state.rootTypes : (state.types.get(parentId)?.children ?? []));

const evolveType = (state: TicketSettingsState, event: TicketSettingsEventOf<'TicketTypeAdded' | 'TicketTypeRenamed' | 'TicketTypeMoved' | 'TicketTypeRemoved'>): TicketSettingsState => {
  switch (event.type) {
    case 'TicketTypeAdded': {
      const { typeId, name, parentId, position } = event.data;
      const type: TicketType = { typeId, name, children: [], ...(parentId === undefined ? {} : { parentId }) };
      const added = { ...state, types: withEntry(state.types, typeId, type) };
      return setSiblings(added, parentId, insertAt(siblings(added, parentId), position, typeId));
    }
    case 'TicketTypeRenamed': {
      const type = state.types.get(event.data.typeId);
      return type === undefined ? state : { ...state, types: withEntry(state.types, type.typeId, { ...type, name: event.data.name }) };
    }
    case 'TicketTypeMoved': {
      const type = state.types.get(event.data.typeId);
      if (type === undefined) return state;
      const others = siblings(state, type.parentId).filter((id) => id !== type.typeId);
      return setSiblings(state, type.parentId, insertAt(others, event.data.position, type.typeId));
    }
    case 'TicketTypeRemoved': {
      const type = state.types.get(event.data.typeId);
      if (type === undefined) return state;
      const detached = setSiblings(state, type.parentId, siblings(state, type.parentId).filter((id) => id !== type.typeId));
      return { ...detached, types: without(detached.types, type.typeId) };
    }
  }
};

const evolveTemplate = (
  state: TicketSettingsState,
  event: TicketSettingsEventOf<'TicketTemplateDefined' | 'TicketTemplateEnabledSet' | 'TicketTemplateBound' | 'TicketTemplateUnbound' | 'TicketTemplateRemoved'>,
): TicketSettingsState => {
  const { templateId } = event.data;
  const current = state.templates.get(templateId);
  switch (event.type) {
    case 'TicketTemplateDefined': {
      const { name, fields, enabled } = event.data;
      return { ...state, templates: withEntry(state.templates, templateId, { templateId, name, fields, enabled, ...(current?.typeId === undefined ? {} : { typeId: current.typeId }) }) };
    }
    case 'TicketTemplateEnabledSet':
      return current === undefined ? state : { ...state, templates: withEntry(state.templates, templateId, { ...current, enabled: event.data.enabled }) };
    case 'TicketTemplateBound':
      return current === undefined
        ? state
        : { ...state, templates: withEntry(state.templates, templateId, { ...current, typeId: event.data.typeId }), templateOfType: withEntry(state.templateOfType, event.data.typeId, templateId) };
    case 'TicketTemplateUnbound': {
      if (current === undefined) return state;
      const { typeId: _bound, ...unbound } = current;
      return { ...state, templates: withEntry(state.templates, templateId, unbound), templateOfType: without(state.templateOfType, event.data.typeId) };
    }
    case 'TicketTemplateRemoved':
      return {
        ...state,
        templates: without(state.templates, templateId),
        templateOfType: current?.typeId === undefined ? state.templateOfType : without(state.templateOfType, current.typeId),
      };
  }
};

const replacePolicy = (policies: readonly SlaPolicy[], policy: SlaPolicy): readonly SlaPolicy[] =>
  policies.some((p) => p.policyId === policy.policyId) ? policies.map((p) => (p.policyId === policy.policyId ? policy : p)) : [...policies, policy];

/** The content of the next version: the latest's with the event's change. */
const nextVersion = (latest: SlaVersion, event: TicketSettingsEventOf<'SlaCalendarDefined' | 'SlaCalendarRemoved' | 'SlaPolicyDefined' | 'SlaPolicyEnabledSet' | 'SlaPolicyRemoved'>): SlaVersion => {
  const { version, effectiveAt } = event.data;
  switch (event.type) {
    case 'SlaCalendarDefined': {
      const { calendarId, name, calendar } = event.data;
      const entry: SlaCalendar = { calendarId, name, calendar };
      return { version, effectiveAt, policies: latest.policies, calendars: withEntry(latest.calendars, calendarId, entry) };
    }
    case 'SlaCalendarRemoved':
      return { version, effectiveAt, policies: latest.policies, calendars: without(latest.calendars, event.data.calendarId) };
    case 'SlaPolicyDefined':
    case 'SlaPolicyEnabledSet':
      return { version, effectiveAt, policies: replacePolicy(latest.policies, event.data.policy), calendars: latest.calendars };
    case 'SlaPolicyRemoved':
      return { version, effectiveAt, policies: latest.policies.filter((p) => p.policyId !== event.data.policyId), calendars: latest.calendars };
  }
};

export const evolveTicketSettings = (state: TicketSettingsState, event: TicketSettingsEvent): TicketSettingsState => {
  switch (event.type) {
    case 'AcceptanceGroupCreated':
      return { ...state, groups: withEntry(state.groups, event.data.groupId, { groupId: event.data.groupId, name: event.data.name, members: [] }) };
    case 'AcceptanceGroupRenamed':
    case 'GroupMembersAdded':
    case 'GroupMembersRemoved': {
      const group = state.groups.get(event.data.groupId);
      if (group === undefined) return state;
      const next =
        event.type === 'AcceptanceGroupRenamed'
          ? { ...group, name: event.data.name }
          : event.type === 'GroupMembersAdded'
            ? { ...group, members: [...group.members, ...event.data.agentIds.filter((id) => !group.members.includes(id))] }
            : { ...group, members: group.members.filter((id) => !event.data.agentIds.includes(id)) };
      return { ...state, groups: withEntry(state.groups, group.groupId, next) };
    }
    case 'AcceptanceGroupRemoved':
      return { ...state, groups: without(state.groups, event.data.groupId) };
    case 'TicketTypeAdded':
    case 'TicketTypeRenamed':
    case 'TicketTypeMoved':
    case 'TicketTypeRemoved':
      return evolveType(state, event);
    case 'TicketTemplateDefined':
    case 'TicketTemplateEnabledSet':
    case 'TicketTemplateBound':
    case 'TicketTemplateUnbound':
    case 'TicketTemplateRemoved':
      return evolveTemplate(state, event);
    case 'SlaCalendarDefined':
    case 'SlaCalendarRemoved':
    case 'SlaPolicyDefined':
    case 'SlaPolicyEnabledSet':
    case 'SlaPolicyRemoved':
      return { ...state, slaVersions: [...state.slaVersions, nextVersion(latestSlaVersion(state), event)] };
    case 'LeftMessageTicketsSet': {
      const { leftMessageTickets: _old, ...rest } = state;
      return event.data.config === null ? rest : { ...rest, leftMessageTickets: event.data.config };
    }
  }
};
