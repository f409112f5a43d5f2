/**
 * GetUsage's items: for each API key, one [used, remaining] pair per UTC day of the range, where
 * remaining is what the key had left of its quota period at the end of that day (0 when the plan
 * has no quota).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
 */
import { ApiGatewayErrors } from "../errors.js";
import { daysBetween, parseDay } from "./quota-periods.js";
import type { UsagePlanRecord } from "./records.js";
import type { UsageCounters } from "./usage-counters.js";

export function dateRange(startDate: string, endDate: string): { from: number; to: number } {
  const from = parseDay(startDate);
  if (from === undefined) throw ApiGatewayErrors.badRequest(`Invalid start date specified: ${startDate}. Expected yyyy-MM-dd`);
  const to = parseDay(endDate);
  if (to === undefined) throw ApiGatewayErrors.badRequest(`Invalid end date specified: ${endDate}. Expected yyyy-MM-dd`);
  if (to < from) throw ApiGatewayErrors.badRequest("The end date must not be before the start date");
  return { from, to };
}

export function usageItems(counters: UsageCounters, plan: UsagePlanRecord, keyIds: string[], from: number, to: number): Record<string, number[][]> {
  const items: Record<string, number[][]> = {};
  for (const keyId of keyIds) {
    items[keyId] = daysBetween(from, to).map((day) => [
      counters.usedOn(plan.id, keyId, day),
      plan.quota ? counters.remaining(plan.id, keyId, plan.quota, day) : 0,
    ]);
  }
  return items;
}

