/**
 * Invoke: RequestResponse runs the function and answers its result (200, also when the
 * function fails: then with X-Amz-Function-Error); Event queues it (202); DryRun only checks
 * (204).
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { requireReady } from "../function-versions.js";
import type { LambdaService } from "../lambda-service.js";
import { MAX_ASYNC_PAYLOAD_BYTES, MAX_SYNC_PAYLOAD_BYTES } from "../limits.js";
import { checkJsonPayload } from "../payload.js";
import { traceId } from "../trace-id.js";

interface InvokeInput {
  FunctionName: string;
  InvocationType?: string;
  LogType?: string;
  ClientContext?: string;
  Payload?: Uint8Array;
  Qualifier?: string;
}

export async function invoke(input: InvokeInput, ctx: RequestContext, lambda: LambdaService) {
  const type = input.InvocationType ?? "RequestResponse";
  if (!["RequestResponse", "Event", "DryRun"].includes(type)) {
    throw LambdaErrors.validation(type, "invocationType", "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
  }
  if (input.LogType !== undefined && input.LogType !== "None" && input.LogType !== "Tail") {
    throw LambdaErrors.validation(input.LogType, "logType", "Member must satisfy enum value set: [None, Tail]");
  }
  const payload = input.Payload && input.Payload.length > 0 ? Buffer.from(input.Payload) : Buffer.from("{}");
  checkPayloadSize(type, payload.length);
  checkJsonPayload(payload);
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx, input.Qualifier);
  const resolved = lambda.functions.resolve(fn, ref.qualifier);
  requireReady(resolved.record.config, "invoke");
  if (type === "DryRun") return { StatusCode: 204 };
  if (type === "Event") {
    await lambda.invoker.enqueue(resolved, payload, ctx.requestId);
    return { StatusCode: 202 };
  }
  const result = await lambda.invoker.invokeSync(resolved, {
    requestId: ctx.requestId,
    payload,
    invokedFunctionArn: resolved.invokedArn,
    clientContext: input.ClientContext,
    traceId: traceId(ctx.clock.now()),
    tail: input.LogType === "Tail",
  });
  return {
    StatusCode: 200,
    FunctionError: result.functionError,
    LogResult: result.logTail,
    ExecutedVersion: resolved.version,
    Payload: result.payload,
  };
}

/**
 * 6 MB for synchronous invocations, 1 MB for Event ones, each refused in AWS's own words
 * ("… for the InvokeFunction operation", "… too large for the Event invocation type …").
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
function checkPayloadSize(type: string, size: number): void {
  if (type === "Event") {
    if (size > MAX_ASYNC_PAYLOAD_BYTES) throw LambdaErrors.eventPayloadTooLarge(size, MAX_ASYNC_PAYLOAD_BYTES);
  } else if (size > MAX_SYNC_PAYLOAD_BYTES) {
    throw LambdaErrors.requestTooLarge(MAX_SYNC_PAYLOAD_BYTES, "InvokeFunction");
  }
}
