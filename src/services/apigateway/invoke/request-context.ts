/**
 * The request context a call carries: the proxy event's `requestContext` and, for mapping
 * templates, `$context`. Absent parts are `null` as on AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#context-variable-reference
 */
import type { ApiCall } from "./api-call.js";
import { headerValue } from "./binary.js";

const built = new WeakMap<ApiCall, { value: ReturnType<typeof build>; authorizer: unknown; apiKey: unknown }>();

/**
 * The call's context, built once per call (templates, the proxy event and mappings share it),
 * and again once the authorizer or the usage gate has added to the call.
 */
export function requestContext(call: ApiCall) {
  let c = built.get(call);
  if (!c || c.authorizer !== call.authorizer || c.apiKey !== call.apiKey) built.set(call, (c = { value: build(call), authorizer: call.authorizer, apiKey: call.apiKey }));
  return c.value;
}

function build(call: ApiCall) {
  const { api, stage, resource, request } = call;
  return {
    resourceId: resource.id,
    resourcePath: resource.path,
    httpMethod: request.method,
    extendedRequestId: request.requestId,
    requestTime: requestTimeOf(request.now),
    path: `/${stage.stageName}${request.path}`,
    accountId: api.accountId,
    protocol: "HTTP/1.1",
    stage: stage.stageName,
    domainPrefix: api.id,
    requestTimeEpoch: request.now,
    requestId: request.requestId,
    identity: {
      cognitoIdentityPoolId: null,
      accountId: null,
      cognitoIdentityId: null,
      caller: null,
      sourceIp: request.sourceIp,
      principalOrgId: null,
      accessKey: null,
      cognitoAuthenticationType: null,
      cognitoAuthenticationProvider: null,
      userArn: null,
      userAgent: headerValue(request.headers, "user-agent") ?? null,
      user: null,
      ...(call.apiKey ? { apiKey: call.apiKey.value, apiKeyId: call.apiKey.id } : {}),
    },
    domainName: request.domainName,
    apiId: api.id,
    ...(call.authorizer ? { authorizer: authorizerContext(call) } : {}),
  };
}

/** `$context.authorizer`: the Lambda authorizer's context and principalId, or Cognito's claims. */
function authorizerContext(call: ApiCall): Record<string, unknown> {
  const a = call.authorizer!;
  if (a.claims) return { claims: a.claims };
  return { ...a.context, ...(a.principalId !== undefined ? { principalId: a.principalId } : {}), integrationLatency: a.latencyMs ?? 0 };
}

/** The last second formatted: calls within one second share it (most calls, under load). */
let lastTime: { second: number; text: string } | undefined;

function requestTimeOf(now: number): string {
  const second = Math.floor(now / 1000);
  if (lastTime?.second !== second) lastTime = { second, text: formatRequestTime(new Date(now)) };
  return lastTime.text;
}

/** `09/Apr/2015:12:34:56 +0000`, as requestContext.requestTime is written. */
function formatRequestTime(d: Date): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
