/**
 * API keys: CreateApiKey, GetApiKey, GetApiKeys, UpdateApiKey, DeleteApiKey, ImportApiKeys.
 * A key's value is 20 to 128 characters (40 generated when none is given) and unique within the
 * account and Region; a new key is disabled unless `enabled` says otherwise.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateApiKey.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_ImportApiKeys.html
 */
import type { OperationHandler, RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { newId } from "../ids.js";
import { page } from "../pagination.js";
import { applyPatches, booleanValue, requiredValue, type PatchOperation, type PatchRule } from "../patch.js";
import { parseApiKeyCsv } from "../usage/api-key-csv.js";
import { checkOnePlanPerStage } from "../usage/plan-rules.js";
import type { ApiKeyRecord, UsagePlanRecord } from "../usage/records.js";
import { newApiKeyValue } from "../usage/usage-ids.js";
import { UsageErrors } from "../usage/usage-state.js";
import { apiKeyView } from "../usage/usage-views.js";

interface CreateApiKeyInput {
  name?: string;
  description?: string;
  enabled?: boolean;
  generateDistinctId?: boolean;
  value?: string;
  stageKeys?: Array<{ restApiId?: string; stageName?: string }>;
  customerId?: string;
  tags?: Record<string, string>;
}

function checkValue(value: string): void {
  if (value.length < 20) throw ApiGatewayErrors.badRequest("API Key value should be at least 20 characters");
  if (value.length > 128) throw ApiGatewayErrors.badRequest("API Key value should be at most 128 characters");
}

/** "{restApiId}/{stageName}" of a stage that exists. */
function stageKey(restApiId: string | undefined, stageName: string | undefined, ctx: RequestContext, gw: ApiGatewayService): string {
  if (!restApiId || !stageName) throw ApiGatewayErrors.badRequest("Invalid stage key specified");
  const api = gw.api(restApiId, ctx);
  if (!api.stages?.[stageName]) throw ApiGatewayErrors.badRequest("Invalid stage identifier specified");
  return `${restApiId}/${stageName}`;
}

async function createApiKey(input: CreateApiKeyInput, ctx: RequestContext, gw: ApiGatewayService) {
  const value = input.value ?? newApiKeyValue();
  checkValue(value);
  if (gw.usage.state.keyByValue(value, ctx)) throw UsageErrors.keyExists();
  const stageKeys = [...new Set((input.stageKeys ?? []).map((s) => stageKey(s.restApiId, s.stageName, ctx, gw)))];
  const now = ctx.clock.now();
  const k: ApiKeyRecord = {
    id: newId(),
    accountId: ctx.accountId,
    region: ctx.region,
    value,
    name: input.name,
    description: input.description,
    enabled: input.enabled ?? false,
    customerId: input.customerId,
    createdDate: now,
    lastUpdatedDate: now,
    stageKeys,
    tags: { ...(input.tags ?? {}) },
  };
  await gw.usage.state.saveKey(k);
  return apiKeyView(k, true);
}

function getApiKey(input: { apiKey: string; includeValue?: boolean }, ctx: RequestContext, gw: ApiGatewayService) {
  return apiKeyView(gw.usage.state.key(input.apiKey, ctx), input.includeValue === true);
}

function getApiKeys(input: { position?: string; limit?: number; nameQuery?: string; customerId?: string; includeValues?: boolean }, ctx: RequestContext, gw: ApiGatewayService) {
  const keys = gw.usage.state
    .keysOf(ctx)
    .filter((k) => input.nameQuery === undefined || (k.name ?? "").startsWith(input.nameQuery))
    .filter((k) => input.customerId === undefined || k.customerId === input.customerId);
  const { items, position } = page(keys, input.limit, input.position);
  return { items: items.map((k) => apiKeyView(k, input.includeValues === true)), position };
}

async function updateApiKey(input: { apiKey: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const current = gw.usage.state.key(input.apiKey, ctx);
  const k = structuredClone(current);
  const stageValue = (v: string) => {
    const [apiId, stage, extra] = v.split("/");
    if (extra !== undefined) throw ApiGatewayErrors.badRequest(`Invalid stage key specified: ${v}`);
    return stageKey(apiId, stage, ctx, gw);
  };
  const rules: Array<PatchRule<ApiKeyRecord>> = [
    { path: "/name", ops: ["replace"], apply: (t, p) => void (t.name = p.value ?? undefined) },
    { path: "/description", ops: ["replace"], apply: (t, p) => void (t.description = p.value ?? undefined) },
    { path: "/enabled", ops: ["replace"], apply: (t, p) => void (t.enabled = booleanValue(p)) },
    { path: "/customerId", ops: ["replace"], apply: (t, p) => void (t.customerId = p.value ?? undefined) },
    {
      path: "/stages",
      ops: ["add", "remove"],
      apply: (t, p) => {
        const v = requiredValue(p);
        if (p.op === "add") {
          const sk = stageValue(v);
          if (!t.stageKeys.includes(sk)) t.stageKeys.push(sk);
        } else {
          if (!t.stageKeys.includes(v)) throw ApiGatewayErrors.badRequest(`Invalid stage key specified: ${v}`);
          t.stageKeys = t.stageKeys.filter((s) => s !== v);
        }
      },
    },
  ];
  applyPatches(k, input.patchOperations, rules);
  k.lastUpdatedDate = ctx.clock.now();
  Object.assign(current, k);
  await gw.usage.state.saveKey(current);
  return apiKeyView(current, false);
}

async function deleteApiKey(input: { apiKey: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const k = gw.usage.state.key(input.apiKey, ctx);
  gw.usage.counters.forget(undefined, k.id);
  await gw.usage.state.deleteKey(k);
  return {};
}

/**
 * Keys in the file are created, or, when a key with the same value exists, overwrite its name,
 * description and enabled flag; each joins the usage plans its row names. A row that cannot be
 * imported is skipped with a warning, or fails the whole import with failOnWarnings.
 */
async function importApiKeys(input: { body?: Uint8Array; format?: string; failOnWarnings?: boolean }, ctx: RequestContext, gw: ApiGatewayService) {
  if (input.format !== "csv") throw ApiGatewayErrors.badRequest(`Invalid API key import format specified: ${input.format ?? "null"}. Must be one of: [csv]`);
  let parsed;
  try {
    parsed = parseApiKeyCsv(Buffer.from(input.body ?? new Uint8Array()).toString("utf8"));
  } catch (err) {
    throw ApiGatewayErrors.badRequest((err as Error).message);
  }
  const warnings = [...parsed.warnings];
  const state = gw.usage.state;
  const now = ctx.clock.now();
  const keys = new Map<string, ApiKeyRecord>();
  const plans = new Map<string, UsagePlanRecord>();
  const ids: string[] = [];
  for (const row of parsed.keys) {
    const rowPlans: UsagePlanRecord[] = [];
    for (const planId of row.usagePlanIds) {
      const existing = state.plansOf(ctx).find((p) => p.id === planId);
      if (!existing) warnings.push(`Invalid usage plan ID ${planId} on line ${row.line}`);
      else rowPlans.push(plans.get(planId) ?? structuredClone(existing));
    }
    if (rowPlans.length !== row.usagePlanIds.length) continue;
    const existing = keys.get(row.key) ?? state.keyByValue(row.key, ctx);
    const k: ApiKeyRecord = existing
      ? { ...structuredClone(existing), name: row.name, description: row.description, enabled: row.enabled, lastUpdatedDate: now }
      : { id: newId(), accountId: ctx.accountId, region: ctx.region, value: row.key, name: row.name, description: row.description, enabled: row.enabled, createdDate: now, lastUpdatedDate: now, stageKeys: [], tags: {} };
    try {
      const all = state.plansOf(ctx).map((p) => plans.get(p.id) ?? p);
      for (const p of rowPlans) if (!p.keyIds.includes(k.id)) checkOnePlanPerStage(all, p, p.apiStages, [k.id]);
    } catch (err) {
      warnings.push(`${(err as Error).message} (line ${row.line})`);
      continue;
    }
    for (const p of rowPlans) {
      if (!p.keyIds.includes(k.id)) p.keyIds.push(k.id);
      plans.set(p.id, p);
    }
    keys.set(row.key, k);
    ids.push(k.id);
  }
  if (input.failOnWarnings === true && warnings.length) throw ApiGatewayErrors.badRequest(warnings.join("; "));
  const storedPlans = [...plans.values()].map((p) => Object.assign(state.plan(p.id, ctx), p));
  const storedKeys = [...keys.values()].map((k) => {
    const current = state.keyByValue(k.value, ctx);
    return current ? Object.assign(current, k) : k;
  });
  await state.saveAll(storedKeys, storedPlans);
  return { ids, warnings: warnings.length ? warnings : undefined };
}

export const apiKeyOperations: Record<string, OperationHandler<ApiGatewayService>> = {
  CreateApiKey: createApiKey,
  GetApiKey: getApiKey,
  GetApiKeys: getApiKeys,
  UpdateApiKey: updateApiKey,
  DeleteApiKey: deleteApiKey,
  ImportApiKeys: importApiKeys,
};
