/**
 * Usage plans (CreateUsagePlan, GetUsagePlan, GetUsagePlans, UpdateUsagePlan, DeleteUsagePlan),
 * the keys in them (CreateUsagePlanKey, GetUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey)
 * and their usage (GetUsage, UpdateUsage).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateUsagePlan.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateUsagePlanKey.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_GetUsage.html
 */
import type { OperationHandler, RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { page } from "../pagination.js";
import { applyPatches, integerValue, type PatchOperation } from "../patch.js";
import { usagePlanPatchRules, type DraftPlan } from "../usage/plan-patches.js";
import { checkApiStage, checkOnePlanPerStage, checkQuota, checkThrottle, type ApiStageInput, type QuotaInput, type ThrottleInput } from "../usage/plan-rules.js";
import { dayOf, periodStart } from "../usage/quota-periods.js";
import type { UsagePlanRecord } from "../usage/records.js";
import { newUsagePlanId } from "../usage/usage-ids.js";
import { dateRange, usageItems } from "../usage/usage-report.js";
import { UsageErrors } from "../usage/usage-state.js";
import { usagePlanKeyView, usagePlanView } from "../usage/usage-views.js";

interface CreateUsagePlanInput {
  name: string;
  description?: string;
  apiStages?: ApiStageInput[];
  throttle?: ThrottleInput;
  quota?: QuotaInput;
  tags?: Record<string, string>;
}

async function createUsagePlan(input: CreateUsagePlanInput, ctx: RequestContext, gw: ApiGatewayService) {
  if (!input.name?.trim()) throw ApiGatewayErrors.badRequest("Usage Plan name must be non-empty");
  const apiStages = (input.apiStages ?? []).map((s) => checkApiStage(s ?? {}, ctx, gw));
  const seen = new Set<string>();
  for (const s of apiStages) {
    if (seen.has(`${s.apiId}:${s.stage}`)) throw ApiGatewayErrors.badRequest(`Duplicate API Stage ${s.apiId}:${s.stage} specified`);
    seen.add(`${s.apiId}:${s.stage}`);
  }
  const p: UsagePlanRecord = {
    id: newUsagePlanId(),
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.name,
    description: input.description,
    apiStages,
    ...(input.throttle ? { throttle: checkThrottle(input.throttle) } : {}),
    ...(input.quota ? { quota: checkQuota(input.quota) } : {}),
    tags: { ...(input.tags ?? {}) },
    keyIds: [],
  };
  await gw.usage.state.savePlan(p);
  return usagePlanView(p);
}

function getUsagePlan(input: { usagePlanId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return usagePlanView(gw.usage.state.plan(input.usagePlanId, ctx));
}

function getUsagePlans(input: { position?: string; keyId?: string; limit?: number }, ctx: RequestContext, gw: ApiGatewayService) {
  if (input.keyId !== undefined) gw.usage.state.key(input.keyId, ctx);
  const plans = gw.usage.state.plansOf(ctx).filter((p) => input.keyId === undefined || p.keyIds.includes(input.keyId));
  const { items, position } = page(plans, input.limit, input.position);
  return { items: items.map(usagePlanView), position };
}

async function updateUsagePlan(input: { usagePlanId: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const current = gw.usage.state.plan(input.usagePlanId, ctx);
  const draft: DraftPlan = structuredClone(current);
  applyPatches(draft, input.patchOperations, usagePlanPatchRules(ctx, gw, gw.usage.state));
  const quota = draft.quota ? checkQuota(draft.quota) : undefined;
  const throttle = draft.throttle ? checkThrottle(draft.throttle) : undefined;
  Object.assign(current, draft, { quota, throttle });
  await gw.usage.state.savePlan(current);
  return usagePlanView(current);
}

async function deleteUsagePlan(input: { usagePlanId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const p = gw.usage.state.plan(input.usagePlanId, ctx);
  const first = p.apiStages[0];
  if (first) throw ApiGatewayErrors.badRequest(`Cannot delete Usage Plan ${p.id} because there are API Stages associated with it, including ${first.apiId}:${first.stage}`);
  gw.usage.counters.forget(p.id, undefined);
  await gw.usage.state.deletePlan(p);
  return {};
}

async function createUsagePlanKey(input: { usagePlanId: string; keyId: string; keyType: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const state = gw.usage.state;
  const p = state.plan(input.usagePlanId, ctx);
  if (input.keyType !== "API_KEY") throw ApiGatewayErrors.badRequest(`Invalid key type specified: ${input.keyType}. Must be one of: [API_KEY]`);
  const k = state.key(input.keyId, ctx);
  if (p.keyIds.includes(k.id)) throw ApiGatewayErrors.conflict(`API Key ${k.id} is already associated with usage plan ${p.id}`);
  checkOnePlanPerStage(state.plansOf(ctx), p, p.apiStages, [k.id]);
  p.keyIds.push(k.id);
  await state.savePlan(p);
  return usagePlanKeyView(k);
}

/** The key, when it is in the plan. */
function planKey(usagePlanId: string, keyId: string, ctx: RequestContext, gw: ApiGatewayService) {
  const p = gw.usage.state.plan(usagePlanId, ctx);
  if (!p.keyIds.includes(keyId)) throw UsageErrors.invalidPlanKey();
  return { plan: p, key: gw.usage.state.key(keyId, ctx) };
}

function getUsagePlanKey(input: { usagePlanId: string; keyId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return usagePlanKeyView(planKey(input.usagePlanId, input.keyId, ctx, gw).key);
}

function getUsagePlanKeys(input: { usagePlanId: string; position?: string; limit?: number; nameQuery?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const p = gw.usage.state.plan(input.usagePlanId, ctx);
  const keys = p.keyIds.map((id) => gw.usage.state.key(id, ctx)).filter((k) => input.nameQuery === undefined || (k.name ?? "").startsWith(input.nameQuery));
  const { items, position } = page(keys, input.limit, input.position);
  return { items: items.map(usagePlanKeyView), position };
}

async function deleteUsagePlanKey(input: { usagePlanId: string; keyId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const { plan } = planKey(input.usagePlanId, input.keyId, ctx, gw);
  plan.keyIds = plan.keyIds.filter((id) => id !== input.keyId);
  await gw.usage.state.savePlan(plan);
  return {};
}

function getUsage(input: { usagePlanId: string; keyId?: string; startDate: string; endDate: string; position?: string; limit?: number }, ctx: RequestContext, gw: ApiGatewayService) {
  const p = gw.usage.state.plan(input.usagePlanId, ctx);
  const { from, to } = dateRange(input.startDate, input.endDate);
  const keyIds = input.keyId === undefined ? p.keyIds : p.keyIds.filter((id) => id === input.keyId);
  const { items, position } = page(keyIds, input.limit, input.position);
  return { usagePlanId: p.id, startDate: input.startDate, endDate: input.endDate, items: usageItems(gw.usage.counters, p, items, from, to), position };
}

/** Sets what remains of the key's quota in the current period; answers that period's usage. */
async function updateUsage(input: { usagePlanId: string; keyId: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const { plan, key } = planKey(input.usagePlanId, input.keyId, ctx, gw);
  const quota = plan.quota;
  if (!quota) throw ApiGatewayErrors.badRequest(`Usage Plan ${plan.id} does not have a quota`);
  const now = ctx.clock.now();
  const target = { remaining: undefined as number | undefined };
  applyPatches(target, input.patchOperations, [{ path: "/remaining", ops: ["replace"], apply: (t, p) => void (t.remaining = integerValue(p, 0)) }]);
  if (target.remaining !== undefined) await gw.usage.counters.setRemaining(plan.id, key.id, quota, now, target.remaining);
  const from = periodStart(now, quota.period, quota.offset);
  return { usagePlanId: plan.id, startDate: dayOf(from), endDate: dayOf(now), items: usageItems(gw.usage.counters, plan, [key.id], from, now) };
}

export const usagePlanOperations: Record<string, OperationHandler<ApiGatewayService>> = {
  CreateUsagePlan: createUsagePlan,
  GetUsagePlan: getUsagePlan,
  GetUsagePlans: getUsagePlans,
  UpdateUsagePlan: updateUsagePlan,
  DeleteUsagePlan: deleteUsagePlan,
  CreateUsagePlanKey: createUsagePlanKey,
  GetUsagePlanKey: getUsagePlanKey,
  GetUsagePlanKeys: getUsagePlanKeys,
  DeleteUsagePlanKey: deleteUsagePlanKey,
  GetUsage: getUsage,
  UpdateUsage: updateUsage,
};
