/**
 * SendMessageBatch: up to 10 messages, 1 MiB in all; each entry succeeds or fails on its own.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
import type { RequestContext } from "../../../core/service.js";
import { checkBatch, failureEntry, type BatchFailure } from "../batch.js";
import type { SendDraft } from "../engine/sqs-engine.js";
import type { SqsEngine } from "../engine/sqs-engine.js";
import { SqsErrors } from "../errors.js";
import { MAX_BATCH_PAYLOAD_BYTES } from "../limits.js";
import { md5OfSystemAttributes } from "../md5-system.js";
import { attributesSize, buildDraft, type SendInput } from "../message-input.js";
import { resolveQueue } from "../resolve-queue.js";
import { senderId } from "../sender-id.js";

type Entry = SendInput & { Id: string };

export async function sendMessageBatch(input: { QueueUrl: string; Entries: Entry[] }, ctx: RequestContext, engine: SqsEngine) {
  const q = resolveQueue(engine, input.QueueUrl, ctx);
  checkBatch(input.Entries, "SendMessageBatchRequestEntry");
  let total = 0;
  for (const e of input.Entries) total += Buffer.byteLength(e.MessageBody ?? "") + attributesSizeOf(e);
  if (total > MAX_BATCH_PAYLOAD_BYTES) throw SqsErrors.batchTooLong(total);
  const failed: BatchFailure[] = [];
  const accepted: Array<{ entry: Entry; draft: SendDraft }> = [];
  for (const entry of input.Entries) {
    try {
      accepted.push({ entry, draft: buildDraft(entry, q, senderId(ctx)).draft });
    } catch (err) {
      failed.push(failureEntry(entry.Id, err));
    }
  }
  const outcomes = accepted.length ? await engine.send(q, accepted.map((a) => a.draft)) : [];
  return {
    Successful: accepted.map(({ entry, draft }, i) => ({
      Id: entry.Id,
      MessageId: outcomes[i].messageId,
      MD5OfMessageBody: draft.md5OfBody,
      MD5OfMessageAttributes: draft.md5OfAttributes,
      MD5OfMessageSystemAttributes: md5OfSystemAttributes(entry),
      SequenceNumber: outcomes[i].sequenceNumber,
    })),
    Failed: failed,
  };
}

function attributesSizeOf(e: Entry): number {
  const attrs: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Buffer }> = {};
  for (const [k, v] of Object.entries(e.MessageAttributes ?? {})) attrs[k] = { DataType: v.DataType ?? "", StringValue: v.StringValue, BinaryValue: v.BinaryValue ? Buffer.from(v.BinaryValue) : undefined };
  return attributesSize(attrs);
}
