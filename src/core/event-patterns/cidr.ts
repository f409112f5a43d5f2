/**
 * IP address matching (`{"cidr": "10.0.0.0/24"}`), IPv4 and IPv6, with event-ruler's rules:
 * - the range runs from the address as written (not masked) to that address with all host
 *   bits set, so "10.0.0.5/24" covers 10.0.0.5–10.0.0.255;
 * - the mask must be < 32 (IPv4) or < 128 (IPv6): "/32" is refused;
 * - only event strings that are IP address literals match, compared byte by byte.
 * Errors carry event-ruler's sentences (no location: they are raised after parsing).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html#filtering-ip-matching
 * https://docs.aws.amazon.com/sns/latest/dg/string-value-matching.html
 */
import { isIPv4, isIPv6 } from "node:net";

export interface CidrRange {
  /** 4 or 16 bytes. */
  low: Uint8Array;
  high: Uint8Array;
}

export class CidrError extends Error {}

/** The bytes of an IPv4/IPv6 literal, or undefined when `text` is not one. */
export function ipBytes(text: string): Uint8Array | undefined {
  if (isIPv4(text)) return Uint8Array.from(text.split(".").map(Number));
  if (isIPv6(text)) return ipv6Bytes(text);
  return undefined;
}

function ipv6Bytes(text: string): Uint8Array {
  let head = text;
  let tail4: number[] = [];
  // An embedded IPv4 tail ("::ffff:1.2.3.4") stands for the last two groups.
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    tail4 = text.slice(lastColon + 1).split(".").map(Number);
    head = text.slice(0, lastColon + 1) + "0:0";
  }
  const zone = head.indexOf("%");
  if (zone >= 0) head = head.slice(0, zone);
  const [left, right] = head.includes("::") ? head.split("::") : [head, undefined];
  const l = left ? left.split(":") : [];
  const r = right !== undefined && right !== "" ? right.split(":") : [];
  const groups = right === undefined ? l : [...l, ...Array(8 - l.length - r.length).fill("0"), ...r];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    out[i * 2] = n >> 8;
    out[i * 2 + 1] = n & 0xff;
  });
  if (tail4.length === 4) out.set(tail4, 12);
  return out;
}

/** Parses a CIDR block; throws CidrError with event-ruler's message. */
export function parseCidr(cidr: string): CidrRange {
  // Java's String.split drops trailing empty strings: "10.0.0.0/" has one part.
  const parts = cidr.split("/");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length !== 2) throw new CidrError("Malformed CIDR, one '/' required");
  if (!/^[+-]?\d+$/.test(parts[1]) || !Number.isSafeInteger(Number(parts[1])) || Math.abs(Number(parts[1])) > 2147483647) {
    throw new CidrError("Malformed CIDR, mask bits must be an integer");
  }
  const maskBits = Number(parts[1]);
  if (maskBits < 0) throw new CidrError("Malformed CIDR, mask bits must not be negative");
  const ip = ipBytes(parts[0]);
  if (!ip) throw new CidrError(`Nonstandard IP address: ${parts[0]}`);
  if (ip.length === 4 && maskBits > 31) throw new CidrError("IPv4 mask bits must be < 32");
  if (ip.length === 16 && maskBits > 127) throw new CidrError("IPv6 mask bits must be < 128");
  const high = Uint8Array.from(ip);
  let hostBits = ip.length * 8 - maskBits;
  for (let i = high.length - 1; i >= 0 && hostBits > 0; i--, hostBits -= 8) {
    high[i] |= hostBits >= 8 ? 0xff : (1 << hostBits) - 1;
  }
  return { low: ip, high };
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

export function ipInRange(ip: Uint8Array, range: CidrRange): boolean {
  return ip.length === range.low.length && compareBytes(ip, range.low) >= 0 && compareBytes(ip, range.high) <= 0;
}
