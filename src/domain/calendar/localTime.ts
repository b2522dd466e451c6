/**
 * Local times and dates as the definition writes them ("HH:MM", "YYYY-MM-DD"),
 * turned into minutes and day numbers. Day numbers count days since 1970-01-01
 * (a Thursday) in the proleptic Gregorian calendar, the same for every zone.
 */

const timePattern = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes since midnight of "HH:MM" (00:00-24:00), or undefined when malformed. */
export const minutesOf = (time: string): number | undefined => {
  const m = timePattern.exec(time);
  if (m === null) return undefined;
  return m[3] === '24' ? 1440 : Number(m[1]) * 60 + Number(m[2]);
};

/** The day number of "YYYY-MM-DD", or undefined when malformed or not a real date (2026-02-30). */
export const dayNumberOf = (date: string): number | undefined => {
  const m = datePattern.exec(date);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return undefined;
  const at = Date.UTC(y, mo - 1, d);
  if (new Date(at).getUTCDate() !== d) return undefined;
  return at / 86_400_000;
};

/** 0 for Monday ... 6 for Sunday. */
export const weekdayIndex = (day: number): number => (((day + 3) % 7) + 7) % 7;
