/**
 * Gateway responses: PutGatewayResponse, GetGatewayResponse, GetGatewayResponses,
 * UpdateGatewayResponse, DeleteGatewayResponse. Every type exists with AWS's defaults
 * (`defaultResponse: true`); putting one customises it, deleting one restores the default.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutGatewayResponse.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { GATEWAY_RESPONSE_DEFAULTS } from "../invoke/gateway-responses.js";
import { page } from "../pagination.js";
import { applyPatches, mapEntryRules, requiredValue, type PatchOperation, type PatchRule } from "../patch.js";
import type { GatewayResponseRecord } from "../types.js";

const TYPES = Object.keys(GATEWAY_RESPONSE_DEFAULTS);
const DEFAULT_TEMPLATES = { "application/json": '{"message":$context.error.messageString}' };

function checkType(type: string): void {
  if (!TYPES.includes(type)) throw ApiGatewayErrors.badRequest(`1 validation error detected: Value '${type}' at 'responseType' failed to satisfy constraint: Member must satisfy enum value set: [${TYPES.join(", ")}]`);
}

function checkStatus(status: string | undefined): void {
  if (status !== undefined && !/^[1-5]\d\d$/.test(status)) throw ApiGatewayErrors.badRequest("Invalid status code specified");
}

function view(type: string, custom: GatewayResponseRecord | undefined) {
  if (custom) return { ...custom, responseParameters: custom.responseParameters ?? {}, responseTemplates: custom.responseTemplates ?? {}, defaultResponse: false };
  const d = GATEWAY_RESPONSE_DEFAULTS[type as keyof typeof GATEWAY_RESPONSE_DEFAULTS];
  const statusCode = type === "DEFAULT_4XX" || type === "DEFAULT_5XX" ? undefined : String(d.status);
  return { responseType: type, statusCode, responseParameters: {}, responseTemplates: DEFAULT_TEMPLATES, defaultResponse: true };
}

export async function putGatewayResponse(
  input: { restApiId: string; responseType: string; statusCode?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string> },
  ctx: RequestContext,
  gw: ApiGatewayService,
) {
  const api = gw.api(input.restApiId, ctx);
  checkType(input.responseType);
  checkStatus(input.statusCode);
  for (const key of Object.keys(input.responseParameters ?? {})) {
    if (!/^gatewayresponse\.(header|querystring|path)\.[^.]+$/.test(key)) throw ApiGatewayErrors.badRequest(`Invalid parameter name specified: ${key}`);
  }
  const r: GatewayResponseRecord = {
    responseType: input.responseType,
    ...(input.statusCode ? { statusCode: input.statusCode } : {}),
    ...(input.responseParameters ? { responseParameters: { ...input.responseParameters } } : {}),
    ...(input.responseTemplates ? { responseTemplates: { ...input.responseTemplates } } : {}),
  };
  (api.gatewayResponses ??= {})[r.responseType] = r;
  await gw.save(api);
  return view(r.responseType, r);
}

export function getGatewayResponse(input: { restApiId: string; responseType: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  checkType(input.responseType);
  return view(input.responseType, api.gatewayResponses?.[input.responseType]);
}

export function getGatewayResponses(input: { restApiId: string; limit?: number; position?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  return page(
    TYPES.map((t) => view(t, api.gatewayResponses?.[t])),
    input.limit,
    input.position,
  );
}

const RULES: Array<PatchRule<GatewayResponseRecord>> = [
  {
    path: "/statusCode",
    ops: ["replace", "add"],
    apply: (r, p) => {
      checkStatus(requiredValue(p));
      r.statusCode = p.value;
    },
  },
  ...mapEntryRules<GatewayResponseRecord, string>("/responseParameters", (r) => (r.responseParameters ??= {}), requiredValue),
  ...mapEntryRules<GatewayResponseRecord, string>("/responseTemplates", (r) => (r.responseTemplates ??= {}), (p) => p.value ?? ""),
];

export async function updateGatewayResponse(input: { restApiId: string; responseType: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  checkType(input.responseType);
  const r: GatewayResponseRecord = structuredClone(api.gatewayResponses?.[input.responseType]) ?? { responseType: input.responseType };
  applyPatches(r, input.patchOperations, RULES);
  (api.gatewayResponses ??= {})[r.responseType] = r;
  await gw.save(api);
  return view(r.responseType, r);
}

export async function deleteGatewayResponse(input: { restApiId: string; responseType: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  checkType(input.responseType);
  if (!api.gatewayResponses?.[input.responseType]) throw ApiGatewayErrors.notFound("Invalid Gateway Response identifier specified");
  delete api.gatewayResponses[input.responseType];
  await gw.save(api);
  return {};
}
