/** DeleteAlias: https://docs.aws.amazon.com/lambda/latest/api/API_DeleteAlias.html */
import type { RequestContext } from "../../../core/service.js";
import type { LambdaService } from "../lambda-service.js";

export async function deleteAlias(input: { FunctionName: string; Name: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn } = lambda.functions.require(input.FunctionName, ctx);
  // Deleting an alias that does not exist succeeds, as on AWS.
  if (fn.aliases[input.Name]) {
    delete fn.aliases[input.Name];
    delete fn.eventInvokeConfigs[input.Name];
    delete fn.policies[input.Name];
    await lambda.functions.save(fn);
  }
  return {};
}
