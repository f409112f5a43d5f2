/**
 * SNS's limits on a filter policy, checked once the policy has been read.
 * https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 *
 * - Keys: at most 5 per policy; in a nested (MessageBody) policy only the leaf keys count.
 *   A policy with `$or` is counted per alternative, as event-ruler expands it into one flat
 *   rule per alternative.
 * - Complexity: the product of the number of values in each array must not exceed 150. For a
 *   nested key, the count is multiplied by the key's depth (AWS's example: four values three
 *   levels deep and three values two levels deep make 3 × 4 × 2 × 3 = 72). `$or` adds up its
 *   alternatives ({a:[3 values], $or:[{b:[2]},{c:[2]}]} is 3×2 + 3×2 = 12).
 * - Size: 256 KB of UTF-8.
 */
import type { JsonObject } from "./json-text.js";

/** The combination count of an object of a policy whose keys are at `depth` (1 at the top). */
export function combinations(node: JsonObject, depth = 1): number {
  let total = 1;
  for (const { key, value } of node.entries) {
    if (key === "$or" && value.kind === "array") {
      let sum = 0;
      for (const alt of value.items) if (alt.kind === "object") sum += combinations(alt, depth);
      total *= sum;
    } else if (value.kind === "object") {
      total *= combinations(value, depth + 1);
    } else if (value.kind === "array") {
      total *= value.items.length * depth;
    }
  }
  return total;
}

/** True when some key of the policy (outside `$or`) holds an object: a nested policy. */
export function isNested(node: JsonObject): boolean {
  for (const { key, value } of node.entries) {
    if (key === "$or" && value.kind === "array") {
      for (const alt of value.items) if (alt.kind === "object" && isNested(alt)) return true;
    } else if (value.kind === "object") {
      return true;
    }
  }
  return false;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, "utf8");
}
