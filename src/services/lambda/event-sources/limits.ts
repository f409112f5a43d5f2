/**
 * Limits and defaults of SQS event-source mappings.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
 */
export const DEFAULT_SQS_BATCH_SIZE = 10;
export const MAX_SQS_BATCH_SIZE = 10_000;
/** FIFO queues, and standard queues without a batching window. */
export const MAX_SQS_BATCH_SIZE_WITHOUT_WINDOW = 10;
export const MAX_BATCHING_WINDOW_SECONDS = 300;
/** ScalingConfig.MaximumConcurrency. */
export const MIN_MAXIMUM_CONCURRENCY = 2;
export const MAX_MAXIMUM_CONCURRENCY = 1_000;
/** Filter.Pattern is at most 4,096 characters. */
export const MAX_FILTER_PATTERN_LENGTH = 4_096;
/** One ReceiveMessage returns at most 10 messages. */
export const MAX_MESSAGES_PER_RECEIVE = 10;
/** Pollers long-poll for up to 20 seconds. */
export const POLL_WAIT_SECONDS = 20;
/** Lambda starts with five concurrent batches per mapping. */
export const INITIAL_POLLERS = 5;
/** AWS adds up to 300 concurrent batches a minute while the queue has a backlog. */
export const SCALE_UP_PER_MINUTE = 300;
/**
 * AWS scales a standard queue's mapping to 1,250 concurrent invocations; Stratus stops at the
 * default account concurrency (1,000), which bounds invocations anyway. Pollers are created
 * only while batches keep coming full, so an idle mapping holds five long polls and no process.
 */
export const MAX_POLLERS = 1_000;
/**
 * Without ScalingConfig.MaximumConcurrency, a mapping grows to at most this many concurrent
 * batches. AWS's scaling hides network latency with hundreds of pollers; on one machine each
 * batch in flight is a process, and beyond a few dozen they only compete for the same cores
 * (the benchmark's 100,000-message drain grew to 250 processes and 3 GB without this cap).
 * A mapping that sets MaximumConcurrency (2–1,000) gets what it asks for.
 */
export const DEFAULT_MAX_POLLERS = 20;
/** Throttled batches are retried with backoff from 1 s up to 20 s, until their visibility timeout runs out. */
export const THROTTLE_BACKOFF_MIN_MS = 1_000;
export const THROTTLE_BACKOFF_MAX_MS = 20_000;
/** A poller whose function is not invocable (deleted, not yet Active) looks again after this long. */
export const NOT_READY_RETRY_MS = 1_000;
