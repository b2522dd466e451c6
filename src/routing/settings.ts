/**
 * The shop's routing settings (P2: changed by admins only) and the precedence
 * pipeline (R9), which is explicit configuration: the steps run in the order
 * given and the first one that decides wins; the queue is the last resort.
 */
import * as t from 'io-ts';
import { describeValue, intInRange, oneOf, struct } from '../domain/validation.js';
import type { BaseMode } from './model.js';

export const PIPELINE_STEPS = ['blacklist', 'customer-pin', 'customer-choice', 'entry-group', 'channel-pin', 'sticky', 'base-mode'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/**
 * R9's default order, with the customer's own choice (R8) right after an explicit
 * pin, and the entry group (R13: chosen at the entry point, for this session) before
 * the channel's rule (R6: for every session of the channel): the more specific wins.
 */
export const DEFAULT_PIPELINE: readonly PipelineStep[] = PIPELINE_STEPS;

/** Whether a manual path may take an agent above max (A2's over-capacity flag then shows it) or is refused. */
export type CapacityRule = 'strict' | 'allow-over';

/**
 * A2 on every path. Auto-assignment never exceeds max (not a setting). The manual
 * paths each have their rule. Defaults: a pick from the queue is strict (the agent
 * picks for itself: at max, it should finish a session first); a transfer, an
 * invitation, a barge-in and an outreach may exceed max with the flag raised,
 * because each is a person's deliberate act on a session already under way (a
 * colleague handing over a customer it cannot help, a lead joining to supervise):
 * refusing it would leave the customer where they are worse served, and the board
 * shows the flag. A shop that wants max to be a hard limit sets them all strict.
 */
export interface CapacitySettings {
  readonly manualPick: CapacityRule;
  readonly transfer: CapacityRule;
  readonly invitation: CapacityRule;
  readonly bargeIn: CapacityRule;
  readonly proactive: CapacityRule;
}

export const DEFAULT_CAPACITY: CapacitySettings = {
  manualPick: 'strict',
  transfer: 'allow-over',
  invitation: 'allow-over',
  bargeIn: 'allow-over',
  proactive: 'allow-over',
};

/** The most runners-up a decision may record (its events stay small whatever the shop's size). */
export const MAX_RUNNERS_UP = 10;

export interface RoutingSettings {
  readonly baseMode: BaseMode;
  /** R1: on by default. */
  readonly stickyRecentContact: boolean;
  /** How long a last contact counts for stickiness (days; C3 makes it configurable). */
  readonly stickyWindowDays: number;
  /** A5: off by default. */
  readonly adminsExcluded: boolean;
  /** R6/R7 master switch (指定客服分配): off by default. */
  readonly pinningEnabled: boolean;
  /** R8: off by default. */
  readonly customerChoice: boolean;
  /** R10: earliest first (default) or latest first. */
  readonly queueOrder: 'fifo' | 'lifo';
  /** R10: VIP customers jump ahead in the queue. */
  readonly vipFirst: boolean;
  /** S5: a transfer to a specific agent waits for the agent's acceptance. */
  readonly transferNeedsAcceptance: boolean;
  /** How long a transfer waits for acceptance before it expires (seconds). */
  readonly transferAcceptSeconds: number;
  /** R15: these channels' messages never reach the desk (e.g. WeChat OA after a mass push). */
  readonly bypassChannels: readonly string[];
  /** R15: a session already answered by a keyword auto-reply does not reach the desk. */
  readonly keywordReplyFirst: boolean;
  readonly pipeline: readonly PipelineStep[];
  /**
   * R13: when none of an entry group's members is online or busy, the session falls
   * back to the other agents (as R6 does for a channel), or, when false, waits for
   * the group.
   */
  readonly entryGroupFallback: boolean;
  /**
   * What happens to an agent's open sessions when it goes offline, is disabled or
   * frozen: they stay with it (`keep`, the manuals' behaviour), or go back to routing
   * (`requeue`) ahead of later arrivals, in the order they first arrived, the
   * leaving agent excluded; a pinned customer keeps waiting for its agent (R7).
   */
  readonly whenAgentLeaves: 'keep' | 'requeue';
  readonly capacity: CapacitySettings;
  /** How many runners-up each assignment's decision records (0 to MAX_RUNNERS_UP). */
  readonly runnersUp: number;
}

export const DEFAULT_ROUTING_SETTINGS: RoutingSettings = {
  baseMode: 'round-robin', // 人人平等 is the manual's default mode
  stickyRecentContact: true,
  stickyWindowDays: 180,
  adminsExcluded: false,
  pinningEnabled: false,
  customerChoice: false,
  queueOrder: 'fifo',
  vipFirst: true,
  transferNeedsAcceptance: false,
  transferAcceptSeconds: 60,
  bypassChannels: [],
  keywordReplyFirst: false,
  pipeline: DEFAULT_PIPELINE,
  entryGroupFallback: true,
  whenAgentLeaves: 'keep',
  capacity: DEFAULT_CAPACITY,
  runnersUp: 3,
};

const pipelineCodec = new t.Type<readonly PipelineStep[], readonly PipelineStep[], unknown>(
  'Pipeline',
  (u): u is readonly PipelineStep[] =>
    Array.isArray(u) &&
    u.every((s) => (PIPELINE_STEPS as readonly unknown[]).includes(s)) &&
    new Set(u).size === u.length &&
    u.includes('base-mode'),
  (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c, `must be a list of pipeline steps, got ${describeValue(u)}`);
    const unknown = u.filter((s) => !(PIPELINE_STEPS as readonly unknown[]).includes(s));
    if (unknown.length > 0) return t.failure(u, c, `unknown steps ${describeValue(unknown)}; steps are ${PIPELINE_STEPS.join(', ')}`);
    if (new Set(u).size !== u.length) return t.failure(u, c, 'a step appears twice');
    // Without the base mode, sessions would queue while agents sit free: the queue is the last resort only.
    if (!u.includes('base-mode')) return t.failure(u, c, 'the pipeline must include base-mode');
    return t.success(u as PipelineStep[]);
  },
  t.identity,
);

const capacityRule = oneOf('CapacityRule', ['strict', 'allow-over']);
const capacityFields = { manualPick: capacityRule, transfer: capacityRule, invitation: capacityRule, bargeIn: capacityRule, proactive: capacityRule };
const fullCapacityCodec = struct('CapacitySettings', capacityFields);

const settingsFields = {
  baseMode: oneOf('BaseMode', ['least-load', 'round-robin', 'weighted', 'random']),
  stickyRecentContact: t.boolean,
  stickyWindowDays: intInRange(1, 3650),
  adminsExcluded: t.boolean,
  pinningEnabled: t.boolean,
  customerChoice: t.boolean,
  queueOrder: oneOf('QueueOrder', ['fifo', 'lifo']),
  vipFirst: t.boolean,
  transferNeedsAcceptance: t.boolean,
  transferAcceptSeconds: intInRange(5, 86_400),
  bypassChannels: t.readonlyArray(t.string),
  keywordReplyFirst: t.boolean,
  pipeline: pipelineCodec,
  entryGroupFallback: t.boolean,
  whenAgentLeaves: oneOf('WhenAgentLeaves', ['keep', 'requeue']),
  capacity: struct('CapacitySettings', {}, capacityFields),
  runnersUp: intInRange(0, MAX_RUNNERS_UP),
};

/** The full settings, as an event carries them. */
export const routingSettingsCodec = struct('RoutingSettings', { ...settingsFields, capacity: fullCapacityCodec });

/** Every field optional: a command changes only what it names. */
export const routingSettingsPatchCodec = struct('RoutingSettingsPatch', {}, settingsFields);

export type RoutingSettingsPatch = t.TypeOf<typeof routingSettingsPatchCodec>;

/** A patch applied to settings: named fields replace, the capacity rules merge one by one. */
export const applySettingsPatch = (settings: RoutingSettings, patch: RoutingSettingsPatch): RoutingSettings => ({
  ...settings,
  ...patch,
  capacity: { ...settings.capacity, ...patch.capacity },
});

/**
 * Settings written before entry groups, requeue, the capacity rules and decision
 * traces (RoutingConfigured version 1) read as version 2: the new fields take their
 * defaults, and the entry-group step joins a custom pipeline just before the channel
 * pin (or the sticky step, or the base mode), where the default order has it.
 */
export const upcastSettingsV1 = (settings: Record<string, unknown>): Record<string, unknown> => {
  const pipeline = Array.isArray(settings.pipeline) ? [...(settings.pipeline as string[])] : [...DEFAULT_PIPELINE];
  if (!pipeline.includes('entry-group')) {
    const before = ['channel-pin', 'sticky', 'base-mode'].map((step) => pipeline.indexOf(step)).find((i) => i >= 0) ?? pipeline.length;
    pipeline.splice(before, 0, 'entry-group');
  }
  return {
    entryGroupFallback: DEFAULT_ROUTING_SETTINGS.entryGroupFallback,
    whenAgentLeaves: DEFAULT_ROUTING_SETTINGS.whenAgentLeaves,
    capacity: DEFAULT_CAPACITY,
    runnersUp: DEFAULT_ROUTING_SETTINGS.runnersUp,
    ...settings,
    pipeline,
  };
};
