/** CreateTopic: https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { isValidTopicName, topicArn } from "../names.js";
import type { SnsService } from "../sns-service.js";
import { applyTags, type Tag } from "../tags.js";
import { checkTopicAttribute, isJsonObject } from "../topic-attributes.js";
import type { TopicRecord } from "../types.js";

/** AWS's default quotas: 100,000 standard and 1,000 FIFO topics per account. */
const MAX_STANDARD_TOPICS = 100_000;
const MAX_FIFO_TOPICS = 1_000;

export async function createTopic(input: { Name: string; Attributes?: Record<string, string>; Tags?: Tag[]; DataProtectionPolicy?: string }, ctx: RequestContext, sns: SnsService) {
  const attributes = { ...(input.Attributes ?? {}) };
  const fifo = attributes.FifoTopic === "true";
  if (!isValidTopicName(input.Name, fifo)) {
    if (fifo) throw SnsErrors.invalidParameter("Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.");
    throw SnsErrors.invalidParameter("Topic Name");
  }
  for (const [name, value] of Object.entries(attributes)) checkTopicAttribute(name, value, fifo, true);
  delete attributes.FifoTopic;
  if (input.DataProtectionPolicy !== undefined && !isJsonObject(input.DataProtectionPolicy)) throw SnsErrors.invalidParameter("DataProtectionPolicy");

  const arn = topicArn(ctx.region, ctx.accountId, input.Name);
  const existing = sns.registry.topics.get(arn);
  if (existing) {
    // Creating an existing topic is idempotent when nothing given differs from what it has.
    for (const [name, value] of Object.entries(attributes)) {
      if ((existing.attributes[name] ?? "") !== value) throw SnsErrors.invalidParameter("Attributes Reason: Topic already exists with different attributes");
    }
    for (const t of input.Tags ?? []) {
      if (existing.tags[t.Key] !== (t.Value ?? "")) throw SnsErrors.invalidParameter("Tags Reason: Topic already exists with different tags");
    }
    return { TopicArn: arn };
  }
  let count = 0;
  for (const t of sns.registry.topics.values()) if (t.accountId === ctx.accountId && t.region === ctx.region && t.fifo === fifo) count++;
  if (count >= (fifo ? MAX_FIFO_TOPICS : MAX_STANDARD_TOPICS)) throw SnsErrors.topicLimit();

  const topic: TopicRecord = {
    arn,
    accountId: ctx.accountId,
    region: ctx.region,
    name: input.Name,
    fifo,
    attributes,
    tags: applyTags({}, input.Tags),
    dataProtectionPolicy: input.DataProtectionPolicy,
    subscriptionsDeleted: 0,
  };
  await sns.registry.saveTopic(topic);
  sns.prepareSigning();
  return { TopicArn: arn };
}
