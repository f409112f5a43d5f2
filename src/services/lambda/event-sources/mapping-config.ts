/**
 * Validation of CreateEventSourceMapping / UpdateEventSourceMapping input for SQS event
 * sources, with AWS's error codes and messages.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
import type { SqsClientApi, SqsQueueInfo } from "../../../core/clients.js";
import { compilePattern, isEventPatternError } from "../../../core/event-patterns/index.js";
import type { Logger } from "../../../core/logger.js";
import type { RequestContext } from "../../../core/service.js";
import { LambdaErrors } from "../errors.js";
import * as L from "./limits.js";
import type { FilterCriteria } from "./mapping-record.js";

/** The members of Create/UpdateEventSourceMapping this file reads. */
export interface MappingInput {
  FunctionName?: string;
  EventSourceArn?: string;
  Enabled?: boolean;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  ScalingConfig?: { MaximumConcurrency?: number };
  FilterCriteria?: { Filters?: Array<{ Pattern?: string }> };
  StartingPosition?: string;
  StartingPositionTimestamp?: Date;
  [member: string]: unknown;
}

/** Members for streams, Kafka, MQ and DocumentDB that an SQS mapping does not take. */
const NOT_FOR_SQS = [
  "ParallelizationFactor",
  "DestinationConfig",
  "MaximumRecordAgeInSeconds",
  "BisectBatchOnFunctionError",
  "MaximumRetryAttempts",
  "TumblingWindowInSeconds",
  "Topics",
  "Queues",
  "SourceAccessConfigurations",
  "SelfManagedEventSource",
  "AmazonManagedKafkaEventSourceConfig",
  "SelfManagedKafkaEventSourceConfig",
  "DocumentDBEventSourceConfig",
];

const EVENT_SOURCE_ARN = /^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;

/** Range and enum checks AWS makes before anything else (ValidationException). */
export function checkRanges(input: MappingInput): void {
  const b = input.BatchSize;
  if (b !== undefined && b < 1) throw LambdaErrors.validation(b, "batchSize", "Member must have value greater than or equal to 1");
  if (b !== undefined && b > L.MAX_SQS_BATCH_SIZE) throw LambdaErrors.validation(b, "batchSize", `Member must have value less than or equal to ${L.MAX_SQS_BATCH_SIZE}`);
  const w = input.MaximumBatchingWindowInSeconds;
  if (w !== undefined && w < 0) throw LambdaErrors.validation(w, "maximumBatchingWindowInSeconds", "Member must have value greater than or equal to 0");
  if (w !== undefined && w > L.MAX_BATCHING_WINDOW_SECONDS) {
    throw LambdaErrors.validation(w, "maximumBatchingWindowInSeconds", `Member must have value less than or equal to ${L.MAX_BATCHING_WINDOW_SECONDS}`);
  }
  const c = input.ScalingConfig?.MaximumConcurrency;
  if (c !== undefined && c < L.MIN_MAXIMUM_CONCURRENCY) {
    throw LambdaErrors.validation(c, "scalingConfig.maximumConcurrency", `Member must have value greater than or equal to ${L.MIN_MAXIMUM_CONCURRENCY}`);
  }
  if (c !== undefined && c > L.MAX_MAXIMUM_CONCURRENCY) {
    throw LambdaErrors.validation(c, "scalingConfig.maximumConcurrency", `Member must have value less than or equal to ${L.MAX_MAXIMUM_CONCURRENCY}`);
  }
  const types = input.FunctionResponseTypes;
  if (types !== undefined && types.some((t) => t !== "ReportBatchItemFailures")) {
    throw LambdaErrors.validation(`[${types.join(", ")}]`, "functionResponseTypes", "Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]");
  }
  for (const [i, f] of (input.FilterCriteria?.Filters ?? []).entries()) {
    if (f?.Pattern !== undefined && f.Pattern.length > L.MAX_FILTER_PATTERN_LENGTH) {
      throw LambdaErrors.validation(f.Pattern, `filterCriteria.filters.${i + 1}.member.pattern`, `Member must have length less than or equal to ${L.MAX_FILTER_PATTERN_LENGTH}`);
    }
  }
  if (input.EventSourceArn !== undefined && !EVENT_SOURCE_ARN.test(input.EventSourceArn)) {
    throw LambdaErrors.validation(
      input.EventSourceArn,
      "eventSourceArn",
      "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)",
    );
  }
}

/** SQS takes none of the stream and broker settings. */
export function checkSqsMembers(input: MappingInput): void {
  if (input.StartingPosition !== undefined || input.StartingPositionTimestamp !== undefined) {
    throw LambdaErrors.invalidParameter("StartingPosition is not valid for SQS event sources.");
  }
  for (const name of NOT_FOR_SQS) {
    if (input[name] !== undefined) throw LambdaErrors.invalidParameter(`Unsupported ${name} parameter for given event source mapping type.`);
  }
}

/**
 * The queue an EventSourceArn names, which must exist in the caller's account and region.
 * Other event sources (Kinesis, DynamoDB streams, Kafka, MQ) are not implemented yet.
 */
export function requireQueue(arn: string | undefined, ctx: RequestContext, sqs: SqsClientApi | undefined): SqsQueueInfo {
  if (arn === undefined) throw LambdaErrors.invalidParameter("Unrecognized event source, must be kafka or specify an EventSourceArn");
  const service = arn.split(":")[2];
  if (service !== "sqs") {
    throw LambdaErrors.invalidParameter(`Stratus supports Amazon SQS event sources only; ${service} event sources are not implemented yet.`);
  }
  const [, , , region, account] = arn.split(":");
  const queue = region === ctx.region && account === ctx.accountId ? sqs?.describeQueue(arn) : undefined;
  if (!queue) {
    throw LambdaErrors.invalidParameter(
      "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.",
    );
  }
  return queue;
}

/** The batching rules that depend on the queue. */
export function checkBatching(batchSize: number, windowSeconds: number, queue: SqsQueueInfo): void {
  if (queue.fifo) {
    // Exact wording of these two FIFO messages is not verified against AWS.
    if (batchSize > L.MAX_SQS_BATCH_SIZE_WITHOUT_WINDOW) throw LambdaErrors.invalidParameter(`Batch size must be less than or equal to ${L.MAX_SQS_BATCH_SIZE_WITHOUT_WINDOW} for FIFO queues.`);
    if (windowSeconds > 0) throw LambdaErrors.invalidParameter("Batching window is not supported for FIFO queues.");
    return;
  }
  if (batchSize > L.MAX_SQS_BATCH_SIZE_WITHOUT_WINDOW && windowSeconds < 1) {
    throw LambdaErrors.invalidParameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
  }
}

/** A function that runs longer than messages stay hidden would see them delivered twice. */
export function checkVisibilityTimeout(queue: SqsQueueInfo, functionTimeoutSeconds: number): void {
  if (queue.visibilityTimeoutSeconds < functionTimeoutSeconds) {
    throw LambdaErrors.invalidParameter(`Queue visibility timeout: ${queue.visibilityTimeoutSeconds} seconds is less than Function timeout: ${functionTimeoutSeconds} seconds`);
  }
}

/**
 * Checks every pattern; an empty filter list (or `{}`) means no filtering. Lambda event filtering
 * uses EventBridge's pattern syntax (the shared engine in core/event-patterns, eventbridge mode),
 * but answers any refused pattern with its own single message rather than the engine's reason.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 */
export function normalizeFilterCriteria(input: MappingInput["FilterCriteria"]): FilterCriteria | undefined {
  const filters = input?.Filters ?? [];
  if (filters.length === 0) return undefined;
  for (const f of filters) {
    if (typeof f?.Pattern !== "string") throw LambdaErrors.invalidParameter(INVALID_FILTER);
    try {
      compilePattern(f.Pattern, { mode: "eventbridge" });
    } catch (err) {
      if (isEventPatternError(err)) throw LambdaErrors.invalidParameter(INVALID_FILTER);
      throw err;
    }
  }
  return { Filters: filters.map((f) => ({ Pattern: f.Pattern })) };
}

const INVALID_FILTER = "Invalid filter pattern definition.";

/** A record passes a mapping's filters when any of them matches it. */
export interface EventFilter {
  matches(event: unknown): boolean;
}

/**
 * The stored filters, compiled for a poller. They were checked when the mapping was created; one
 * that no longer compiles (stored by an older version) matches nothing rather than everything.
 */
export function compileFilters(criteria: FilterCriteria | undefined, logger: Logger, mapping: string): EventFilter[] {
  return (criteria?.Filters ?? []).map((f) => {
    try {
      return compilePattern(f.Pattern ?? "", { mode: "eventbridge" });
    } catch (err) {
      if (!isEventPatternError(err)) throw err;
      logger.error(`lambda: event-source mapping ${mapping} has a filter that no longer compiles (${err.message}); it matches nothing`);
      return { matches: () => false };
    }
  });
}
