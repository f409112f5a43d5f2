/** ListStateMachines: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachines.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import type { StatesService } from "../states-service.js";

export function listStateMachines(input: { maxResults?: number; nextToken?: string }, ctx: RequestContext, sfn: StatesService) {
  const max = input.maxResults || 100;
  if (max < 0 || max > 1000) throw StatesErrors.validation(`1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000`);
  const all = [...sfn.stateMachines.values()].filter((m) => m.accountId === ctx.accountId && m.region === ctx.region).sort((a, b) => a.creationDate - b.creationDate || (a.name < b.name ? -1 : 1));
  let start = 0;
  if (input.nextToken !== undefined) {
    start = Number.parseInt(Buffer.from(input.nextToken, "base64url").toString("utf8"), 10);
    if (!Number.isInteger(start) || start < 0) throw StatesErrors.validation("Invalid Token: 'Invalid token'");
  }
  const items = all.slice(start, start + max);
  return {
    stateMachines: items.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: new Date(m.creationDate) })),
    nextToken: start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined,
  };
}
