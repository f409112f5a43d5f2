/** GetFunctionConcurrency: the function's reserved concurrency, `{}` when it has none. https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConcurrency.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";

export function getFunctionConcurrency(input: { FunctionName: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  return { ReservedConcurrentExecutions: fn.reservedConcurrency };
}
