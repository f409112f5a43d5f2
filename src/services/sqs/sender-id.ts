import type { RequestContext } from "../../core/service.js";

/** SenderId: AWS reports the caller's access key id (IAM user) or account; we report the account. */
export function senderId(ctx: RequestContext): string {
  return ctx.accountId;
}
