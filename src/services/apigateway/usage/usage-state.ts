/**
 * API keys, usage plans and account settings held in memory and written through to the store
 * before an operation answers. Lookups by id check the caller's account and Region, as every
 * API Gateway resource is regional.
 */
import { ApiGatewayErrors } from "../errors.js";
import { ACCOUNT_DEFAULT_THROTTLE, type AccountRecord, type ApiKeyRecord, type UsagePlanRecord } from "./records.js";
import type { UsageStore } from "./usage-store.js";

export interface Where {
  accountId: string;
  region: string;
}

export const UsageErrors = {
  invalidKey: () => ApiGatewayErrors.notFound("Invalid API Key identifier specified"),
  invalidPlan: () => ApiGatewayErrors.notFound("Invalid Usage Plan ID specified"),
  invalidPlanKey: () => ApiGatewayErrors.notFound("Invalid Usage Plan Key identifier specified"),
  keyExists: () => ApiGatewayErrors.conflict("API Key already exists"),
} as const;

export class UsageState {
  private readonly keys = new Map<string, ApiKeyRecord>();
  /** "{account}/{region}/{value}" → key id: values are unique within an account and Region. */
  private readonly byValue = new Map<string, string>();
  private readonly plans = new Map<string, UsagePlanRecord>();
  private readonly accounts = new Map<string, AccountRecord>();

  constructor(readonly store: UsageStore) {}

  load(): void {
    for (const k of this.store.loadKeys()) this.remember(k);
    for (const p of this.store.loadPlans()) this.plans.set(p.id, p);
    for (const { scope, account } of this.store.loadAccounts()) this.accounts.set(scope, account);
  }

  clear(): void {
    this.keys.clear();
    this.byValue.clear();
    this.plans.clear();
    this.accounts.clear();
  }

  // --- API keys ---

  key(id: string, where: Where): ApiKeyRecord {
    const k = this.keys.get(id);
    if (!k || k.accountId !== where.accountId || k.region !== where.region) throw UsageErrors.invalidKey();
    return k;
  }

  keyByValue(value: string, where: Where): ApiKeyRecord | undefined {
    const id = this.byValue.get(valueIndex(where, value));
    return id === undefined ? undefined : this.keys.get(id);
  }

  keysOf(where: Where): ApiKeyRecord[] {
    return [...this.keys.values()].filter((k) => k.accountId === where.accountId && k.region === where.region);
  }

  async saveKey(k: ApiKeyRecord): Promise<void> {
    this.remember(k);
    await this.store.saveKey(k);
  }

  /** Deletes a key and takes it out of every plan it was in. */
  async deleteKey(k: ApiKeyRecord): Promise<void> {
    this.keys.delete(k.id);
    this.byValue.delete(valueIndex(k, k.value));
    const touched = this.plansOf(k).filter((p) => p.keyIds.includes(k.id));
    for (const p of touched) p.keyIds = p.keyIds.filter((id) => id !== k.id);
    await this.store.deleteKey(k.id, touched);
  }

  /** Saves keys and plans in one commit. */
  async saveAll(keys: ApiKeyRecord[], plans: UsagePlanRecord[]): Promise<void> {
    for (const k of keys) this.remember(k);
    for (const p of plans) this.plans.set(p.id, p);
    await this.store.saveAll(keys, plans);
  }

  // --- usage plans ---

  plan(id: string, where: Where): UsagePlanRecord {
    const p = this.plans.get(id);
    if (!p || p.accountId !== where.accountId || p.region !== where.region) throw UsageErrors.invalidPlan();
    return p;
  }

  plansOf(where: Where): UsagePlanRecord[] {
    return [...this.plans.values()].filter((p) => p.accountId === where.accountId && p.region === where.region);
  }

  /** The plans of this account and Region that include the API's stage. */
  plansForStage(where: Where, apiId: string, stage: string): UsagePlanRecord[] {
    return this.plansOf(where).filter((p) => p.apiStages.some((s) => s.apiId === apiId && s.stage === stage));
  }

  async savePlan(p: UsagePlanRecord): Promise<void> {
    this.plans.set(p.id, p);
    await this.store.savePlan(p);
  }

  async deletePlan(p: UsagePlanRecord): Promise<void> {
    this.plans.delete(p.id);
    await this.store.deletePlan(p.id);
  }

  // --- account ---

  account(where: Where): AccountRecord {
    return this.accounts.get(scopeOf(where)) ?? { throttle: { ...ACCOUNT_DEFAULT_THROTTLE } };
  }

  async saveAccount(where: Where, a: AccountRecord): Promise<void> {
    this.accounts.set(scopeOf(where), a);
    await this.store.saveAccount(scopeOf(where), a);
  }

  private remember(k: ApiKeyRecord): void {
    const old = this.keys.get(k.id);
    if (old) this.byValue.delete(valueIndex(old, old.value));
    this.keys.set(k.id, k);
    this.byValue.set(valueIndex(k, k.value), k.id);
  }
}

function scopeOf(where: Where): string {
  return `${where.accountId}/${where.region}`;
}

function valueIndex(where: Where, value: string): string {
  return `${where.accountId}/${where.region}/${value}`;
}
