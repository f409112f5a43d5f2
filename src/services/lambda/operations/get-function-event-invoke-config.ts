/** GetFunctionEventInvokeConfig: https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionEventInvokeConfig.html */
import type { RequestContext } from "../../../core/service.js";
import { configKey, configOutput, noConfig } from "../event-invoke-config.js";
import type { LambdaService } from "../lambda-service.js";

export function getFunctionEventInvokeConfig(input: { FunctionName: string; Qualifier?: string }, ctx: RequestContext, lambda: LambdaService) {
  const { fn, key, arn } = configKey(input, ctx, lambda, false);
  const config = fn?.eventInvokeConfigs[key];
  if (!config) throw noConfig(arn);
  return configOutput(config, arn);
}
