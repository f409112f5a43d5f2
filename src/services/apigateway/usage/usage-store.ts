/**
 * API keys, usage plans, account settings and request counts in SQLite, in tables of their own
 * (component "apigateway-usage"). Keys, plans and accounts are one JSON document each; counts
 * are one row per plan, key and UTC day, incremented in place so a restart never resets a quota.
 * Updates keep a row's rowid, so lists come back in creation order after a restart.
 */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { AccountRecord, ApiKeyRecord, UsagePlanRecord } from "./records.js";

export interface CountRow {
  planId: string;
  keyId: string;
  day: string;
  used: number;
}

export interface OverrideRow {
  planId: string;
  keyId: string;
  periodStart: number;
  limit: number;
}

export class UsageStore {
  private readonly putKey: Statement;
  private readonly delKey: Statement;
  private readonly putPlan: Statement;
  private readonly delPlan: Statement;
  private readonly putAccount: Statement;
  private readonly addCount: Statement;
  private readonly putOverride: Statement;
  private readonly delPlanCounts: Statement;
  private readonly delKeyCounts: Statement;
  private readonly delPlanOverrides: Statement;
  private readonly delKeyOverrides: Statement;

  constructor(private readonly db: Database) {
    db.migrate("apigateway-usage", [
      {
        up: `CREATE TABLE apigateway_api_keys (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
             CREATE TABLE apigateway_usage_plans (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
             CREATE TABLE apigateway_accounts (scope TEXT PRIMARY KEY, doc TEXT NOT NULL);
             CREATE TABLE apigateway_usage_counts (plan_id TEXT NOT NULL, key_id TEXT NOT NULL, day TEXT NOT NULL, used INTEGER NOT NULL,
               PRIMARY KEY (plan_id, key_id, day));
             CREATE TABLE apigateway_quota_overrides (plan_id TEXT NOT NULL, key_id TEXT NOT NULL, period_start INTEGER NOT NULL, quota_limit INTEGER NOT NULL,
               PRIMARY KEY (plan_id, key_id, period_start));`,
      },
    ]);
    this.putKey = db.prepare("INSERT INTO apigateway_api_keys (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc");
    this.delKey = db.prepare("DELETE FROM apigateway_api_keys WHERE id = ?");
    this.putPlan = db.prepare("INSERT INTO apigateway_usage_plans (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc");
    this.delPlan = db.prepare("DELETE FROM apigateway_usage_plans WHERE id = ?");
    this.putAccount = db.prepare("INSERT OR REPLACE INTO apigateway_accounts (scope, doc) VALUES (?, ?)");
    this.addCount = db.prepare(
      "INSERT INTO apigateway_usage_counts (plan_id, key_id, day, used) VALUES (?, ?, ?, ?) ON CONFLICT (plan_id, key_id, day) DO UPDATE SET used = used + excluded.used",
    );
    this.putOverride = db.prepare("INSERT OR REPLACE INTO apigateway_quota_overrides (plan_id, key_id, period_start, quota_limit) VALUES (?, ?, ?, ?)");
    this.delPlanCounts = db.prepare("DELETE FROM apigateway_usage_counts WHERE plan_id = ?");
    this.delKeyCounts = db.prepare("DELETE FROM apigateway_usage_counts WHERE key_id = ?");
    this.delPlanOverrides = db.prepare("DELETE FROM apigateway_quota_overrides WHERE plan_id = ?");
    this.delKeyOverrides = db.prepare("DELETE FROM apigateway_quota_overrides WHERE key_id = ?");
  }

  loadKeys(): ApiKeyRecord[] {
    return this.docs("apigateway_api_keys");
  }

  loadPlans(): UsagePlanRecord[] {
    return this.docs("apigateway_usage_plans");
  }

  loadAccounts(): Array<{ scope: string; account: AccountRecord }> {
    const rows = this.db.prepare("SELECT scope, doc FROM apigateway_accounts").all() as Array<{ scope: string; doc: string }>;
    return rows.map((r) => ({ scope: r.scope, account: JSON.parse(r.doc) }));
  }

  loadCounts(): CountRow[] {
    return this.db.prepare("SELECT plan_id AS planId, key_id AS keyId, day, used FROM apigateway_usage_counts").all() as CountRow[];
  }

  loadOverrides(): OverrideRow[] {
    return this.db.prepare("SELECT plan_id AS planId, key_id AS keyId, period_start AS periodStart, quota_limit AS 'limit' FROM apigateway_quota_overrides").all() as OverrideRow[];
  }

  saveKey(k: ApiKeyRecord): Promise<void> {
    const doc = JSON.stringify(k);
    return this.db.write(() => void this.putKey.run(k.id, doc));
  }

  /** Deletes the key, its counts and overrides, and rewrites the plans it was in. */
  deleteKey(id: string, plans: UsagePlanRecord[]): Promise<void> {
    const docs = plans.map((p) => [p.id, JSON.stringify(p)] as const);
    return this.db.write(() => {
      this.delKey.run(id);
      this.delKeyCounts.run(id);
      this.delKeyOverrides.run(id);
      for (const [pid, doc] of docs) this.putPlan.run(pid, doc);
    });
  }

  /** Saves several keys and plans in one commit (ImportApiKeys). */
  saveAll(keys: ApiKeyRecord[], plans: UsagePlanRecord[]): Promise<void> {
    const k = keys.map((r) => [r.id, JSON.stringify(r)] as const);
    const p = plans.map((r) => [r.id, JSON.stringify(r)] as const);
    return this.db.write(() => {
      for (const [id, doc] of k) this.putKey.run(id, doc);
      for (const [id, doc] of p) this.putPlan.run(id, doc);
    });
  }

  savePlan(p: UsagePlanRecord): Promise<void> {
    const doc = JSON.stringify(p);
    return this.db.write(() => void this.putPlan.run(p.id, doc));
  }

  deletePlan(id: string): Promise<void> {
    return this.db.write(() => {
      this.delPlan.run(id);
      this.delPlanCounts.run(id);
      this.delPlanOverrides.run(id);
    });
  }

  saveAccount(scope: string, a: AccountRecord): Promise<void> {
    const doc = JSON.stringify(a);
    return this.db.write(() => void this.putAccount.run(scope, doc));
  }

  /** Adds `n` requests to a day's count; resolves once committed. */
  count(planId: string, keyId: string, day: string, n: number): Promise<void> {
    return this.db.write(() => void this.addCount.run(planId, keyId, day, n));
  }

  saveOverride(o: OverrideRow): Promise<void> {
    return this.db.write(() => void this.putOverride.run(o.planId, o.keyId, o.periodStart, o.limit));
  }

  reset(): void {
    this.db.transaction(() => {
      for (const t of ["apigateway_api_keys", "apigateway_usage_plans", "apigateway_accounts", "apigateway_usage_counts", "apigateway_quota_overrides"]) this.db.prepare(`DELETE FROM ${t}`).run();
    });
  }

  private docs<T>(table: string): T[] {
    return (this.db.prepare(`SELECT doc FROM ${table} ORDER BY rowid`).all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as T);
  }
}
