/**
 * The call a TestInvoke operation simulates (TestInvokeMethod, TestInvokeAuthorizer): the API
 * as it is defined now rather than as deployed, on the stage `test-invoke-stage` with the given
 * stage variables, and a request built from the operation's pathWithQueryString, headers,
 * multiValueHeaders and body, with AWS's test source IP and domain name.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
 */
import { newUuid } from "../../../core/ids.js";
import type { DeploymentRecord, RestApiRecord } from "../types.js";
import type { ApiCall } from "./api-call.js";

export interface SimulatedRequest {
  pathWithQueryString?: string;
  body?: string;
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  stageVariables?: Record<string, string>;
}

export const TEST_INVOKE_STAGE = "test-invoke-stage";

/** What a deployment snapshots of an API (CreateDeployment clones it; a simulated call reads it live). */
export function apiDefinition(api: RestApiRecord): Omit<DeploymentRecord, "id" | "description" | "createdDate"> {
  return {
    resources: api.resources,
    models: api.models ?? {},
    requestValidators: api.requestValidators ?? {},
    authorizers: api.authorizers ?? {},
    gatewayResponses: api.gatewayResponses ?? {},
    binaryMediaTypes: api.binaryMediaTypes,
    apiKeySource: api.apiKeySource,
  };
}

/**
 * The simulated call. `route` picks the resource and method for the request's path (and reads
 * the path parameters); without pathWithQueryString the path is `defaultPath`.
 */
export function simulatedCall(api: RestApiRecord, input: SimulatedRequest, now: number, defaultPath: string, route: (path: string) => Pick<ApiCall, "resource" | "method" | "pathParameters">): ApiCall {
  const target = new URL(input.pathWithQueryString || defaultPath, "http://test-invoke.local");
  const headers: Array<[string, string]> = Object.entries(input.headers ?? {});
  for (const [k, values] of Object.entries(input.multiValueHeaders ?? {})) {
    if (Object.hasOwn(input.headers ?? {}, k)) continue;
    for (const v of values ?? []) headers.push([k, v]);
  }
  const routed = route(target.pathname);
  return {
    api,
    stage: { stageName: TEST_INVOKE_STAGE, deploymentId: "", cacheClusterEnabled: false, variables: { ...(input.stageVariables ?? {}) }, tracingEnabled: false, tags: {}, createdDate: now, lastUpdatedDate: now },
    deployment: { id: "", createdDate: now, ...apiDefinition(api) },
    ...routed,
    request: {
      method: routed.method.httpMethod === "ANY" ? "GET" : routed.method.httpMethod,
      path: target.pathname,
      headers,
      query: target.searchParams,
      body: Buffer.from(input.body ?? ""),
      sourceIp: "test-invoke-source-ip",
      requestId: newUuid(),
      now,
      domainName: "testPrefix.testDomainName",
    },
  };
}
