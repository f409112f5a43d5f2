/**
 * PutFunctionEventInvokeConfig: sets the asynchronous invocation settings of `$LATEST` (no
 * qualifier), a version or an alias, replacing any earlier config whole.
 * https://docs.aws.amazon.com/lambda/latest/api/API_PutFunctionEventInvokeConfig.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkSettings, configKey, configOutput, normalizeDestinations, type EventInvokeConfigInput } from "../event-invoke-config.js";
import type { LambdaService } from "../lambda-service.js";
import type { EventInvokeConfig } from "../types.js";

export async function putFunctionEventInvokeConfig(input: EventInvokeConfigInput, ctx: RequestContext, lambda: LambdaService) {
  const { fn, key, arn } = configKey(input, ctx, lambda, true);
  checkSettings(input, fn!, lambda);
  const config: EventInvokeConfig = {
    MaximumRetryAttempts: input.MaximumRetryAttempts,
    MaximumEventAgeInSeconds: input.MaximumEventAgeInSeconds,
    DestinationConfig: normalizeDestinations(input.DestinationConfig),
    LastModified: ctx.clock.now(),
  };
  fn!.eventInvokeConfigs[key] = config;
  await lambda.functions.save(fn!);
  return configOutput(config, arn);
}
