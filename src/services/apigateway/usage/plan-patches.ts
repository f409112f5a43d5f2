/**
 * UpdateUsagePlan's patch paths. "/apiStages" takes "{apiId}:{stage}" as its value; a method's
 * throttle in an API stage is "/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/…"
 * with the resource path's slashes written as ~1.
 * https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateUsagePlan-Patch
 */
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { integerValue, numberValue, requiredValue, type Patch, type PatchRule } from "../patch.js";
import { checkApiStage, checkMethodThrottleKey, checkOnePlanPerStage } from "./plan-rules.js";
import { isQuotaPeriod } from "./quota-periods.js";
import type { ApiStageRecord, QuotaRecord, ThrottleRecord, UsagePlanRecord } from "./records.js";
import type { UsageState, Where } from "./usage-state.js";

/** A quota being built by patches: checked as a whole once every patch is applied. */
export type DraftPlan = Omit<UsagePlanRecord, "quota"> & { quota?: Partial<QuotaRecord> };

function stageId(v: string): [string, string] {
  const parts = v.split(":");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw ApiGatewayErrors.badRequest("Invalid API Stage specified");
  return [parts[0], parts[1]];
}

function apiStageOf(plan: DraftPlan, id: string): ApiStageRecord {
  const [apiId, stage] = id.split(":");
  const s = plan.apiStages.find((x) => x.apiId === apiId && x.stage === stage);
  if (!s) throw ApiGatewayErrors.notFound(`Invalid API Stage {api: ${apiId}, stage: ${stage}} specified for usageplan ${plan.id}`);
  return s;
}

/** The throttle of one method in an API stage, created when missing. */
function methodThrottle(plan: DraftPlan, id: string, resourcePath: string, httpMethod: string): ThrottleRecord {
  const s = apiStageOf(plan, id);
  return ((s.throttle ??= {})[methodKey(resourcePath, httpMethod)] ??= {});
}

function methodKey(resourcePath: string, httpMethod: string): string {
  const key = `${resourcePath.startsWith("/") ? resourcePath : `/${resourcePath}`}/${httpMethod}`;
  checkMethodThrottleKey(key);
  return key;
}

export function usagePlanPatchRules(where: Where, gw: ApiGatewayService, state: UsageState): Array<PatchRule<DraftPlan>> {
  return [
    {
      path: "/name",
      ops: ["replace"],
      apply: (t, p) => {
        const v = requiredValue(p);
        if (!v.trim()) throw ApiGatewayErrors.badRequest("Usage Plan name must be non-empty");
        t.name = v;
      },
    },
    { path: "/description", ops: ["replace"], apply: (t, p) => void (t.description = p.value ?? undefined) },
    { path: "/productCode", ops: ["add", "replace"], apply: (t, p) => void (t.productCode = requiredValue(p)) },
    { path: "/productCode", ops: ["remove"], apply: (t) => void (t.productCode = undefined) },
    { path: "/throttle/burstLimit", ops: ["add", "replace"], apply: (t, p) => void ((t.throttle ??= {}).burstLimit = integerValue(p, 0)) },
    { path: "/throttle/rateLimit", ops: ["add", "replace"], apply: (t, p) => void ((t.throttle ??= {}).rateLimit = nonNegative(p)) },
    { path: "/throttle", ops: ["remove"], apply: (t) => void (t.throttle = undefined) },
    { path: "/quota/limit", ops: ["add", "replace"], apply: (t, p) => void ((t.quota ??= {}).limit = integerValue(p, 1)) },
    { path: "/quota/offset", ops: ["add", "replace"], apply: (t, p) => void ((t.quota ??= {}).offset = integerValue(p, 0)) },
    {
      path: "/quota/period",
      ops: ["add", "replace"],
      apply: (t, p) => {
        const v = requiredValue(p);
        if (!isQuotaPeriod(v)) throw ApiGatewayErrors.badRequest(`Invalid quota period specified: ${v}. Must be one of: [DAY, WEEK, MONTH]`);
        (t.quota ??= {}).period = v;
      },
    },
    { path: "/quota", ops: ["remove"], apply: (t) => void (t.quota = undefined) },
    {
      path: "/apiStages",
      ops: ["add"],
      apply: (t, p) => {
        const [apiId, stage] = stageId(requiredValue(p));
        if (t.apiStages.some((s) => s.apiId === apiId && s.stage === stage)) throw ApiGatewayErrors.conflict(`API Stage ${apiId}:${stage} is already associated with usage plan ${t.id}`);
        const s = checkApiStage({ apiId, stage }, where, gw);
        checkOnePlanPerStage(state.plansOf(where), t as UsagePlanRecord, [s], t.keyIds);
        t.apiStages.push(s);
      },
    },
    {
      path: "/apiStages",
      ops: ["remove"],
      apply: (t, p) => {
        if (p.value === undefined || p.value === null || p.value === "") throw ApiGatewayErrors.badRequest("Invalid API Stage specified");
        const s = apiStageOf(t, stageId(p.value).join(":"));
        t.apiStages = t.apiStages.filter((x) => x !== s);
      },
    },
    {
      path: "/apiStages/*/throttle/*/*/burstLimit",
      ops: ["add", "replace"],
      apply: (t, p, [id, rp, m]) => void (methodThrottle(t, id, rp, m).burstLimit = integerValue(p, 0)),
    },
    {
      path: "/apiStages/*/throttle/*/*/rateLimit",
      ops: ["add", "replace"],
      apply: (t, p, [id, rp, m]) => void (methodThrottle(t, id, rp, m).rateLimit = nonNegative(p)),
    },
    {
      path: "/apiStages/*/throttle/*/*",
      ops: ["remove"],
      apply: (t, _p, [id, rp, m]) => {
        const s = apiStageOf(t, id);
        const key = methodKey(rp, m);
        if (!s.throttle?.[key]) throw ApiGatewayErrors.notFound(`Invalid method throttle ${key} specified for API Stage ${id}`);
        delete s.throttle[key];
      },
    },
    { path: "/apiStages/*/throttle", ops: ["remove"], apply: (t, _p, [id]) => void (apiStageOf(t, id).throttle = undefined) },
  ];
}

function nonNegative(p: Patch): number {
  const n = numberValue(p);
  if (n < 0) throw ApiGatewayErrors.badRequest(`Invalid rate limit specified: ${p.value}`);
  return n;
}
