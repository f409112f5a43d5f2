/**
 * Carries out executions (DESIGN §7): feeds events to the pure interpreter, stores the history
 * it emits with the new snapshot, and carries out its commands: timers become durable scheduler
 * jobs (a waiting Standard execution survives a restart and resumes on time, on the clock);
 * Task calls go out through the services' in-process clients (task-runner.ts), their outcomes
 * fed back as events.
 */
import type { Clock } from "../../../core/clock.js";
import type { Logger } from "../../../core/logger.js";
import type { Scheduler } from "../../../core/scheduler.js";
import type { ParsedDefinition } from "../asl/definition/model.js";
import { step } from "../asl/interpreter/step.js";
import type { StepEnv, StepInput, TaskCall } from "../asl/interpreter/types.js";
import type { ServiceClients } from "../../../core/clients.js";
import { runTask, type Where } from "./task-runner.js";
import { openMapRuns, taskWaitingOnToken, waitingTasks } from "../asl/interpreter/waiting.js";
import { isServiceError } from "../../../core/errors.js";
import type { JsonValue } from "../asl/jsonpath/json.js";
import { newTaskToken } from "./task-token.js";
import { ActivityQueues } from "./activity-queues.js";
import { checkMockConfig, mockedOutcome } from "./mock-config.js";
import { parseDefinition } from "../definition-check.js";
import type { ExecutionStore } from "./execution-store.js";
import type { ExecutionRecord } from "./types.js";
import { MapRuns } from "./map-runs.js";
import { runExpress } from "./express-runner.js";
import { newUuid } from "../../../core/ids.js";

export const TIMER_JOB = "states.timer";
export const EXECUTION_TIMEOUT_JOB = "states.execution-timeout";

export class Executor {
  /** Definitions parse once per text (executions of one machine share it). */
  private readonly parsed = new Map<string, ParsedDefinition>();
  /**
   * Starts a child execution for `states:startExecution` (set by the service, which owns
   * state machines). Resolves with the new execution.
   */
  startChild?: (parent: Where, parameters: { [key: string]: JsonValue }, sync?: "sync" | "sync:2") => Promise<ExecutionRecord>;
  /** Step Functions Local's mock config, when the server was given one (mock-config.ts). */
  mockConfig?: ReturnType<typeof checkMockConfig>;
  /** Per execution, the promise of its last queued event. */
  private readonly queues = new Map<string, Promise<void>>();

  readonly activities: ActivityQueues;
  readonly mapRuns: MapRuns;

  constructor(
    private readonly clients: ServiceClients,
    private readonly store: ExecutionStore,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly find: (executionArn: string) => ExecutionRecord | undefined,
    /** Adds an execution the executor started itself (a Distributed Map's child). */
    register: (e: ExecutionRecord) => void,
  ) {
    this.mapRuns = new MapRuns(
      { now: () => clock.now(), advance: (e, input) => this.advance(e, input), find, register, runExpress: (e) => runExpress(e, this, clock), logFailure: (e, err) => this.logFailure(e, err) },
      store,
    );
    this.activities = new ActivityQueues(clock, (task) => {
      const e = this.find(task.executionArn);
      const w = e ? taskWaitingOnToken(e.snapshot, task.token) : undefined;
      return w !== undefined && w.workerName === undefined;
    });
    scheduler.register(TIMER_JOB, async (job) => {
      const { executionArn, timerId } = job.payload as { executionArn: string; timerId?: number };
      const e = this.find(executionArn);
      if (e) await this.advance(e, { kind: "timer", timerId });
    });
    scheduler.register(EXECUTION_TIMEOUT_JOB, async (job) => {
      const e = this.find((job.payload as { executionArn: string }).executionArn);
      if (e?.snapshot.status === "RUNNING") await this.advance(e, { kind: "executionTimeout" });
    });
  }

  /**
   * Runs one event through the interpreter and stores the result before it returns. Events of
   * one execution are processed one at a time, in the order they arrive.
   */
  advance(e: ExecutionRecord, input: StepInput | (() => StepInput | undefined)): Promise<void> {
    const previous = this.queues.get(e.arn) ?? Promise.resolve();
    // A function is asked for the event only when its turn comes (what has accumulated by then).
    const next = previous.then(() => {
      const event = typeof input === "function" ? input() : input;
      return event ? this.apply(e, event) : undefined;
    });
    const settled = next.catch(() => {});
    this.queues.set(e.arn, settled);
    void settled.then(() => {
      if (this.queues.get(e.arn) === settled) this.queues.delete(e.arn);
    });
    return next;
  }

  /**
   * After a restart: a Task whose call was in flight is called again (at least once, as on
   * AWS); one that already submitted its call keeps waiting for its token.
   */
  resume(e: ExecutionRecord): void {
    for (const { waiting } of waitingTasks(e.snapshot)) {
      if (waiting.call.kind === "activity" ? waiting.workerName === undefined : !waiting.submitted) this.runTask(e, waiting.call, waiting.callId);
      // A `.sync` child that ended while we were down still has to tell its parent.
      const childArn = (waiting.submittedOutput as { ExecutionArn?: string } | undefined)?.ExecutionArn;
      const child = childArn ? this.find(childArn) : undefined;
      if (child && child.snapshot.status !== "RUNNING") this.notifyParent(child);
    }
    if (e.snapshot.status === "RUNNING") this.mapRuns.resume(e);
  }

  private async apply(e: ExecutionRecord, input: StepInput): Promise<void> {
    const prior = e.snapshot.status;
    const mapRunsBefore = openMapRuns(e.snapshot).map((w) => w.mapRunArn);
    const result = step(this.definition(e.definition), e.snapshot, input, this.env(e));
    e.snapshot = result.snapshot;
    if (result.snapshot.status !== "RUNNING" && e.stopDate === undefined) e.stopDate = this.clock.now();
    await this.store.save(e, result.events);
    const ended = result.snapshot.status !== "RUNNING" && prior === "RUNNING";
    if (e.parent && ended) this.notifyParent(e);
    if (e.mapRun && ended) this.mapRuns.childEnded(e);
    for (const c of result.commands) {
      // One job per timer: branches and iterations may wait on several at once.
      if (c.kind === "timer") await this.scheduler.schedule({ id: `states-timer:${e.arn}:${c.timerId}`, kind: TIMER_JOB, dueAt: c.dueAt, payload: { executionArn: e.arn, timerId: c.timerId } });
      else if (c.kind === "executionTimeout") await this.scheduler.schedule({ id: `states-timeout:${e.arn}`, kind: EXECUTION_TIMEOUT_JOB, dueAt: c.dueAt, payload: { executionArn: e.arn } });
      else if (c.kind === "mapRunStarted") await this.mapRuns.started(e, c.mapRun);
      else if (c.kind === "mapChild") void this.mapRuns.startChild(e, c.mapRunArn, c.index, c.input).catch((err) => this.logFailure(e, err));
      else if (c.kind === "mapRunEnded") await this.mapRuns.ended(c.mapRunArn, c.status);
      else if (c.kind === "mapRunRedriven") await this.mapRuns.redriven(c.mapRunArn);
      else this.runTask(e, c.call, c.callId);
    }
    // A Map Run left without an end of its own (the execution stopped, failed or timed out, or
    // its branch failed) is aborted with its children.
    const open = new Set(openMapRuns(result.snapshot).map((w) => w.mapRunArn));
    for (const arn of mapRunsBefore) if (!open.has(arn)) await this.mapRuns.ended(arn, "ABORTED");
    // A stopped execution's timers still fire, and are ignored: it is no longer running.
  }

  logFailure(e: ExecutionRecord, err: unknown): void {
    this.logger.error(`states: execution ${e.arn} could not continue`, err);
  }

  /** Carries out a Task's call in the background and feeds its outcome back; an activity's task goes to its workers. */
  private runTask(e: ExecutionRecord, call: TaskCall, callId: number): void {
    const mocked = this.mocked(e, call, callId);
    if (mocked) {
      void this.advance(e, { ...mocked, callId } as StepInput).catch((err) => this.logFailure(e, err));
      return;
    }
    if (call.kind === "activity") {
      this.activities.add(call.activityArn, { token: call.token, input: call.input, executionArn: e.arn });
      return;
    }
    if (call.kind === "integration" && call.service === "states") {
      void this.startChildTask(e, call, callId).catch((err) => this.logFailure(e, err));
      return;
    }
    void this.callTask(e, call)
      .then((input) => this.advance(e, { ...input, callId } as StepInput))
      .catch((err) => this.logFailure(e, err));
  }

  /**
   * The mocked outcome of the running Task, for an execution of a mock config's test case: a
   * callback task's mock answers with its token, so it is the task's result, as in Step
   * Functions Local.
   */
  mocked(e: ExecutionRecord, call: TaskCall, callId: number): StepInput | undefined {
    if (e.testCase === undefined) return undefined;
    const task = waitingTasks(e.snapshot).find((t) => t.waiting.callId === callId);
    if (!task) return undefined;
    const attempt = task.waiting.retryCounts.reduce((a, b) => a + b, 0);
    const outcome = mockedOutcome(this.mockConfig, e.stateMachineName, e.testCase, task.stateName, attempt);
    if (!outcome) return undefined;
    return call.token ? ({ ...outcome, token: call.token } as StepInput) : outcome;
  }

  /** `states:startExecution`: the child's ARN and start; with `.sync`, the parent then waits for its end. */
  private async startChildTask(e: ExecutionRecord, call: Extract<TaskCall, { kind: "integration" }>, callId: number): Promise<void> {
    const { outcome, child } = await this.startChildOutcome(e, call);
    await this.advance(e, { ...outcome, callId, ...(call.sync && child ? { submitted: true } : {}) } as StepInput);
    if (!call.sync || !child) return;
    // Linked only now, so that the parent hears of the child's end after its TaskSubmitted.
    child.parent = { executionArn: e.arn, callId, sync: call.sync };
    await this.store.save(child, []);
    if (child.snapshot.status !== "RUNNING") this.notifyParent(child);
  }

  /** Starts a `states:startExecution` child: the task's outcome (its ARN and start, or the error as `StepFunctions.<Error>Exception`). */
  private async startChildOutcome(parent: Where, call: Extract<TaskCall, { kind: "integration" }>): Promise<{ outcome: StepInput; child?: ExecutionRecord }> {
    try {
      const child = await this.startChild!(parent, call.parameters, call.sync);
      return { outcome: { kind: "taskSucceeded", output: { ExecutionArn: child.arn, StartDate: child.startDate } }, child };
    } catch (err) {
      if (!isServiceError(err)) throw err;
      return { outcome: { kind: "taskFailed", error: `StepFunctions.${err.code.endsWith("Exception") ? err.code : `${err.code}Exception`}`, cause: err.message } };
    }
  }

  /** A `.sync` child ended: its parent's task succeeds with its description, or fails with it. */
  private notifyParent(child: ExecutionRecord): void {
    const link = child.parent!;
    const parent = this.find(link.executionArn);
    if (!parent) return;
    const s = child.snapshot;
    const description: { [key: string]: JsonValue } = {
      ExecutionArn: child.arn,
      Input: link.sync === "sync:2" ? (parseJsonText(child.input) as JsonValue) : child.input,
      InputDetails: { Included: true },
      Name: child.name,
      StartDate: child.startDate,
      StateMachineArn: child.stateMachineArn,
      Status: s.status,
      StopDate: child.stopDate ?? this.clock.now(),
    };
    if (s.status === "SUCCEEDED") {
      description.Output = link.sync === "sync:2" ? (s.output ?? null) : JSON.stringify(s.output ?? null);
      description.OutputDetails = { Included: true };
      void this.advance(parent, { kind: "taskSucceeded", output: description, callId: link.callId });
    } else {
      if (s.error !== undefined) description.Error = s.error;
      if (s.cause !== undefined) description.Cause = s.cause;
      void this.advance(parent, { kind: "taskFailed", error: "States.TaskFailed", cause: JSON.stringify(description), callId: link.callId });
    }
  }

  /** A Task's call, carried out: the event that reports its outcome. */
  async callTask(e: Where, call: Exclude<TaskCall, { kind: "activity" }>): Promise<StepInput> {
    if (call.kind === "integration" && call.service === "states") {
      // Express workflows run request-response integrations only: no .sync, no callback.
      if (call.sync || call.token) return { kind: "taskFailed", error: "States.Runtime", cause: "Express workflows support only the request-response pattern of states:startExecution" };
      return (await this.startChildOutcome(e, call)).outcome;
    }
    return runTask(this.clients, e, call);
  }

  definition(text: string): ParsedDefinition {
    let d = this.parsed.get(text);
    if (!d) {
      d = parseDefinition(text);
      this.parsed.set(text, d);
    }
    return d;
  }

  env(e: ExecutionRecord): StepEnv {
    return {
      now: this.clock.now(),
      executionArn: e.arn,
      executionName: e.name,
      stateMachineArn: e.stateMachineArn,
      stateMachineName: e.stateMachineName,
      roleArn: e.roleArn,
      startTime: new Date(e.startDate).toISOString(),
      region: e.region,
      accountId: e.accountId,
      random: Math.random,
      newToken: () => newTaskToken(e.arn),
      newUuid,
    };
  }
}


function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
