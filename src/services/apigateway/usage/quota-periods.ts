/**
 * Quota periods in UTC. A DAY starts at midnight; a WEEK on the weekday its offset names (0 is
 * Sunday, 1 Monday …); a MONTH on day offset+1 of the month. Usage is counted per UTC day, so a
 * period is a run of whole days.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_QuotaSettings.html
 */
import type { QuotaPeriod } from "./records.js";

export const DAY_MS = 86_400_000;

/** The highest offset each period accepts (MONTH stops at 27 so every month has the day). */
export const MAX_OFFSET: Record<QuotaPeriod, number> = { DAY: 0, WEEK: 6, MONTH: 27 };

export function isQuotaPeriod(p: unknown): p is QuotaPeriod {
  return p === "DAY" || p === "WEEK" || p === "MONTH";
}

/** Midnight UTC of the day `ms` falls in. */
export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** "YYYY-MM-DD" of the UTC day `ms` falls in. */
export function dayOf(ms: number): string {
  return new Date(startOfDay(ms)).toISOString().slice(0, 10);
}

/** Midnight UTC of a "YYYY-MM-DD" day, or undefined when it is not a real date. */
export function parseDay(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return dayOf(ms) === text ? ms : undefined;
}

/** When the period containing `ms` started. */
export function periodStart(ms: number, period: QuotaPeriod, offset: number): number {
  const day = startOfDay(ms);
  const d = new Date(day);
  if (period === "DAY") return day;
  if (period === "WEEK") return day - ((d.getUTCDay() - offset + 7) % 7) * DAY_MS;
  const startDate = offset + 1;
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth();
  return d.getUTCDate() >= startDate ? Date.UTC(year, month, startDate) : Date.UTC(year, month - 1, startDate);
}

/** Each day from `from` to `to` (midnights, inclusive). */
export function daysBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let d = startOfDay(from); d <= to; d += DAY_MS) out.push(d);
  return out;
}
