/**
 * UpdateEventSourceMapping: changes the function, batching, filters, scaling or Enabled of a
 * mapping. Answers 202 with State Updating (Enabling / Disabling when Enabled flips); the
 * pollers restart with the new settings a tick later, once in-flight batches have finished.
 * An empty FilterCriteria or ScalingConfig removes it.
 * https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkBatching, checkRanges, checkSqsMembers, checkVisibilityTimeout, normalizeFilterCriteria, type MappingInput } from "../event-sources/mapping-config.js";
import { mappingView, type EventSourceMappingRecord } from "../event-sources/mapping-record.js";
import type { LambdaService } from "../lambda-service.js";

export async function updateEventSourceMapping(input: MappingInput & { UUID: string }, ctx: RequestContext, lambda: LambdaService) {
  checkRanges(input);
  const current = lambda.eventSourceMappings.require(input.UUID, ctx);
  checkSqsMembers(input);
  const next: EventSourceMappingRecord = { ...current };
  let functionTimeout: number | undefined;
  if (input.FunctionName !== undefined) {
    const { fn, ref } = lambda.functions.require(input.FunctionName, ctx);
    functionTimeout = lambda.functions.resolve(fn, ref.qualifier).record.config.Timeout;
    next.functionName = fn.name;
    next.qualifier = ref.qualifier;
  }
  if (input.BatchSize !== undefined) next.BatchSize = input.BatchSize;
  if (input.MaximumBatchingWindowInSeconds !== undefined) next.MaximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds;
  if (input.FunctionResponseTypes !== undefined) next.FunctionResponseTypes = [...new Set(input.FunctionResponseTypes)];
  if (input.ScalingConfig !== undefined) {
    next.ScalingConfig = input.ScalingConfig.MaximumConcurrency !== undefined ? { MaximumConcurrency: input.ScalingConfig.MaximumConcurrency } : undefined;
  }
  if (input.FilterCriteria !== undefined) next.FilterCriteria = normalizeFilterCriteria(input.FilterCriteria);
  // The queue may have been deleted since; its name still says whether it was FIFO.
  const queue = lambda.clients.sqs?.describeQueue(current.EventSourceArn) ?? {
    arn: current.EventSourceArn,
    fifo: current.EventSourceArn.endsWith(".fifo"),
    visibilityTimeoutSeconds: Infinity,
  };
  checkBatching(next.BatchSize, next.MaximumBatchingWindowInSeconds, queue);
  if (functionTimeout !== undefined) {
    checkVisibilityTimeout(queue, functionTimeout);
    lambda.eventSourceMappings.checkUnique(next);
  }
  const enabled = input.Enabled ?? current.enabled;
  next.State = enabled === current.enabled ? "Updating" : enabled ? "Enabling" : "Disabling";
  next.enabled = enabled;
  next.StateTransitionReason = "USER_INITIATED";
  next.LastModified = ctx.clock.now();
  await lambda.eventSourceMappings.update(next);
  return mappingView(next);
}
