/** DeleteMessageBatch: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_DeleteMessageBatch.html */
import type { RequestContext } from "../../../core/service.js";
import { checkBatch, failureEntry } from "../batch.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";

export async function deleteMessageBatch(input: { QueueUrl: string; Entries: Array<{ Id: string; ReceiptHandle: string }> }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  checkBatch(input.Entries, "DeleteMessageBatchRequestEntry");
  const results = await engine.deleteMessages(q, input.Entries.map((e) => e.ReceiptHandle));
  return {
    Successful: input.Entries.filter((_, i) => !results[i]).map((e) => ({ Id: e.Id })),
    Failed: input.Entries.flatMap((e, i) => (results[i] ? [failureEntry(e.Id, results[i])] : [])),
  };
}
