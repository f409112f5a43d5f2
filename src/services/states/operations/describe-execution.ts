/** DescribeExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html */
import type { RequestContext } from "../../../core/service.js";
import type { ExecutionRecord } from "../executions/types.js";
import type { StatesService } from "../states-service.js";
import { notRedrivable } from "./redrive-execution.js";

export function executionView(e: ExecutionRecord, now: number) {
  const why = notRedrivable(e, now);
  const s = e.snapshot;
  return {
    executionArn: e.arn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: s.status,
    startDate: new Date(e.startDate),
    stopDate: e.stopDate !== undefined ? new Date(e.stopDate) : undefined,
    input: e.input,
    inputDetails: { included: true },
    output: s.status === "SUCCEEDED" ? JSON.stringify(s.output ?? null) : undefined,
    outputDetails: s.status === "SUCCEEDED" ? { included: true } : undefined,
    error: s.error,
    cause: s.cause,
    stateMachineVersionArn: e.versionArn,
    stateMachineAliasArn: e.aliasArn,
    redriveCount: s.redriveCount ?? 0,
    redriveDate: e.redriveDate !== undefined ? new Date(e.redriveDate) : undefined,
    redriveStatus: why === undefined ? "REDRIVABLE" : "NOT_REDRIVABLE",
    redriveStatusReason: why,
    mapRunArn: e.mapRun?.arn,
  };
}

export function describeExecution(input: { executionArn: string }, ctx: RequestContext, sfn: StatesService) {
  return executionView(sfn.execution(input.executionArn, ctx), ctx.clock.now());
}
