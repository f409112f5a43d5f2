/**
 * Random values drawn from a block of random bytes refilled by one crypto call, rather than one
 * call per value: a small randomBytes() costs ~2 µs, which showed in the profiles of SQS's
 * receives (a receipt nonce per message) and Lambda's invocations (a trace id each).
 */
import { randomFillSync } from "node:crypto";

const BLOCK_BYTES = 4096;
const block = Buffer.allocUnsafe(BLOCK_BYTES);
let offset = BLOCK_BYTES;

/** `bytes` random bytes (at most 4096) written in `encoding`. */
export function randomText(bytes: number, encoding: "hex" | "base64url"): string {
  if (offset + bytes > BLOCK_BYTES) {
    randomFillSync(block);
    offset = 0;
  }
  const text = block.toString(encoding, offset, offset + bytes);
  offset += bytes;
  return text;
}
