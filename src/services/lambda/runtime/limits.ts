/**
 * Numbers the execution layer takes from AWS, each with the page that defines it.
 */

/**
 * Largest synchronous response a function may return: 6 MB, which Lambda counts as 6,291,556
 * bytes ("Response payload size exceeded maximum allowed payload size (6291556 bytes).").
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const MAX_RESPONSE_BYTES = 6_291_556;

/** Error documents (`/error`, `/init/error`) are cut at the same size; nothing legitimate is bigger. */
export const MAX_ERROR_BYTES = MAX_RESPONSE_BYTES;

/**
 * The INIT phase of an on-demand environment may take at most 10 seconds.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
 */
export const DEFAULT_INIT_TIMEOUT_MS = 10_000;

/**
 * How long a warm environment may sit unused before it is stopped. AWS does not publish a
 * number (observed: 5–15 minutes); five minutes keeps a developer's machine tidy.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 5 * 60_000;

/**
 * `LogType: Tail` returns "the last 4 KB of the execution log".
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#lambda-Invoke-request-LogType
 */
export const LOG_TAIL_BYTES = 4096;

/**
 * CloudWatch Logs caps one event at 256 KB; a longer line (or a partial line without a newline)
 * is cut into events of that size.
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/logs/cloudwatch_limits_cwl.html
 */
export const MAX_LOG_LINE_BYTES = 256 * 1024;

/** Recent lines kept in memory per function for `logs()` (Stratus's own bound, not AWS's). */
export const LOG_RING_MAX_LINES = 10_000;
export const LOG_RING_MAX_CHARS = 4 * 1024 * 1024;
