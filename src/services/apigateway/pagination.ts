/** API Gateway's paging: `limit` (default 25, at most 500) and an opaque `position`. */
import { ApiGatewayErrors } from "./errors.js";

export function page<T>(items: T[], limit: number | undefined, position: string | undefined): { items: T[]; position?: string } {
  const max = limit ?? 25;
  if (max < 1 || max > 500) throw ApiGatewayErrors.badRequest("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 500");
  const start = position === undefined ? 0 : Number.parseInt(Buffer.from(position, "base64url").toString("utf8"), 10);
  if (!Number.isInteger(start) || start < 0) throw ApiGatewayErrors.badRequest("Invalid position parameter");
  const next = start + max < items.length ? Buffer.from(String(start + max)).toString("base64url") : undefined;
  return { items: items.slice(start, start + max), position: next };
}
