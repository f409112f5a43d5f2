/** TagQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_TagQueue.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";
import { validateTags } from "../tags.js";

export async function tagQueue(input: { QueueUrl: string; Tags: Record<string, string> }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  q.record.tags = validateTags({ ...q.record.tags, ...input.Tags });
  await engine.saveQueue(q);
  return {};
}
