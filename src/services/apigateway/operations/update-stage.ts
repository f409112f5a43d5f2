/**
 * UpdateStage: description, deployment, cache cluster, tracing, stage variables, and method
 * settings ("/{resourcePath}/{httpMethod}/{setting}", the resource path's slashes written as ~1,
 * or "/*\/*\/{setting}" for the stage's defaults). A method setting entry starts from AWS's
 * defaults when one of its properties is first set; "remove" on "/{resourcePath}/{httpMethod}"
 * deletes the entry. ANY, or a wildcard for only one of the two, is not a method setting path.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateStage.html
 * https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html#UpdateStage-Patch
 */
import { ServiceError } from "../../../core/errors.js";
import type { OperationHandler, RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { booleanValue, integerValue, numberValue, readPatches, requiredValue, type Patch, type PatchOperation } from "../patch.js";
import type { MethodSettingRecord, RestApiRecord, StageRecord } from "../types.js";
import { newMethodSetting } from "../usage/method-settings.js";
import { getStage } from "./deployments.js";

const CACHE_SIZES = new Set(["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const LOG_LEVELS = new Set(["OFF", "ERROR", "INFO"]);
const CACHE_CONTROL = new Set(["FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER"]);
/** Paths AWS accepts that Stratus does not emulate yet. */
const UNSUPPORTED = /^\/(clientCertificateId|accessLogSettings|canarySettings|documentationVersion)(\/|$)/;

/** AWS's list of valid paths, formatted as AWS formats it. */
const VALID_PATHS =
  "[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, /accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, " +
  "/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, /{resourcePath}/{httpMethod}/logging/loglevel, " +
  "/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit/{resourcePath}/{httpMethod}/caching/ttlInSeconds, " +
  "/{resourcePath}/{httpMethod}/caching/enabled, /{resourcePath}/{httpMethod}/caching/dataEncrypted, /{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, " +
  "/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, /*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, " +
  "/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, /*/*/caching/enabled, /*/*/caching/dataEncrypted, " +
  "/*/*/caching/requireAuthorizationForCacheControl, /*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]";

type Setter = (s: MethodSettingRecord, p: Patch) => void;

const SETTINGS: Record<string, Setter> = {
  "metrics/enabled": (s, p) => void (s.metricsEnabled = booleanValue(p)),
  "logging/loglevel": (s, p) => {
    const v = requiredValue(p);
    if (!LOG_LEVELS.has(v)) throw ApiGatewayErrors.badRequest(`Invalid logging level specified: ${v}. Must be one of: [OFF, ERROR, INFO]`);
    s.loggingLevel = v;
  },
  "logging/dataTrace": (s, p) => void (s.dataTraceEnabled = booleanValue(p)),
  "throttling/burstLimit": (s, p) => void (s.throttlingBurstLimit = integerValue(p, -1)),
  "throttling/rateLimit": (s, p) => {
    const n = numberValue(p);
    if (n < -1) throw ApiGatewayErrors.badRequest(`Invalid rate limit specified: ${p.value}`);
    s.throttlingRateLimit = n;
  },
  "caching/enabled": (s, p) => void (s.cachingEnabled = booleanValue(p)),
  "caching/ttlInSeconds": (s, p) => {
    const v = requiredValue(p);
    if (!/^\d+$/.test(v) || Number(v) > 3600) throw ApiGatewayErrors.badRequest(`Invalid cache ttl specified: ${v}. Must be between 0 and 3600 seconds`);
    s.cacheTtlInSeconds = Number(v);
  },
  "caching/dataEncrypted": (s, p) => void (s.cacheDataEncrypted = booleanValue(p)),
  "caching/requireAuthorizationForCacheControl": (s, p) => void (s.requireAuthorizationForCacheControl = booleanValue(p)),
  "caching/unauthorizedCacheControlHeaderStrategy": (s, p) => {
    const v = requiredValue(p);
    if (!CACHE_CONTROL.has(v)) throw ApiGatewayErrors.badRequest(`Invalid unauthorized cache control header strategy specified: ${v}. Must be one of: [${[...CACHE_CONTROL].join(", ")}]`);
    s.unauthorizedCacheControlHeaderStrategy = v;
  },
};

function invalidPath(path: string): ServiceError {
  return ApiGatewayErrors.badRequest(`Invalid method setting path: ${path}. Must be one of: ${VALID_PATHS}`);
}

/** "{resourcePath}/{httpMethod}" as written in the path, when the two are a valid pair. */
function methodKey(resourcePath: string, httpMethod: string, path: string): string {
  const wildcard = resourcePath === "*" || httpMethod === "*";
  if (wildcard ? resourcePath !== "*" || httpMethod !== "*" : !HTTP_METHODS.has(httpMethod) || resourcePath === "") throw invalidPath(path);
  return `${resourcePath}/${httpMethod}`;
}

function applyStagePatch(api: RestApiRecord, s: StageRecord, p: Patch): void {
  const op = p.op;
  const simple = (ops: string[], fn: () => void) => {
    if (!ops.includes(op)) throw ApiGatewayErrors.badRequest(`Invalid patch path  '${p.path}' specified for op '${op}'. Must be one of: [${ops.join(", ")}]`);
    fn();
  };
  switch (p.path) {
    case "/description":
      return simple(["replace"], () => void (s.description = p.value || undefined));
    case "/deploymentId":
      return simple(["replace"], () => {
        const v = requiredValue(p);
        if (!api.deployments?.[v]) throw ApiGatewayErrors.badRequest("Deployment id does not exist");
        s.deploymentId = v;
      });
    case "/cacheClusterEnabled":
      return simple(["replace"], () => void (s.cacheClusterEnabled = booleanValue(p)));
    case "/cacheClusterSize":
      return simple(["replace"], () => {
        const v = requiredValue(p);
        if (!CACHE_SIZES.has(v)) throw ApiGatewayErrors.badRequest(`Invalid cache cluster size specified: ${v}`);
        s.cacheClusterSize = v;
      });
    case "/tracingEnabled":
      return simple(["replace"], () => void (s.tracingEnabled = booleanValue(p)));
  }
  if (UNSUPPORTED.test(p.path)) throw new ServiceError("NotImplemented", `Stratus does not implement UpdateStage on ${p.path} yet.`, { status: 501, senderFault: false });
  if (p.segments[0] === "variables" && p.segments.length === 2) return patchVariable(s, p);

  const raw = p.path.slice(1).split("/");
  if (op === "remove" && raw.length >= 2) {
    const key = methodKey(raw.slice(0, -1).join("/"), raw[raw.length - 1], p.path);
    if (!s.methodSettings?.[key]) throw ApiGatewayErrors.badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);
    delete s.methodSettings[key];
    return;
  }
  const setter = raw.length >= 4 ? SETTINGS[raw.slice(-2).join("/")] : undefined;
  if (!setter || (op !== "replace" && op !== "add")) throw invalidPath(p.path);
  const key = methodKey(raw.slice(0, -3).join("/"), raw[raw.length - 3], p.path);
  s.methodSettings ??= {};
  setter((s.methodSettings[key] ??= newMethodSetting()), p);
}

function patchVariable(s: StageRecord, p: Patch): void {
  const name = p.segments[1];
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw ApiGatewayErrors.badRequest(`Stage variable name must only contain alphanumeric and underscore characters: ${name}`);
  if (p.op === "remove") {
    delete s.variables[name];
    return;
  }
  if (p.op !== "add" && p.op !== "replace") throw ApiGatewayErrors.badRequest(`Invalid patch path  '${p.path}' specified for op '${p.op}'. Must be one of: [/variables/{variable_name}]`);
  const v = requiredValue(p);
  if (!/^[A-Za-z0-9-._~:/?#&=,]*$/.test(v)) throw ApiGatewayErrors.badRequest(`Stage variable value ${v} contains characters that are not allowed`);
  s.variables[name] = v;
}

async function updateStage(input: { restApiId: string; stageName: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const current = api.stages?.[input.stageName];
  if (!current) throw ApiGatewayErrors.notFound("Invalid Stage identifier specified");
  // Applied to a copy: a failing step leaves the stage as it was.
  const s = structuredClone(current);
  for (const p of readPatches(input.patchOperations)) applyStagePatch(api, s, p);
  if (s.methodSettings && Object.keys(s.methodSettings).length === 0) delete s.methodSettings;
  s.lastUpdatedDate = ctx.clock.now();
  api.stages![input.stageName] = s;
  await gw.save(api);
  return getStage({ restApiId: input.restApiId, stageName: input.stageName }, ctx, gw);
}

export const updateStageOperations: Record<string, OperationHandler<ApiGatewayService>> = {
  UpdateStage: updateStage,
};
