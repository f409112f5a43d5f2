/**
 * CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateRestApi.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { newId } from "../ids.js";
import { defaultModels } from "./models.js";
import { page } from "../pagination.js";
import { applyPatches, booleanValue, integerValue, requiredValue, type PatchOperation, type PatchRule } from "../patch.js";
import type { RestApiRecord } from "../types.js";
import { restApiView } from "../views.js";

const ENDPOINT_TYPES = new Set(["EDGE", "REGIONAL", "PRIVATE"]);

interface CreateRestApiInput {
  name: string;
  description?: string;
  version?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource?: string;
  endpointConfiguration?: { types?: string[]; vpcEndpointIds?: string[] };
  policy?: string;
  tags?: Record<string, string>;
  disableExecuteApiEndpoint?: boolean;
}

export async function createRestApi(input: CreateRestApiInput, ctx: RequestContext, gw: ApiGatewayService) {
  if (!input.name) throw ApiGatewayErrors.badRequest("Invalid REST API name specified");
  const apiKeySource = input.apiKeySource ?? "HEADER";
  if (apiKeySource !== "HEADER" && apiKeySource !== "AUTHORIZER") throw ApiGatewayErrors.badRequest(`Invalid API Key source specified: ${apiKeySource}`);
  const types = input.endpointConfiguration?.types ?? ["EDGE"];
  if (types.length !== 1 || !ENDPOINT_TYPES.has(types[0])) throw ApiGatewayErrors.badRequest("Invalid endpoint configuration: exactly one of EDGE, REGIONAL or PRIVATE");
  if (input.minimumCompressionSize !== undefined && (input.minimumCompressionSize < 0 || input.minimumCompressionSize > 10_485_760)) {
    throw ApiGatewayErrors.badRequest("Invalid minimum compression size, must be between 0 and 10485760");
  }
  const rootId = newId();
  const api: RestApiRecord = {
    id: newId(),
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.name,
    description: input.description,
    version: input.version,
    createdDate: ctx.clock.now(),
    binaryMediaTypes: input.binaryMediaTypes ?? [],
    minimumCompressionSize: input.minimumCompressionSize,
    apiKeySource,
    endpointConfiguration: { types, ...(input.endpointConfiguration?.vpcEndpointIds ? { vpcEndpointIds: input.endpointConfiguration.vpcEndpointIds } : {}) },
    policy: input.policy,
    tags: { ...(input.tags ?? {}) },
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
    rootResourceId: rootId,
    resources: { [rootId]: { id: rootId, path: "/", methods: {} } },
    models: defaultModels(),
  };
  await gw.save(api);
  return restApiView(api);
}

export function getRestApi(input: { restApiId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  return restApiView(gw.api(input.restApiId, ctx));
}

export function getRestApis(input: { limit?: number; position?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const mine = [...gw.apis.values()].filter((a) => a.accountId === ctx.accountId && a.region === ctx.region);
  const { items, position } = page(mine, input.limit, input.position);
  return { items: items.map(restApiView), position };
}

export async function deleteRestApi(input: { restApiId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  await gw.remove(gw.api(input.restApiId, ctx));
  return {};
}

/** UpdateRestApi: https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateRestApi.html */
const REST_API_RULES: Array<PatchRule<RestApiRecord>> = [
  { path: "/name", ops: ["replace"], apply: (a, p) => (a.name = requiredValue(p)) },
  { path: "/description", ops: ["replace"], apply: (a, p) => (a.description = p.value) },
  { path: "/version", ops: ["replace"], apply: (a, p) => (a.version = p.value) },
  { path: "/policy", ops: ["replace"], apply: (a, p) => (a.policy = p.value) },
  { path: "/disableExecuteApiEndpoint", ops: ["replace"], apply: (a, p) => (a.disableExecuteApiEndpoint = booleanValue(p)) },
  {
    path: "/apiKeySource",
    ops: ["replace"],
    apply: (a, p) => {
      if (p.value !== "HEADER" && p.value !== "AUTHORIZER") throw ApiGatewayErrors.badRequest(`Invalid API Key source specified: ${p.value}`);
      a.apiKeySource = p.value;
    },
  },
  { path: "/minimumCompressionSize", ops: ["replace"], apply: (a, p) => (a.minimumCompressionSize = p.value === undefined || p.value === "" ? undefined : integerValue(p, 0, 10_485_760)) },
  { path: "/binaryMediaTypes/*", ops: ["add"], apply: (a, _p, [type]) => void (a.binaryMediaTypes.includes(type) || a.binaryMediaTypes.push(type)) },
  { path: "/binaryMediaTypes/*", ops: ["remove"], apply: (a, _p, [type]) => void (a.binaryMediaTypes = a.binaryMediaTypes.filter((t) => t !== type)) },
  { path: "/binaryMediaTypes/*", ops: ["replace"], apply: (a, p, [type]) => void (a.binaryMediaTypes = a.binaryMediaTypes.map((t) => (t === type ? requiredValue(p) : t))) },
  {
    path: "/endpointConfiguration/types/*",
    ops: ["replace"],
    apply: (a, p) => {
      if (!ENDPOINT_TYPES.has(requiredValue(p))) throw ApiGatewayErrors.badRequest(`Invalid endpoint configuration type: ${p.value}`);
      a.endpointConfiguration.types = [p.value!];
    },
  },
];

export async function updateRestApi(input: { restApiId: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const next = structuredClone(api);
  applyPatches(next, input.patchOperations, REST_API_RULES);
  await gw.save(next);
  return restApiView(next);
}
