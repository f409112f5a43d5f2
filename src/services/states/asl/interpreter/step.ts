/**
 * Runs an execution from one event to the next point where it must wait (a timer) or ends.
 * JSONPath query language; Pass, Succeed, Fail, Choice, Wait, Task (Lambda), Parallel and inline
 * Map states (branches.ts), Retry and Catch. Events and their details are AWS's (GetExecutionHistory).
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 */
import type { ParsedDefinition, StateDefinition } from "../definition/model.js";
import type { ContextObject, DataContext } from "../jsonpath/context.js";
import { applyInputPath, isStatesError, StatesError, type JsonValue } from "../jsonpath/index.js";
import { stateFailureCause } from "../rules/errors.js";
import { handleStateError } from "../rules/handle-error.js";
import { computeWaitDue } from "../rules/wait.js";
import type { MapState, ParallelState, TaskState } from "../definition/model.js";
import { branchInputs, mapConcurrency, startOf, type BranchHost, type Variables } from "./branches.js";
import { MAX_DISTRIBUTED_CONCURRENCY, mapRunChildren, mapTolerance, THRESHOLD_CAUSE, THRESHOLD_ERROR, toleranceExceeded } from "./distributed-map.js";
import { QueryEvaluationError } from "../jsonata/evaluate.js";
import { catchExit, plainExit, resultExit, stateArguments, type StateExit } from "./data-flow.js";
import { choiceOutcome, dynamicValue, failOutcome, passExit, readPath, succeedExit } from "./simple-states.js";
import { failedEvent, scheduledEvents, submittedEvent, succeededEvent, taskCall, timedOutEvent, waitsForToken } from "./task-state.js";
import type { BranchesWaiting, Command, HistoryEvent, MapRunWaiting, Snapshot, StepEnv, StepInput, StepResult, TaskCall, TaskDeadlines } from "./types.js";

/** AWS's quota on a state's input or output: 256 KiB of UTF-8 JSON. */
const MAX_PAYLOAD_BYTES = 262_144;

/** A long-running loop of Pass states must still yield: AWS's quota on history events. */
export const MAX_HISTORY_EVENTS = 25_000;

export function newSnapshot(input: JsonValue): Snapshot {
  return { status: "RUNNING", lastEventId: 0, executionInput: input, variables: {} };
}

export function step(def: ParsedDefinition, prior: Snapshot, input: StepInput, env: StepEnv): StepResult {
  const run = new Run(def, structuredClone(prior), env);
  run.handle(input);
  return { snapshot: run.snap, events: run.events, commands: run.commands };
}

class Run implements BranchHost {
  readonly events: HistoryEvent[];
  readonly commands: Command[];
  private readonly iso: string;
  private readonly texts = new WeakMap<object, string>();
  /** The execution's own run; a branch's or an iteration's run shares its events, commands and counters. */
  private readonly root: Run;
  /** False for Express executions: no history events are built. */
  readonly keepsHistory: boolean;

  constructor(
    private readonly def: ParsedDefinition,
    readonly snap: Snapshot,
    private readonly env: StepEnv,
    parent?: Run,
    /** For a branch or an iteration: its sub-machine's first state. */
    private readonly frameStart?: string,
  ) {
    this.root = parent?.root ?? this;
    this.keepsHistory = env.history !== false;
    this.iso = parent ? parent.root.iso : new Date(env.now).toISOString();
    this.events = parent ? parent.root.events : [];
    this.commands = parent ? parent.root.commands : [];
  }

  private get isFrame(): boolean {
    return this.root !== this;
  }

  handle(input: StepInput): void {
    if (this.snap.status !== "RUNNING" && input.kind !== "redrive") return;
    // While a Parallel or Map waits on its branches, what happens is theirs to handle.
    if (this.snap.current?.waiting?.kind === "branches" && input.kind !== "start" && input.kind !== "stop" && input.kind !== "executionTimeout" && input.kind !== "redrive") {
      this.routeToBranches(input);
      return;
    }
    switch (input.kind) {
      case "start":
        if (this.isFrame) {
          this.enter(this.frameStart!, this.snap.executionInput);
          break;
        }
        this.emit("ExecutionStarted", { executionStartedEventDetails: { input: this.root.json(this.snap.executionInput), inputDetails: { truncated: false }, roleArn: this.env.roleArn } });
        if (this.def.timeoutSeconds !== undefined) this.commands.push({ kind: "executionTimeout", dueAt: this.env.now + this.def.timeoutSeconds * 1000 });
        this.enter(this.def.startAt, this.snap.executionInput);
        break;
      case "executionTimeout":
        this.rememberUnsuccessful();
        this.snap.current = undefined;
        this.snap.status = "TIMED_OUT";
        this.snap.error = "States.Timeout";
        this.snap.cause = `The execution timed out after ${this.def.timeoutSeconds} seconds.`;
        this.emit("ExecutionTimedOut", { executionTimedOutEventDetails: { error: this.snap.error, cause: this.snap.cause } });
        break;
      case "activityStarted": {
        const w = this.snap.current?.waiting;
        if (w?.kind !== "task" || w.call.kind !== "activity" || w.call.token !== input.token || w.workerName !== undefined) return;
        w.workerName = input.workerName ?? "";
        this.emit("ActivityStarted", { activityStartedEventDetails: input.workerName ? { workerName: input.workerName } : {} });
        break;
      }
      case "heartbeat": {
        const w = this.snap.current?.waiting;
        if (w?.kind !== "task" || w.call.token !== input.token || w.deadlines?.heartbeatSeconds === undefined) return;
        w.deadlines = this.armDeadlines(w.deadlines.timeoutAt, w.deadlines.heartbeatSeconds);
        break;
      }
      case "timer": {
        const cur = this.snap.current;
        const w = cur?.waiting;
        const armed = w?.kind === "task" ? w.deadlines?.timerId : w?.kind === "timer" || w?.kind === "retry" ? w.timerId : undefined;
        if ((input.timerId !== undefined || this.isFrame) && input.timerId !== armed) return;
        if (cur && w?.kind === "task" && w.deadlines) {
          this.taskTimedOut(this.def.allStates.get(cur.name) as TaskState, w);
        } else if (cur?.waiting?.kind === "timer") {
          const next = this.exit(this.def.allStates.get(cur.name)!, { output: cur.waiting.output, ...(cur.waiting.assigned ? { assigned: cur.waiting.assigned } : {}) });
          if (next) this.enter(next.name, next.input);
        } else if (cur?.waiting?.kind === "retry") {
          const w = cur.waiting;
          const state = this.def.allStates.get(cur.name)!;
          cur.waiting = undefined;
          if (state.type === "Task") {
            const next = this.runTaskSafely(state, cur.input, w.retryCounts);
            if (next) this.enter(next.name, next.input);
          } else if (state.type === "Parallel" || state.type === "Map") {
            const next = this.runBranchesSafely(state, cur.input, w.retryCounts);
            if (next) this.enter(next.name, next.input);
          }
        }
        break;
      }
      case "taskSucceeded":
      case "taskFailed": {
        const cur = this.snap.current;
        if (cur?.waiting?.kind !== "task") return;
        const waiting = cur.waiting;
        // A callback must name the token the task waits on (it may come before the call itself
        // has answered); a call's outcome must answer the call in flight.
        if (input.token !== undefined ? input.token !== waiting.call.token : input.callId !== undefined && input.callId !== waiting.callId) return;
        const state = this.def.allStates.get(cur.name) as TaskState;
        // A callback task's call, or a `.sync` job that has started: TaskSubmitted, then wait on.
        if (input.token === undefined && input.kind === "taskSucceeded" && (waiting.call.token || input.submitted)) {
          if (waiting.submitted || waiting.call.kind === "activity") return;
          const [type, details] = submittedEvent(waiting.call, input.output);
          this.emit(type, details);
          waiting.submitted = true;
          if (input.submitted) waiting.submittedOutput = input.output;
          break;
        }
        // A `.sync` job's end answers the call in flight after its TaskSubmitted.
        if (input.token === undefined && waiting.submitted && !(waiting.call.kind === "integration" && waiting.call.sync)) return;
        const next = input.kind === "taskSucceeded" ? this.taskSucceeded(state, waiting.call, input.output) : this.taskFailed(state, waiting, input.error, input.cause);
        if (next) this.enter(next.name, next.input);
        break;
      }
      case "mapChildrenEnded": {
        const w = this.snap.current?.waiting;
        if (w?.kind !== "mapRun" || w.mapRunArn !== input.mapRunArn) return;
        const states = [...w.states];
        let counted = 0;
        for (const end of input.ends) {
          // An end already counted (reported again after a restart) changes nothing.
          if (states[end.index] !== "r") continue;
          const ok = end.status === "SUCCEEDED";
          states[end.index] = ok ? "s" : "f";
          w.running--;
          counted++;
          if (ok) w.outputs[end.index] = end.output ?? null;
          else w.failedItems += w.sizes[end.index];
        }
        if (counted === 0) return;
        w.states = states.join("");
        this.continueMapRun();
        break;
      }
      case "mapRunUpdated": {
        const w = this.snap.current?.waiting;
        if (w?.kind !== "mapRun" || w.mapRunArn !== input.mapRunArn) return;
        if (input.maxConcurrency !== undefined) w.maxConcurrency = input.maxConcurrency;
        if (input.toleratedFailureCount !== undefined) w.toleratedFailureCount = input.toleratedFailureCount;
        if (input.toleratedFailurePercentage !== undefined) w.toleratedFailurePercentage = input.toleratedFailurePercentage;
        this.continueMapRun();
        break;
      }
      case "redrive": {
        const at = this.snap.unsuccessful;
        if (this.snap.status === "RUNNING" || !at) return;
        this.snap.status = "RUNNING";
        this.snap.error = undefined;
        this.snap.cause = undefined;
        this.snap.unsuccessful = undefined;
        this.snap.redriveCount = (this.snap.redriveCount ?? 0) + 1;
        this.emit("ExecutionRedriven", { executionRedrivenEventDetails: { redriveCount: this.snap.redriveCount } });
        if (at.branches) this.redriveBranches(at.name, at.input, at.branches);
        else if (at.mapRun) this.redriveMapRun(at.name, at.input, at.mapRun);
        else this.enter(at.name, at.input);
        break;
      }
      case "stop":
        this.rememberUnsuccessful();
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
      if (this.root.snap.lastEventId >= MAX_HISTORY_EVENTS - 2) {
        this.fail("States.Runtime", `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`);
        return;
      }
      next = this.runState(this.def.allStates.get(next.name)!, next.input);
    }
  }

  private runState(state: StateDefinition, input: JsonValue): { name: string; input: JsonValue } | undefined {
    const entered = this.emitEntered(state.type, state.name, input);
    this.snap.current = { name: state.name, input, enteredEventId: entered, enteredTime: this.iso };
    try {
      switch (state.type) {
        case "Pass":
          return this.exit(state, passExit(state, input, this.dataContext(state.name)));
        case "Succeed":
          return this.exit(state, succeedExit(state, input, this.dataContext(state.name)));
        case "Fail": {
          const { error, cause } = failOutcome(state, input, this.dataContext(state.name));
          this.fail(error ?? "", cause);
          return undefined;
        }
        case "Choice": {
          const { next, output, assigned } = choiceOutcome(state, input, this.dataContext(state.name));
          this.emit("ChoiceStateExited", { stateExitedEventDetails: exitedDetails(state.name, output, assigned) });
          if (assigned) Object.assign(this.snap.variables, assigned);
          return { name: next, input: output };
        }
        case "Parallel":
        case "Map":
          return this.runBranches(state, input, state.retry.map(() => 0));
        case "Wait": {
          const ctx = this.dataContext(state.name);
          const due =
            state.wait.language === "JSONPath"
              ? (() => {
                  const effective = applyInputPath(state.inputPath, input, ctx);
                  return computeWaitDue(state.wait.timing, (path) => readPath(path, effective, ctx), this.env.now);
                })()
              : (() => {
                  // JSONata Seconds / Timestamp: checked as their Path forms check what they read.
                  const field = state.wait.seconds !== undefined ? "Seconds" : "Timestamp";
                  const value = dynamicValue((state.wait.seconds ?? state.wait.timestamp)!, field, input, ctx);
                  return computeWaitDue({ kind: field === "Seconds" ? "SecondsPath" : "TimestampPath", path: field }, () => ({ found: true, value }), this.env.now);
                })();
          if (!due.ok) throw new StatesError(due.failure.error, due.failure.cause ?? "");
          const exit = plainExit(state, input, ctx);
          const timerId = this.nextTimerId();
          this.snap.current.waiting = { kind: "timer", dueAt: due.value.dueAt, timerId, output: exit.output, ...(exit.assigned ? { assigned: exit.assigned } : {}) };
          this.commands.push({ kind: "timer", dueAt: due.value.dueAt, timerId });
          return undefined;
        }
        case "Task":
          this.startTask(state, input, state.retry.map(() => 0));
          return undefined;
      }
    } catch (err) {
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      // A path or template that fails in a state's own processing is not retried or caught.
      this.fail(err.error, stateFailureCause(state.name, entered, err.cause));
      return undefined;
    }
  }

  /** Leaves a state with its output (and sets the variables it assigns): to the next state, or ends the execution. */
  private exit(state: StateDefinition, { output, assigned }: StateExit): { name: string; input: JsonValue } | undefined {
    const text = this.root.json(output);
    // States.DataLimitExceeded is terminal: no retrier or catcher (not even States.ALL) handles it.
    if (overPayloadLimit(text)) {
      this.fail("States.DataLimitExceeded", dataLimitCause(state.name));
      return undefined;
    }
    if (this.keepsHistory) this.emit(EXITED[state.type], { stateExitedEventDetails: exitedDetails(state.name, output, assigned, text) });
    else this.emit();
    this.snap.current = undefined;
    if (assigned) Object.assign(this.snap.variables, assigned);
    if (state.end || state.type === "Succeed") {
      this.finish("SUCCEEDED", { output });
      return undefined;
    }
    if (state.next === undefined) throw new Error(`state ${state.name} has neither Next nor End`);
    return { name: state.next, input: output };
  }

  private runBranchesSafely(state: ParallelState | MapState, input: JsonValue, retryCounts: number[]): { name: string; input: JsonValue } | undefined {
    try {
      return this.runBranches(state, input, retryCounts);
    } catch (err) {
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      this.fail(err.error, stateFailureCause(state.name, this.snap.current?.enteredEventId ?? 0, err.cause));
      return undefined;
    }
  }

  /**
   * Parallel and Map: each branch (or item) runs as a frame of its own (branch-frames.ts), which
   * may wait on Tasks and timers like the execution itself; the state ends when all have
   * succeeded, or fails with the first that fails (then Retry / Catch apply to the state).
   */
  private runBranches(state: ParallelState | MapState, input: JsonValue, retryCounts: number[]): { name: string; input: JsonValue } | undefined {
    let inputs: JsonValue[];
    try {
      inputs = branchInputs(this, state, input, this.snap.variables);
    } catch (err) {
      // A JSONata expression that fails (Arguments, Items, ItemSelector) is the state's error: Retry and Catch see it.
      if (!isStatesError(err) || err.error !== "States.QueryEvaluationError") throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      return this.recover(state, input, retryCounts, err.error, stateFailureCause(state.name, this.snap.current!.enteredEventId, err.cause));
    }
    const max = state.type === "Map" ? mapConcurrency(state, input, this.dataContext(state.name)) : 0;
    if (state.type === "Map" && state.mode === "DISTRIBUTED") return this.startMapRun(state, input, inputs, max, retryCounts);
    this.emit(state.type === "Map" ? "MapStateStarted" : "ParallelStateStarted", state.type === "Map" ? { mapStateStartedEventDetails: { length: inputs.length } } : {});
    this.snap.current!.failedBranches = undefined;
    this.snap.current!.waiting = { kind: "branches", retryCounts, inputs, frames: [], live: [], maxConcurrency: max };
    return this.settleBranches(state);
  }

  /** An event for the branches: each running frame takes it (or ignores it); then see where they stand. */
  private routeToBranches(input: StepInput): void {
    const w = this.snap.current!.waiting as BranchesWaiting;
    const state = this.def.allStates.get(this.snap.current!.name) as ParallelState | MapState;
    for (const i of w.live) new Run(this.def, w.frames[i], this.env, this, startOf(state, i)).handle(input);
    let next: { name: string; input: JsonValue } | undefined;
    try {
      next = this.settleBranches(state);
    } catch (err) {
      // The state's own processing failing (ResultSelector, Output, a catcher's ResultPath) ends the execution.
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      this.fail(err.error, stateFailureCause(state.name, this.snap.current?.enteredEventId ?? 0, err.cause));
      return;
    }
    if (next) this.enter(next.name, next.input);
  }

  /** Starts the frames there is room for, reports the ones that ended, and ends the state when it can. */
  private settleBranches(state: ParallelState | MapState): { name: string; input: JsonValue } | undefined {
    const cur = this.snap.current!;
    const w = cur.waiting as BranchesWaiting;
    const isMap = state.type === "Map";
    for (;;) {
      // Frames that ended since last time: an iteration's end is an event of its own.
      for (const i of [...w.live]) {
        const f = w.frames[i];
        if (f.status === "RUNNING") continue;
        w.live.splice(w.live.indexOf(i), 1);
        if (f.status !== "SUCCEEDED") {
          if (isMap) this.emit("MapIterationFailed", { mapIterationFailedEventDetails: { name: state.name, index: i } });
          this.emit(isMap ? "MapStateFailed" : "ParallelStateFailed", {});
          cur.waiting = undefined;
          cur.failedBranches = w;
          return this.recover(state, cur.input, w.retryCounts, f.error ?? "", f.cause);
        }
        if (isMap) this.emit("MapIterationSucceeded", { mapIterationSucceededEventDetails: { name: state.name, index: i } });
      }
      if (w.frames.length < w.inputs.length && (w.maxConcurrency === 0 || w.live.length < w.maxConcurrency)) {
        this.startFrame(state, w);
        continue;
      }
      if (w.live.length > 0 || w.frames.length < w.inputs.length) return undefined;
      this.emit(isMap ? "MapStateSucceeded" : "ParallelStateSucceeded", {});
      cur.waiting = undefined;
      const outputs = w.frames.map((f) => f.output ?? null);
      return this.exit(state, resultExit(state, cur.input, outputs, this.dataContext(state.name)));
    }
  }

  private startFrame(state: ParallelState | MapState, w: BranchesWaiting, index = w.frames.length): void {
    if (state.type === "Map") this.emit("MapIterationStarted", { mapIterationStartedEventDetails: { name: state.name, index } });
    // A frame reads the variables around it and keeps what it assigns to itself.
    const frame: Snapshot = { status: "RUNNING", lastEventId: 0, executionInput: w.inputs[index], variables: { ...this.snap.variables } };
    w.frames[index] = frame;
    w.live.push(index);
    new Run(this.def, frame, this.env, this, startOf(state, index)).handle({ kind: "start" });
  }

  /**
   * RedriveExecution of a Parallel or inline Map: the branches (iterations) that failed or were
   * abandoned run again from their start, the ones that succeeded keep their output, and those
   * never started start as MaxConcurrency allows. (The redriven ones start at once.)
   */
  private redriveBranches(name: string, input: JsonValue, prior: BranchesWaiting): void {
    const state = this.def.allStates.get(name) as ParallelState | MapState;
    const entered = this.emitEntered(state.type, name, input);
    this.snap.current = { name, input, enteredEventId: entered, enteredTime: this.iso };
    this.emit(state.type === "Map" ? "MapStateStarted" : "ParallelStateStarted", state.type === "Map" ? { mapStateStartedEventDetails: { length: prior.inputs.length } } : {});
    const w: BranchesWaiting = { kind: "branches", retryCounts: state.retry.map(() => 0), inputs: prior.inputs, frames: [...prior.frames], live: [], maxConcurrency: prior.maxConcurrency };
    this.snap.current.waiting = w;
    w.frames.forEach((f, i) => {
      if (f.status !== "SUCCEEDED") this.startFrame(state, w, i);
    });
    let next: { name: string; input: JsonValue } | undefined;
    try {
      next = this.settleBranches(state);
    } catch (err) {
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(name, err);
      this.fail(err.error, stateFailureCause(name, entered, err.cause));
      return;
    }
    if (next) this.enter(next.name, next.input);
  }

  /**
   * A Distributed Map: a Map Run whose children (one per item, or per batch) are executions of
   * their own, started by the executor (`mapChild` commands) as MaxConcurrency allows; their
   * ends come back as `mapChildrenEnded`.
   */
  private startMapRun(state: MapState, input: JsonValue, items: JsonValue[], maxConcurrency: number, retryCounts: number[]): { name: string; input: JsonValue } | undefined {
    const ctx = this.dataContext(state.name);
    const { inputs, sizes } = mapRunChildren(state, items, input, ctx);
    const tolerance = mapTolerance(state, input, ctx);
    const id = this.env.newUuid();
    const label = state.label ?? this.env.newUuid();
    const mapRunArn = `${this.env.stateMachineArn.replace(":stateMachine:", ":mapRun:")}/${label}:${id}`;
    this.emit("MapStateStarted", { mapStateStartedEventDetails: { length: items.length } });
    this.emit("MapRunStarted", { mapRunStartedEventDetails: { mapRunArn } });
    const executionType = state.executionType ?? "STANDARD";
    this.commands.push({ kind: "mapRunStarted", mapRun: { arn: mapRunArn, stateName: state.name, label, id, executionType, maxConcurrency, ...tolerance, sizes } });
    this.snap.current!.failedMapRun = undefined;
    this.snap.current!.waiting = { kind: "mapRun", retryCounts, mapRunArn, inputs, sizes, states: ".".repeat(inputs.length), outputs: {}, started: 0, running: 0, failedItems: 0, maxConcurrency, ...tolerance };
    return this.settleMapRun(state);
  }

  /**
   * RedriveExecution of a Distributed Map: the same Map Run runs again; children that succeeded
   * keep their results, the others are asked for again (the executor redrives them).
   */
  private redriveMapRun(name: string, input: JsonValue, prior: MapRunWaiting): void {
    const state = this.def.allStates.get(name) as MapState;
    const entered = this.emitEntered("Map", name, input);
    this.snap.current = { name, input, enteredEventId: entered, enteredTime: this.iso };
    this.emit("MapStateStarted", { mapStateStartedEventDetails: { length: prior.sizes.reduce((a, b) => a + b, 0) } });
    const redriveCount = (prior.redriveCount ?? 0) + 1;
    this.emit("MapRunRedriven", { mapRunRedrivenEventDetails: { mapRunArn: prior.mapRunArn, redriveCount } });
    this.commands.push({ kind: "mapRunRedriven", mapRunArn: prior.mapRunArn });
    const states = [...prior.states].map((c) => (c === "s" ? "s" : ".")).join("");
    this.snap.current.waiting = { ...prior, retryCounts: state.retry.map(() => 0), states, started: 0, running: 0, failedItems: 0, redriveCount };
    this.continueMapRun();
  }

  /** After a child ended or the Map Run's settings changed: see where the Map Run stands. */
  private continueMapRun(): void {
    const state = this.def.allStates.get(this.snap.current!.name) as MapState;
    let next: { name: string; input: JsonValue } | undefined;
    try {
      next = this.settleMapRun(state);
    } catch (err) {
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(state.name, err);
      this.fail(err.error, stateFailureCause(state.name, this.snap.current?.enteredEventId ?? 0, err.cause));
      return;
    }
    if (next) this.enter(next.name, next.input);
  }

  /** Fails the Map Run past its tolerated failures, starts the children there is room for, and ends the state when all have ended. */
  private settleMapRun(state: MapState): { name: string; input: JsonValue } | undefined {
    const cur = this.snap.current!;
    const w = cur.waiting as MapRunWaiting;
    if (toleranceExceeded(w)) {
      this.emit("MapRunFailed", { mapRunFailedEventDetails: { error: THRESHOLD_ERROR, cause: THRESHOLD_CAUSE } });
      this.commands.push({ kind: "mapRunEnded", mapRunArn: w.mapRunArn, status: "FAILED" });
      this.emit("MapStateFailed", {});
      cur.waiting = undefined;
      cur.failedMapRun = w;
      return this.recover(state, cur.input, w.retryCounts, THRESHOLD_ERROR, THRESHOLD_CAUSE);
    }
    const limit = w.maxConcurrency || MAX_DISTRIBUTED_CONCURRENCY;
    const from = w.started;
    let states: string[] | undefined;
    while (w.running < limit && w.started < w.inputs.length) {
      const index = w.started++;
      // A child that succeeded before a redrive keeps its result.
      if (w.states[index] === "s") continue;
      (states ??= [...w.states])[index] = "r";
      w.running++;
      this.commands.push({ kind: "mapChild", mapRunArn: w.mapRunArn, index, input: w.inputs[index] });
    }
    if (states && w.started > from) w.states = states.join("");
    if (w.running > 0 || w.started < w.inputs.length) return undefined;
    this.emit("MapRunSucceeded", {});
    this.commands.push({ kind: "mapRunEnded", mapRunArn: w.mapRunArn, status: "SUCCEEDED" });
    this.emit("MapStateSucceeded", {});
    cur.waiting = undefined;
    // Failures within the tolerance leave no entry: the succeeded children's outputs, in index
    // order (integer keys enumerate in ascending order).
    const outputs = Object.values(w.outputs);
    return this.exit(state, resultExit(state, cur.input, outputs, this.dataContext(state.name)));
  }

  /** A state's error: retried on a timer, caught (the catcher's output and Assign), or the execution fails. */
  private recover(state: TaskState | ParallelState | MapState, input: JsonValue, retryCounts: number[], error: string, cause: string | undefined): { name: string; input: JsonValue } | undefined {
    const decision = handleStateError({ error, cause }, state.retry, retryCounts, state.catch, this.env.random);
    // TestState reports which retrier or catcher took the error.
    if (decision.kind === "retry") this.env.inspect?.(state.name, "errorDetails", { retryIndex: decision.retrier, retryBackoffIntervalSeconds: decision.delayMs / 1000 });
    else if (decision.kind === "catch") this.env.inspect?.(state.name, "errorDetails", { catchIndex: decision.catcher });
    if (decision.kind === "retry") {
      const dueAt = this.env.now + decision.delayMs;
      const timerId = this.nextTimerId();
      this.snap.current!.waiting = { kind: "retry", dueAt, timerId, retryCounts: [...decision.counts] };
      this.commands.push({ kind: "timer", dueAt, timerId });
      return undefined;
    }
    if (decision.kind === "catch") {
      const { output, assigned } = catchExit(state, decision, input, this.dataContext(state.name));
      this.emit(EXITED[state.type], { stateExitedEventDetails: exitedDetails(state.name, output, assigned) });
      this.snap.current = undefined;
      if (assigned) Object.assign(this.snap.variables, assigned);
      return { name: decision.next, input: output };
    }
    this.fail(decision.error, decision.cause);
    return undefined;
  }

  /**
   * A Task's processing and call, first time or on a retry: Parameters are evaluated again
   * ($$.State.RetryCount counts the retries) and a callback task gets a new token.
   */
  private startTask(state: TaskState, input: JsonValue, retryCounts: number[]): void {
    const token = waitsForToken(state) ? this.env.newToken() : undefined;
    const ctx = this.dataContext(state.name, undefined, undefined, { token, retryCount: retryCounts.reduce((a, b) => a + b, 0) });
    let params: JsonValue;
    try {
      params = stateArguments(state, input, ctx);
    } catch (err) {
      // A JSONata Arguments expression that fails is the Task's error: Retry and Catch see it.
      if (!isStatesError(err) || err.error !== "States.QueryEvaluationError") throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      const next = this.recover(state, input, retryCounts, err.error, stateFailureCause(state.name, this.snap.current!.enteredEventId, err.cause));
      if (next) this.enter(next.name, next.input);
      return;
    }
    this.schedule(taskCall(state, params, token), retryCounts);
  }

  private runTaskSafely(state: TaskState, input: JsonValue, retryCounts: number[]): { name: string; input: JsonValue } | undefined {
    try {
      this.startTask(state, input, retryCounts);
      return undefined;
    } catch (err) {
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      this.fail(err.error, stateFailureCause(state.name, this.snap.current?.enteredEventId ?? 0, err.cause));
      return undefined;
    }
  }

  /** Hands a Task's call to the executor and waits for its outcome. */
  private schedule(call: TaskCall, retryCounts: number[], timeouts: { timeoutSeconds?: number; heartbeatSeconds?: number } = this.taskTimeouts()): void {
    if (call.kind === "activity") call = { ...call, ...(timeouts.timeoutSeconds !== undefined ? { timeoutSeconds: timeouts.timeoutSeconds } : {}), ...(timeouts.heartbeatSeconds !== undefined ? { heartbeatSeconds: timeouts.heartbeatSeconds } : {}) };
    // The call is known by its TaskScheduled (LambdaFunctionScheduled, ActivityScheduled) event's id.
    const [scheduled, ...rest] = scheduledEvents(call, this.env.region);
    const callId = this.emit(scheduled[0], scheduled[1]);
    for (const [type, details] of rest) this.emit(type, details);
    const deadlines = timeouts.timeoutSeconds !== undefined || timeouts.heartbeatSeconds !== undefined ? this.armDeadlines(timeouts.timeoutSeconds !== undefined ? this.env.now + timeouts.timeoutSeconds * 1000 : undefined, timeouts.heartbeatSeconds) : undefined;
    // An activity's task is handed to a worker: only its token can answer it.
    this.snap.current!.waiting = { kind: "task", retryCounts, call, callId, ...(deadlines ? { deadlines } : {}), ...(call.kind === "activity" ? { submitted: true } : {}) };
    this.commands.push({ kind: "task", call, callId });
  }

  /** The running Task state's TimeoutSeconds and HeartbeatSeconds (literal or from a path). */
  private taskTimeouts(): { timeoutSeconds?: number; heartbeatSeconds?: number } {
    const cur = this.snap.current!;
    const state = this.def.allStates.get(cur.name) as TaskState;
    const seconds = (d: TaskState["timeoutSeconds"], field: string): number | undefined => {
      if (!d) return undefined;
      if (d.kind === "value") return d.value;
      const ctx = this.dataContext(state.name);
      const v = dynamicValue(d, field.replace(/Path$/, ""), d.kind === "path" ? applyInputPath(state.inputPath, cur.input, ctx) : cur.input, ctx);
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1) throw new StatesError("States.Runtime", `The value of ${field} must be a positive integer, but was: ${JSON.stringify(v)}`);
      return v;
    };
    return { timeoutSeconds: seconds(state.timeoutSeconds, "TimeoutSecondsPath"), heartbeatSeconds: seconds(state.heartbeatSeconds, "HeartbeatSecondsPath") };
  }

  /** Arms one timer for the earlier of the task's timeout and its next heartbeat deadline. */
  private armDeadlines(timeoutAt: number | undefined, heartbeatSeconds: number | undefined): TaskDeadlines {
    const heartbeatAt = heartbeatSeconds !== undefined ? this.env.now + heartbeatSeconds * 1000 : undefined;
    const dueAt = Math.min(timeoutAt ?? Infinity, heartbeatAt ?? Infinity);
    const timerId = this.nextTimerId();
    this.commands.push({ kind: "timer", dueAt, timerId });
    return { ...(timeoutAt !== undefined ? { timeoutAt } : {}), ...(heartbeatAt !== undefined ? { heartbeatAt, heartbeatSeconds } : {}), timerId };
  }

  /** The task ran out of time (or of heartbeats): States.Timeout / States.HeartbeatTimeout, then Retry or Catch. */
  private taskTimedOut(state: TaskState, waiting: { retryCounts: number[]; call: TaskCall; callId: number; deadlines?: TaskDeadlines }): void {
    const d = waiting.deadlines!;
    const heartbeat = d.heartbeatAt !== undefined && d.heartbeatAt <= (d.timeoutAt ?? Infinity);
    const error = heartbeat ? "States.HeartbeatTimeout" : "States.Timeout";
    const [type, details] = timedOutEvent(waiting.call, error);
    this.emit(type, details);
    const next = this.taskFailed(state, waiting, error, undefined, false);
    if (next) this.enter(next.name, next.input);
  }

  private taskSucceeded(state: TaskState, call: TaskCall, result: JsonValue): { name: string; input: JsonValue } | undefined {
    const [type, details] = succeededEvent(call, result);
    this.emit(type, details);
    // A result over the quota fails the execution even if ResultSelector would make it small.
    if (overPayloadLimit(this.root.json(result))) {
      this.fail("States.DataLimitExceeded", dataLimitCause(state.name));
      return undefined;
    }
    const input = this.snap.current!.input;
    try {
      return this.exit(state, resultExit(state, input, result, this.dataContext(state.name)));
    } catch (err) {
      if (!isStatesError(err)) throw err;
      this.noteEvaluation(this.snap.current?.name ?? "", err);
      return this.taskFailed(state, { retryCounts: state.retry.map(() => 0), call }, err.error, stateFailureCause(state.name, this.snap.current!.enteredEventId, err.cause), false);
    }
  }

  /** Retry, Catch, or fail the execution. `emitFailure`: the call itself failed (a Task event is due). */
  private taskFailed(state: TaskState, waiting: { retryCounts: number[]; call: TaskCall; callId?: number }, error: string, cause: string | undefined, emitFailure = true): { name: string; input: JsonValue } | undefined {
    if (emitFailure) {
      const [type, details] = failedEvent(waiting.call, error, cause);
      this.emit(type, details);
    }
    return this.recover(state, this.snap.current!.input, waiting.retryCounts, error, cause);
  }

  private finish(status: "SUCCEEDED" | "FAILED", r: { output?: JsonValue; error?: string; cause?: string }): void {
    this.snap.status = status;
    if (this.isFrame) {
      // A branch or iteration ends: its Parallel or Map reports it.
      if (status === "SUCCEEDED") this.snap.output = r.output;
      else Object.assign(this.snap, { error: r.error, cause: r.cause });
      return;
    }
    if (status === "SUCCEEDED") {
      this.snap.output = r.output;
      this.emit("ExecutionSucceeded", { executionSucceededEventDetails: { output: this.root.json(r.output ?? null), outputDetails: { truncated: false } } });
    } else {
      this.snap.error = r.error;
      this.snap.cause = r.cause;
      this.emit("ExecutionFailed", { executionFailedEventDetails: compact({ error: r.error, cause: r.cause }) });
    }
  }

  private fail(error: string, cause: string | undefined): void {
    this.rememberUnsuccessful();
    this.snap.current = undefined;
    this.finish("FAILED", { error, cause });
  }

  /** The state to run again on RedriveExecution (a Fail state would only fail again). */
  private rememberUnsuccessful(): void {
    if (this.isFrame) return;
    const cur = this.snap.current;
    if (!cur) return;
    const type = this.def.allStates.get(cur.name)?.type;
    if (type === "Fail") return;
    // A Parallel or inline Map that failed (or was stopped while running) keeps its branches.
    const branches = cur.failedBranches ?? (cur.waiting?.kind === "branches" ? cur.waiting : undefined);
    const mapRun = cur.failedMapRun ?? (cur.waiting?.kind === "mapRun" ? cur.waiting : undefined);
    this.snap.unsuccessful = { name: cur.name, input: cur.input, ...(branches ? { branches } : {}), ...(mapRun ? { mapRun } : {}) };
  }

  /** AWS writes an EvaluationFailed event before a JSONata failure is handled. */
  private noteEvaluation(stateName: string, err: StatesError): void {
    if (err instanceof QueryEvaluationError) this.emit("EvaluationFailed", { evaluationFailedEventDetails: { state: stateName, error: err.error, cause: err.cause, location: err.location } });
  }

  dataContext(stateName: string, mapItem?: { Index: number; Value: JsonValue }, variables: Variables = this.snap.variables, task?: { token?: string; retryCount?: number }): StateDataContext {
    return new StateDataContext(this, stateName, mapItem, task, variables, this.env.random, this.env.now, this.env.inspect);
  }

  /** The context object (`$$`) of the state running now. */
  contextObject(stateName: string, mapItem: { Index: number; Value: JsonValue } | undefined, task: { token?: string; retryCount?: number } | undefined): ContextObject {
    const e = this.env;
    const taskToken = task?.token;
    return {
      Execution: { Id: e.executionArn, Input: this.root.snap.executionInput, Name: e.executionName, RoleArn: e.roleArn, StartTime: e.startTime, RedriveCount: 0 },
      State: { EnteredTime: this.snap.current?.enteredTime ?? this.iso, Name: stateName, RetryCount: task?.retryCount ?? 0 },
      StateMachine: { Id: e.stateMachineArn, Name: e.stateMachineName },
      ...(mapItem ? { Map: { Item: mapItem } } : {}),
      ...(taskToken ? { Task: { Token: taskToken } } : {}),
    };
  }

  /** Timers are numbered per execution, so a stale one can be told from the one armed now. */
  private nextTimerId(): number {
    const snap = this.root.snap;
    snap.timers = (snap.timers ?? 0) + 1;
    return snap.timers;
  }

  random(): number {
    return this.env.random();
  }

  /**
   * A value's JSON text. A state's output is usually the next state's input, the same object:
   * its text is made once per step (values are never changed in place; the snapshot is cloned
   * when the step begins).
   */
  json(value: JsonValue): string {
    if (value === null || typeof value !== "object") return json(value);
    let text = this.texts.get(value);
    if (text === undefined) this.texts.set(value, (text = json(value)));
    return text;
  }

  /** A state's Entered event; its number. */
  private emitEntered(type: StateDefinition["type"], name: string, input: JsonValue): number {
    return this.keepsHistory ? this.emit(ENTERED[type], { stateEnteredEventDetails: { name, input: this.root.json(input), inputDetails: { truncated: false } } }) : this.emit();
  }

  /**
   * Numbers an event and records it. Without history (Express: AWS keeps none), events are only
   * numbered: callers that would build large details check `keepsHistory` and call `emit()`.
   */
  emit(type?: string, details?: Record<string, unknown>): number {
    const id = ++this.root.snap.lastEventId;
    if (this.keepsHistory && type !== undefined) this.events.push({ id, previousEventId: id - 1, type, timestamp: this.iso, ...details });
    return id;
  }


}

/** A StateExited event's details; with Assign, the variables set (each as JSON text), as AWS reports them. */
function exitedDetails(name: string, output: JsonValue, assigned: Record<string, JsonValue> | undefined, text = json(output)) {
  return {
    name,
    output: text,
    outputDetails: { truncated: false },
    ...(assigned ? { assignedVariables: Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, json(v)])), assignedVariablesDetails: { truncated: false } } : {}),
  };
}

/** Whether JSON text exceeds the payload quota; a UTF-16 unit is at most 3 UTF-8 bytes, so short text needs no count. */
function overPayloadLimit(text: string): boolean {
  return text.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(text) > MAX_PAYLOAD_BYTES;
}

/** Event types by state type, made once rather than per transition. */
const STATE_TYPES = ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"] as const;
const ENTERED = Object.fromEntries(STATE_TYPES.map((t) => [t, `${t}StateEntered`])) as Record<StateDefinition["type"], string>;
const EXITED = Object.fromEntries(STATE_TYPES.map((t) => [t, `${t}StateExited`])) as Record<StateDefinition["type"], string>;

function dataLimitCause(stateName: string): string {
  return `The state/task '${stateName}' returned a result with a size exceeding the maximum number of bytes service limit.`;
}

function json(value: JsonValue): string {
  return JSON.stringify(value);
}

function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * What a state's paths, templates and expressions read. Most states never read `$$`: the
 * context object is built the first time one does (and while that state runs, it does not change).
 */
class StateDataContext implements DataContext {
  #context: ContextObject | undefined;
  readonly inspect?: (field: string, value: JsonValue) => void;

  constructor(
    private readonly run: Run,
    private readonly stateName: string,
    private readonly mapItem: { Index: number; Value: JsonValue } | undefined,
    private readonly task: { token?: string; retryCount?: number } | undefined,
    readonly variables: Variables,
    readonly random: () => number,
    readonly now: number,
    inspector: StepEnv["inspect"],
  ) {
    if (inspector) this.inspect = (field, value) => inspector(stateName, field, value);
  }

  get context(): ContextObject {
    return (this.#context ??= this.run.contextObject(this.stateName, this.mapItem, this.task));
  }
}
