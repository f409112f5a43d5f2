/**
 * SNS → SQS: the JSON notification as the message body, or the bare message with its
 * attributes as SQS message attributes (RawMessageDelivery). FIFO queues get the message group
 * and deduplication id. A queue that does not exist (or refuses the message) is a client-side
 * error: not retried, sent to the subscription's dead-letter queue when it has one.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
 */
import type { MessageAttribute } from "../../../core/clients.js";
import { messageFor, notificationJson } from "../envelope.js";
import { isRawDelivery } from "../subscription-attributes.js";
import type { Delivery, DeliveryDeps } from "./types.js";

export async function deliverToSqs(d: Delivery, deps: DeliveryDeps): Promise<void> {
  const sqs = deps.clients.sqs;
  const { record } = d.subscription;
  const m = d.message;
  const text = messageFor(m, "sqs");
  const raw = isRawDelivery(record);
  const fifo = sqs?.describeQueue(record.endpoint)?.fifo ?? false;
  try {
    if (!sqs) throw new Error("SQS is not running on this server");
    await sqs.sendMessage({
      queueArn: record.endpoint,
      body: raw ? text : notificationJson(m, text, d.envelope),
      attributes: raw ? sqsAttributes(m.attributes) : undefined,
      groupId: fifo ? m.groupId : undefined,
      dedupId: fifo ? m.dedupId : undefined,
    });
  } catch (err) {
    await deps.deadLetter(d, (err as Error).message);
  }
}

function sqsAttributes(attributes: Delivery["message"]["attributes"]): Record<string, MessageAttribute> | undefined {
  const names = Object.keys(attributes);
  if (names.length === 0) return undefined;
  const out: Record<string, MessageAttribute> = {};
  for (const name of names) {
    const a = attributes[name];
    out[name] = a.BinaryValue ? { DataType: a.DataType, BinaryValue: Buffer.from(a.BinaryValue) } : { DataType: a.DataType, StringValue: a.StringValue };
  }
  return out;
}
