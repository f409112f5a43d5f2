/** UntagQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_UntagQueue.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";

export async function untagQueue(input: { QueueUrl: string; TagKeys: string[] }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  for (const k of input.TagKeys) delete q.record.tags[k];
  await engine.saveQueue(q);
  return {};
}
