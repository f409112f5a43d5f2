/** SendMessage: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html */
import type { RequestContext } from "../../../core/service.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { md5OfSystemAttributes } from "../md5-system.js";
import { buildDraft, type SendInput } from "../message-input.js";
import { resolveQueue } from "../resolve-queue.js";
import { senderId } from "../sender-id.js";

export async function sendMessage(input: SendInput & { QueueUrl: string }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  const { draft } = buildDraft(input, q, senderId(ctx));
  const [outcome] = await engine.send(q, [draft]);
  return {
    MessageId: outcome.messageId,
    MD5OfMessageBody: draft.md5OfBody,
    MD5OfMessageAttributes: draft.md5OfAttributes,
    MD5OfMessageSystemAttributes: md5OfSystemAttributes(input),
    SequenceNumber: outcome.sequenceNumber,
  };
}
