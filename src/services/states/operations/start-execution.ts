/**
 * StartExecution: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 * Standard executions are stored with their history; Express ones run in memory in the
 * background (at most once, no history, as on AWS).
 */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { runExpress } from "../executions/express-runner.js";
import { executionInput, executionName, newExecution, splitTestCase, withTestCase } from "../executions/execution-input.js";
import { executionArn, parseStateMachineArn, expressExecutionArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import { resolveTarget } from "../versions.js";

export async function startExecution(input: { stateMachineArn: string; name?: string; input?: string }, ctx: RequestContext, sfn: StatesService) {
  // `<ARN>#<test case>` runs the execution with the mock config's responses (Step Functions Local).
  const [targetArn, testCase] = splitTestCase(input.stateMachineArn);
  const target = resolveTarget(targetArn, ctx, sfn);
  const machine = target.machine;
  const name = executionName(input.name);
  const { text, value } = executionInput(input.input);
  if (machine.type === "EXPRESS") {
    const e = withTestCase(newExecution(target, expressExecutionArn(machine, name), name, { text, value }, ctx, ctx.clock.now()), testCase);
    void runExpress(e, sfn.executor, ctx.clock).catch((err) => ctx.logger.error(`states: express execution ${e.arn} failed to run`, err));
    return { executionArn: e.arn, startDate: new Date(e.startDate) };
  }
  const arn = executionArn(parseStateMachineArn(machine.arn), name);
  const existing = sfn.executions.get(arn);
  if (existing) {
    // The same name and input while it runs is the same request again (idempotent).
    if (existing.snapshot.status === "RUNNING" && existing.input === text) return { executionArn: arn, startDate: new Date(existing.startDate) };
    throw StatesErrors.executionAlreadyExists(arn);
  }
  const e = withTestCase(newExecution(target, arn, name, { text, value }, ctx, ctx.clock.now()), testCase);
  sfn.executions.set(arn, e);
  await sfn.executor.advance(e, { kind: "start" });
  return { executionArn: arn, startDate: new Date(e.startDate) };
}
