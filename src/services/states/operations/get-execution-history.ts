/** GetExecutionHistory: https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetExecutionHistory.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import type { StatesService } from "../states-service.js";

const DATA_FIELDS = ["input", "output"];

export function getExecutionHistory(input: { executionArn: string; maxResults?: number; reverseOrder?: boolean; nextToken?: string; includeExecutionData?: boolean }, ctx: RequestContext, sfn: StatesService) {
  const e = sfn.execution(input.executionArn, ctx);
  let events = sfn.executionStore.history(e.arn);
  if (input.reverseOrder) events = events.reverse();
  const max = input.maxResults || 100;
  const start = input.nextToken !== undefined ? Number.parseInt(Buffer.from(input.nextToken, "base64url").toString("utf8"), 10) : 0;
  if (!Number.isInteger(start) || start < 0) throw StatesErrors.validation("Invalid Token: 'Invalid token'");
  const page = events.slice(start, start + max).map((ev) => ({ ...ev, timestamp: new Date(ev.timestamp) }));
  // includeExecutionData false leaves the inputs and outputs out of the events' details.
  if (input.includeExecutionData === false) {
    for (const ev of page) {
      for (const [key, details] of Object.entries(ev)) {
        if (!key.endsWith("EventDetails") || typeof details !== "object" || details === null) continue;
        const d = { ...(details as unknown as Record<string, unknown>) };
        for (const f of DATA_FIELDS) delete d[f];
        (ev as unknown as Record<string, unknown>)[key] = d;
      }
    }
  }
  return { events: page, nextToken: start + max < events.length ? Buffer.from(String(start + max)).toString("base64url") : undefined };
}
