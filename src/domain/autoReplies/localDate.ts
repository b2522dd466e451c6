/**
 * The natural day of an instant in the shop's zone (S9: the welcome is sent at
 * most once per customer per natural day). Pure: the wall time comes from
 * Intl.DateTimeFormat with the zone (calendar/zone.ts, one cached formatter per
 * zone), written as an ISO local date, YYYY-MM-DD, so that dates of the same
 * zone compare as strings and what is stored reads plainly.
 */
import { wallAt } from '../calendar/zone.js';

export const localDateOf = (zone: string, at: number): string => new Date(wallAt(zone, at)).toISOString().slice(0, 10);
