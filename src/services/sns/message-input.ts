/**
 * Publish's input checks, shared by Publish and PublishBatch entries: message and subject,
 * MessageStructure, message attributes, the 256 KB limit, FIFO group and deduplication ids.
 * https://docs.aws.amazon.com/sns/latest/api/API_Publish.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
 */
import { createHash } from "node:crypto";
import { ServiceError } from "../../core/errors.js";
import { SnsErrors } from "./errors.js";
import type { SnsMessageAttribute, TopicRecord } from "./types.js";

export const MAX_MESSAGE_BYTES = 262_144;
const MAX_SUBJECT_CHARS = 100;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)[A-Za-z0-9_.-]{1,256}(?<!\.)$/;
const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

export interface MessageInput {
  Message?: string;
  Subject?: string;
  MessageStructure?: string;
  MessageAttributes?: Record<string, SnsMessageAttribute>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

export interface CheckedMessage {
  message: string;
  perProtocol?: Record<string, string>;
  subject?: string;
  attributes: Record<string, SnsMessageAttribute>;
  groupId?: string;
  dedupId?: string;
}

const invalidValue = (message: string) => new ServiceError("InvalidParameterValueException", message);

export function checkMessage(input: MessageInput, topic: TopicRecord | undefined): CheckedMessage {
  const raw = input.Message;
  if (raw === undefined || raw === "") throw SnsErrors.invalidParameter("Empty message");
  const attributes = input.MessageAttributes ?? {};
  if (messageBytes(raw, attributes) > MAX_MESSAGE_BYTES) throw SnsErrors.invalidParameter("Message too long");
  let message = raw;
  let perProtocol: Record<string, string> | undefined;
  if (input.MessageStructure !== undefined) {
    if (input.MessageStructure !== "json") throw SnsErrors.invalidParameter("MessageStructure");
    let doc: unknown;
    try {
      doc = JSON.parse(raw);
    } catch {
      throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw SnsErrors.invalidParameter("Message Structure - JSON message body failed to parse");
    const entries = doc as Record<string, unknown>;
    if (typeof entries.default !== "string") throw SnsErrors.invalidParameter("Message Structure - No default entry in JSON message body");
    message = entries.default;
    perProtocol = {};
    for (const [k, v] of Object.entries(entries)) if (typeof v === "string") perProtocol[k] = v;
  }
  const subject = input.Subject;
  if (subject !== undefined && (subject === "" || subject.length > MAX_SUBJECT_CHARS || /[\r\n]/.test(subject) || /^\s/.test(subject))) {
    throw SnsErrors.invalidParameter("Subject");
  }
  for (const [name, attr] of Object.entries(attributes)) checkAttribute(name, attr);
  const ids = checkFifoIds(input, topic, message);
  return { message, perProtocol, subject, attributes, ...ids };
}

function checkAttribute(name: string, attr: SnsMessageAttribute): void {
  if (!ATTRIBUTE_NAME.test(name)) throw invalidValue(`The message attribute name '${name}' is invalid.`);
  const type = attr.DataType ?? "";
  const base = type.split(".")[0];
  if (base !== "String" && base !== "Number" && base !== "Binary") {
    throw invalidValue(`The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
  }
  const value = base === "Binary" ? attr.BinaryValue : attr.StringValue;
  if (value === undefined || value.length === 0) {
    throw invalidValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`);
  }
  if (base === "Number" && !isSnsNumber(attr.StringValue ?? "")) throw invalidValue(`Could not cast message attribute '${name}' value to number.`);
  if (type === "String.Array" && !isStringArray(attr.StringValue ?? "")) {
    throw invalidValue(`The message attribute '${name}' with type 'String.Array' must contain a JSON array of strings, numbers, true, false or null.`);
  }
}

/** A decimal or scientific-notation number. */
function isSnsNumber(text: string): boolean {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) && Number.isFinite(Number(text));
}

function isStringArray(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return Array.isArray(v) && v.every((e) => e === null || ["string", "number", "boolean"].includes(typeof e));
  } catch {
    return false;
  }
}

/** The 256 KB limit counts the message and every attribute's name, type and value. */
function messageBytes(message: string, attributes: Record<string, SnsMessageAttribute>): number {
  let n = Buffer.byteLength(message);
  for (const [name, a] of Object.entries(attributes)) {
    n += Buffer.byteLength(name) + Buffer.byteLength(a.DataType ?? "");
    n += a.BinaryValue ? a.BinaryValue.length : Buffer.byteLength(a.StringValue ?? "");
  }
  return n;
}

function checkFifoIds(input: MessageInput, topic: TopicRecord | undefined, message: string): { groupId?: string; dedupId?: string } {
  const { MessageGroupId: groupId, MessageDeduplicationId: dedupId } = input;
  if (groupId !== undefined && !FIFO_ID.test(groupId)) throw SnsErrors.invalidParameter("MessageGroupId Reason: The value must be 1 to 128 printable ASCII characters.");
  if (dedupId !== undefined && !FIFO_ID.test(dedupId)) throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The value must be 1 to 128 printable ASCII characters.");
  if (!topic?.fifo) {
    if (dedupId !== undefined) throw SnsErrors.invalidParameter("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type");
    // Standard topics accept a MessageGroupId and pass it on (SQS fair queues).
    return { groupId };
  }
  if (groupId === undefined) throw SnsErrors.invalidParameter("The MessageGroupId parameter is required for FIFO topics");
  if (dedupId !== undefined) return { groupId, dedupId };
  if (topic.attributes.ContentBasedDeduplication !== "true") {
    throw SnsErrors.invalidParameter("The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
  }
  return { groupId, dedupId: createHash("sha256").update(message).digest("hex") };
}
