/** DeleteQueue: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteQueue.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";

export async function deleteQueue(input: { QueueUrl: string }, ctx: RequestContext, engine: SqsEngine) {
  await engine.deleteQueue(resolveQueue(engine, input.QueueUrl, ctx));
  return {};
}
