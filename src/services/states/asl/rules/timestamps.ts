/**
 * Timestamps as Step Functions reads them in Choice rules and Wait states: the RFC3339 profile
 * of ISO 8601 with an uppercase `T` between date and time and an uppercase `Z` unless a numeric
 * offset is given ("2016-08-18T17:33:00Z", "2016-08-18T19:33:00.123+02:00").
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
 *
 * AWS parses with Java's ISO offset date-time reader (its Wait error names "ISO-8601 extended
 * offset date-time"), so: seconds are required here, fractions have 1 to 9 digits, the offset is
 * at most ±18:00, the seconds field stops at 59 and calendar dates must exist.
 */

/** A point in time with nanosecond precision. */
export interface Instant {
  /** Whole seconds since 1970-01-01T00:00:00Z (negative before it). */
  readonly epochSecond: number;
  /** 0 ≤ nano < 1e9. */
  readonly nano: number;
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;
const MAX_OFFSET_SECONDS = 18 * 3600;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Parses a timestamp; undefined when the text is not one AWS accepts. */
export function parseTimestamp(text: string): Instant | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offset = 0;
  if (m[8] !== undefined) {
    const offsetHours = Number(m[9]);
    const offsetMinutes = Number(m[10]);
    if (offsetMinutes > 59) return undefined;
    offset = (offsetHours * 3600 + offsetMinutes * 60) * (m[8] === "-" ? -1 : 1);
    if (Math.abs(offset) > MAX_OFFSET_SECONDS) return undefined;
  }
  const nano = m[7] === undefined ? 0 : Number(m[7].padEnd(9, "0"));
  const epochSecond = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  return { epochSecond, nano };
}

export function isTimestamp(value: unknown): boolean {
  return typeof value === "string" && parseTimestamp(value) !== undefined;
}

/** Negative, zero or positive as `a` is before, at or after `b`. */
export function compareInstants(a: Instant, b: Instant): number {
  return a.epochSecond !== b.epochSecond ? Math.sign(a.epochSecond - b.epochSecond) : Math.sign(a.nano - b.nano);
}

/** Milliseconds since the epoch, with the fraction of the second dropped (as Wait does). */
export function instantToEpochMillisTruncated(instant: Instant): number {
  return instant.epochSecond * 1000;
}
