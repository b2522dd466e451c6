/**
 * S16 (消息数据保留): how long a shop keeps what was written in its sessions: one
 * month, three months, half a year, or forever (the default: deleting by default
 * would surprise). The window counts from a session's last message; once it has
 * passed, the session's key is destroyed (runtime/contentProtection) and its
 * contents read as expired everywhere, while ids, kinds, times and counts stay.
 *
 * A month is not a fixed length, so each window is the longest its months can be
 * (31, 92 and 184 days): a shop never loses a message earlier than the calendar
 * reading of its setting would, and at most three days later.
 */
import { oneOf } from '../validation.js';

export const RETENTIONS = ['1-month', '3-months', '6-months', 'forever'] as const;
export type Retention = (typeof RETENTIONS)[number];

export const DEFAULT_RETENTION: Retention = 'forever';

export const retentionCodec = oneOf('Retention', RETENTIONS);

const DAY_MS = 86_400_000;

const WINDOW_DAYS: Readonly<Record<Exclude<Retention, 'forever'>, number>> = { '1-month': 31, '3-months': 92, '6-months': 184 };

/** The window in milliseconds, or undefined for `forever`. */
export const retentionWindowMs = (retention: Retention): number | undefined =>
  retention === 'forever' ? undefined : WINDOW_DAYS[retention] * DAY_MS;
