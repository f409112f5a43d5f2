/** ChangeMessageVisibilityBatch: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibilityBatch.html */
import type { RequestContext } from "../../../core/service.js";
import { checkBatch, failureEntry } from "../batch.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { resolveQueue } from "../resolve-queue.js";
import { checkVisibilityTimeout } from "../visibility.js";

type Entry = { Id: string; ReceiptHandle: string; VisibilityTimeout?: number };

export async function changeMessageVisibilityBatch(input: { QueueUrl: string; Entries: Entry[] }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  checkBatch(input.Entries, "ChangeMessageVisibilityBatchRequestEntry");
  const results: Array<Error | undefined> = new Array(input.Entries.length);
  const valid: Array<{ index: number; handle: string; timeoutSeconds: number }> = [];
  input.Entries.forEach((e, index) => {
    try {
      checkVisibilityTimeout(e.VisibilityTimeout ?? 0);
      valid.push({ index, handle: e.ReceiptHandle, timeoutSeconds: e.VisibilityTimeout ?? 0 });
    } catch (err) {
      results[index] = err as Error;
    }
  });
  const applied = await engine.changeVisibility(q, valid);
  valid.forEach((v, i) => (results[v.index] = applied[i]));
  return {
    Successful: input.Entries.filter((_, i) => !results[i]).map((e) => ({ Id: e.Id })),
    Failed: input.Entries.flatMap((e, i) => (results[i] ? [failureEntry(e.Id, results[i])] : [])),
  };
}
