/**
 * PublishBatch: up to 10 entries, each published as Publish would; an entry that fails its
 * checks is reported in Failed without stopping the others.
 * https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html
 */
import { isServiceError } from "../../../core/errors.js";
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { checkMessage, MAX_MESSAGE_BYTES, type MessageInput } from "../message-input.js";
import type { SnsService } from "../sns-service.js";

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

type Entry = MessageInput & { Id: string };

export async function publishBatch(input: { TopicArn: string; PublishBatchRequestEntries?: Entry[] }, ctx: RequestContext, sns: SnsService) {
  const topic = sns.registry.topic(input.TopicArn, ctx);
  const entries = input.PublishBatchRequestEntries ?? [];
  if (entries.length === 0) throw SnsErrors.emptyBatch();
  if (entries.length > MAX_ENTRIES) throw SnsErrors.tooManyEntries();
  const ids = new Set<string>();
  let total = 0;
  for (const e of entries) {
    if (!ENTRY_ID.test(e.Id ?? "")) throw SnsErrors.invalidBatchEntryId();
    if (ids.has(e.Id)) throw SnsErrors.batchIdsNotDistinct();
    ids.add(e.Id);
    total += Buffer.byteLength(e.Message ?? "");
    for (const [name, a] of Object.entries(e.MessageAttributes ?? {})) total += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? "") + (a.BinaryValue?.length ?? Buffer.byteLength(a.StringValue ?? ""));
  }
  if (total > MAX_MESSAGE_BYTES) throw SnsErrors.batchTooLong();

  const Successful: Array<{ Id: string; MessageId: string; SequenceNumber?: string }> = [];
  const Failed: Array<{ Id: string; Code: string; Message: string; SenderFault: boolean }> = [];
  // One after another, so that a FIFO topic keeps the entries' order within a group.
  for (const e of entries) {
    try {
      const outcome = await sns.publisher.publish(topic, checkMessage(e, topic));
      Successful.push({ Id: e.Id, MessageId: outcome.messageId, SequenceNumber: outcome.sequenceNumber });
    } catch (err) {
      if (!isServiceError(err)) throw err;
      Failed.push({ Id: e.Id, Code: wireCode(err.code), Message: err.message, SenderFault: true });
    }
  }
  return { Successful, Failed };
}

/** Failed entries carry the query error code (InvalidParameter), not the shape name. */
function wireCode(code: string): string {
  return code.replace(/Exception$/, "");
}
