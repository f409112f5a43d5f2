/**
 * Express executions run in memory, start to finish, through the same interpreter: timers wait
 * on the clock, Task calls go out as for Standard executions. At most five minutes (on the
 * clock); nothing is stored, as AWS keeps no history for Express executions.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html
 */
import type { Clock } from "../../../core/clock.js";
import { step } from "../asl/interpreter/step.js";
import type { StepInput } from "../asl/interpreter/types.js";
import type { Executor } from "./executor.js";
import type { ExecutionRecord } from "./types.js";

export const EXPRESS_LIMIT_MS = 5 * 60_000;

export interface ExpressOutcome {
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  stopDate: number;
}

export async function runExpress(e: ExecutionRecord, executor: Executor, clock: Clock): Promise<ExpressOutcome> {
  const def = executor.definition(e.definition);
  const deadline = e.startDate + Math.min(EXPRESS_LIMIT_MS, (def.timeoutSeconds ?? Infinity) * 1000);
  let input: StepInput = { kind: "start" };
  for (;;) {
    const result = step(def, e.snapshot, input, executor.env(e));
    e.snapshot = result.snapshot;
    const status = e.snapshot.status;
    if (status === "SUCCEEDED" || status === "FAILED") return { status, stopDate: clock.now() };
    // The execution's own TimeoutSeconds is the deadline below (at most five minutes anyway).
    const commands = result.commands.filter((c) => c.kind !== "executionTimeout");
    const task = commands.find((c) => c.kind === "task");
    const timer = commands.find((c) => c.kind === "timer");
    if (task) {
      const mocked = executor.mocked(e, task.call);
      input = mocked
        ? ({ ...mocked, callId: task.callId } as StepInput)
        : task.call.kind === "activity"
          ? { kind: "taskFailed", error: "States.Runtime", cause: "Express workflows do not support activities", callId: task.callId }
          : ({ ...(await executor.callTask(e, task.call)), callId: task.callId } as StepInput);
    } else if (timer) {
      const at = Math.min(timer.dueAt, deadline);
      await new Promise<void>((resolve) => clock.setTimer(at, resolve));
      input = { kind: "timer", timerId: timer.timerId };
    } else {
      throw new Error(`express execution ${e.arn} is running but has nothing to wait for`);
    }
    if (clock.now() >= deadline) {
      e.snapshot.status = "TIMED_OUT";
      e.snapshot.error = "States.Timeout";
      e.snapshot.cause = undefined;
      return { status: "TIMED_OUT", stopDate: clock.now() };
    }
  }
}
