/** DeleteFunctionEventInvokeConfig: https://docs.aws.amazon.com/lambda/latest/api/API_DeleteFunctionEventInvokeConfig.html */
import type { RequestContext } from "../../../core/service.js";
import { configKey, noConfig } from "../event-invoke-config.js";
import type { LambdaService } from "../lambda-service.js";

export async function deleteFunctionEventInvokeConfig(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, key, arn } = configKey(input, ctx, lambda, false);
  if (!fn?.eventInvokeConfigs[key]) throw noConfig(arn);
  delete fn.eventInvokeConfigs[key];
  await lambda.functions.save(fn);
  return {};
}
