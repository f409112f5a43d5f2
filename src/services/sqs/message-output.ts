/**
 * What ReceiveMessage returns for one message: the system attributes asked for, the message
 * attributes asked for, and the MD5 of exactly the attributes returned.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
 */
import type { Received } from "./engine/sqs-engine.js";
import { md5OfAttributes } from "./md5.js";
import type { MessageAttributes } from "./types.js";

export const SYSTEM_ATTRIBUTE_NAMES = [
  "SenderId",
  "SentTimestamp",
  "ApproximateReceiveCount",
  "ApproximateFirstReceiveTimestamp",
  "SequenceNumber",
  "MessageDeduplicationId",
  "MessageGroupId",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
] as const;

export function toWireMessage(r: Received, systemNames: Set<string>, attributeNames: string[]) {
  const m = r.message;
  const all = systemNames.has("All");
  const values: Record<string, string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: m.firstReceiveAt !== undefined ? String(m.firstReceiveAt) : undefined,
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.dedupId,
    MessageGroupId: m.groupId,
    AWSTraceHeader: m.traceHeader,
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
  };
  const attributes: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTE_NAMES) {
    if ((all || systemNames.has(name)) && values[name] !== undefined) attributes[name] = values[name]!;
  }
  const selected = selectAttributes(m.attributes, attributeNames);
  return {
    MessageId: m.messageId,
    ReceiptHandle: r.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    Attributes: Object.keys(attributes).length ? attributes : undefined,
    MessageAttributes: selected,
    MD5OfMessageAttributes: md5OfAttributes(selected),
  };
}

/** `All` or `.*` returns every attribute; `prefix.*` those under the prefix; else exact names. */
function selectAttributes(attrs: MessageAttributes | undefined, names: string[]): MessageAttributes | undefined {
  if (!attrs || names.length === 0) return undefined;
  const out: MessageAttributes = {};
  for (const [name, value] of Object.entries(attrs)) {
    const wanted = names.some((n) => n === "All" || n === ".*" || n === name || (n.endsWith(".*") && name.startsWith(n.slice(0, -1))));
    if (wanted) out[name] = value;
  }
  return Object.keys(out).length ? out : undefined;
}
