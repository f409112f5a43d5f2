/** GetQueueAttributes: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { requestedAttributeNames } from "../queue-attributes.js";
import { resolveQueue } from "../resolve-queue.js";

export async function getQueueAttributes(input: { QueueUrl: string; AttributeNames?: string[] }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const names = requestedAttributeNames(input.AttributeNames);
  if (names.size === 0) return {};
  await engine.sweepExpired(q);
  const counts = q.counts(ctx.clock.now());
  const all: Record<string, string> = {
    ...q.record.attributes,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(q.record.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(q.record.modifiedAt / 1000)),
    QueueArn: q.arn,
  };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if ((names.has("All") || names.has(k)) && v !== "") out[k] = v;
  return { Attributes: Object.keys(out).length ? out : undefined };
}
