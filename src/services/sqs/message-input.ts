/**
 * Validation of what a sender gives SendMessage / SendMessageBatch entries, with AWS's errors:
 * body characters and size, message attributes (names, types, values, count), delay, FIFO ids.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
import { createHash } from "node:crypto";
import type { SendDraft } from "./engine/sqs-engine.js";
import { SqsErrors } from "./errors.js";
import * as L from "./limits.js";
import { md5Hex, md5OfAttributes } from "./md5.js";
import type { QueueConfig } from "./queue-config.js";
import type { MessageAttributes } from "./types.js";

export interface SendInput {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: Uint8Array; StringListValues?: unknown[]; BinaryListValues?: unknown[] }>;
  MessageSystemAttributes?: Record<string, { DataType?: string; StringValue?: string; BinaryValue?: Uint8Array }>;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}

/** Characters SQS accepts in a body: #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF. */
const INVALID_BODY_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ID_PATTERN = /^[\x21-\x7e]{1,128}$/; // alphanumeric and punctuation
const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]+$/;

export function buildDraft(input: SendInput, queue: { fifo: boolean; config: QueueConfig }, senderId: string): { draft: SendDraft; size: number } {
  const body = input.MessageBody;
  if (body === undefined || body === "") throw SqsErrors.missingParameter("MessageBody");
  const bad = INVALID_BODY_CHAR.exec(body);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase();
    throw SqsErrors.invalidMessageContents(
      `Invalid binary character '#x${code}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`,
    );
  }
  const attributes = readAttributes(input.MessageAttributes, "user");
  const system = readAttributes(input.MessageSystemAttributes, "system");
  let traceHeader: string | undefined;
  for (const name of Object.keys(system ?? {})) {
    if (name !== "AWSTraceHeader") throw SqsErrors.invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    if (system![name].DataType !== "String") throw SqsErrors.invalidParameterValue("Message system attribute 'AWSTraceHeader' must be of type String.");
    traceHeader = system![name].StringValue;
  }
  const size = Buffer.byteLength(body) + attributesSize(attributes);
  if (size > queue.config.maxMessageSize) {
    throw SqsErrors.invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${queue.config.maxMessageSize} bytes.`);
  }
  if (input.DelaySeconds !== undefined) {
    if (queue.fifo) throw SqsErrors.invalidParameter("DelaySeconds", input.DelaySeconds, "The request include parameter that is not valid for this queue type.");
    if (input.DelaySeconds < 0 || input.DelaySeconds > L.MAX_DELAY_SECONDS) {
      throw SqsErrors.invalidParameter("DelaySeconds", input.DelaySeconds, `DelaySeconds must be >= 0 and <= ${L.MAX_DELAY_SECONDS}`);
    }
  }
  let dedupId = input.MessageDeduplicationId;
  const groupId = input.MessageGroupId;
  if (groupId !== undefined && !ID_PATTERN.test(groupId)) throw SqsErrors.invalidParameter("MessageGroupId", groupId, "MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
  if (dedupId !== undefined && !ID_PATTERN.test(dedupId)) throw SqsErrors.invalidParameter("MessageDeduplicationId", dedupId, "MessageDeduplicationId can only include alphanumeric and punctuation characters. 1 to 128 in length.");
  if (queue.fifo) {
    if (groupId === undefined) throw SqsErrors.missingParameter("MessageGroupId");
    if (dedupId === undefined) {
      if (!queue.config.contentBasedDeduplication) {
        throw SqsErrors.invalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
      }
      dedupId = createHash("sha256").update(body).digest("hex");
    }
  } else if (dedupId !== undefined) {
    throw SqsErrors.invalidParameter("MessageDeduplicationId", dedupId, "The request include parameter that is not valid for this queue type");
  }
  return {
    draft: {
      body,
      attributes,
      traceHeader,
      md5OfBody: md5Hex(body),
      md5OfAttributes: md5OfAttributes(attributes),
      delaySeconds: input.DelaySeconds,
      groupId,
      dedupId,
      senderId,
    },
    size,
  };
}

function readAttributes(raw: SendInput["MessageAttributes"], kind: "user" | "system"): MessageAttributes | undefined {
  if (!raw) return undefined;
  const names = Object.keys(raw);
  if (names.length === 0) return undefined;
  if (kind === "user" && names.length > L.MAX_MESSAGE_ATTRIBUTES) {
    throw SqsErrors.invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${L.MAX_MESSAGE_ATTRIBUTES}].`);
  }
  const out: MessageAttributes = {};
  for (const name of names) {
    const a = raw[name];
    if (kind === "user") checkAttributeName(name);
    const type = a?.DataType;
    if (!type) throw SqsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    const base = type.split(".", 1)[0];
    if (!["String", "Number", "Binary"].includes(base) || type.length > L.MAX_ATTRIBUTE_NAME_LENGTH) {
      throw SqsErrors.invalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    }
    if (a.StringListValues?.length || a.BinaryListValues?.length) {
      throw SqsErrors.invalidParameterValue(`Message (user) attribute '${name}' uses list values, which SQS does not support.`);
    }
    if (base === "Binary") {
      if (a.BinaryValue === undefined || a.BinaryValue.length === 0) throw SqsErrors.invalidParameterValue(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      out[name] = { DataType: type, BinaryValue: Buffer.from(a.BinaryValue) };
    } else {
      if (a.StringValue === undefined || a.StringValue === "") throw SqsErrors.invalidParameterValue(`The message attribute '${name}' with type '${base}' must use field 'String'.`);
      if (base === "Number" && !isSqsNumber(a.StringValue)) throw SqsErrors.invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
      if (INVALID_BODY_CHAR.test(a.StringValue)) throw SqsErrors.invalidParameterValue(`Message (user) attribute '${name}' contains characters outside the allowed set.`);
      out[name] = { DataType: type, StringValue: a.StringValue };
    }
  }
  return out;
}

/** Attribute names: up to 256 of [A-Za-z0-9_.-], no AWS./Amazon. prefix, no leading, trailing or double period. */
function checkAttributeName(name: string): void {
  if (
    name.length === 0 ||
    name.length > L.MAX_ATTRIBUTE_NAME_LENGTH ||
    !ATTRIBUTE_NAME.test(name) ||
    name.startsWith(".") ||
    name.endsWith(".") ||
    name.includes("..") ||
    /^(aws\.|amazon\.)/i.test(name)
  ) {
    throw SqsErrors.invalidParameterValue(`Message (user) attribute name '${name}' is invalid. The attribute name can contain only alphanumeric characters and the characters ., -, _. It can't start or end with a period (.), or have periods in succession (..). It can't start with AWS. or Amazon.`);
  }
}

/** SQS numbers: up to 38 significant digits, between 10^-128 and 10^+126. */
function isSqsNumber(s: string): boolean {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s.trim())) return false;
  const digits = s.replace(/[eE].*$/, "").replace(/[^0-9]/g, "").replace(/^0+/, "");
  if (digits.length > 38) return false;
  const n = Math.abs(Number(s));
  return n === 0 || (n >= 1e-128 && n <= 1e126);
}

/** Each attribute counts its name, its data type and its value toward the message size. */
export function attributesSize(attributes: MessageAttributes | undefined): number {
  let size = 0;
  for (const [name, a] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(a.DataType);
    size += a.BinaryValue ? a.BinaryValue.length : Buffer.byteLength(a.StringValue ?? "");
  }
  return size;
}
