/**
 * Lambda quotas and defaults.
 * https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
 */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const MIN_TIMEOUT_SECONDS = 1;
export const MAX_TIMEOUT_SECONDS = 900;
export const DEFAULT_MEMORY_MB = 128;
export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
export const DEFAULT_EPHEMERAL_STORAGE_MB = 512;
/** 6 MB for synchronous invocation payloads (request and response). */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_456;
/** 1 MB for asynchronous invocation payloads. */
export const MAX_ASYNC_PAYLOAD_BYTES = 1_048_576;
/** 4 KB of environment variables in total. */
export const MAX_ENVIRONMENT_BYTES = 4_096;
export const MAX_LAYERS_PER_FUNCTION = 5;
export const MAX_FUNCTION_NAME_LENGTH = 64;
export const DEFAULT_ACCOUNT_CONCURRENCY = 1_000;
/** Reserved concurrency must leave at least this much unreserved. */
export const MIN_UNRESERVED_CONCURRENCY = 100;
/** Total code storage per region (75 GB). */
export const MAX_TOTAL_CODE_BYTES = 75 * 1024 ** 3;
export const MAX_ALIASES_ROUTING_VERSIONS = 1;
export const DEFAULT_LIST_MAX_ITEMS = 50;
export const MAX_LIST_MAX_ITEMS = 10_000;
export const MAX_POLICY_BYTES = 20_480;
