/**
 * CreateQueue: creates a queue, or returns the existing one's URL when every given attribute
 * matches; a differing attribute is QueueNameExists (QueueAlreadyExists).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { SqsErrors } from "../errors.js";
import { MAX_QUEUE_NAME_LENGTH } from "../limits.js";
import { checkAttributeCombination, defaultAttributes, validateAttributes } from "../queue-attributes.js";
import { queueUrl } from "../queue-url.js";
import { checkRedriveTarget } from "../redrive.js";
import { validateTags } from "../tags.js";
import { queueKeyString } from "../types.js";

const STANDARD_NAME = /^[A-Za-z0-9_-]+$/;
const FIFO_NAME = /^[A-Za-z0-9_-]+\.fifo$/;

export async function createQueue(input: { QueueName: string; Attributes?: Record<string, string>; tags?: Record<string, string> }, ctx: RequestContext, engine: SqsEngine) {
  const name = input.QueueName;
  // The FifoQueue attribute makes a FIFO queue, not the name: "If you don't specify the
  // FifoQueue attribute, Amazon SQS creates a standard queue", whose name cannot hold ".fifo".
  const fifo = input.Attributes?.FifoQueue?.toLowerCase() === "true";
  if (!(fifo ? FIFO_NAME : STANDARD_NAME).test(name) || name.length > MAX_QUEUE_NAME_LENGTH) {
    throw SqsErrors.invalidParameterValue(
      fifo
        ? "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."
        : "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
    );
  }
  const given = validateAttributes(input.Attributes, { fifo, creating: true });
  const tags = validateTags(input.tags ?? {});
  const key = { accountId: ctx.accountId, region: ctx.region, name };
  const existing = engine.get(key);
  if (existing) {
    for (const [attr, value] of Object.entries(given)) {
      if (existing.record.attributes[attr] !== value) throw SqsErrors.queueNameExists(attr);
    }
    return { QueueUrl: queueUrl(ctx.endpoint, ctx.accountId, name) };
  }
  if (engine.deletedRecently(key)) throw SqsErrors.queueDeletedRecently();
  const attributes = { ...defaultAttributes(fifo), ...given };
  checkAttributeCombination(attributes);
  if (attributes.RedrivePolicy) checkRedriveTarget(engine, key, fifo, attributes.RedrivePolicy);
  const now = ctx.clock.now();
  await engine.createQueue({ ...key, key: queueKeyString(key), fifo, attributes, tags, createdAt: now, modifiedAt: now, nextSequence: 1n });
  return { QueueUrl: queueUrl(ctx.endpoint, ctx.accountId, name) };
}
