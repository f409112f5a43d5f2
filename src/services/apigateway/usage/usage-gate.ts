/**
 * Throttling, API keys and usage plans on the data plane, in API Gateway's order:
 * - `throttle` (before the authorizer): the stage's method throttle ("*\/*" defaults or the
 *   method's own settings), then the account's limit for the Region → THROTTLED (429).
 * - `admitKey` (after the authorizer), for methods with apiKeyRequired: the key from the
 *   x-api-key header (apiKeySource HEADER) or the authorizer's usageIdentifierKey (AUTHORIZER);
 *   a missing, unknown or disabled key, or one in no usage plan of this API stage → INVALID_API_KEY
 *   (403 Forbidden); then the plan's per-key throttle (a method's own throttle in the plan's API
 *   stage replaces the plan's) → THROTTLED; then the plan's quota → QUOTA_EXCEEDED (429).
 *   An admitted request is counted, durably, before the call goes on.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */
import type { Clock } from "../../../core/clock.js";
import type { ServiceDeps } from "../../../core/service.js";
import type { ApiCall, Refusal } from "../invoke/api-call.js";
import { limitOf, stageThrottle } from "./method-settings.js";
import type { UsagePlanRecord } from "./records.js";
import { TokenBuckets, type BucketRequest, type Limit } from "./token-buckets.js";
import { UsageCounters } from "./usage-counters.js";
import { UsageState } from "./usage-state.js";
import { UsageStore } from "./usage-store.js";

export class UsageGate {
  /** API keys, usage plans and account settings (the management operations use these). */
  readonly state: UsageState;
  readonly counters: UsageCounters;
  private readonly store: UsageStore;
  private readonly buckets: TokenBuckets;
  private readonly clock: Clock;

  constructor(deps: ServiceDeps) {
    this.store = new UsageStore(deps.db);
    this.state = new UsageState(this.store);
    this.counters = new UsageCounters(this.store);
    this.buckets = new TokenBuckets(deps.clock);
    this.clock = deps.clock;
  }

  start(): void {
    this.state.load();
    this.counters.load();
  }

  reset(): void {
    this.store.reset();
    this.state.clear();
    this.counters.clear();
    this.buckets.clear();
  }

  /** Account, stage and method throttling, before the authorizer. */
  throttle(call: ApiCall): Refusal | undefined {
    const { api, stage } = call;
    const verb = call.request.method.toUpperCase();
    const wants: BucketRequest[] = [];
    const method = stageThrottle(stage, call.resource.path, verb);
    if (method) wants.push({ scope: `method|${api.id}|${stage.stageName}|${call.resource.path}|${verb}`, limit: method });
    const account = this.state.account(api).throttle;
    const accountLimit = limitOf(account.rateLimit, account.burstLimit);
    if (accountLimit) wants.push({ scope: `account|${api.accountId}|${api.region}`, limit: accountLimit });
    return this.buckets.takeAll(wants) ? undefined : { type: "THROTTLED" };
  }

  /** API key, usage plan throttle and quota, after the authorizer (its usageIdentifierKey). */
  async admitKey(call: ApiCall): Promise<Refusal | undefined> {
    if (!call.method.apiKeyRequired) return undefined;
    const value = keyValue(call);
    const key = value === undefined ? undefined : this.state.keyByValue(value, call.api);
    if (!key || !key.enabled) return { type: "INVALID_API_KEY" };
    const plan = this.state.plansForStage(call.api, call.api.id, call.stage.stageName).find((p) => p.keyIds.includes(key.id));
    if (!plan) return { type: "INVALID_API_KEY" };
    call.apiKey = { id: key.id, value: key.value };

    const limit = planThrottle(plan, call);
    if (limit && !this.buckets.takeAll([{ scope: `plan|${plan.id}|${key.id}|${limit.scope}`, limit: limit.limit }])) return { type: "THROTTLED" };

    const now = this.clock.now();
    if (plan.quota) {
      const used = this.counters.usedInPeriod(plan.id, key.id, plan.quota, now);
      if (used >= this.counters.limitFor(plan.id, key.id, plan.quota, now)) return { type: "QUOTA_EXCEEDED" };
    }
    await this.counters.count(plan.id, key.id, now);
    return undefined;
  }
}

/** The key the call presents: a header (any case) or what the authorizer returned. */
function keyValue(call: ApiCall): string | undefined {
  const source = call.deployment.apiKeySource ?? call.api.apiKeySource;
  if (source === "AUTHORIZER") return call.authorizer?.usageIdentifierKey || undefined;
  const header = call.request.headers.find(([name]) => name.toLowerCase() === "x-api-key");
  return header?.[1] || undefined;
}

/** The plan's throttle for this key and method: the method's own in the API stage, else the plan's. */
function planThrottle(plan: UsagePlanRecord, call: ApiCall): { scope: string; limit: Limit } | undefined {
  const apiStage = plan.apiStages.find((s) => s.apiId === call.api.id && s.stage === call.stage.stageName);
  const verb = call.request.method.toUpperCase();
  const path = call.resource.path;
  const base = path === "/" ? "" : path;
  for (const methodKey of [`${path}/${verb}`, `${base}/${verb}`, `${path}/*`, `${base}/*`]) {
    const own = apiStage?.throttle?.[methodKey];
    const limit = own ? limitOf(own.rateLimit, own.burstLimit) : undefined;
    if (limit) return { scope: `${call.api.id}:${call.stage.stageName}${methodKey}`, limit };
  }
  const limit = plan.throttle ? limitOf(plan.throttle.rateLimit, plan.throttle.burstLimit) : undefined;
  return limit ? { scope: "plan", limit } : undefined;
}
