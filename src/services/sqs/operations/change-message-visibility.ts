/** ChangeMessageVisibility: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { checkVisibilityTimeout } from "../visibility.js";
import { resolveQueue } from "../resolve-queue.js";

export async function changeMessageVisibility(input: { QueueUrl: string; ReceiptHandle: string; VisibilityTimeout: number }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  checkVisibilityTimeout(input.VisibilityTimeout);
  const [err] = await engine.changeVisibility(q, [{ handle: input.ReceiptHandle, timeoutSeconds: input.VisibilityTimeout }]);
  if (err) throw err;
  return {};
}
