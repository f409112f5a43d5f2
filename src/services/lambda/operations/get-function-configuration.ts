/** GetFunctionConfiguration: https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionConfiguration.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";

export function getFunctionConfiguration(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx, input.Qualifier);
  return lambda.functions.configuration(fn, ref.qualifier);
}
