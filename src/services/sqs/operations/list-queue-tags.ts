/** ListQueueTags: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListQueueTags.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";

export function listQueueTags(input: { QueueUrl: string }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  return { Tags: Object.keys(q.record.tags).length ? { ...q.record.tags } : undefined };
}
