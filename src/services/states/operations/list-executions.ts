/** ListExecutions: https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListExecutions.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import type { StatesService } from "../states-service.js";

const STATUSES = new Set(["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]);

export function listExecutions(input: { stateMachineArn?: string; mapRunArn?: string; statusFilter?: string; redriveFilter?: string; maxResults?: number; nextToken?: string }, ctx: RequestContext, sfn: StatesService) {
  // A state machine's executions, or a Map Run's child executions: one or the other.
  if ((input.stateMachineArn === undefined) === (input.mapRunArn === undefined)) {
    throw StatesErrors.validation(input.mapRunArn === undefined ? "Must provide a StateMachine ARN or MapRun ARN" : "Only one of StateMachine ARN or MapRun ARN can be provided");
  }
  // A Map Run's Express children keep no record, as Express executions do not: they are counted (DescribeMapRun), not listed.
  const candidates = input.mapRunArn !== undefined ? sfn.executor.mapRuns.childrenOf(sfn.mapRun(input.mapRunArn, ctx).arn).filter((e) => !e.mapRun!.express) : undefined;
  const machine = input.stateMachineArn !== undefined ? sfn.stateMachine(input.stateMachineArn, ctx) : undefined;
  if (input.statusFilter !== undefined && !STATUSES.has(input.statusFilter)) {
    throw StatesErrors.validation(`1 validation error detected: Value '${input.statusFilter}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${[...STATUSES].join(", ")}]`);
  }
  const max = input.maxResults || 100;
  // Newest first, as AWS lists them (later starts first when the clock stood still).
  const all = [...(candidates ?? sfn.executions.values())]
    .reverse()
    .filter((e) => (machine === undefined || e.stateMachineArn === machine.arn) && (input.statusFilter === undefined || e.snapshot.status === input.statusFilter))
    // REDRIVEN: executions redriven at least once; NOT_REDRIVEN: the others.
    .filter((e) => input.redriveFilter === undefined || (input.redriveFilter === "REDRIVEN") === (e.snapshot.redriveCount ?? 0) > 0)
    .sort((a, b) => b.startDate - a.startDate);
  const start = input.nextToken !== undefined ? Number.parseInt(Buffer.from(input.nextToken, "base64url").toString("utf8"), 10) : 0;
  if (!Number.isInteger(start) || start < 0) throw StatesErrors.validation("Invalid Token: 'Invalid token'");
  return {
    executions: all.slice(start, start + max).map((e) => ({
      executionArn: e.arn,
      stateMachineArn: e.stateMachineArn,
      name: e.name,
      status: e.snapshot.status,
      startDate: new Date(e.startDate),
      stopDate: e.stopDate !== undefined ? new Date(e.stopDate) : undefined,
      stateMachineVersionArn: e.versionArn,
      stateMachineAliasArn: e.aliasArn,
      redriveCount: e.snapshot.redriveCount ?? 0,
      redriveDate: e.redriveDate !== undefined ? new Date(e.redriveDate) : undefined,
      // A Map Run's child: its Map Run, and how many items it processed.
      mapRunArn: e.mapRun?.arn,
      itemCount: e.mapRun ? (sfn.executor.mapRuns.runs.get(e.mapRun.arn)?.sizes[e.mapRun.index] ?? 1) : undefined,
    })),
    nextToken: start + max < all.length ? Buffer.from(String(start + max)).toString("base64url") : undefined,
  };
}
