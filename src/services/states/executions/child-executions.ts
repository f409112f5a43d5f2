/**
 * `arn:aws:states:::states:startExecution` (and `.sync`, `.sync:2`): a Task that starts another
 * execution, Standard (durable; with `.sync` the parent's task ends when the child does,
 * executor.ts) or Express (run in the background, request-response only).
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
import type { JsonValue } from "../asl/jsonpath/json.js";
import { StatesErrors } from "../errors.js";
import { executionArn, parseStateMachineArn, expressExecutionArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import { resolveTarget } from "../versions.js";
import { executionInput, executionName, newExecution } from "./execution-input.js";
import type { ExecutionRecord } from "./types.js";
import type { Where } from "./task-runner.js";
import { runExpress } from "./express-runner.js";

export async function startChildExecution(sfn: StatesService, parent: Where, p: { [key: string]: JsonValue }, sync?: "sync" | "sync:2"): Promise<ExecutionRecord> {
  if (typeof p.StateMachineArn !== "string") throw StatesErrors.validation("StateMachineArn is required");
  const where = { accountId: parent.accountId, region: parent.region };
  const target = resolveTarget(p.StateMachineArn, where, sfn);
  const name = executionName(typeof p.Name === "string" ? p.Name : undefined);
  // Input may be given as JSON text or as a JSON value.
  const input = executionInput(p.Input === undefined ? undefined : typeof p.Input === "string" ? p.Input : JSON.stringify(p.Input));
  if (target.machine.type === "EXPRESS") {
    // An Express child runs in the background, as StartExecution runs one; it keeps no record to wait on.
    if (sync) throw StatesErrors.typeNotSupported("Stratus waits (.sync) for Standard child executions only");
    const m = target.machine;
    const child = newExecution(target, expressExecutionArn(m, name), name, input, where, sfn.clock.now());
    void runExpress(child, sfn.executor, sfn.clock).catch((err) => sfn.executor.logFailure(child, err));
    return child;
  }
  const arn = executionArn(parseStateMachineArn(target.machine.arn), name);
  if (sfn.executions.has(arn)) throw StatesErrors.executionAlreadyExists(arn);
  const child = newExecution(target, arn, name, input, where, sfn.clock.now());
  sfn.executions.set(arn, child);
  await sfn.executor.advance(child, { kind: "start" });
  return child;
}
