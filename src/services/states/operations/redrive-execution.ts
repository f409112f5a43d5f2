/**
 * RedriveExecution: a failed, timed-out or aborted Standard execution runs again from the
 * state where it stopped (ExecutionRedriven, then that state entered again), its history kept.
 * https://docs.aws.amazon.com/step-functions/latest/dg/redrive-executions.html
 */
import type { RequestContext } from "../../../core/service.js";
import { MAX_HISTORY_EVENTS } from "../asl/interpreter/step.js";
import { StatesErrors } from "../errors.js";
import type { ExecutionRecord } from "../executions/types.js";
import type { StatesService } from "../states-service.js";

/** "You can redrive executions ... in the last 14 days": counted from the execution's stop. */
const REDRIVABLE_PERIOD_MS = 14 * 24 * 3600 * 1000;

/** Why an execution cannot be redriven at `now`, or undefined when it can. */
export function notRedrivable(e: ExecutionRecord, now: number): string | undefined {
  const s = e.snapshot;
  if (s.status === "RUNNING") return "Execution is RUNNING and cannot be redriven";
  if (s.status === "SUCCEEDED") return "Execution is SUCCEEDED and cannot be redriven";
  if (!s.unsuccessful) return "Execution failed in a Fail state or before any state ran";
  if (e.stopDate !== undefined && now - e.stopDate > REDRIVABLE_PERIOD_MS) return "Execution redrivable period exceeded";
  // It stopped at the history's limit: running again would only hit it at once.
  if (s.lastEventId >= MAX_HISTORY_EVENTS - 2) return "Execution history event limit exceeded";
  return undefined;
}

export async function redriveExecution(input: { executionArn: string }, ctx: RequestContext, sfn: StatesService) {
  const e = sfn.execution(input.executionArn, ctx);
  const why = notRedrivable(e, ctx.clock.now());
  if (why) throw StatesErrors.executionNotRedrivable(e.arn, why);
  e.stopDate = undefined;
  e.redriveDate = ctx.clock.now();
  await sfn.executor.advance(e, { kind: "redrive" });
  return { redriveDate: new Date(e.redriveDate) };
}
