/** What the API answers for API keys, usage plans, usage plan keys and the account. */
import type { AccountRecord, ApiKeyRecord, UsagePlanRecord } from "./records.js";

/** The value only when asked for (GetApiKey includeValue) or just created. */
export function apiKeyView(k: ApiKeyRecord, includeValue: boolean) {
  return {
    id: k.id,
    value: includeValue ? k.value : undefined,
    name: k.name,
    customerId: k.customerId,
    description: k.description,
    enabled: k.enabled,
    createdDate: new Date(k.createdDate),
    lastUpdatedDate: new Date(k.lastUpdatedDate),
    stageKeys: [...k.stageKeys],
    tags: Object.keys(k.tags).length ? k.tags : undefined,
  };
}

export function usagePlanView(p: UsagePlanRecord) {
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    apiStages: p.apiStages.map((s) => ({ apiId: s.apiId, stage: s.stage, throttle: s.throttle && Object.keys(s.throttle).length ? s.throttle : undefined })),
    throttle: p.throttle && Object.keys(p.throttle).length ? p.throttle : undefined,
    quota: p.quota,
    productCode: p.productCode,
    tags: Object.keys(p.tags).length ? p.tags : undefined,
  };
}

export function usagePlanKeyView(k: ApiKeyRecord) {
  return { id: k.id, type: "API_KEY", value: k.value, name: k.name };
}

/** `features` and `apiKeyVersion` as AWS reports them for an account with usage plans. */
export function accountView(a: AccountRecord) {
  return {
    cloudwatchRoleArn: a.cloudwatchRoleArn,
    throttleSettings: { burstLimit: a.throttle.burstLimit, rateLimit: a.throttle.rateLimit },
    features: ["UsagePlans"],
    apiKeyVersion: "4",
  };
}
