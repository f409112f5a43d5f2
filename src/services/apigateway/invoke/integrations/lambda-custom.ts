/**
 * AWS (non-proxy) integration with Lambda: the mapped body is the function's payload. A
 * function error's errorMessage is what integration responses' selectionPatterns match; with
 * `X-Amz-Invocation-Type: 'Event'` mapped, the function is invoked asynchronously and the
 * integration answers at once with an empty body.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-custom-integrations.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/handle-errors-in-lambda-integration.html
 */
import type { ApiCall } from "../api-call.js";
import type { InvokeDeps } from "../invoke-api.js";
import type { BackendAnswer } from "./http-backend.js";
import { lambdaFunctionOf } from "./lambda-proxy.js";
import type { IntegrationRequest } from "./mapped.js";

export async function callLambdaCustom(call: ApiCall, deps: InvokeDeps, req: IntegrationRequest): Promise<BackendAnswer> {
  const fn = lambdaFunctionOf(call.method.methodIntegration?.uri, call);
  if (!fn || !deps.clients.lambda) throw new Error(`no Lambda function in the integration URI ${call.method.methodIntegration?.uri}`);
  const invocationType = Object.entries(req.headers).find(([k]) => k.toLowerCase() === "x-amz-invocation-type")?.[1];
  if (invocationType === "Event") {
    await deps.clients.lambda.invokeAsync({ functionArn: fn, payload: req.body });
    return { status: 200, headers: [], body: Buffer.alloc(0) };
  }
  // Lambda refusing the invocation (throttled, not found, …) throws: a 500 "Internal server error".
  const answer = await deps.clients.lambda.invoke({ functionName: fn, accountId: call.api.accountId, region: call.api.region, payload: req.body });
  return { status: 200, headers: [], body: answer.payload, errorMessage: answer.functionError ? errorMessageOf(answer.payload) : undefined };
}

function errorMessageOf(payload: Buffer): string {
  try {
    const doc = JSON.parse(payload.toString("utf8")) as { errorMessage?: unknown };
    return typeof doc?.errorMessage === "string" ? doc.errorMessage : "";
  } catch {
    return payload.toString("utf8");
  }
}
