/**
 * Queue tags: at most 50 per queue; keys 1–128 characters, values 0–256.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-queue-tags.html
 */
import { SqsErrors } from "./errors.js";
import { MAX_TAGS_PER_QUEUE } from "./limits.js";

export function validateTags(tags: Record<string, string>): Record<string, string> {
  for (const [k, v] of Object.entries(tags)) {
    if (k.length < 1 || k.length > 128) throw SqsErrors.invalidParameterValue(`Tag key '${k}' must be between 1 and 128 characters long.`);
    if (typeof v !== "string" || v.length > 256) throw SqsErrors.invalidParameterValue(`Tag value for key '${k}' must be at most 256 characters long.`);
  }
  if (Object.keys(tags).length > MAX_TAGS_PER_QUEUE) throw SqsErrors.invalidParameterValue(`Too many tags added for queue. Limit of ${MAX_TAGS_PER_QUEUE} tags exceeded.`);
  return { ...tags };
}
