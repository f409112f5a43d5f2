/** GetFunction: https://docs.aws.amazon.com/lambda/latest/api/API_GetFunction.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";
import { codeLocation } from "../code-location.js";

export function getFunction(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx, input.Qualifier);
  const config = lambda.functions.configuration(fn, ref.qualifier);
  const version = lambda.functions.resolve(fn, ref.qualifier === undefined || /^\d+$|^\$LATEST$/.test(ref.qualifier) ? ref.qualifier : fn.aliases[ref.qualifier]?.FunctionVersion);
  return {
    Configuration: config,
    Code: codeLocation(version.record.code, ctx.endpoint),
    Tags: ref.qualifier === undefined && Object.keys(fn.tags).length ? { ...fn.tags } : undefined,
    Concurrency: fn.reservedConcurrency !== undefined ? { ReservedConcurrentExecutions: fn.reservedConcurrency } : undefined,
  };
}
