/**
 * `arn:aws:states:::states:startExecution` (and `.sync`, `.sync:2`): a Task that starts another
 * Standard execution; with `.sync` the parent's task ends when the child does (executor.ts).
 * https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
import type { JsonValue } from "../asl/jsonpath/json.js";
import { StatesErrors } from "../errors.js";
import { executionArn, parseStateMachineArn } from "../names.js";
import type { StatesService } from "../states-service.js";
import { resolveTarget } from "../versions.js";
import { executionInput, executionName, newExecution } from "./execution-input.js";
import type { ExecutionRecord } from "./types.js";

export async function startChildExecution(sfn: StatesService, parent: ExecutionRecord, p: { [key: string]: JsonValue }): Promise<ExecutionRecord> {
  if (typeof p.StateMachineArn !== "string") throw StatesErrors.validation("StateMachineArn is required");
  const where = { accountId: parent.accountId, region: parent.region };
  const target = resolveTarget(p.StateMachineArn, where, sfn);
  if (target.machine.type !== "STANDARD") throw StatesErrors.typeNotSupported("Stratus starts Standard child executions only");
  const name = executionName(typeof p.Name === "string" ? p.Name : undefined);
  // Input may be given as JSON text or as a JSON value.
  const input = executionInput(p.Input === undefined ? undefined : typeof p.Input === "string" ? p.Input : JSON.stringify(p.Input));
  const arn = executionArn(parseStateMachineArn(target.machine.arn), name);
  if (sfn.executions.has(arn)) throw StatesErrors.executionAlreadyExists(arn);
  const child = newExecution(target, arn, name, input, where, sfn.clock.now());
  sfn.executions.set(arn, child);
  await sfn.executor.advance(child, { kind: "start" });
  return child;
}
