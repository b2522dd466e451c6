/**
 * The demo's shop, as its admin would set it up in the morning: three groups of
 * agents on shifts, five channels, least-load routing with stickiness and
 * pinning, a business calendar (09:00-22:00 in Shanghai), the auto-reply texts,
 * the no-response timeouts, and the ticket settings with an SLA policy per
 * priority. Plain data: the day (demoDay.ts) and the driver (runDemo.ts) read it.
 */
import type { Actor } from '../domain/envelope.js';

export const DEMO_SHOP = 'tea-house';
export const DEMO_ZONE = 'Asia/Shanghai';
/** The simulated day, a local date in the shop's zone. */
export const DEMO_DAY = '2026-12-03';
/** Local midnight of DEMO_DAY in Shanghai (UTC+8, no DST). */
export const DAY_START = Date.UTC(2026, 11, 2, 16, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** An instant of the demo day from its local time. */
export const localTime = (hours: number, minutes = 0): number => DAY_START + hours * HOUR + minutes * MINUTE;

export const SYSTEM: Actor = { kind: 'system' };
export const agentActor = (id: string): Actor => ({ kind: 'agent', id });
export const customerActor = (id: string): Actor => ({ kind: 'customer', id });

export const CHANNELS = ['web-mall', 'app', 'wechat', 'douyin', 'mini-program'] as const;
export const CHANNEL_WEIGHTS: readonly number[] = [35, 25, 20, 12, 8];

export interface DemoGroup {
  readonly groupId: string;
  readonly name: string;
  /** The share of arrivals that come in for this group. */
  readonly weight: number;
}

export const GROUPS: readonly DemoGroup[] = [
  { groupId: 'presale', name: '售前咨询', weight: 55 },
  { groupId: 'aftersale', name: '售后服务', weight: 30 },
  { groupId: 'logistics', name: '物流查询', weight: 15 },
];

/** A stretch of the day, local hours as decimals (12.5 = 12:30). */
export interface Stretch {
  readonly from: number;
  readonly to: number;
}

export interface DemoAgent {
  readonly agentId: string;
  readonly name: string;
  readonly groups: readonly string[];
  readonly maxSessions: number;
  /** Online from `from` to `to` (local hours). */
  readonly shift: Stretch;
  /** Busy (no new sessions, keeps its own) during this stretch. */
  readonly break?: Stretch;
  /** The median seconds it takes to answer; a slow agent now and then lets a timeout fire. */
  readonly replyMedianSec: number;
}

const EARLY: Stretch = { from: 8.75, to: 17.5 };
const MIDDLE: Stretch = { from: 10, to: 19 };
const LATE: Stretch = { from: 13, to: 22 };
const LUNCH_A: Stretch = { from: 12, to: 12.75 };
const LUNCH_B: Stretch = { from: 12.75, to: 13.5 };
const DINNER: Stretch = { from: 17.5, to: 18 };

/** Twenty agents in three groups: eight pre-sale, seven after-sale (two also do logistics), five logistics. */
export const AGENTS: readonly DemoAgent[] = [
  { agentId: 'a01', name: '小林', groups: ['presale'], maxSessions: 5, shift: EARLY, break: LUNCH_A, replyMedianSec: 20 },
  { agentId: 'a02', name: '小王', groups: ['presale'], maxSessions: 5, shift: EARLY, break: LUNCH_B, replyMedianSec: 25 },
  { agentId: 'a03', name: '小赵', groups: ['presale'], maxSessions: 6, shift: EARLY, break: LUNCH_A, replyMedianSec: 18 },
  { agentId: 'a04', name: '小陈', groups: ['presale'], maxSessions: 5, shift: MIDDLE, break: LUNCH_B, replyMedianSec: 30 },
  { agentId: 'a05', name: '小刘', groups: ['presale'], maxSessions: 5, shift: LATE, break: DINNER, replyMedianSec: 22 },
  { agentId: 'a06', name: '小杨', groups: ['presale'], maxSessions: 6, shift: LATE, replyMedianSec: 20 },
  { agentId: 'a07', name: '小黄', groups: ['presale'], maxSessions: 5, shift: LATE, break: DINNER, replyMedianSec: 28 },
  // Starts mid-morning: a late arrival to work.
  { agentId: 'a08', name: '小周', groups: ['presale'], maxSessions: 4, shift: { from: 11.5, to: 20 }, replyMedianSec: 35 },
  { agentId: 'a09', name: '小吴', groups: ['aftersale'], maxSessions: 4, shift: EARLY, break: LUNCH_A, replyMedianSec: 30 },
  { agentId: 'a10', name: '小徐', groups: ['aftersale'], maxSessions: 4, shift: EARLY, break: LUNCH_B, replyMedianSec: 26 },
  // The slow one: its customers sometimes wait past the agent no-response timeout.
  { agentId: 'a11', name: '小孙', groups: ['aftersale'], maxSessions: 4, shift: MIDDLE, break: LUNCH_A, replyMedianSec: 90 },
  { agentId: 'a12', name: '小马', groups: ['aftersale'], maxSessions: 5, shift: LATE, replyMedianSec: 24 },
  { agentId: 'a13', name: '小朱', groups: ['aftersale'], maxSessions: 4, shift: LATE, break: DINNER, replyMedianSec: 27 },
  { agentId: 'a14', name: '小胡', groups: ['aftersale', 'logistics'], maxSessions: 5, shift: EARLY, break: LUNCH_B, replyMedianSec: 22 },
  // Leaves early in the afternoon.
  { agentId: 'a15', name: '小郭', groups: ['aftersale', 'logistics'], maxSessions: 5, shift: { from: 9, to: 15 }, replyMedianSec: 25 },
  { agentId: 'a16', name: '小何', groups: ['logistics'], maxSessions: 6, shift: EARLY, break: LUNCH_A, replyMedianSec: 20 },
  { agentId: 'a17', name: '小高', groups: ['logistics'], maxSessions: 6, shift: MIDDLE, break: LUNCH_B, replyMedianSec: 23 },
  { agentId: 'a18', name: '小罗', groups: ['logistics'], maxSessions: 6, shift: LATE, break: DINNER, replyMedianSec: 21 },
  { agentId: 'a19', name: '小郑', groups: ['logistics'], maxSessions: 5, shift: LATE, replyMedianSec: 24 },
  { agentId: 'a20', name: '小梁', groups: ['logistics', 'presale'], maxSessions: 5, shift: { from: 14, to: 22 }, replyMedianSec: 26 },
];

/** The business calendar: open every day 09:00-22:00 in Shanghai. */
export const BUSINESS_HOURS = {
  kind: 'weekly',
  zone: DEMO_ZONE,
  week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '22:00' }]])),
} as const;

/** The acceptance group of after-sale tickets: the after-sale agents. */
export const TICKET_GROUP = 'tg-aftersale';
export const TICKET_TYPE = 'after-sale';

const hm = (minutes: number) => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 });

/** One command input for the engine. */
export interface DemoInput {
  readonly type: string;
  readonly shopId: string;
  readonly actor: Actor;
  readonly data: Record<string, unknown>;
}

const input = (type: string, data: Record<string, unknown>, actor: Actor = SYSTEM): DemoInput => ({ type, shopId: DEMO_SHOP, actor, data });

/** What the admin sets up before the day starts, in order. */
export const shopSetup = (): readonly DemoInput[] => [
  input('ConfigureRouting', {
    settings: { baseMode: 'least-load', stickyRecentContact: true, pinningEnabled: true, vipFirst: true, whenAgentLeaves: 'requeue', entryGroupFallback: true },
  }),
  ...GROUPS.map((g) => input('CreateGroup', { groupId: g.groupId, name: g.name })),
  ...AGENTS.map((a) => input('RegisterAgent', { agentId: a.agentId, name: a.name, maxSessions: a.maxSessions, groups: a.groups })),
  input('ChangeShopSettings', {
    businessHours: BUSINESS_HOURS,
    autoReplies: {
      welcome: '您好，欢迎光临茶舍，请问有什么可以帮您？',
      queueNotice: '当前咨询人数较多，您已进入排队，请稍候。',
      afterHoursNotice: '您好，我们的服务时间是每天 09:00-22:00，客服上线后会第一时间回复您。',
      customerNoResponsePrompt: '请问还有其他问题吗？',
      agentNoResponsePrompt: '抱歉让您久等了，客服马上回复您。',
    },
    timeouts: {
      customerNoResponse: { promptAfterSeconds: 120, endAfterSeconds: 300 },
      agentNoResponse: { promptAfterSeconds: 90, endAfterSeconds: 240, onTimeout: 'requeue' },
    },
  }),
  input('CreateAcceptanceGroup', { groupId: TICKET_GROUP, name: '售后工单组' }),
  input('AddGroupMembers', { groupId: TICKET_GROUP, agentIds: AGENTS.filter((a) => a.groups.includes('aftersale')).map((a) => a.agentId) }),
  input('AddTicketType', { typeId: TICKET_TYPE, name: '售后' }),
  input('DefineSlaCalendar', { calendarId: 'shop-hours', name: '营业时间', definition: BUSINESS_HOURS }),
  input('DefineSlaPolicy', {
    policyId: 'sla-aftersale',
    name: '售后SLA',
    typeIds: [TICKET_TYPE],
    targets: {
      urgent: { response: hm(30), resolution: hm(240) },
      normal: { response: hm(90), resolution: hm(480) },
      low: { response: hm(240), resolution: hm(1440) },
    },
    reminders: [
      { clock: 'response', when: { kind: 'before', minutes: 15 } },
      { clock: 'response', when: { kind: 'at' } },
      { clock: 'resolution', when: { kind: 'before', minutes: 60 } },
    ],
    recipients: { assignee: true, creator: true, people: ['a09'] },
    calendar: { kind: 'calendar', calendarId: 'shop-hours' },
  }),
];
