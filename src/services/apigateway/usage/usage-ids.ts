/** Identifiers and generated key values, in AWS's shapes. */
import { randomInt } from "node:crypto";

const LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
const MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function pick(alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** Usage plan ids are six characters ("c7y23b"). */
export function newUsagePlanId(): string {
  return pick(LOWER, 6);
}

/** A key value API Gateway generates: 40 letters and digits. */
export function newApiKeyValue(): string {
  return pick(MIXED, 40);
}
