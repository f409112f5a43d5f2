/**
 * UpdateFunctionEventInvokeConfig: changes the members given of an existing config and keeps
 * the others (a DestinationConfig given replaces the destinations whole).
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionEventInvokeConfig.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkSettings, configKey, configOutput, noConfig, normalizeDestinations, type EventInvokeConfigInput } from "../event-invoke-config.js";
import type { LambdaService } from "../lambda-service.js";
import type { EventInvokeConfig } from "../types.js";

export async function updateFunctionEventInvokeConfig(input: EventInvokeConfigInput, ctx: RequestContext, lambda: LambdaService) {
  const { fn, key, arn } = configKey(input, ctx, lambda, true);
  const existing = fn!.eventInvokeConfigs[key];
  checkSettings(input, fn!, lambda);
  if (!existing) throw noConfig(arn);
  const config: EventInvokeConfig = {
    MaximumRetryAttempts: input.MaximumRetryAttempts ?? existing.MaximumRetryAttempts,
    MaximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? existing.MaximumEventAgeInSeconds,
    DestinationConfig: input.DestinationConfig !== undefined ? normalizeDestinations(input.DestinationConfig) : existing.DestinationConfig,
    LastModified: ctx.clock.now(),
  };
  fn!.eventInvokeConfigs[key] = config;
  await lambda.functions.save(fn!);
  return configOutput(config, arn);
}
