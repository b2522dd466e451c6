/**
 * T4: the codecs of an SLA policy as an admin writes it: targets per priority
 * in hours and minutes (stored in minutes), reminder rules, recipients and the
 * calendar it counts on. Limits: hours 0..9999, minutes 0..59, a target above
 * zero (resolution below response is allowed: the manual does not forbid it),
 * at most 20 reminders, 50 named people, 500 types.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { agentIdCodec } from '../../domain/ids.js';
import { describeValue, intInRange, mustBeObject, nonEmptyString, oneOf, struct } from '../../domain/validation.js';
import { TICKET_PRIORITIES, type TicketPriority } from '../priority.js';
import { at, calendarIdCodec, listOf, typeIdCodec } from './settingsCodecs.js';
import { SLA_CLOCKS, type PolicyCalendar, type PriorityTargets, type Recipients, type ReminderRule, type ReminderWhen } from './ticketSettingsTypes.js';

export const POLICY_NAME_MAX_CHARS = 15;
export const CALENDAR_NAME_MAX_CHARS = 30;
export const MAX_POLICY_TYPES = 500;
export const MAX_REMINDERS = 20;
export const MAX_PEOPLE = 50;
export const MAX_REMINDER_MINUTES = 100_000;
export const MAX_REMINDER_COUNT = 100;

export const policyNameCodec = nonEmptyString(POLICY_NAME_MAX_CHARS);
export const calendarNameCodec = nonEmptyString(CALENDAR_NAME_MAX_CHARS);

const show = describeValue;

const hoursMinutes = struct('Duration', { hours: intInRange(0, 9999), minutes: intInRange(0, 59) });

/** A target as written (hours + minutes), read as minutes, above zero. */
export const durationCodec = new t.Type<number, { hours: number; minutes: number }, unknown>(
  'Duration',
  (u): u is number => Number.isSafeInteger(u) && (u as number) > 0,
  (u, c) => {
    const shaped = hoursMinutes.validate(u, c);
    if (E.isLeft(shaped)) return shaped;
    const minutes = shaped.right.hours * 60 + shaped.right.minutes;
    return minutes > 0 ? t.success(minutes) : t.failure(u, c, 'must be more than 0 minutes');
  },
  (minutes) => ({ hours: Math.floor(minutes / 60), minutes: minutes % 60 }),
);

const priorityTargetsShape = struct('PriorityTargets', { response: durationCodec, resolution: durationCodec });
const priorityTargetsCodec = new t.Type<PriorityTargets, unknown, unknown>(
  'PriorityTargets',
  (u): u is PriorityTargets => typeof u === 'object' && u !== null && Number.isSafeInteger((u as PriorityTargets).responseMinutes) && Number.isSafeInteger((u as PriorityTargets).resolutionMinutes),
  (u, c) => E.map((p: t.TypeOf<typeof priorityTargetsShape>): PriorityTargets => ({ responseMinutes: p.response, resolutionMinutes: p.resolution }))(priorityTargetsShape.validate(u, c)),
  (p) => priorityTargetsShape.encode({ response: p.responseMinutes, resolution: p.resolutionMinutes }),
);

/** T4 服务目标: the three priorities, each a response and a resolution target. */
export const targetsCodec = struct(
  'SlaTargets',
  Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, priorityTargetsCodec])) as Record<TicketPriority, typeof priorityTargetsCodec>,
);

const minutesCodec = intInRange(1, MAX_REMINDER_MINUTES);
const whenCodecs = {
  before: struct('ReminderBefore', { kind: t.literal('before'), minutes: minutesCodec }),
  at: struct('ReminderAt', { kind: t.literal('at') }),
  after: struct('ReminderAfter', { kind: t.literal('after'), everyMinutes: minutesCodec, count: intInRange(1, MAX_REMINDER_COUNT) }),
};
const whenKindCodec = oneOf('ReminderKind', ['before', 'at', 'after']);

/** Read by its `kind`, so that a bad number is reported as such, not as "matches no kind". */
export const reminderWhenCodec = new t.Type<ReminderWhen, unknown, unknown>(
  'ReminderWhen',
  (u): u is ReminderWhen => whenCodecs.before.is(u) || whenCodecs.at.is(u) || whenCodecs.after.is(u),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, mustBeObject('ReminderWhen', show(u)));
    const raw = (u as { kind?: unknown }).kind;
    const kind = whenKindCodec.validate(raw, at(c, 'kind', raw));
    if (E.isLeft(kind)) return kind;
    return whenCodecs[kind.right].validate(u, c) as t.Validation<ReminderWhen>;
  },
  t.identity,
);

export const reminderRuleCodec: t.Type<ReminderRule, unknown, unknown> = struct('ReminderRule', { clock: oneOf('SlaClock', SLA_CLOCKS), when: reminderWhenCodec });
export const remindersCodec = listOf('Reminders', reminderRuleCodec, 0, MAX_REMINDERS);

export const recipientsCodec: t.Type<Recipients, unknown, unknown> = struct('Recipients', {
  assignee: t.boolean,
  creator: t.boolean,
  people: listOf('People', agentIdCodec, 0, MAX_PEOPLE, (id) => id),
});

const calendarRefCodecs = {
  '24x7': struct('Always', { kind: t.literal('24x7') }),
  calendar: struct('NamedCalendar', { kind: t.literal('calendar'), calendarId: calendarIdCodec }),
};
const calendarKindCodec = oneOf('PolicyCalendarKind', ['24x7', 'calendar']);

export const policyCalendarCodec = new t.Type<PolicyCalendar, unknown, unknown>(
  'PolicyCalendar',
  (u): u is PolicyCalendar => calendarRefCodecs['24x7'].is(u) || calendarRefCodecs.calendar.is(u),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, mustBeObject('PolicyCalendar', show(u)));
    const raw = (u as { kind?: unknown }).kind;
    const kind = calendarKindCodec.validate(raw, at(c, 'kind', raw));
    if (E.isLeft(kind)) return kind;
    return calendarRefCodecs[kind.right].validate(u, c) as t.Validation<PolicyCalendar>;
  },
  t.identity,
);

/** 触发条件: 1..500 distinct type ids. */
export const policyTypeIdsCodec = listOf('PolicyTypes', typeIdCodec, 1, MAX_POLICY_TYPES, (id) => id);
