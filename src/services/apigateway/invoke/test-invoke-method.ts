/**
 * TestInvokeMethod: runs one method of the API as it is defined now (not as deployed) with a
 * simulated request, and reports what a client would get: status, body, headers, an execution
 * log in API Gateway's style and the latency. As on AWS, the call skips authorization (no
 * authorizer, no API key), throttling and caching; request validation and the integration run
 * as for a deployed call, on the stage `test-invoke-stage` with the given stage variables.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_TestInvokeMethod.html
 */
import { monotonicMs } from "../../../core/clock.js";
import { javaDate } from "../authorizers/java-date.js";
import type { MethodRecord, ResourceRecord, RestApiRecord } from "../types.js";
import { gatewayResponse, type HttpAnswer } from "./gateway-responses.js";
import type { InvokeDeps } from "./invoke-api.js";
import { runIntegration } from "./integrations/run-integration.js";
import { validateRequest } from "./request-validation.js";
import { matchRoute } from "./route-match.js";
import { simulatedCall, type SimulatedRequest } from "./simulated-call.js";

export type TestInvokeMethodInput = SimulatedRequest;

export interface TestInvokeMethodOutput {
  status: number;
  body: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  log: string;
  latency: number;
}

export async function testInvokeMethod(api: RestApiRecord, resource: ResourceRecord, method: MethodRecord, input: TestInvokeMethodInput, deps: InvokeDeps): Promise<TestInvokeMethodOutput> {
  const started = monotonicMs();
  // The method of the given resource; its path parameters are read from pathWithQueryString.
  const call = simulatedCall(api, input, deps.clock.now(), resource.path, (path) => ({ resource, method, pathParameters: matchRoute([resource], path)?.pathParameters ?? {} }));
  const lines = [`Execution log for request ${call.request.requestId}`];
  const log = (line: string) => lines.push(`${javaDate(deps.clock.now())} : ${line}`);
  log(`Starting execution for request: ${call.request.requestId}`);
  log(`HTTP Method: ${call.request.method}, Resource Path: ${call.request.path}`);
  log(`Method request path: ${javaMap(call.pathParameters)}`);
  log(`Method request query string: ${javaMap(Object.fromEntries(call.request.query))}`);
  log(`Method request headers: ${javaMap(Object.fromEntries(call.request.headers))}`);
  log(`Method request body before transformations: ${input.body ?? ""}`);

  let answer: HttpAnswer;
  const refusal = validateRequest(call);
  if (refusal) {
    log(`Request validation failed: ${refusal.message ?? refusal.type}`);
    answer = gatewayResponse(refusal, call.deployment.gatewayResponses, call);
  } else {
    const outcome = await runIntegration(call, deps);
    if ("type" in outcome) {
      log(`Execution failed: ${outcome.message ?? outcome.type}`);
      answer = gatewayResponse(outcome, call.deployment.gatewayResponses, call);
    } else {
      answer = outcome;
      log(`Method response body after transformations: ${text(answer.body)}`);
      log(`Method response headers: ${javaMap(singleValued(answer.headers))}`);
      log("Successfully completed execution");
    }
  }
  log(`Method completed with status: ${answer.status}`);
  return {
    status: answer.status,
    body: text(answer.body),
    headers: singleValued(answer.headers),
    multiValueHeaders: Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])),
    log: `${lines.join("\n")}\n`,
    latency: Math.round(monotonicMs() - started),
  };
}

function singleValued(headers: HttpAnswer["headers"]): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]));
}

function text(body: string | Buffer): string {
  return typeof body === "string" ? body : body.toString("utf8");
}

/** How the log prints a map (Java's `{a=1, b=2}`). */
function javaMap(values: Record<string, string>): string {
  return `{${Object.entries(values)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ")}}`;
}
