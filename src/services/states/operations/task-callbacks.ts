/**
 * SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: the callbacks a `.waitForTaskToken`
 * task waits for. https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskSuccess.html
 */
import type { RequestContext } from "../../../core/service.js";
import { StatesErrors } from "../errors.js";
import type { ExecutionRecord } from "../executions/types.js";
import { executionOfToken } from "../executions/task-token.js";
import { taskWaitingOnToken } from "../asl/interpreter/waiting.js";
import type { StatesService } from "../states-service.js";

/** The execution whose running Task waits on this token, or AWS's error. */
function waitingOn(token: string, ctx: RequestContext, sfn: StatesService): ExecutionRecord {
  const arn = executionOfToken(token ?? "");
  if (!arn) throw StatesErrors.invalidToken();
  const e = sfn.executions.get(arn);
  if (!e || e.accountId !== ctx.accountId || e.snapshot.status !== "RUNNING" || !taskWaitingOnToken(e.snapshot, token)) throw StatesErrors.taskDoesNotExist();
  return e;
}

export async function sendTaskSuccess(input: { taskToken: string; output: string }, ctx: RequestContext, sfn: StatesService) {
  const e = waitingOn(input.taskToken, ctx, sfn);
  let output: unknown;
  try {
    output = JSON.parse(input.output);
  } catch (err) {
    throw StatesErrors.invalidOutput((err as Error).message);
  }
  await sfn.executor.advance(e, { kind: "taskSucceeded", output: output as never, token: input.taskToken });
  return {};
}

export async function sendTaskFailure(input: { taskToken: string; error?: string; cause?: string }, ctx: RequestContext, sfn: StatesService) {
  const e = waitingOn(input.taskToken, ctx, sfn);
  await sfn.executor.advance(e, { kind: "taskFailed", error: input.error ?? "", cause: input.cause, token: input.taskToken });
  return {};
}

/** A heartbeat moves the task's HeartbeatSeconds deadline. */
export async function sendTaskHeartbeat(input: { taskToken: string }, ctx: RequestContext, sfn: StatesService) {
  const e = waitingOn(input.taskToken, ctx, sfn);
  await sfn.executor.advance(e, { kind: "heartbeat", token: input.taskToken });
  return {};
}
