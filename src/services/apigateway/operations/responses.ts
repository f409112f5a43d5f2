/**
 * Method responses (PutMethodResponse, GetMethodResponse, UpdateMethodResponse,
 * DeleteMethodResponse) and integration responses (PutIntegrationResponse,
 * GetIntegrationResponse, UpdateIntegrationResponse, DeleteIntegrationResponse): what a
 * non-proxy integration's answer becomes, by status code.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethodResponse.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegrationResponse.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { applyPatches, booleanValue, mapEntryRules, requiredValue, type PatchOperation, type PatchRule } from "../patch.js";
import type { IntegrationResponseRecord, MethodRecord, MethodResponseRecord } from "../types.js";

interface Target {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
  statusCode: string;
}

const STATUS = /^[1-5]\d\d$/;
const CONTENT_HANDLING = new Set(["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"]);
const METHOD_RESPONSE_HEADER = /^method\.response\.header\.[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function methodOf(input: Target, ctx: RequestContext, gw: ApiGatewayService): { api: ReturnType<ApiGatewayService["api"]>; method: MethodRecord } {
  const api = gw.api(input.restApiId, ctx);
  const method = gw.resource(api, input.resourceId).methods[input.httpMethod];
  if (!method) throw ApiGatewayErrors.invalidMethod();
  return { api, method };
}

function checkStatus(statusCode: string): void {
  if (!STATUS.test(statusCode ?? "")) throw ApiGatewayErrors.badRequest("Invalid response status code specified");
}

function checkResponseParameters(params: Record<string, unknown> | undefined): void {
  for (const key of Object.keys(params ?? {})) {
    if (!METHOD_RESPONSE_HEADER.test(key)) throw ApiGatewayErrors.badRequest(`Invalid mapping expression specified: Validation Result: warnings : [], errors : [Invalid mapping expression specified: ${key}]`);
  }
}

export async function putMethodResponse(input: Target & { responseParameters?: Record<string, boolean>; responseModels?: Record<string, string> }, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  checkStatus(input.statusCode);
  checkResponseParameters(input.responseParameters);
  for (const model of Object.values(input.responseModels ?? {})) if (!api.models?.[model]) throw ApiGatewayErrors.badRequest(`Invalid model identifier specified: ${model}`);
  method.methodResponses ??= {};
  if (method.methodResponses[input.statusCode]) throw ApiGatewayErrors.conflict("Response already exists for this resource");
  const r: MethodResponseRecord = {
    statusCode: input.statusCode,
    ...(input.responseParameters ? { responseParameters: { ...input.responseParameters } } : {}),
    ...(input.responseModels ? { responseModels: { ...input.responseModels } } : {}),
  };
  method.methodResponses[input.statusCode] = r;
  await gw.save(api);
  return r;
}

function methodResponseOf(method: MethodRecord, statusCode: string): MethodResponseRecord {
  const r = method.methodResponses?.[statusCode];
  if (!r) throw ApiGatewayErrors.notFound("Invalid Response status code specified");
  return r;
}

export function getMethodResponse(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  return methodResponseOf(methodOf(input, ctx, gw).method, input.statusCode);
}

const METHOD_RESPONSE_RULES: Array<PatchRule<MethodResponseRecord>> = [
  { path: "/responseParameters/*", ops: ["add", "replace"], apply: (r, p, [name]) => (checkResponseParameters({ [name]: true }), ((r.responseParameters ??= {})[name] = booleanValue(p))) },
  { path: "/responseParameters/*", ops: ["remove"], apply: (r, _p, [name]) => void delete r.responseParameters?.[name] },
  ...mapEntryRules<MethodResponseRecord, string>("/responseModels", (r) => (r.responseModels ??= {}), requiredValue),
];

export async function updateMethodResponse(input: Target & { patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  const r = structuredClone(methodResponseOf(method, input.statusCode));
  applyPatches(r, input.patchOperations, METHOD_RESPONSE_RULES);
  method.methodResponses![input.statusCode] = r;
  await gw.save(api);
  return r;
}

export async function deleteMethodResponse(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  methodResponseOf(method, input.statusCode);
  delete method.methodResponses![input.statusCode];
  await gw.save(api);
  return {};
}

function integrationOf(method: MethodRecord) {
  if (!method.methodIntegration) throw ApiGatewayErrors.noIntegration();
  return method.methodIntegration;
}

function checkPattern(pattern: string | undefined): void {
  if (pattern === undefined || pattern === "") return;
  try {
    new RegExp(pattern);
  } catch {
    throw ApiGatewayErrors.badRequest(`Invalid selection pattern specified: ${pattern}`);
  }
}

export async function putIntegrationResponse(
  input: Target & { selectionPattern?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string>; contentHandling?: string },
  ctx: RequestContext,
  gw: ApiGatewayService,
) {
  const { api, method } = methodOf(input, ctx, gw);
  const integration = integrationOf(method);
  checkStatus(input.statusCode);
  if (!method.methodResponses?.[input.statusCode]) throw ApiGatewayErrors.notFound("Invalid Response status code specified");
  checkPattern(input.selectionPattern);
  checkResponseParameters(input.responseParameters);
  if (input.contentHandling !== undefined && !CONTENT_HANDLING.has(input.contentHandling)) throw ApiGatewayErrors.badRequest(`Invalid content handling specified: ${input.contentHandling}`);
  const r: IntegrationResponseRecord = {
    statusCode: input.statusCode,
    ...(input.selectionPattern !== undefined && input.selectionPattern !== "" ? { selectionPattern: input.selectionPattern } : {}),
    ...(input.responseParameters ? { responseParameters: { ...input.responseParameters } } : {}),
    ...(input.responseTemplates ? { responseTemplates: { ...input.responseTemplates } } : {}),
    ...(input.contentHandling ? { contentHandling: input.contentHandling } : {}),
  };
  // Put replaces an integration response with the same status code, as on AWS.
  (integration.integrationResponses ??= {})[input.statusCode] = r;
  await gw.save(api);
  return r;
}

function integrationResponseOf(method: MethodRecord, statusCode: string): IntegrationResponseRecord {
  const r = integrationOf(method).integrationResponses?.[statusCode];
  if (!r) throw ApiGatewayErrors.notFound("Invalid Response status code specified");
  return r;
}

export function getIntegrationResponse(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  return integrationResponseOf(methodOf(input, ctx, gw).method, input.statusCode);
}

const INTEGRATION_RESPONSE_RULES: Array<PatchRule<IntegrationResponseRecord>> = [
  {
    path: "/selectionPattern",
    ops: ["replace", "add"],
    apply: (r, p) => {
      checkPattern(p.value);
      if (p.value) r.selectionPattern = p.value;
      else delete r.selectionPattern;
    },
  },
  { path: "/selectionPattern", ops: ["remove"], apply: (r) => void delete r.selectionPattern },
  {
    path: "/contentHandling",
    ops: ["replace", "add"],
    apply: (r, p) => {
      if (!CONTENT_HANDLING.has(requiredValue(p))) throw ApiGatewayErrors.badRequest(`Invalid content handling specified: ${p.value}`);
      r.contentHandling = p.value;
    },
  },
  { path: "/contentHandling", ops: ["remove"], apply: (r) => void delete r.contentHandling },
  { path: "/responseParameters/*", ops: ["add", "replace"], apply: (r, p, [name]) => (checkResponseParameters({ [name]: "" }), ((r.responseParameters ??= {})[name] = requiredValue(p))) },
  { path: "/responseParameters/*", ops: ["remove"], apply: (r, _p, [name]) => void delete r.responseParameters?.[name] },
  ...mapEntryRules<IntegrationResponseRecord, string>("/responseTemplates", (r) => (r.responseTemplates ??= {}), (p) => p.value ?? ""),
];

export async function updateIntegrationResponse(input: Target & { patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  const r = structuredClone(integrationResponseOf(method, input.statusCode));
  applyPatches(r, input.patchOperations, INTEGRATION_RESPONSE_RULES);
  method.methodIntegration!.integrationResponses![input.statusCode] = r;
  await gw.save(api);
  return r;
}

export async function deleteIntegrationResponse(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  integrationResponseOf(method, input.statusCode);
  delete method.methodIntegration!.integrationResponses![input.statusCode];
  await gw.save(api);
  return {};
}
