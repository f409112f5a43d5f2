/**
 * The checks usage plans share between CreateUsagePlan, UpdateUsagePlan, CreateUsagePlanKey and
 * ImportApiKeys: API stages that exist, throttle and quota values in range, and one plan per API
 * stage for any key (a key in two plans that share an API stage would have two quotas there).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateUsagePlan.html
 */
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { MAX_OFFSET, isQuotaPeriod } from "./quota-periods.js";
import type { ApiStageRecord, QuotaRecord, ThrottleRecord, UsagePlanRecord } from "./records.js";
import type { Where } from "./usage-state.js";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY", "*"]);

export interface ThrottleInput {
  burstLimit?: number;
  rateLimit?: number;
}

export interface QuotaInput {
  limit?: number;
  offset?: number;
  period?: string;
}

export interface ApiStageInput {
  apiId?: string;
  stage?: string;
  throttle?: Record<string, ThrottleInput>;
}

export function checkThrottle(t: ThrottleInput, where = "throttle"): ThrottleRecord {
  const out: ThrottleRecord = {};
  if (t.burstLimit !== undefined && t.burstLimit !== null) {
    if (!Number.isInteger(t.burstLimit) || t.burstLimit < 0) throw ApiGatewayErrors.badRequest(`Invalid ${where} burst limit: ${t.burstLimit}. It must be an integer, 0 or more`);
    out.burstLimit = t.burstLimit;
  }
  if (t.rateLimit !== undefined && t.rateLimit !== null) {
    if (!Number.isFinite(t.rateLimit) || t.rateLimit < 0) throw ApiGatewayErrors.badRequest(`Invalid ${where} rate limit: ${t.rateLimit}. It must be 0 or more`);
    out.rateLimit = t.rateLimit;
  }
  return out;
}

export function checkQuota(q: QuotaInput): QuotaRecord {
  if (!isQuotaPeriod(q.period)) throw ApiGatewayErrors.badRequest(`Invalid quota period specified: ${q.period ?? "null"}. Must be one of: [DAY, WEEK, MONTH]`);
  if (q.limit === undefined || q.limit === null || !Number.isInteger(q.limit) || q.limit < 1) throw ApiGatewayErrors.badRequest(`Invalid quota limit: ${q.limit ?? "null"}. It must be an integer greater than 0`);
  const offset = q.offset ?? 0;
  const max = MAX_OFFSET[q.period];
  if (!Number.isInteger(offset) || offset < 0 || offset > max) {
    throw ApiGatewayErrors.badRequest(max === 0 ? `Invalid quota offset: ${offset}. The offset of a DAY quota must be 0` : `Invalid quota offset: ${offset}. The offset of a ${q.period} quota must be between 0 and ${max}`);
  }
  return { limit: q.limit, offset, period: q.period };
}

/** "{resourcePath}/{httpMethod}", e.g. "/pets/{id}/GET". */
export function checkMethodThrottleKey(key: string): void {
  const cut = key.lastIndexOf("/");
  if (!key.startsWith("/") || cut < 0 || !METHODS.has(key.slice(cut + 1))) {
    throw ApiGatewayErrors.badRequest(`Invalid method throttle key specified: ${key}. It must be {resourcePath}/{httpMethod}, for example /pets/GET`);
  }
}

/** The API stage, checked: the API and its stage exist in the caller's account and Region. */
export function checkApiStage(s: ApiStageInput, where: Where, gw: ApiGatewayService): ApiStageRecord {
  if (!s.apiId || !s.stage) throw ApiGatewayErrors.badRequest("Invalid API Stage specified");
  const api = gw.api(s.apiId, where);
  if (!api.stages?.[s.stage]) throw ApiGatewayErrors.badRequest("Invalid stage identifier specified");
  const out: ApiStageRecord = { apiId: s.apiId, stage: s.stage };
  if (s.throttle && Object.keys(s.throttle).length) {
    out.throttle = {};
    for (const [k, t] of Object.entries(s.throttle)) {
      checkMethodThrottleKey(k);
      out.throttle[k] = checkThrottle(t ?? {}, "method throttle");
    }
  }
  return out;
}

/**
 * Refuses a key in two plans that share an API stage: `plan` (with `stages`) about to include
 * `keyIds`, against every other plan of the account.
 */
export function checkOnePlanPerStage(plans: UsagePlanRecord[], plan: UsagePlanRecord, stages: ApiStageRecord[], keyIds: string[]): void {
  for (const other of plans) {
    if (other.id === plan.id) continue;
    for (const keyId of keyIds) {
      if (!other.keyIds.includes(keyId)) continue;
      const shared = stages.find((s) => other.apiStages.some((o) => o.apiId === s.apiId && o.stage === s.stage));
      if (shared) {
        throw ApiGatewayErrors.conflict(`Usage Plan ${plan.id} cannot be added because API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: ${shared.apiId}:${shared.stage}`);
      }
    }
  }
}
