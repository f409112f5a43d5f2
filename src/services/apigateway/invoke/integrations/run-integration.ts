/**
 * Calls the method's integration and shapes its answer into the method response, within the
 * integration's timeout (29 s by default) on the clock: past it the client gets 504 "Endpoint
 * request timed out" while the backend may still finish, as on AWS.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-integration-types.html
 */
import type { ApiCall, Refusal } from "../api-call.js";
import type { HttpAnswer } from "../gateway-responses.js";
import type { InvokeDeps } from "../invoke-api.js";
import { callHttpProxy } from "./http-proxy.js";
import { callLambdaProxy, LAMBDA_URI } from "./lambda-proxy.js";
import { runMapped } from "./mapped.js";

export type IntegrationOutcome = HttpAnswer | Refusal;

export async function runIntegration(call: ApiCall, deps: InvokeDeps): Promise<IntegrationOutcome> {
  const integration = call.method.methodIntegration;
  if (!integration) return { type: "API_CONFIGURATION_ERROR" };
  // MOCK answers at once: no backend to wait for, no timer to arm.
  if (integration.type === "MOCK") return runMapped(call, deps, "mock").catch((err: unknown) => configurationError(call, deps, err));
  let timer: ReturnType<typeof deps.clock.setTimer> | undefined;
  const timeout = new Promise<IntegrationOutcome>((resolve) => {
    timer = deps.clock.setTimer(deps.clock.now() + integration.timeoutInMillis, () => resolve({ type: "INTEGRATION_TIMEOUT" }));
  });
  const work = dispatch(call, deps).catch((err: unknown) => configurationError(call, deps, err));
  try {
    return await Promise.race([work, timeout]);
  } finally {
    deps.clock.clearTimer(timer);
  }
}

function configurationError(call: ApiCall, deps: InvokeDeps, err: unknown): IntegrationOutcome {
  deps.logger.warn(`apigateway: ${call.api.id} ${call.request.method} ${call.resource.path}: ${(err as Error).message}`);
  return { type: "API_CONFIGURATION_ERROR" };
}

function dispatch(call: ApiCall, deps: InvokeDeps): Promise<IntegrationOutcome> {
  const integration = call.method.methodIntegration!;
  switch (integration.type) {
    case "AWS_PROXY":
      return callLambdaProxy(call, deps);
    case "HTTP_PROXY":
      return callHttpProxy(call, deps);
    case "AWS":
      return runMapped(call, deps, LAMBDA_URI.test(integration.uri ?? "") ? "lambda" : "aws");
    case "HTTP":
      return runMapped(call, deps, "http");
    default:
      return Promise.resolve({ type: "API_CONFIGURATION_ERROR" });
  }
}
