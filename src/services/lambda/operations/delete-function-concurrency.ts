/** DeleteFunctionConcurrency: the function shares the account's unreserved pool again. https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunctionConcurrency.html */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { parseFunctionName } from "../names.js";

export async function deleteFunctionConcurrency(input: { FunctionName: string }, ctx: RequestContext, lambda: LambdaService) {
  if (parseFunctionName(input.FunctionName, ctx).qualifier) {
    throw LambdaErrors.invalidParameter(
      "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
    );
  }
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  if (fn.reservedConcurrency !== undefined) {
    delete fn.reservedConcurrency;
    await lambda.functions.save(fn);
  }
  return {};
}
