/**
 * InvokeAsync (deprecated; Invoke with InvocationType Event replaces it): queues an
 * asynchronous invocation and answers 202.
 * https://docs.aws.amazon.com/lambda/latest/api/API_InvokeAsync.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import { requireReady } from "../function-versions.js";
import type { LambdaService } from "../lambda-service.js";
import { MAX_ASYNC_PAYLOAD_BYTES } from "../limits.js";
import { checkJsonPayload } from "../payload.js";

export async function invokeAsync(input: { FunctionName: string; InvokeArgs?: Uint8Array }, ctx: RequestContext, lambda: LambdaService) {
  const payload = input.InvokeArgs && input.InvokeArgs.length > 0 ? Buffer.from(input.InvokeArgs) : Buffer.from("{}");
  if (payload.length > MAX_ASYNC_PAYLOAD_BYTES) throw LambdaErrors.requestTooLarge(MAX_ASYNC_PAYLOAD_BYTES, "InvokeAsync");
  checkJsonPayload(payload);
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx);
  const resolved = lambda.functions.resolve(fn, ref.qualifier);
  requireReady(resolved.record.config, "invoke");
  await lambda.invoker.enqueue(resolved, payload, ctx.requestId);
  return { Status: 202 };
}
