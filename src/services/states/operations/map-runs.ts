/**
 * DescribeMapRun, ListMapRuns and UpdateMapRun: the Map Runs of Distributed Map states.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeMapRun.html
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListMapRuns.html
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_UpdateMapRun.html
 */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import type { StatesService } from "../states-service.js";

export function describeMapRun(input: { mapRunArn: string }, ctx: RequestContext, sfn: StatesService) {
  const run = sfn.mapRun(input.mapRunArn, ctx);
  return {
    mapRunArn: run.arn,
    executionArn: run.executionArn,
    status: run.status,
    startDate: new Date(run.startDate),
    stopDate: run.stopDate !== undefined ? new Date(run.stopDate) : undefined,
    maxConcurrency: run.maxConcurrency,
    toleratedFailurePercentage: run.toleratedFailurePercentage,
    toleratedFailureCount: run.toleratedFailureCount,
    ...sfn.executor.mapRuns.counts(run),
    redriveCount: run.redriveCount ?? 0,
    redriveDate: run.redriveDate !== undefined ? new Date(run.redriveDate) : undefined,
  };
}

export function listMapRuns(input: { executionArn: string; maxResults?: number; nextToken?: string }, ctx: RequestContext, sfn: StatesService) {
  const execution = sfn.execution(input.executionArn, ctx);
  const runs = [...sfn.executor.mapRuns.runs.values()].filter((r) => r.executionArn === execution.arn).sort((a, b) => b.startDate - a.startDate);
  const max = input.maxResults || 100;
  const start = input.nextToken !== undefined ? Number.parseInt(Buffer.from(input.nextToken, "base64url").toString("utf8"), 10) : 0;
  if (!Number.isInteger(start) || start < 0) throw StatesErrors.invalidToken();
  return {
    mapRuns: runs.slice(start, start + max).map((r) => ({
      executionArn: r.executionArn,
      mapRunArn: r.arn,
      stateMachineArn: r.stateMachineArn,
      startDate: new Date(r.startDate),
      stopDate: r.stopDate !== undefined ? new Date(r.stopDate) : undefined,
    })),
    nextToken: start + max < runs.length ? Buffer.from(String(start + max)).toString("base64url") : undefined,
  };
}

export async function updateMapRun(input: { mapRunArn: string; maxConcurrency?: number; toleratedFailurePercentage?: number; toleratedFailureCount?: number }, ctx: RequestContext, sfn: StatesService) {
  const run = sfn.mapRun(input.mapRunArn, ctx);
  const { maxConcurrency, toleratedFailurePercentage, toleratedFailureCount } = input;
  if (maxConcurrency === undefined && toleratedFailurePercentage === undefined && toleratedFailureCount === undefined) {
    throw StatesErrors.validation("At least one of the parameters maxConcurrency, toleratedFailurePercentage and toleratedFailureCount must be provided");
  }
  await sfn.executor.mapRuns.update(run, { maxConcurrency, toleratedFailurePercentage, toleratedFailureCount });
  return {};
}
