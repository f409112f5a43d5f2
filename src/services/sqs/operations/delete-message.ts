/** DeleteMessage: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessage.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";

export async function deleteMessage(input: { QueueUrl: string; ReceiptHandle: string }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const [err] = await engine.deleteMessages(q, [input.ReceiptHandle]);
  if (err) throw err;
  return {};
}
