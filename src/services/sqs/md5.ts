/**
 * The digests SQS returns so that clients can check what arrived.
 * Message attributes: sorted by name; for each, the name, the data type and the value, each
 * as a 4-byte big-endian length and the bytes, with a transport byte between type and value
 * (1 for String/Number, 2 for Binary).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html#sqs-attributes-md5-message-digest-calculation
 */
import { createHash } from "node:crypto";
import type { MessageAttributeValue } from "./types.js";

export function md5Hex(data: string | Buffer): string {
  return createHash("md5").update(data).digest("hex");
}

export function md5OfAttributes(attributes: Record<string, MessageAttributeValue> | undefined): string | undefined {
  if (!attributes) return undefined;
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash("md5");
  for (const name of names) {
    const attr = attributes[name];
    putString(hash, name);
    putString(hash, attr.DataType);
    if (attr.BinaryValue !== undefined) {
      hash.update(Uint8Array.of(2));
      putBytes(hash, Buffer.from(attr.BinaryValue));
    } else {
      hash.update(Uint8Array.of(1));
      putString(hash, attr.StringValue ?? "");
    }
  }
  return hash.digest("hex");
}

function putString(hash: ReturnType<typeof createHash>, s: string): void {
  putBytes(hash, Buffer.from(s, "utf8"));
}

function putBytes(hash: ReturnType<typeof createHash>, bytes: Buffer): void {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  hash.update(len);
  hash.update(bytes);
}
