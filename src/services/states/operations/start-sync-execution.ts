/**
 * StartSyncExecution (Express): runs the execution and answers with its outcome.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html
 * The SDKs send it to a `sync-` host; against a local endpoint turn that off with the client
 * option `disableHostPrefix: true` (README).
 */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { expressExecutionArn } from "../names.js";
import { executionInput, executionName, newExecution, splitTestCase, withTestCase } from "../executions/execution-input.js";
import { runExpress } from "../executions/express-runner.js";
import type { StatesService } from "../states-service.js";
import { resolveTarget } from "../versions.js";

export async function startSyncExecution(input: { stateMachineArn: string; name?: string; input?: string }, ctx: RequestContext, sfn: StatesService) {
  // `<ARN>#<test case>` runs the execution with the mock config's responses (Step Functions Local).
  const [targetArn, testCase] = splitTestCase(input.stateMachineArn);
  const target = resolveTarget(targetArn, ctx, sfn);
  const machine = target.machine;
  if (machine.type !== "EXPRESS") throw StatesErrors.typeNotSupported("This operation is not supported by this type of state machine");
  const name = executionName(input.name);
  const { text, value } = executionInput(input.input);
  const arn = expressExecutionArn(machine, name);
  const e = withTestCase(newExecution(target, arn, name, { text, value }, ctx, ctx.clock.now()), testCase);
  const outcome = await runExpress(e, sfn.executor, ctx.clock);
  const s = e.snapshot;
  const billedMs = Math.max(100, Math.ceil((outcome.stopDate - e.startDate) / 100) * 100);
  return {
    executionArn: e.arn,
    stateMachineArn: machine.arn,
    name,
    startDate: new Date(e.startDate),
    stopDate: new Date(outcome.stopDate),
    status: outcome.status,
    error: s.error,
    cause: s.cause,
    input: text,
    inputDetails: { included: true },
    output: outcome.status === "SUCCEEDED" ? JSON.stringify(s.output ?? null) : undefined,
    outputDetails: outcome.status === "SUCCEEDED" ? { included: true } : undefined,
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: billedMs },
  };
}
