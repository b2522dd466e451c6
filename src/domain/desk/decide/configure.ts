/** P2 settings and shop-level rules: routing settings, groups, channel rules, pins, the blacklist. Admins only (deskPolicy.ts). */
import * as E from 'fp-ts/lib/Either.js';
import equal from 'fast-deep-equal';
import { domainError } from '../../errors.js';
import type { DeskCommandOf } from '../deskCommands.js';
import type { DeskEvent } from '../deskEvents.js';
import type { DeskState } from '../deskState.js';
import { applySettingsPatch } from '../../../routing/settings.js';
import { decided, nothing, type Decided } from './decision.js';
import { emitter } from './emitter.js';
import { fillAll } from './fillFromQueue.js';
import { settleWaiters } from './waiters.js';
import { findAgent, requireGroups } from './lookups.js';


/** Settings whose change can change what a waiting session waits for. */
const RULE_FIELDS = ['pinningEnabled', 'customerChoice', 'entryGroupFallback', 'adminsExcluded', 'pipeline'] as const;

export const configureRouting = (c: DeskCommandOf<'ConfigureRouting'>, state: DeskState): Decided => {
  const settings = applySettingsPatch(state.settings, c.data.settings);
  if (equal(settings, state.settings)) return nothing(state);
  const em = emitter(state);
  em.emit({ type: 'RoutingConfigured', data: { settings, at: c.meta.now } });
  // The rules waiters wait by may have changed: route them again.
  if (RULE_FIELDS.some((field) => !equal(settings[field], state.settings[field]))) settleWaiters(em, { all: true }, c.meta.now, c.meta.seed, 'rule-changed');
  // Who may take work can change (A5 switched off): let every agent take what it now can.
  if (settings.adminsExcluded !== state.settings.adminsExcluded) fillAll(em, state.agents.keys(), c.meta.now, 'admins-included');
  return E.right(em.decision());
};

export const createGroup = (c: DeskCommandOf<'CreateGroup'>, state: DeskState): Decided => {
  if (state.groups.has(c.data.groupId)) return E.left(domainError('group.exists', `group ${c.data.groupId} already exists`));
  return decided(state, [{ type: 'GroupCreated', data: { ...c.data, at: c.meta.now } }]);
};

export const setChannelRule = (c: DeskCommandOf<'SetChannelRule'>, state: DeskState): Decided => {
  const groups = requireGroups(state, c.data.groups);
  if (E.isLeft(groups)) return groups;
  for (const agentId of c.data.agents) {
    const agent = findAgent(state, agentId);
    if (E.isLeft(agent)) return agent;
  }
  const rule = { channel: c.data.channel, groups: c.data.groups, agents: c.data.agents, enabled: c.data.enabled };
  if (equal(state.channelRules.get(c.data.channel), rule)) return nothing(state);
  const em = emitter(state);
  em.emit({ type: 'ChannelRuleSet', data: { ...rule, at: c.meta.now } });
  settleWaiters(em, { channels: [c.data.channel] }, c.meta.now, c.meta.seed, 'rule-changed');
  return E.right(em.decision());
};

/** A pin changed: the customer's waiting session, if any, is routed again by the new rule. */
const withWaitersOf = (state: DeskState, customerId: string, event: DeskEvent, meta: { readonly now: number; readonly seed: number }): Decided => {
  const em = emitter(state);
  em.emit(event);
  settleWaiters(em, { customers: [customerId] }, meta.now, meta.seed, 'rule-changed');
  return E.right(em.decision());
};

export const pinCustomer = (c: DeskCommandOf<'PinCustomer'>, state: DeskState): Decided => {
  const agent = findAgent(state, c.data.agentId);
  if (E.isLeft(agent)) return agent;
  if (state.pins.get(c.data.customerId) === c.data.agentId) return nothing(state);
  return withWaitersOf(state, c.data.customerId, { type: 'CustomerPinned', data: { ...c.data, at: c.meta.now } }, c.meta);
};

export const unpinCustomer = (c: DeskCommandOf<'UnpinCustomer'>, state: DeskState): Decided => {
  if (!state.pins.has(c.data.customerId)) return nothing(state);
  return withWaitersOf(state, c.data.customerId, { type: 'CustomerUnpinned', data: { ...c.data, at: c.meta.now } }, c.meta);
};

export const blacklistCustomer = (c: DeskCommandOf<'BlacklistCustomer'>, state: DeskState): Decided => {
  return decided(state, state.blacklist.has(c.data.customerId) ? [] : [{ type: 'CustomerBlacklisted', data: { ...c.data, at: c.meta.now } }]);
};

export const unblacklistCustomer = (c: DeskCommandOf<'UnblacklistCustomer'>, state: DeskState): Decided => {
  return decided(state, state.blacklist.has(c.data.customerId) ? [{ type: 'CustomerUnblacklisted', data: { ...c.data, at: c.meta.now } }] : []);
};
