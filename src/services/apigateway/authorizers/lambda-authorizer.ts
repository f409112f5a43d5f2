/**
 * Calling a Lambda authorizer: the TOKEN or REQUEST event, the synchronous invocation through
 * the in-process Lambda client, and what its answer means. A function error whose message is
 * exactly "Unauthorized" is API Gateway's 401; any other function error, an invocation that
 * fails (no such function, throttled, timed out) or an unusable answer is a 500 authorizer
 * configuration error, `{"message": null}`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html
 */
import type { ServiceClients } from "../../../core/clients.js";
import { monotonicMs } from "../../../core/clock.js";
import type { ApiCall } from "../invoke/api-call.js";
import { proxyEvent } from "../invoke/proxy-event.js";
import type { AuthorizerRecord } from "../types.js";
import { readAuthorizerOutput, type LambdaAuthorizerResult } from "./authorizer-output.js";
import { authorizerFunction } from "./authorizer-uri.js";

export type LambdaOutcome =
  | { kind: "result"; result: LambdaAuthorizerResult; latencyMs: number }
  | { kind: "unauthorized"; latencyMs: number }
  | { kind: "failure"; why: string; latencyMs: number };

/** Where the function is resolved: the API's account and region, and the stage's variables. */
export interface InvokeScope {
  accountId: string;
  region: string;
  stageVariables: Record<string, string>;
}

export function tokenEvent(token: string, methodArn: string) {
  return { type: "TOKEN", authorizationToken: token, methodArn };
}

/** The REQUEST event: the proxy event's request fields (no body), with type and methodArn first. */
export function requestEvent(call: ApiCall, methodArn: string) {
  const { body: _body, isBase64Encoded: _b64, ...request } = proxyEvent(call);
  return { type: "REQUEST", methodArn, ...request };
}

export async function invokeAuthorizer(authorizer: AuthorizerRecord, event: unknown, scope: InvokeScope, clients: ServiceClients): Promise<LambdaOutcome> {
  const started = monotonicMs();
  const latency = () => Math.round(monotonicMs() - started);
  const functionName = authorizerFunction(authorizer.authorizerUri, scope.stageVariables);
  if (!functionName) return { kind: "failure", why: `authorizerUri ${authorizer.authorizerUri ?? "(none)"} does not name a Lambda function`, latencyMs: 0 };
  if (!clients.lambda) return { kind: "failure", why: "Lambda is not running in this server", latencyMs: 0 };
  let answer: { payload: Buffer; functionError?: string };
  try {
    answer = await clients.lambda.invoke({ functionName, accountId: scope.accountId, region: scope.region, payload: Buffer.from(JSON.stringify(event)) });
  } catch (err) {
    return { kind: "failure", why: `could not invoke ${functionName}: ${(err as Error).message}`, latencyMs: latency() };
  }
  if (answer.functionError) {
    // The one function error API Gateway turns into 401: errorMessage exactly "Unauthorized".
    if (errorMessage(answer.payload) === "Unauthorized") return { kind: "unauthorized", latencyMs: latency() };
    return { kind: "failure", why: `${functionName} failed (${answer.functionError}): ${answer.payload.toString("utf8").slice(0, 500)}`, latencyMs: latency() };
  }
  const result = readAuthorizerOutput(answer.payload);
  if ("invalid" in result) return { kind: "failure", why: `${functionName} answered something unusable: ${result.invalid}`, latencyMs: latency() };
  return { kind: "result", result, latencyMs: latency() };
}

function errorMessage(payload: Buffer): unknown {
  try {
    const doc: unknown = JSON.parse(payload.toString("utf8"));
    return typeof doc === "object" && doc !== null ? (doc as { errorMessage?: unknown }).errorMessage : undefined;
  } catch {
    return undefined;
  }
}
