/**
 * The shop's routing settings (P2: changed by admins only) and the precedence
 * pipeline (R9), which is explicit configuration: the steps run in the order
 * given and the first one that decides wins; the queue is the last resort.
 */
import * as t from 'io-ts';
import { intInRange, oneOf, struct } from '../domain/validation.js';
import type { BaseMode } from './model.js';

export const PIPELINE_STEPS = ['blacklist', 'customer-pin', 'customer-choice', 'channel-pin', 'sticky', 'base-mode'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

/** R9's default order, with the customer's own choice (R8) right after an explicit pin. */
export const DEFAULT_PIPELINE: readonly PipelineStep[] = PIPELINE_STEPS;

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
};

const pipelineCodec = new t.Type<readonly PipelineStep[], readonly PipelineStep[], unknown>(
  'Pipeline',
  (u): u is readonly PipelineStep[] =>
    Array.isArray(u) &&
    u.every((s) => (PIPELINE_STEPS as readonly unknown[]).includes(s)) &&
    new Set(u).size === u.length &&
    u.includes('base-mode'),
  (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c, 'must be a list of pipeline steps');
    const unknown = u.filter((s) => !(PIPELINE_STEPS as readonly unknown[]).includes(s));
    if (unknown.length > 0) return t.failure(u, c, `unknown steps ${JSON.stringify(unknown)}; steps are ${PIPELINE_STEPS.join(', ')}`);
    if (new Set(u).size !== u.length) return t.failure(u, c, 'a step appears twice');
    // Without the base mode, sessions would queue while agents sit free: the queue is the last resort only.
    if (!u.includes('base-mode')) return t.failure(u, c, 'the pipeline must include base-mode');
    return t.success(u as PipelineStep[]);
  },
  t.identity,
);

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
};

/** The full settings, as an event carries them. */
export const routingSettingsCodec = struct('RoutingSettings', settingsFields);

/** Every field optional: a command changes only what it names. */
export const routingSettingsPatchCodec = struct('RoutingSettingsPatch', {}, settingsFields);

export type RoutingSettingsPatch = t.TypeOf<typeof routingSettingsPatchCodec>;
