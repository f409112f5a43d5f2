/**
 * PutMethod, GetMethod, UpdateMethod, DeleteMethod, TestInvokeMethod, and their integrations:
 * PutIntegration, GetIntegration, UpdateIntegration, DeleteIntegration.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegration.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { applyPatches, booleanValue, integerValue, requiredValue, mapEntryRules, type PatchOperation, type PatchRule } from "../patch.js";
import type { TestInvokeMethodInput } from "../invoke/test-invoke-method.js";
import type { IntegrationRecord, MethodRecord } from "../types.js";
import { integrationView, methodView } from "../views.js";

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"]);
const AUTHORIZATION_TYPES = new Set(["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"]);
const INTEGRATION_TYPES = new Set(["HTTP", "AWS", "MOCK", "HTTP_PROXY", "AWS_PROXY"]);
const PASSTHROUGH = new Set(["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"]);

interface Target {
  restApiId: string;
  resourceId: string;
  httpMethod: string;
}

function methodOf(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const resource = gw.resource(api, input.resourceId);
  const method = resource.methods[input.httpMethod];
  return { api, resource, method };
}

export async function putMethod(
  input: Target & { authorizationType: string; authorizerId?: string; apiKeyRequired?: boolean; operationName?: string; requestParameters?: Record<string, boolean>; requestModels?: Record<string, string>; requestValidatorId?: string; authorizationScopes?: string[] },
  ctx: RequestContext,
  gw: ApiGatewayService,
) {
  const { api, resource, method } = methodOf(input, ctx, gw);
  if (!HTTP_METHODS.has(input.httpMethod)) throw ApiGatewayErrors.badRequest("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
  if (!AUTHORIZATION_TYPES.has(input.authorizationType)) throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS");
  if ((input.authorizationType === "CUSTOM" || input.authorizationType === "COGNITO_USER_POOLS") && !input.authorizerId) throw ApiGatewayErrors.badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
  if (method) throw ApiGatewayErrors.conflict("Method already exists for this resource");
  for (const model of Object.values(input.requestModels ?? {})) if (!api.models?.[model]) throw ApiGatewayErrors.badRequest(`Invalid model identifier specified: ${model}`);
  if (input.requestValidatorId && !api.requestValidators?.[input.requestValidatorId]) throw ApiGatewayErrors.badRequest("Invalid Request Validator identifier specified");
  const m: MethodRecord = {
    httpMethod: input.httpMethod,
    authorizationType: input.authorizationType,
    apiKeyRequired: input.apiKeyRequired ?? false,
    ...(input.authorizerId ? { authorizerId: input.authorizerId } : {}),
    ...(input.operationName ? { operationName: input.operationName } : {}),
    ...(input.requestParameters ? { requestParameters: input.requestParameters } : {}),
    ...(input.requestModels ? { requestModels: input.requestModels } : {}),
    ...(input.requestValidatorId ? { requestValidatorId: input.requestValidatorId } : {}),
    ...(input.authorizationScopes ? { authorizationScopes: input.authorizationScopes } : {}),
  };
  resource.methods[input.httpMethod] = m;
  await gw.save(api);
  return methodView(m);
}

export function getMethod(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const { method } = methodOf(input, ctx, gw);
  if (!method) throw ApiGatewayErrors.invalidMethod();
  return methodView(method);
}

/** TestInvokeMethod: https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html */
export function testInvokeMethod(input: Target & TestInvokeMethodInput & { clientCertificateId?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, resource, method } = methodOf(input, ctx, gw);
  if (!method) throw ApiGatewayErrors.invalidMethod();
  return gw.testInvokeMethod(api, resource, method, input);
}

export async function deleteMethod(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, resource, method } = methodOf(input, ctx, gw);
  if (!method) throw ApiGatewayErrors.invalidMethod();
  delete resource.methods[input.httpMethod];
  await gw.save(api);
  return {};
}

export async function putIntegration(
  input: Target & { type: string; integrationHttpMethod?: string; uri?: string; connectionType?: string; credentials?: string; requestParameters?: Record<string, string>; requestTemplates?: Record<string, string>; passthroughBehavior?: string; cacheNamespace?: string; cacheKeyParameters?: string[]; contentHandling?: string; timeoutInMillis?: number },
  ctx: RequestContext,
  gw: ApiGatewayService,
) {
  const { api, resource, method } = methodOf(input, ctx, gw);
  if (!method) throw ApiGatewayErrors.invalidMethod();
  if (!INTEGRATION_TYPES.has(input.type)) throw ApiGatewayErrors.badRequest(`Invalid integration type specified: ${input.type}`);
  if (input.type !== "MOCK") {
    if (!input.integrationHttpMethod) throw ApiGatewayErrors.badRequest("Enumeration value for HttpMethod must be non-empty");
    if (!input.uri) throw ApiGatewayErrors.badRequest("Invalid integration URI specified");
    if ((input.type === "HTTP" || input.type === "HTTP_PROXY") && !/^https?:\/\//.test(input.uri)) throw ApiGatewayErrors.badRequest("Invalid HTTP endpoint specified for URI");
    if ((input.type === "AWS" || input.type === "AWS_PROXY") && !input.uri.startsWith("arn:")) throw ApiGatewayErrors.badRequest("AWS ARN for integration must contain path or action");
    if (input.type === "AWS_PROXY" && input.uri.includes(":lambda:path/") && input.integrationHttpMethod !== "POST") throw ApiGatewayErrors.badRequest("Lambda integrations must use POST as the integration HTTP method");
  }
  const timeout = input.timeoutInMillis ?? 29_000;
  if (timeout < 50 || timeout > 29_000) throw ApiGatewayErrors.badRequest("Timeout should be between 50 ms and 29000 ms");
  if (input.passthroughBehavior !== undefined && !PASSTHROUGH.has(input.passthroughBehavior)) throw ApiGatewayErrors.badRequest("Invalid passthrough behavior specified. Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER");
  const integration: IntegrationRecord = {
    type: input.type,
    ...(input.integrationHttpMethod ? { httpMethod: input.integrationHttpMethod } : {}),
    ...(input.uri ? { uri: input.uri } : {}),
    ...(input.connectionType ? { connectionType: input.connectionType } : {}),
    ...(input.credentials ? { credentials: input.credentials } : {}),
    ...(input.requestParameters ? { requestParameters: input.requestParameters } : {}),
    ...(input.requestTemplates ? { requestTemplates: input.requestTemplates } : {}),
    passthroughBehavior: input.passthroughBehavior ?? "WHEN_NO_MATCH",
    ...(input.contentHandling ? { contentHandling: input.contentHandling } : {}),
    timeoutInMillis: timeout,
    cacheNamespace: input.cacheNamespace ?? resource.id,
    cacheKeyParameters: input.cacheKeyParameters ?? [],
  };
  method.methodIntegration = integration;
  await gw.save(api);
  return integrationView(integration);
}

export function getIntegration(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const { method } = methodOf(input, ctx, gw);
  if (!method?.methodIntegration) throw ApiGatewayErrors.noIntegration();
  return integrationView(method.methodIntegration);
}

export async function deleteIntegration(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  if (!method?.methodIntegration) throw ApiGatewayErrors.noIntegration();
  delete method.methodIntegration;
  await gw.save(api);
  return {};
}

const METHOD_RULES = (gw: { models?: Record<string, unknown>; requestValidators?: Record<string, unknown> }): Array<PatchRule<MethodRecord>> => [
  {
    path: "/authorizationType",
    ops: ["replace"],
    apply: (m, p) => {
      if (!AUTHORIZATION_TYPES.has(requiredValue(p))) throw ApiGatewayErrors.badRequest("Invalid authorization type specified. Valid options are NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS");
      m.authorizationType = p.value!;
    },
  },
  { path: "/authorizerId", ops: ["replace"], apply: (m, p) => void (p.value ? (m.authorizerId = p.value) : delete m.authorizerId) },
  { path: "/apiKeyRequired", ops: ["replace"], apply: (m, p) => (m.apiKeyRequired = booleanValue(p)) },
  { path: "/operationName", ops: ["replace"], apply: (m, p) => void (p.value ? (m.operationName = p.value) : delete m.operationName) },
  {
    path: "/requestValidatorId",
    ops: ["replace"],
    apply: (m, p) => {
      if (p.value && !gw.requestValidators?.[p.value]) throw ApiGatewayErrors.badRequest("Invalid Request Validator identifier specified");
      if (p.value) m.requestValidatorId = p.value;
      else delete m.requestValidatorId;
    },
  },
  ...mapEntryRules<MethodRecord, boolean>("/requestParameters", (m) => (m.requestParameters ??= {}), booleanValue),
  ...mapEntryRules<MethodRecord, string>("/requestModels", (m) => (m.requestModels ??= {}), (p) => {
    const model = requiredValue(p);
    if (!gw.models?.[model]) throw ApiGatewayErrors.badRequest(`Invalid model identifier specified: ${model}`);
    return model;
  }),
  { path: "/authorizationScopes", ops: ["add"], apply: (m, p) => void (m.authorizationScopes ??= []).push(requiredValue(p)) },
  { path: "/authorizationScopes", ops: ["remove"], apply: (m, p) => void (m.authorizationScopes = (m.authorizationScopes ?? []).filter((s) => s !== p.value)) },
];

/** UpdateMethod: https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateMethod.html */
export async function updateMethod(input: Target & { patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, resource, method } = methodOf(input, ctx, gw);
  if (!method) throw ApiGatewayErrors.invalidMethod();
  const next = structuredClone(method);
  applyPatches(next, input.patchOperations, METHOD_RULES(api));
  if ((next.authorizationType === "CUSTOM" || next.authorizationType === "COGNITO_USER_POOLS") && !next.authorizerId) throw ApiGatewayErrors.badRequest("Invalid authorizer ID specified. Setting the authorization type to CUSTOM or COGNITO_USER_POOLS requires a valid authorizer.");
  resource.methods[input.httpMethod] = next;
  await gw.save(api);
  return methodView(next);
}

const INTEGRATION_RULES: Array<PatchRule<IntegrationRecord>> = [
  { path: "/httpMethod", ops: ["replace"], apply: (i, p) => (i.httpMethod = requiredValue(p)) },
  { path: "/uri", ops: ["replace"], apply: (i, p) => (i.uri = requiredValue(p)) },
  { path: "/credentials", ops: ["replace"], apply: (i, p) => void (p.value ? (i.credentials = p.value) : delete i.credentials) },
  { path: "/connectionType", ops: ["replace"], apply: (i, p) => (i.connectionType = requiredValue(p)) },
  {
    path: "/passthroughBehavior",
    ops: ["replace"],
    apply: (i, p) => {
      if (!PASSTHROUGH.has(requiredValue(p))) throw ApiGatewayErrors.badRequest("Invalid passthrough behavior specified. Valid options are WHEN_NO_MATCH,WHEN_NO_TEMPLATES,NEVER");
      i.passthroughBehavior = p.value;
    },
  },
  { path: "/contentHandling", ops: ["replace"], apply: (i, p) => void (p.value ? (i.contentHandling = p.value) : delete i.contentHandling) },
  { path: "/timeoutInMillis", ops: ["replace"], apply: (i, p) => (i.timeoutInMillis = integerValue(p, 50, 29_000)) },
  { path: "/cacheNamespace", ops: ["replace"], apply: (i, p) => (i.cacheNamespace = requiredValue(p)) },
  { path: "/cacheKeyParameters/*", ops: ["add"], apply: (i, _p, [name]) => void (i.cacheKeyParameters.includes(name) || i.cacheKeyParameters.push(name)) },
  { path: "/cacheKeyParameters/*", ops: ["remove"], apply: (i, _p, [name]) => void (i.cacheKeyParameters = i.cacheKeyParameters.filter((n) => n !== name)) },
  ...mapEntryRules<IntegrationRecord, string>("/requestParameters", (i) => (i.requestParameters ??= {}), requiredValue),
  ...mapEntryRules<IntegrationRecord, string>("/requestTemplates", (i) => (i.requestTemplates ??= {}), (p) => p.value ?? ""),
];

/** UpdateIntegration: https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateIntegration.html */
export async function updateIntegration(input: Target & { patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const { api, method } = methodOf(input, ctx, gw);
  if (!method?.methodIntegration) throw ApiGatewayErrors.noIntegration();
  const next = structuredClone(method.methodIntegration);
  applyPatches(next, input.patchOperations, INTEGRATION_RULES);
  method.methodIntegration = next;
  await gw.save(api);
  return integrationView(next);
}
