/** DescribeExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html */
import type { RequestContext } from "../../../core/service.js";
import type { ExecutionRecord } from "../executions/types.js";
import type { StatesService } from "../states-service.js";

export function executionView(e: ExecutionRecord) {
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
    redriveCount: 0,
    redriveStatus: "NOT_REDRIVABLE",
    redriveStatusReason: s.status === "RUNNING" ? "Execution is RUNNING and cannot be redriven" : "Execution cannot be redriven in Stratus",
  };
}

export function describeExecution(input: { executionArn: string }, ctx: RequestContext, sfn: StatesService) {
  return executionView(sfn.execution(input.executionArn, ctx));
}
