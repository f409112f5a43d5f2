/** StartExecution (Standard): https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import { executionInput, executionName, newExecution } from "../executions/execution-input.js";
import { executionArn, parseStateMachineArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import { resolveTarget } from "../versions.js";

export async function startExecution(input: { stateMachineArn: string; name?: string; input?: string }, ctx: RequestContext, sfn: StatesService) {
  const target = resolveTarget(input.stateMachineArn, ctx, sfn);
  const machine = target.machine;
  if (machine.type === "EXPRESS") throw StatesErrors.typeNotSupported("Express state machines run with StartSyncExecution in Stratus (asynchronous Express executions are not emulated yet)");
  const name = executionName(input.name);
  const { text, value } = executionInput(input.input);
  const arn = executionArn(parseStateMachineArn(machine.arn), name);
  const existing = sfn.executions.get(arn);
  if (existing) {
    // The same name and input while it runs is the same request again (idempotent).
    if (existing.snapshot.status === "RUNNING" && existing.input === text) return { executionArn: arn, startDate: new Date(existing.startDate) };
    throw StatesErrors.executionAlreadyExists(arn);
  }
  const e = newExecution(target, arn, name, { text, value }, ctx, ctx.clock.now());
  sfn.executions.set(arn, e);
  await sfn.executor.advance(e, { kind: "start" });
  return { executionArn: arn, startDate: new Date(e.startDate) };
}
