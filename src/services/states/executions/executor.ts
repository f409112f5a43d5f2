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
import { newTaskToken } from "./task-token.js";
import { ActivityQueues } from "./activity-queues.js";
import { parseDefinition } from "../definition-check.js";
import type { ExecutionStore } from "./execution-store.js";
import type { ExecutionRecord } from "./types.js";

export const TIMER_JOB = "states.timer";
export const EXECUTION_TIMEOUT_JOB = "states.execution-timeout";

export class Executor {
  /** Definitions parse once per text (executions of one machine share it). */
  private readonly parsed = new Map<string, ParsedDefinition>();
  /** Per execution, the promise of its last queued event. */
  private readonly queues = new Map<string, Promise<void>>();

  readonly activities: ActivityQueues;

  constructor(
    private readonly clients: ServiceClients,
    private readonly store: ExecutionStore,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly find: (executionArn: string) => ExecutionRecord | undefined,
  ) {
    this.activities = new ActivityQueues(clock, (task) => {
      const w = this.find(task.executionArn)?.snapshot.current?.waiting;
      return w?.kind === "task" && w.call.token === task.token && w.workerName === undefined;
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
  advance(e: ExecutionRecord, input: StepInput): Promise<void> {
    const previous = this.queues.get(e.arn) ?? Promise.resolve();
    const next = previous.then(() => this.apply(e, input));
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
    const waiting = e.snapshot.current?.waiting;
    if (e.snapshot.status !== "RUNNING" || waiting?.kind !== "task") return;
    if (waiting.call.kind === "activity" ? waiting.workerName === undefined : !waiting.submitted) this.runTask(e, waiting.call, waiting.callId);
  }

  private async apply(e: ExecutionRecord, input: StepInput): Promise<void> {
    const result = step(this.definition(e.definition), e.snapshot, input, this.env(e));
    e.snapshot = result.snapshot;
    if (result.snapshot.status !== "RUNNING" && e.stopDate === undefined) e.stopDate = this.clock.now();
    await this.store.save(e, result.events);
    for (const c of result.commands) {
      if (c.kind === "timer") await this.scheduler.schedule({ id: `states-timer:${e.arn}`, kind: TIMER_JOB, dueAt: c.dueAt, payload: { executionArn: e.arn, timerId: c.timerId } });
      else if (c.kind === "executionTimeout") await this.scheduler.schedule({ id: `states-timeout:${e.arn}`, kind: EXECUTION_TIMEOUT_JOB, dueAt: c.dueAt, payload: { executionArn: e.arn } });
      else this.runTask(e, c.call, c.callId);
    }
    if (input.kind === "stop") await this.scheduler.cancel(`states-timer:${e.arn}`).catch((err) => this.logger.warn(`states: ${String(err)}`));
  }

  /** Carries out a Task's call in the background and feeds its outcome back; an activity's task goes to its workers. */
  private runTask(e: ExecutionRecord, call: TaskCall, callId: number): void {
    if (call.kind === "activity") {
      this.activities.add(call.activityArn, { token: call.token, input: call.input, executionArn: e.arn });
      return;
    }
    void this.callTask(e, call)
      .then((input) => this.advance(e, { ...input, callId } as StepInput))
      .catch((err) => this.logger.error(`states: execution ${e.arn} could not continue`, err));
  }

  /** A Task's call, carried out: the event that reports its outcome. */
  callTask(e: Where, call: Exclude<TaskCall, { kind: "activity" }>): Promise<StepInput> {
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
    };
  }
}

