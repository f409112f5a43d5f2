/**
 * Authorizers of a REST API: CreateAuthorizer, GetAuthorizer, GetAuthorizers, UpdateAuthorizer,
 * DeleteAuthorizer and TestInvokeAuthorizer. Kept in RestApiRecord.authorizers by id; a
 * deployment snapshots them, and the data plane (authorizers/authorizer-gate.ts) runs the
 * deployed copy.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateAuthorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateAuthorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_DeleteAuthorizer.html
 * https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
 */
import type { OperationHandler, RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { checkAuthorizer, checkType, DEFAULT_TTL } from "../authorizers/authorizer-config.js";
import { authorizerPatchRules } from "../authorizers/authorizer-patches.js";
import { authorizerView } from "../authorizers/authorizer-view.js";
import type { TestInvokeInput } from "../authorizers/test-invoke.js";
import { ApiGatewayErrors } from "../errors.js";
import { newId } from "../ids.js";
import { page } from "../pagination.js";
import { applyPatches, type PatchOperation } from "../patch.js";
import type { AuthorizerRecord, RestApiRecord } from "../types.js";

interface CreateInput {
  restApiId: string;
  name: string;
  type: string;
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds?: number;
}

interface Target {
  restApiId: string;
  authorizerId: string;
}

function authorizerOf(api: RestApiRecord, id: string): AuthorizerRecord {
  const a = api.authorizers?.[id];
  if (!a) throw ApiGatewayErrors.notFound("Invalid Authorizer identifier specified");
  return a;
}

export async function createAuthorizer(input: CreateInput, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const type = checkType(input.type);
  const a: AuthorizerRecord = {
    id: newId(),
    name: input.name,
    type,
    ...(input.providerARNs?.length ? { providerARNs: [...input.providerARNs] } : {}),
    // AWS fills authType in when it is not given: "custom" for Lambda authorizers, "cognito_user_pools" for Cognito ones.
    authType: input.authType ?? (type === "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom"),
    ...(input.authorizerUri !== undefined ? { authorizerUri: input.authorizerUri } : {}),
    ...(input.authorizerCredentials !== undefined ? { authorizerCredentials: input.authorizerCredentials } : {}),
    ...(input.identitySource !== undefined ? { identitySource: input.identitySource } : {}),
    ...(input.identityValidationExpression !== undefined && input.identityValidationExpression !== "" ? { identityValidationExpression: input.identityValidationExpression } : {}),
    authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? DEFAULT_TTL,
  };
  checkAuthorizer(a);
  // An empty identity source (a REQUEST authorizer without caching) is no identity source.
  if (a.identitySource === "") delete a.identitySource;
  api.authorizers = { ...(api.authorizers ?? {}), [a.id]: a };
  await gw.save(api);
  return authorizerView(a);
}

export function getAuthorizer(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  return authorizerView(authorizerOf(gw.api(input.restApiId, ctx), input.authorizerId));
}

export function getAuthorizers(input: { restApiId: string; limit?: number; position?: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const { items, position } = page(Object.values(api.authorizers ?? {}), input.limit, input.position);
  return { items: items.map(authorizerView), position };
}

export async function updateAuthorizer(input: Target & { patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const current = authorizerOf(api, input.authorizerId);
  // Patched on a copy: a failing step, or a result a create would refuse, leaves it untouched.
  const draft = structuredClone(current);
  applyPatches(draft, input.patchOperations, authorizerPatchRules);
  checkAuthorizer(draft);
  api.authorizers = { ...api.authorizers, [draft.id]: draft };
  await gw.save(api);
  return authorizerView(draft);
}

export async function deleteAuthorizer(input: Target, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const a = authorizerOf(api, input.authorizerId);
  for (const r of Object.values(api.resources)) {
    for (const m of Object.values(r.methods)) {
      // AWS's ConflictException, quoted in https://github.com/hashicorp/terraform-provider-aws/issues/14812
      if (m.authorizerId === a.id) throw ApiGatewayErrors.conflict(`Cannot delete authorizer '${a.name}', is referenced in method: ${m.httpMethod}/${r.path}`);
    }
  }
  const rest = { ...api.authorizers };
  delete rest[a.id];
  api.authorizers = rest;
  await gw.save(api);
  return {};
}

export async function testInvokeAuthorizer(input: Target & TestInvokeInput, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const a = authorizerOf(api, input.authorizerId);
  return gw.authorizers.testInvoke(api, a, input);
}

export const authorizerOperations: Record<string, OperationHandler<ApiGatewayService>> = {
  CreateAuthorizer: createAuthorizer,
  GetAuthorizer: getAuthorizer,
  GetAuthorizers: getAuthorizers,
  UpdateAuthorizer: updateAuthorizer,
  DeleteAuthorizer: deleteAuthorizer,
  TestInvokeAuthorizer: testInvokeAuthorizer,
};
