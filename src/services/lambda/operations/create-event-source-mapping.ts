/**
 * CreateEventSourceMapping: an SQS queue of the caller's account feeding a function (or one of
 * its versions or aliases). Answers 202 with State Creating; a tick later the mapping is
 * Enabled (or Disabled) and its pollers run.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
import type { RequestContext } from "../../../core/service.js";
import { DEFAULT_SQS_BATCH_SIZE } from "../event-sources/limits.js";
import { checkBatching, checkRanges, checkSqsMembers, checkVisibilityTimeout, normalizeFilterCriteria, requireQueue, type MappingInput } from "../event-sources/mapping-config.js";
import { mappingView, type EventSourceMappingRecord } from "../event-sources/mapping-record.js";
import type { LambdaService } from "../lambda-service.js";

export async function createEventSourceMapping(input: MappingInput & { FunctionName: string }, ctx: RequestContext, lambda: LambdaService) {
  checkRanges(input);
  const { fn, ref } = lambda.functions.require(input.FunctionName, ctx);
  const resolved = lambda.functions.resolve(fn, ref.qualifier);
  const queue = requireQueue(input.EventSourceArn, ctx, lambda.clients.sqs);
  checkSqsMembers(input);
  const batchSize = input.BatchSize ?? DEFAULT_SQS_BATCH_SIZE;
  const window = input.MaximumBatchingWindowInSeconds ?? 0;
  checkBatching(batchSize, window, queue);
  const filterCriteria = normalizeFilterCriteria(input.FilterCriteria);
  checkVisibilityTimeout(queue, resolved.record.config.Timeout);
  const record: EventSourceMappingRecord = {
    UUID: lambda.eventSourceMappings.newUuid(),
    accountId: ctx.accountId,
    region: ctx.region,
    EventSourceArn: queue.arn,
    functionName: fn.name,
    qualifier: ref.qualifier,
    BatchSize: batchSize,
    MaximumBatchingWindowInSeconds: window,
    FunctionResponseTypes: [...new Set(input.FunctionResponseTypes ?? [])],
    ScalingConfig: input.ScalingConfig?.MaximumConcurrency !== undefined ? { MaximumConcurrency: input.ScalingConfig.MaximumConcurrency } : undefined,
    FilterCriteria: filterCriteria,
    enabled: input.Enabled ?? true,
    State: "Creating",
    StateTransitionReason: "USER_INITIATED",
    LastModified: ctx.clock.now(),
  };
  lambda.eventSourceMappings.checkUnique(record);
  await lambda.eventSourceMappings.create(record);
  return mappingView(record);
}
