/**
 * A stage's method settings (UpdateStage paths "/{resourcePath}/{httpMethod}/{setting}") and the
 * stage-level throttle a call gets from them. Entries are keyed as AWS keys them: the patch
 * path's resource and method as written ("~1pets~1{id}/GET", or "pets/{id}/GET" when the slashes
 * were not escaped), "*\/*" for the stage's defaults, which every method without its own entry
 * inherits (each method having its own bucket). A negative limit in a method's entry means
 * "inherit"; a negative default means "no stage limit" (the account's applies).
 * https://docs.aws.amazon.com/apigateway/latest/api/API_MethodSetting.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
 */
import type { MethodSettingRecord, StageRecord } from "../types.js";
import type { Limit } from "./token-buckets.js";

export const STAGE_DEFAULTS_KEY = "*/*";

/** What AWS reports for an entry created by setting one of its properties. */
export function newMethodSetting(): MethodSettingRecord {
  return {
    metricsEnabled: false,
    loggingLevel: "",
    dataTraceEnabled: false,
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 10000,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    cacheDataEncrypted: false,
    requireAuthorizationForCacheControl: true,
    unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
  };
}

/** GetStage's methodSettings: a logging level never set is left out, as AWS leaves it out. */
export function methodSettingsView(settings: Record<string, MethodSettingRecord> | undefined): Record<string, Partial<MethodSettingRecord>> {
  const out: Record<string, Partial<MethodSettingRecord>> = {};
  for (const [k, v] of Object.entries(settings ?? {})) out[k] = v.loggingLevel ? { ...v } : { ...v, loggingLevel: undefined };
  return out;
}

/** The resource path ("/pets/{id}") and method an entry key names; undefined for "*\/*". */
export function settingTarget(key: string): { resourcePath: string; httpMethod: string } | undefined {
  if (key === STAGE_DEFAULTS_KEY) return undefined;
  const cut = key.lastIndexOf("/");
  const raw = key.slice(0, cut).replace(/~1/g, "/").replace(/~0/g, "~");
  return { resourcePath: raw.startsWith("/") ? raw : `/${raw}`, httpMethod: key.slice(cut + 1) };
}

/** The stage-level throttle of one method, or undefined when the stage sets none. */
export function stageThrottle(stage: StageRecord, resourcePath: string, httpMethod: string): Limit | undefined {
  const settings = stage.methodSettings ?? {};
  const defaults = settings[STAGE_DEFAULTS_KEY];
  const ownKey = Object.keys(settings).find((k) => {
    const t = settingTarget(k);
    return t !== undefined && t.resourcePath === resourcePath && t.httpMethod === httpMethod;
  });
  const own = ownKey === undefined ? undefined : settings[ownKey];
  const pick = (f: "throttlingRateLimit" | "throttlingBurstLimit") => {
    if (own && own[f] >= 0) return own[f];
    if (defaults && defaults[f] >= 0) return defaults[f];
    return undefined;
  };
  return limitOf(pick("throttlingRateLimit"), pick("throttlingBurstLimit"));
}

/**
 * A bucket for a rate and burst of which either may be missing: no rate means no limit; no
 * burst means a bucket as large as one second's rate.
 */
export function limitOf(rate: number | undefined, burst: number | undefined): Limit | undefined {
  if (rate === undefined || rate < 0) return undefined;
  return { rate, burst: burst !== undefined && burst >= 0 ? burst : Math.max(1, Math.ceil(rate)) };
}
