/**
 * The event a function receives from an SQS event-source mapping, and how its answer is read
 * when the mapping reports batch item failures.
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html#services-sqs-batchfailurereporting
 */
import type { MessageAttribute, ReceivedMessage } from "../../../core/clients.js";

export interface SqsEventRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, SqsRecordAttribute>;
  md5OfBody: string;
  /** Present when the message has attributes, as in AWS's records. */
  md5OfMessageAttributes?: string;
  eventSource: "aws:sqs";
  eventSourceARN: string;
  awsRegion: string;
}

export interface SqsRecordAttribute {
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
  dataType: string;
}

/** System attributes in the order AWS writes them; the FIFO ones only when set. */
const ATTRIBUTE_ORDER = [
  "ApproximateReceiveCount",
  "SentTimestamp",
  "SenderId",
  "ApproximateFirstReceiveTimestamp",
  "SequenceNumber",
  "MessageGroupId",
  "MessageDeduplicationId",
  "AWSTraceHeader",
  "DeadLetterQueueSourceArn",
];

export function sqsEventRecord(m: ReceivedMessage, queueArn: string, region: string): SqsEventRecord {
  const attributes: Record<string, string> = {};
  for (const name of ATTRIBUTE_ORDER) if (m.attributes[name] !== undefined) attributes[name] = m.attributes[name];
  const messageAttributes: Record<string, SqsRecordAttribute> = {};
  for (const [name, a] of Object.entries(m.messageAttributes)) messageAttributes[name] = recordAttribute(a);
  return {
    messageId: m.messageId,
    receiptHandle: m.receiptHandle,
    body: m.body,
    attributes,
    messageAttributes,
    md5OfBody: m.md5OfBody,
    ...(m.md5OfMessageAttributes ? { md5OfMessageAttributes: m.md5OfMessageAttributes } : {}),
    eventSource: "aws:sqs",
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}

function recordAttribute(a: MessageAttribute): SqsRecordAttribute {
  return {
    ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
    ...(a.BinaryValue !== undefined ? { binaryValue: Buffer.from(a.BinaryValue).toString("base64") } : {}),
    stringListValues: [],
    binaryListValues: [],
    dataType: a.DataType,
  };
}

/**
 * What filter patterns see: the record, with `body` parsed when it is a JSON object (a plain
 * string body stays a string, so body patterns with properties do not match it).
 */
export function filterView(record: SqsEventRecord): Record<string, unknown> {
  let body: unknown = record.body;
  const text = record.body.trimStart();
  if (text.startsWith("{")) {
    try {
      body = JSON.parse(record.body);
    } catch {
      body = record.body;
    }
  }
  return { ...record, body };
}

/**
 * Reads a ReportBatchItemFailures answer: the ids of the messages that failed, or `"all"` when
 * the whole batch counts as failed. An empty or null list, `{}` or `null` mean complete success;
 * an answer that is not such an object, or an item whose itemIdentifier is missing, empty, not
 * a string or not a message of the batch, fails the whole batch (AWS's rules).
 */
export function batchItemFailures(payload: Buffer, batchIds: ReadonlySet<string>): Set<string> | "all" {
  let response: unknown;
  try {
    const text = payload.toString("utf8").trim();
    response = text === "" ? null : JSON.parse(text);
  } catch {
    return "all";
  }
  if (response === null) return new Set();
  if (typeof response !== "object" || Array.isArray(response)) return "all";
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null) return new Set();
  if (!Array.isArray(list)) return "all";
  const failed = new Set<string>();
  for (const item of list) {
    const id = typeof item === "object" && item !== null ? (item as { itemIdentifier?: unknown }).itemIdentifier : undefined;
    if (typeof id !== "string" || id === "" || !batchIds.has(id)) return "all";
    failed.add(id);
  }
  return failed;
}
