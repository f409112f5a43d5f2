import { md5OfAttributes } from "./md5.js";
import type { SendInput } from "./message-input.js";

/** MD5OfMessageSystemAttributes: the attribute digest applied to the system attributes sent. */
export function md5OfSystemAttributes(input: SendInput): string | undefined {
  const sys = input.MessageSystemAttributes;
  if (!sys || Object.keys(sys).length === 0) return undefined;
  const attrs: Record<string, { DataType: string; StringValue?: string; BinaryValue?: Buffer }> = {};
  for (const [k, v] of Object.entries(sys)) attrs[k] = { DataType: v.DataType ?? "String", StringValue: v.StringValue, BinaryValue: v.BinaryValue ? Buffer.from(v.BinaryValue) : undefined };
  return md5OfAttributes(attrs);
}
