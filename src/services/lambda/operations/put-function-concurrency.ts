/**
 * PutFunctionConcurrency: reserves concurrency for a function (0 throttles every invocation).
 * Reservations together must leave at least 100 of the account's limit unreserved.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionConcurrency.html
 */
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import type { LambdaService } from "../lambda-service.js";
import { MIN_UNRESERVED_CONCURRENCY } from "../limits.js";
import { parseFunctionName } from "../names.js";

export async function putFunctionConcurrency(input: { FunctionName: string; ReservedConcurrentExecutions: number }, ctx: RequestContext, lambda: LambdaService) {
  const reserved = input.ReservedConcurrentExecutions;
  if (reserved < 0) throw LambdaErrors.validation(reserved, "reservedConcurrentExecutions", "Member must have value greater than or equal to 0");
  if (parseFunctionName(input.FunctionName, ctx).qualifier) {
    throw LambdaErrors.invalidParameter(
      "This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.",
    );
  }
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  // The function's own reservation is replaced, so it does not count against the new one.
  const unreservedWithout = lambda.concurrency.unreserved(fn.accountId, fn.region) + (fn.reservedConcurrency ?? 0);
  if (unreservedWithout - reserved < MIN_UNRESERVED_CONCURRENCY) {
    throw LambdaErrors.invalidParameter(
      `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED_CONCURRENCY}].`,
    );
  }
  fn.reservedConcurrency = reserved;
  await lambda.functions.save(fn);
  return { ReservedConcurrentExecutions: reserved };
}
