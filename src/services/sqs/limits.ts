/**
 * SQS limits and defaults.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-queues.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 */
export const MAX_MESSAGE_SIZE_LIMIT = 1_048_576; // 1 MiB (default and maximum)
export const MIN_MESSAGE_SIZE_LIMIT = 1_024;
export const DEFAULT_RETENTION_SECONDS = 345_600; // 4 days
export const MIN_RETENTION_SECONDS = 60;
export const MAX_RETENTION_SECONDS = 1_209_600; // 14 days
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
export const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200; // 12 hours
export const MAX_DELAY_SECONDS = 900;
export const MAX_WAIT_TIME_SECONDS = 20;
export const MAX_RECEIVE_MESSAGES = 10;
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_BATCH_PAYLOAD_BYTES = 1_048_576;
export const MAX_BATCH_ENTRY_ID_LENGTH = 80;
export const MAX_QUEUE_NAME_LENGTH = 80;
export const MAX_LIST_QUEUES_RESULTS = 1_000;
export const FIFO_DEDUPLICATION_WINDOW_MS = 5 * 60 * 1000;
export const RECEIVE_ATTEMPT_ID_WINDOW_MS = 5 * 60 * 1000;
export const PURGE_INTERVAL_MS = 60 * 1000;
export const QUEUE_RECREATE_DELAY_MS = 60 * 1000;
export const MAX_RECEIVE_COUNT = 1_000; // RedrivePolicy maxReceiveCount upper bound
export const MAX_TAGS_PER_QUEUE = 50;
export const MAX_REDRIVE_ALLOW_SOURCE_ARNS = 10;
export const MAX_MOVE_TASK_RATE = 500; // StartMessageMoveTask MaxNumberOfMessagesPerSecond
export const MAX_GROUP_OR_DEDUP_ID_LENGTH = 128;
export const MAX_ATTRIBUTE_NAME_LENGTH = 256;
export const MAX_KMS_REUSE_PERIOD_SECONDS = 86_400;
export const MIN_KMS_REUSE_PERIOD_SECONDS = 60;
