/**
 * The interpreter's contract (DESIGN §7): `step(definition, snapshot, input, env)` returns the
 * next snapshot, the history events to append and the commands to carry out. Everything here
 * is JSON, so an executor can store a snapshot and resume it after a restart.
 */
import type { JsonValue } from "../jsonpath/json.js";

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT";

/** Where a running execution stands. */
export interface Snapshot {
  status: ExecutionStatus;
  /** The id of the last history event (events are numbered from 1). */
  lastEventId: number;
  /** Timers armed so far (each timer's id). */
  timers?: number;
  /** The state being executed, while RUNNING. */
  current?: {
    name: string;
    /** The state's raw input (before InputPath). */
    input: JsonValue;
    enteredEventId: number;
    /** ISO time the state was entered ($$.State.EnteredTime). */
    enteredTime: string;
    /** A Parallel's or Map's branches when one of them failed (kept for RedriveExecution). */
    failedBranches?: BranchesWaiting;
    /** A Distributed Map's Map Run when it failed (kept for RedriveExecution). */
    failedMapRun?: MapRunWaiting;
    /** What the state waits for, if anything. */
    waiting?:
      | { kind: "timer"; dueAt: number; timerId: number; output: JsonValue; assigned?: Record<string, JsonValue> }
      /**
       * A Task's call in flight; `retryCounts` per retrier. With a task token
       * (`.waitForTaskToken`), `submitted` once the call went out: the task then waits for
       * SendTaskSuccess / SendTaskFailure.
       */
      | { kind: "task"; retryCounts: number[]; call: TaskCall; callId: number; submitted?: boolean; submittedOutput?: JsonValue; deadlines?: TaskDeadlines; workerName?: string }
      /** A Task, Parallel or Map waiting out a retrier's interval (then it runs again). */
      | { kind: "retry"; dueAt: number; timerId: number; retryCounts: number[] }
      | BranchesWaiting
      | MapRunWaiting;
  };
  /** The execution's input ($$.Execution.Input). */
  executionInput: JsonValue;
  /** JSONPath variables (Assign), top-level scope. */
  variables: Record<string, JsonValue>;
  output?: JsonValue;
  error?: string;
  cause?: string;
  /**
   * Where a failed, timed-out or aborted execution stopped: RedriveExecution starts there again.
   * A Parallel or inline Map keeps its branches: the ones that succeeded are not run again.
   */
  unsuccessful?: { name: string; input: JsonValue; branches?: BranchesWaiting; mapRun?: MapRunWaiting };
  redriveCount?: number;
}

/**
 * A Parallel or Map waiting on its branches or iterations: one frame each (a snapshot of its
 * own: its running state, its variables; executionInput is the frame's input), started as
 * MaxConcurrency allows; `live` lists the frames started whose end has not been handled yet.
 */
export interface BranchesWaiting {
  kind: "branches";
  retryCounts: number[];
  inputs: JsonValue[];
  frames: Snapshot[];
  live: number[];
  /** 0: no limit. */
  maxConcurrency: number;
}

/**
 * A Distributed Map waiting on its Map Run: one child execution per item (or per batch with an
 * ItemBatcher), started in index order as MaxConcurrency allows (distributed-map.ts).
 */
export interface MapRunWaiting {
  kind: "mapRun";
  retryCounts: number[];
  mapRunArn: string;
  /** The children's inputs: the items after ItemSelector, or the batches. */
  inputs: JsonValue[];
  /** Items per child (1 without an ItemBatcher): tolerated failures count items. */
  sizes: number[];
  /** One character per child: "." not started, "r" running, "s" succeeded, "f" failed. */
  states: string;
  /** Children started so far (they start in index order), those running, and the items of those that failed. */
  started: number;
  running: number;
  failedItems: number;
  /** Each succeeded child's output, by index. */
  outputs: Record<number, JsonValue>;
  /** 0: up to MAX_DISTRIBUTED_CONCURRENCY at once. */
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  /** Times RedriveExecution ran the Map Run again. */
  redriveCount?: number;
}

/** When a running Task times out (TimeoutSeconds) or misses a heartbeat (HeartbeatSeconds). */
export interface TaskDeadlines {
  timeoutAt?: number;
  heartbeatAt?: number;
  heartbeatSeconds?: number;
  /** The id of the timer armed for the earlier of the two. */
  timerId: number;
}

/** A Task's call as the executor carries it out. */
export type TaskCall =
  | {
      kind: "lambda";
      /** "arn" for a plain function ARN Resource, "invoke" for arn:aws:states:::lambda:invoke. */
      style: "arn" | "invoke";
      functionName: string;
      payload: JsonValue;
      /** `.waitForTaskToken`: the token the task waits on. */
      token?: string;
    }
  /** An activity: a worker takes the task (GetActivityTask) and answers with its token. */
  | { kind: "activity"; activityArn: string; input: JsonValue; token: string; timeoutSeconds?: number; heartbeatSeconds?: number }
  /** An optimized service integration (`arn:aws:states:::sqs:sendMessage`, `…:sns:publish`). */
  | {
      kind: "integration";
      service: "sqs" | "sns" | "states";
      action: "sendMessage" | "publish" | "startExecution";
      parameters: { [key: string]: JsonValue };
      token?: string;
      /** `.sync` / `.sync:2`: the task waits for the job it started (a child execution) to finish. */
      sync?: "sync" | "sync:2";
    }
  /** An AWS SDK integration (`arn:aws:states:::aws-sdk:<service>:<action>`): any operation of a Stratus service. */
  | { kind: "sdk"; service: string; action: string; parameters: JsonValue; token?: string };

/** What happened to the execution. */
export type StepInput =
  | { kind: "start" }
  /** `timerId`: the timer that fired (a stale one is ignored). */
  | { kind: "timer"; timerId?: number }
  /** RedriveExecution: run the unsuccessful state again. */
  | { kind: "redrive" }
  /** The execution's TimeoutSeconds ran out. */
  | { kind: "executionTimeout" }
  /** A worker took the activity task (GetActivityTask). */
  | { kind: "activityStarted"; token: string; workerName?: string }
  /** SendTaskHeartbeat for the token the running task waits on. */
  | { kind: "heartbeat"; token: string }
  | { kind: "stop"; error?: string; cause?: string }
  /**
   * `output`: the task's result (for lambda:invoke, the response envelope: see taskResult).
   * `callId`: the call this outcome answers (a late answer to an earlier call is ignored).
   * `submitted`: for `.sync` calls, the job started (TaskSubmitted); the task now waits for it.
   * `token`: set instead when the outcome comes from SendTaskSuccess / SendTaskFailure.
   */
  | { kind: "taskSucceeded"; output: JsonValue; callId?: number; token?: string; submitted?: boolean }
  | { kind: "taskFailed"; error: string; cause?: string; callId?: number; token?: string }
  /** Child executions of a Distributed Map's Map Run ended (those that ended since the last such event). */
  | { kind: "mapChildrenEnded"; mapRunArn: string; ends: MapChildEnd[] }
  /** UpdateMapRun changed a running Map Run's settings. */
  | { kind: "mapRunUpdated"; mapRunArn: string; maxConcurrency?: number; toleratedFailureCount?: number; toleratedFailurePercentage?: number };

/** A history event as GetExecutionHistory returns it (timestamp added by the executor). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  type: string;
  /** ISO timestamp. */
  timestamp: string;
  [details: string]: unknown;
}

/** Work for the executor. */
export type Command =
  | { kind: "timer"; dueAt: number; timerId: number }
  /** The execution's own deadline (TimeoutSeconds), armed once at the start. */
  | { kind: "executionTimeout"; dueAt: number }
  | { kind: "task"; call: TaskCall; callId: number }
  /** A Distributed Map started a Map Run (the executor records it for DescribeMapRun). */
  | { kind: "mapRunStarted"; mapRun: MapRunStart }
  /** Start child execution `index` of a Map Run with this input. */
  | { kind: "mapChild"; mapRunArn: string; index: number; input: JsonValue }
  /** RedriveExecution runs a failed Map Run again: its unsuccessful children are asked for anew. */
  | { kind: "mapRunRedriven"; mapRunArn: string }
  /** A Map Run ended; when it failed, its children still running are stopped. */
  | { kind: "mapRunEnded"; mapRunArn: string; status: "SUCCEEDED" | "FAILED" };

/** How child execution `index` of a Map Run ended. */
export interface MapChildEnd {
  index: number;
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
}

/** What the executor needs to know of a new Map Run. */
export interface MapRunStart {
  arn: string;
  /** The Map state's name and its Label (or the generated one). */
  stateName: string;
  label: string;
  /** The id in the ARN: the children's names derive from it. */
  id: string;
  executionType: "STANDARD" | "EXPRESS";
  maxConcurrency: number;
  toleratedFailureCount?: number;
  toleratedFailurePercentage?: number;
  /** Items per child, in index order. */
  sizes: number[];
}

/** The world the interpreter sees: time, identity, randomness. */
export interface StepEnv {
  now: number;
  executionArn: string;
  executionName: string;
  stateMachineArn: string;
  stateMachineName: string;
  roleArn: string;
  startTime: string;
  /** A new, unguessable task token ($$.Task.Token) for a `.waitForTaskToken` task. */
  newToken: () => string;
  /** Where the execution runs (Task resources without a region or account use these). */
  region: string;
  accountId: string;
  random: () => number;
  /** A new UUID (Map Run ids). */
  newUuid: () => string;
  /** false: the execution keeps no history (Express), so events are numbered but not built. */
  history?: boolean;
  /** TestState: told the intermediate values of the state's data flow (DataContext.inspect). */
  inspect?: (stateName: string, field: string, value: JsonValue) => void;
}

export interface StepResult {
  snapshot: Snapshot;
  events: HistoryEvent[];
  commands: Command[];
}
