/**
 * Runs an execution from one event to the next point where it must wait (a timer) or ends.
 * JSONPath query language; Pass, Succeed, Fail, Choice, Wait and Task (Lambda) states, Retry
 * and Catch. Events and their details are AWS's (GetExecutionHistory).
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 */
import type { ParsedDefinition, StateDefinition } from "../definition/model.js";
import type { ContextObject } from "../jsonpath/context.js";
import { applyInputPath, applyOutputPath, applyParameters, applyResultPath, applyResultSelector, evaluatePath, isStatesError, StatesError, type JsonValue } from "../jsonpath/index.js";
import { chooseTransition } from "../rules/choice-eval.js";
import { stateFailureCause } from "../rules/errors.js";
import { handleStateError } from "../rules/handle-error.js";
import { computeWaitDue } from "../rules/wait.js";
import type { TaskState } from "../definition/model.js";
import { failedEvent, scheduledEvents, succeededEvent, taskCall, taskResult } from "./task-state.js";
import type { Command, HistoryEvent, Snapshot, StepEnv, StepInput, StepResult, TaskCall } from "./types.js";

/** A long-running loop of Pass states must still yield: AWS's quota on history events. */
const MAX_HISTORY_EVENTS = 25_000;

export function newSnapshot(input: JsonValue): Snapshot {
  return { status: "RUNNING", lastEventId: 0, executionInput: input, variables: {} };
}

export function step(def: ParsedDefinition, prior: Snapshot, input: StepInput, env: StepEnv): StepResult {
  const run = new Run(def, structuredClone(prior), env);
  run.handle(input);
  return { snapshot: run.snap, events: run.events, commands: run.commands };
}

class Run {
  readonly events: HistoryEvent[] = [];
  readonly commands: Command[] = [];
  private readonly iso: string;

  constructor(
    private readonly def: ParsedDefinition,
    readonly snap: Snapshot,
    private readonly env: StepEnv,
  ) {
    this.iso = new Date(env.now).toISOString();
  }

  handle(input: StepInput): void {
    if (this.snap.status !== "RUNNING") return;
    switch (input.kind) {
      case "start":
        this.emit("ExecutionStarted", { executionStartedEventDetails: { input: json(this.snap.executionInput), inputDetails: { truncated: false }, roleArn: this.env.roleArn } });
        this.enter(this.def.startAt, this.snap.executionInput);
        break;
      case "timer": {
        const cur = this.snap.current;
        if (cur?.waiting?.kind === "timer") {
          const next = this.exit(this.def.allStates.get(cur.name)!, cur.waiting.output);
          if (next) this.enter(next.name, next.input);
        } else if (cur?.waiting?.kind === "retry") {
          this.schedule(cur.waiting.call, cur.waiting.retryCounts);
        }
        break;
      }
      case "taskSucceeded":
      case "taskFailed": {
        const cur = this.snap.current;
        if (cur?.waiting?.kind !== "task") return;
        const state = this.def.allStates.get(cur.name) as TaskState;
        const next = input.kind === "taskSucceeded" ? this.taskSucceeded(state, cur.waiting.call, input) : this.taskFailed(state, cur.waiting, input.error, input.cause);
        if (next) this.enter(next.name, next.input);
        break;
      }
      case "stop":
        this.snap.current = undefined;
        this.snap.status = "ABORTED";
        this.snap.error = input.error;
        this.snap.cause = input.cause;
        this.emit("ExecutionAborted", { executionAbortedEventDetails: compact({ error: input.error, cause: input.cause }) });
        return;
    }
  }

  /** Enters states until one waits or the execution ends. */
  private enter(name: string, input: JsonValue): void {
    let next: { name: string; input: JsonValue } | undefined = { name, input };
    while (next && this.snap.status === "RUNNING") {
      if (this.snap.lastEventId >= MAX_HISTORY_EVENTS - 2) {
        this.fail("States.Runtime", `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`);
        return;
      }
      next = this.runState(this.def.allStates.get(next.name)!, next.input);
    }
  }

  private runState(state: StateDefinition, input: JsonValue): { name: string; input: JsonValue } | undefined {
    const entered = this.emit(`${state.type}StateEntered`, { stateEnteredEventDetails: { name: state.name, input: json(input), inputDetails: { truncated: false } } });
    this.snap.current = { name: state.name, input, enteredEventId: entered, enteredTime: this.iso };
    try {
      switch (state.type) {
        case "Pass": {
          const ctx = this.dataContext(state.name);
          const effective = applyInputPath(state.inputPath, input, ctx);
          const result = state.parameters !== undefined ? applyParameters(state.parameters, effective, ctx) : (state.result ?? effective);
          return this.exit(state, applyOutputPath(state.outputPath, applyResultPath(input, result, state.resultPath), ctx));
        }
        case "Succeed": {
          const ctx = this.dataContext(state.name);
          return this.exit(state, applyOutputPath(state.outputPath, applyInputPath(state.inputPath, input, ctx), ctx));
        }
        case "Fail": {
          const error = this.dynamicString(state.error, input, state.name);
          const cause = this.dynamicString(state.cause, input, state.name);
          this.snap.current = undefined;
          this.finish("FAILED", { error, cause });
          return undefined;
        }
        case "Choice": {
          if (state.choices.language !== "JSONPath") throw new StatesError("States.Runtime", "JSONata is not supported by Stratus yet");
          const ctx = this.dataContext(state.name);
          const effective = applyInputPath(state.inputPath, input, ctx);
          const outcome = chooseTransition(state.choices.rules, (path) => read(path, effective, ctx));
          if (!outcome.ok) throw new StatesError(outcome.failure.error, outcome.failure.cause ?? "");
          const output = applyOutputPath(state.outputPath, effective, ctx);
          this.emit("ChoiceStateExited", { stateExitedEventDetails: { name: state.name, output: json(output), outputDetails: { truncated: false } } });
          return { name: outcome.value.next, input: output };
        }
        case "Wait": {
          if (state.wait.language !== "JSONPath") throw new StatesError("States.Runtime", "JSONata is not supported by Stratus yet");
          const ctx = this.dataContext(state.name);
          const effective = applyInputPath(state.inputPath, input, ctx);
          const due = computeWaitDue(state.wait.timing, (path) => read(path, effective, ctx), this.env.now);
          if (!due.ok) throw new StatesError(due.failure.error, due.failure.cause ?? "");
          const output = applyOutputPath(state.outputPath, effective, ctx);
          this.snap.current.waiting = { kind: "timer", dueAt: due.value.dueAt, output };
          this.commands.push({ kind: "timer", dueAt: due.value.dueAt });
          return undefined;
        }
        case "Task": {
          const ctx = this.dataContext(state.name);
          const effective = applyInputPath(state.inputPath, input, ctx);
          const params = state.parameters !== undefined ? applyParameters(state.parameters, effective, ctx) : effective;
          this.schedule(taskCall(state, params), state.retry.map(() => 0));
          return undefined;
        }
        default:
          throw new StatesError("States.Runtime", `The ${state.type} state is not supported by Stratus yet`);
      }
    } catch (err) {
      if (!isStatesError(err)) throw err;
      // Pass, Choice, Wait, Succeed and Fail have no Retry or Catch: the execution fails.
      this.snap.current = undefined;
      this.finish("FAILED", { error: err.error, cause: stateFailureCause(state.name, entered, err.cause) });
      return undefined;
    }
  }

  /** Leaves a state with its output: to the next state, or ends the execution. */
  private exit(state: StateDefinition, output: JsonValue): { name: string; input: JsonValue } | undefined {
    this.emit(`${state.type}StateExited`, { stateExitedEventDetails: { name: state.name, output: json(output), outputDetails: { truncated: false } } });
    this.snap.current = undefined;
    if (state.end || state.type === "Succeed") {
      this.finish("SUCCEEDED", { output });
      return undefined;
    }
    if (state.next === undefined) throw new Error(`state ${state.name} has neither Next nor End`);
    return { name: state.next, input: output };
  }

  /** Hands a Task's call to the executor and waits for its outcome. */
  private schedule(call: TaskCall, retryCounts: number[]): void {
    for (const [type, details] of scheduledEvents(call, this.env.region)) this.emit(type, details);
    this.snap.current!.waiting = { kind: "task", retryCounts, call };
    this.commands.push({ kind: "task", call });
  }

  private taskSucceeded(state: TaskState, call: TaskCall, r: { payload: JsonValue; executedVersion: string; requestId: string }): { name: string; input: JsonValue } | undefined {
    const result = taskResult(call, r);
    const [type, details] = succeededEvent(call, result);
    this.emit(type, details);
    const input = this.snap.current!.input;
    try {
      const ctx = this.dataContext(state.name);
      const selected = state.resultSelector !== undefined ? applyResultSelector(state.resultSelector, result, ctx) : result;
      return this.exit(state, applyOutputPath(state.outputPath, applyResultPath(input, selected, state.resultPath), ctx));
    } catch (err) {
      if (!isStatesError(err)) throw err;
      return this.taskFailed(state, { retryCounts: state.retry.map(() => 0), call }, err.error, stateFailureCause(state.name, this.snap.current!.enteredEventId, err.cause), false);
    }
  }

  /** Retry, Catch, or fail the execution. `emitFailure`: the call itself failed (a Task event is due). */
  private taskFailed(state: TaskState, waiting: { retryCounts: number[]; call: TaskCall }, error: string, cause: string | undefined, emitFailure = true): { name: string; input: JsonValue } | undefined {
    if (emitFailure) {
      const [type, details] = failedEvent(waiting.call, error, cause);
      this.emit(type, details);
    }
    const decision = handleStateError({ error, cause }, state.retry, waiting.retryCounts, state.catch, this.env.random);
    if (decision.kind === "retry") {
      const dueAt = this.env.now + decision.delayMs;
      this.snap.current!.waiting = { kind: "retry", dueAt, retryCounts: [...decision.counts], call: waiting.call };
      this.commands.push({ kind: "timer", dueAt });
      return undefined;
    }
    if (decision.kind === "catch") {
      const output = applyResultPath(this.snap.current!.input, decision.errorOutput as unknown as JsonValue, decision.resultPath);
      this.emit("TaskStateExited", { stateExitedEventDetails: { name: state.name, output: JSON.stringify(output), outputDetails: { truncated: false } } });
      this.snap.current = undefined;
      return { name: decision.next, input: output };
    }
    this.fail(decision.error, decision.cause);
    return undefined;
  }

  private finish(status: "SUCCEEDED" | "FAILED", r: { output?: JsonValue; error?: string; cause?: string }): void {
    this.snap.status = status;
    if (status === "SUCCEEDED") {
      this.snap.output = r.output;
      this.emit("ExecutionSucceeded", { executionSucceededEventDetails: { output: json(r.output ?? null), outputDetails: { truncated: false } } });
    } else {
      this.snap.error = r.error;
      this.snap.cause = r.cause;
      this.emit("ExecutionFailed", { executionFailedEventDetails: compact({ error: r.error, cause: r.cause }) });
    }
  }

  private fail(error: string, cause: string | undefined): void {
    this.snap.current = undefined;
    this.finish("FAILED", { error, cause });
  }

  private dynamicString(d: { kind: "value"; value: string } | { kind: "path"; path: string } | { kind: "jsonata"; expression: string } | undefined, input: JsonValue, stateName: string): string | undefined {
    if (!d) return undefined;
    if (d.kind === "value") return d.value;
    if (d.kind === "jsonata") throw new StatesError("States.Runtime", "JSONata is not supported by Stratus yet");
    const value = evaluatePath(d.path, input, this.dataContext(stateName));
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  private dataContext(stateName: string): { context: ContextObject; variables: Record<string, JsonValue>; random: () => number } {
    const e = this.env;
    const context: ContextObject = {
      Execution: { Id: e.executionArn, Input: this.snap.executionInput, Name: e.executionName, RoleArn: e.roleArn, StartTime: e.startTime, RedriveCount: 0 },
      State: { EnteredTime: this.snap.current?.enteredTime ?? this.iso, Name: stateName, RetryCount: 0 },
      StateMachine: { Id: e.stateMachineArn, Name: e.stateMachineName },
    };
    return { context, variables: this.snap.variables, random: e.random };
  }

  private emit(type: string, details: Record<string, unknown>): number {
    const id = ++this.snap.lastEventId;
    this.events.push({ id, previousEventId: id - 1, type, timestamp: this.iso, ...details });
    return id;
  }
}

function read(path: string, input: JsonValue, ctx: Parameters<typeof evaluatePath>[2]): { found: true; value: unknown } | { found: false } {
  try {
    return { found: true, value: evaluatePath(path, input, ctx) };
  } catch (err) {
    if (isStatesError(err)) return { found: false };
    throw err;
  }
}

function json(value: JsonValue): string {
  return JSON.stringify(value);
}

function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
