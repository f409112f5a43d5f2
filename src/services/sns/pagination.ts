/** SNS list pages: 100 items, NextToken is the index of the next item (opaque to clients). */
import { SnsErrors } from "./errors.js";

const PAGE = 100;

export function page<T>(items: T[], nextToken: string | undefined): { items: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken !== undefined) {
    start = Number.parseInt(Buffer.from(nextToken, "base64url").toString("utf8"), 10);
    if (!Number.isInteger(start) || start < 0) throw SnsErrors.invalidParameter("NextToken");
  }
  const slice = items.slice(start, start + PAGE);
  const next = start + PAGE < items.length ? Buffer.from(String(start + PAGE)).toString("base64url") : undefined;
  return { items: slice, nextToken: next };
}
