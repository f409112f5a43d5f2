/**
 * Express executions run in memory, start to finish, through the same interpreter: timers wait
 * on the clock, Task calls go out as for Standard executions. At most five minutes (on the
 * clock); nothing is stored, as AWS keeps no history for Express executions.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html
 */
import type { Clock, TimerHandle } from "../../../core/clock.js";
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
  // What the execution waits on: Task calls and timers, several at once in Parallel and Map.
  const inflight = new Map<string, Promise<{ key: string; input: StepInput | "deadline" }>>();
  const timers: TimerHandle[] = [];
  const wait = (at: number) => new Promise<void>((resolve) => timers.push(clock.setTimer(at, resolve)));
  let input: StepInput = { kind: "start" };
  try {
    for (;;) {
      // AWS keeps no history for Express executions: the interpreter need not build the events.
      const result = step(def, e.snapshot, input, { ...executor.env(e), history: false });
      e.snapshot = result.snapshot;
      const status = e.snapshot.status;
      if (status === "SUCCEEDED" || status === "FAILED") return { status, stopDate: clock.now() };
      // AWS runs Distributed Maps in Standard workflows only. CreateStateMachine refuses them in
      // Express machines; this catches one inside an Express child of a Distributed Map, whose
      // ItemProcessor was checked as part of a Standard machine.
      if (result.commands.some((c) => c.kind === "mapRunStarted")) {
        Object.assign(e.snapshot, { status: "FAILED", current: undefined, error: "States.Runtime", cause: "A Distributed Map runs in Standard workflows only, not in an Express workflow." });
        return { status: "FAILED", stopDate: clock.now() };
      }
      // The execution's own TimeoutSeconds is the deadline above (at most five minutes anyway).
      for (const c of result.commands) {
        if (c.kind === "task") {
          const key = `task:${c.callId}`;
          const mocked = executor.mocked(e, c.call, c.callId);
          const outcome: Promise<StepInput> = mocked
            ? Promise.resolve({ ...mocked, callId: c.callId } as StepInput)
            : c.call.kind === "activity"
              ? Promise.resolve({ kind: "taskFailed", error: "States.Runtime", cause: "Express workflows do not support activities", callId: c.callId })
              : executor.callTask(e, c.call).then((r) => ({ ...r, callId: c.callId }) as StepInput);
          inflight.set(key, outcome.then((i) => ({ key, input: i })));
        } else if (c.kind === "timer") {
          const key = `timer:${c.timerId}`;
          inflight.set(key, wait(c.dueAt).then(() => ({ key, input: { kind: "timer", timerId: c.timerId } as StepInput })));
        }
      }
      if (inflight.size === 0) throw new Error(`express execution ${e.arn} is running but has nothing to wait for`);
      // Most executions end within their first step: the deadline is armed when one must wait.
      if (!inflight.has("deadline")) inflight.set("deadline", wait(deadline).then(() => ({ key: "deadline", input: "deadline" as const })));
      const next = await Promise.race(inflight.values());
      inflight.delete(next.key);
      if (next.input === "deadline" || clock.now() >= deadline) {
        e.snapshot.status = "TIMED_OUT";
        e.snapshot.error = "States.Timeout";
        e.snapshot.cause = undefined;
        return { status: "TIMED_OUT", stopDate: clock.now() };
      }
      input = next.input;
    }
  } finally {
    for (const t of timers) clock.clearTimer(t);
  }
}
