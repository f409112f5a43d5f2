/**
 * TestInvokeAuthorizer: runs an authorizer (as currently defined, not as deployed) against a
 * simulated request — headers, multiValueHeaders, pathWithQueryString, body, stageVariables and
 * additionalContext — and reports what a client would get: clientStatus (200 when the
 * authorizer answered with a usable policy, 401, or 500), principalId and the policy as JSON
 * text for Lambda authorizers, the claims for Cognito ones, an execution log and the latency.
 * The policy is not evaluated (there is no method); the simulated stage is `test-invoke-stage`
 * and the method ARN the function sees `…/ESTestInvoke-stage/GET/`, as on AWS.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeAuthorizer.html
 */
import type { ServiceClients } from "../../../core/clients.js";
import type { Clock } from "../../../core/clock.js";
import { monotonicMs } from "../../../core/clock.js";
import type { ApiCall } from "../invoke/api-call.js";
import { matchRoute } from "../invoke/route-match.js";
import { simulatedCall, type SimulatedRequest } from "../invoke/simulated-call.js";
import type { AuthorizerRecord, RestApiRecord } from "../types.js";
import { authorizerFunction } from "./authorizer-uri.js";
import { readCognitoToken } from "./cognito-token.js";
import { requestIdentity, tokenValue } from "./identity-sources.js";
import { javaDate } from "./java-date.js";
import { invokeAuthorizer, requestEvent, tokenEvent, type LambdaOutcome } from "./lambda-authorizer.js";
import { executeApiArn } from "./method-arn.js";
import { fullMatch } from "./validation-expression.js";

export interface TestInvokeInput extends SimulatedRequest {
  additionalContext?: Record<string, string>;
}

export interface TestInvokeOutput {
  clientStatus: number;
  log: string;
  latency: number;
  principalId?: string;
  policy?: string;
  claims?: Record<string, string>;
}

const ARN_STAGE = "ESTestInvoke-stage";

export async function testInvoke(api: RestApiRecord, authorizer: AuthorizerRecord, input: TestInvokeInput, deps: { clients: ServiceClients; clock: Clock }): Promise<TestInvokeOutput> {
  const started = monotonicMs();
  const lines: string[] = ["Execution log for request test-request"];
  const log = (line: string) => lines.push(`${javaDate(deps.clock.now())} : ${line}`);
  const finish = (out: Omit<TestInvokeOutput, "log" | "latency">): TestInvokeOutput => ({ ...out, log: `${lines.join("\n")}\n`, latency: Math.round(monotonicMs() - started) });
  const call = authorizerCall(api, authorizer, input, deps.clock.now());
  log(`Starting authorizer: ${authorizer.id} for request: test-request`);

  if (authorizer.type === "COGNITO_USER_POOLS") {
    const token = tokenValue(authorizer.identitySource, call);
    if (token === undefined) return unauthorized(log, finish, "Unauthorized request: test-request");
    // The console and this API test ID tokens only: no method, so no OAuth scopes.
    const outcome = readCognitoToken(token, authorizer, undefined, call.stage.variables, deps.clock.now());
    if ("rejected" in outcome) return unauthorized(log, finish, `Unauthorized request: test-request (${outcome.rejected})`);
    log("Successfully completed authorizer execution");
    return finish({ clientStatus: 200, claims: outcome.claims });
  }

  const arn = executeApiArn(api.region, api.accountId, api.id, ARN_STAGE, call.request.method, "/");
  let event: unknown;
  if (authorizer.type === "TOKEN") {
    const token = tokenValue(authorizer.identitySource, call);
    if (token === undefined) return unauthorized(log, finish, "Unauthorized request: test-request");
    log(`Incoming identity: ${token}`);
    if (authorizer.identityValidationExpression && !fullMatch(authorizer.identityValidationExpression, token)) return unauthorized(log, finish, "Incoming identity did not match the identity validation expression");
    event = tokenEvent(token, arn);
  } else {
    const values = requestIdentity(authorizer.identitySource, call, input.additionalContext);
    if (values === undefined) return unauthorized(log, finish, "Unauthorized request: test-request (an identity source is missing or empty)");
    const base = requestEvent(call, arn);
    event = { ...base, requestContext: { ...base.requestContext, ...(input.additionalContext ?? {}) } };
  }
  const fn = authorizerFunction(authorizer.authorizerUri, call.stage.variables);
  log(`Endpoint request URI: https://lambda.${api.region}.amazonaws.com/2015-03-31/functions/${fn ?? ""}/invocations`);
  log(`Endpoint request body after transformations: ${JSON.stringify(event)}`);
  const outcome: LambdaOutcome = await invokeAuthorizer(authorizer, event, { accountId: api.accountId, region: api.region, stageVariables: call.stage.variables }, deps.clients);
  if (outcome.kind === "unauthorized") return unauthorized(log, finish, "Unauthorized request: test-request");
  if (outcome.kind === "failure") {
    log(`Execution failed due to configuration error: ${outcome.why}`);
    log("Execution failed due to configuration error: Authorizer error");
    log("AuthorizerConfigurationException");
    return finish({ clientStatus: 500 });
  }
  const { result } = outcome;
  log(`Authorizer result body before parsing: ${JSON.stringify({ principalId: result.principalId, policyDocument: JSON.parse(result.policyJson), context: result.context })}`);
  log(`Using valid authorizer policy for principal: ${result.principalId ?? ""}`);
  log("Successfully completed authorizer execution");
  return finish({ clientStatus: 200, ...(result.principalId !== undefined ? { principalId: result.principalId } : {}), policy: result.policyJson });
}

function unauthorized(log: (line: string) => void, finish: (out: Omit<TestInvokeOutput, "log" | "latency">) => TestInvokeOutput, why: string): TestInvokeOutput {
  log(why);
  log("Unauthorized");
  return finish({ clientStatus: 401 });
}

/** A call as the simulated request would be one: GET, on the resource the path routes to. */
function authorizerCall(api: RestApiRecord, authorizer: AuthorizerRecord, input: TestInvokeInput, now: number): ApiCall {
  return simulatedCall(api, input, now, "/", (path) => {
    const route = matchRoute(Object.values(api.resources), path);
    return {
      resource: route?.resource ?? api.resources[api.rootResourceId],
      method: { httpMethod: "GET", authorizationType: authorizer.type === "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM", authorizerId: authorizer.id, apiKeyRequired: false },
      pathParameters: route?.pathParameters ?? {},
    };
  });
}
