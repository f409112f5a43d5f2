/**
 * Requests each API key made under each usage plan, per UTC day, and the quota a period allows.
 * Counts live in memory for the admission check and are committed before the request goes on,
 * so a request answered as admitted is never lost by a restart. UpdateUsage's new "remaining"
 * is kept as the limit of that one period (what was used then, plus the remaining granted).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateUsage.html
 */
import { dayOf, daysBetween, periodStart } from "./quota-periods.js";
import type { QuotaRecord } from "./records.js";
import type { UsageStore } from "./usage-store.js";

export class UsageCounters {
  /** "{plan}|{key}" → day → requests. */
  private readonly counts = new Map<string, Map<string, number>>();
  /** "{plan}|{key}|{periodStart}" → that period's limit. */
  private readonly overrides = new Map<string, number>();

  constructor(private readonly store: UsageStore) {}

  load(): void {
    for (const r of this.store.loadCounts()) this.days(r.planId, r.keyId).set(r.day, r.used);
    for (const o of this.store.loadOverrides()) this.overrides.set(`${o.planId}|${o.keyId}|${o.periodStart}`, o.limit);
  }

  clear(): void {
    this.counts.clear();
    this.overrides.clear();
  }

  /** Forgets what a deleted plan or key counted (the store deletes its rows with it). */
  forget(planId: string | undefined, keyId: string | undefined): void {
    for (const id of [...this.counts.keys()]) {
      const [p, k] = id.split("|");
      if (p === planId || k === keyId) this.counts.delete(id);
    }
    for (const id of [...this.overrides.keys()]) {
      const [p, k] = id.split("|");
      if (p === planId || k === keyId) this.overrides.delete(id);
    }
  }

  /** Requests made on one day. */
  usedOn(planId: string, keyId: string, day: number): number {
    return this.counts.get(`${planId}|${keyId}`)?.get(dayOf(day)) ?? 0;
  }

  /** Requests made from the start of the period containing `at` up to the end of `at`'s day. */
  usedInPeriod(planId: string, keyId: string, quota: QuotaRecord, at: number): number {
    let used = 0;
    for (const d of daysBetween(periodStart(at, quota.period, quota.offset), at)) used += this.usedOn(planId, keyId, d);
    return used;
  }

  /** The limit of the period containing `at`: the plan's, unless UpdateUsage changed it. */
  limitFor(planId: string, keyId: string, quota: QuotaRecord, at: number): number {
    return this.overrides.get(`${planId}|${keyId}|${periodStart(at, quota.period, quota.offset)}`) ?? quota.limit;
  }

  /** What is left of the period's quota at the end of `at`'s day. */
  remaining(planId: string, keyId: string, quota: QuotaRecord, at: number): number {
    return Math.max(0, this.limitFor(planId, keyId, quota, at) - this.usedInPeriod(planId, keyId, quota, at));
  }

  /** Counts one admitted request now (in memory at once) and resolves once it is committed. */
  count(planId: string, keyId: string, at: number): Promise<void> {
    const day = dayOf(at);
    const days = this.days(planId, keyId);
    days.set(day, (days.get(day) ?? 0) + 1);
    return this.store.count(planId, keyId, day, 1);
  }

  /** Sets what remains of the current period's quota. */
  async setRemaining(planId: string, keyId: string, quota: QuotaRecord, at: number, remaining: number): Promise<void> {
    const start = periodStart(at, quota.period, quota.offset);
    const limit = this.usedInPeriod(planId, keyId, quota, at) + remaining;
    this.overrides.set(`${planId}|${keyId}|${start}`, limit);
    await this.store.saveOverride({ planId, keyId, periodStart: start, limit });
  }

  private days(planId: string, keyId: string): Map<string, number> {
    const id = `${planId}|${keyId}`;
    let m = this.counts.get(id);
    if (!m) this.counts.set(id, (m = new Map()));
    return m;
  }
}
