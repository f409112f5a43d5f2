/**
 * Receipt handles: opaque to clients, they name the queue, the message and the receive that
 * issued them (a random nonce), so only the latest receive's handle deletes the message.
 */
export function encodeReceiptHandle(queueKey: string, seq: number, nonce: string): string {
  return Buffer.from(`${queueKey}\n${seq}\n${nonce}`).toString("base64");
}

export function parseReceiptHandle(handle: string): { queueKey: string; seq: number; nonce: string } | undefined {
  if (!handle || handle.length > 1024) return undefined;
  const text = Buffer.from(handle, "base64").toString("utf8");
  const parts = text.split("\n");
  if (parts.length !== 3 || !/^\d+$/.test(parts[1]) || !parts[2]) return undefined;
  return { queueKey: parts[0], seq: Number(parts[1]), nonce: parts[2] };
}
