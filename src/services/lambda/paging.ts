/** Lambda's list paging: `Marker` (opaque; here the last key returned, base64) and `MaxItems` (1–10,000, default 50). */
import { LambdaErrors } from "./errors.js";
import { DEFAULT_LIST_MAX_ITEMS, MAX_LIST_MAX_ITEMS } from "./limits.js";

export function page<T>(items: T[], keyOf: (t: T) => string, marker: string | undefined, maxItems: number | undefined): { items: T[]; next?: string } {
  if (maxItems !== undefined && (maxItems < 1 || maxItems > MAX_LIST_MAX_ITEMS)) {
    throw LambdaErrors.validation(maxItems, "maxItems", maxItems < 1 ? "Member must have value greater than or equal to 1" : "Member must have value less than or equal to 10000");
  }
  let start = 0;
  if (marker) {
    const after = Buffer.from(marker, "base64").toString("utf8");
    start = items.findIndex((t) => keyOf(t) > after);
    if (start === -1) start = items.length;
  }
  const limit = maxItems ?? DEFAULT_LIST_MAX_ITEMS;
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { items: slice, next: more && slice.length ? Buffer.from(keyOf(slice[slice.length - 1])).toString("base64") : undefined };
}
