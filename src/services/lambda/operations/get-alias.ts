/** GetAlias: https://docs.aws.amazon.com/lambda/latest/api/API_GetAlias.html */
import type { RequestContext } from "../../../core/service.js";
import { requireAlias } from "../alias-lookup.js";
import type { LambdaService } from "../lambda-service.js";

export function getAlias(input: { FunctionName: string; Name: string }, ctx: RequestContext, lambda: LambdaService) {
  const { alias } = requireAlias(lambda, input.FunctionName, input.Name, ctx);
  return { ...alias };
}
