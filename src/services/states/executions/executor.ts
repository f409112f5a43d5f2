/**
 * Carries out executions (DESIGN §7): feeds events to the pure interpreter, stores the history
 * it emits with the new snapshot, and turns its commands into durable scheduler jobs, so a
 * waiting Standard execution survives a restart and resumes on time (on the clock).
 */
import type { Clock } from "../../../core/clock.js";
import type { Logger } from "../../../core/logger.js";
import type { Scheduler } from "../../../core/scheduler.js";
import type { ParsedDefinition } from "../asl/definition/model.js";
import { step } from "../asl/interpreter/step.js";
import type { StepEnv, StepInput } from "../asl/interpreter/types.js";
import { parseDefinition } from "../definition-check.js";
import type { ExecutionStore } from "./execution-store.js";
import type { ExecutionRecord } from "./types.js";

export const TIMER_JOB = "states.timer";

export class Executor {
  /** Definitions parse once per text (executions of one machine share it). */
  private readonly parsed = new Map<string, ParsedDefinition>();

  constructor(
    private readonly store: ExecutionStore,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly find: (executionArn: string) => ExecutionRecord | undefined,
  ) {
    scheduler.register(TIMER_JOB, async (job) => {
      const e = this.find((job.payload as { executionArn: string }).executionArn);
      if (e) await this.advance(e, { kind: "timer" });
    });
  }

  /** Runs one event through the interpreter; stores the result before it returns. */
  async advance(e: ExecutionRecord, input: StepInput): Promise<void> {
    const result = step(this.definition(e.definition), e.snapshot, input, this.env(e));
    e.snapshot = result.snapshot;
    if (result.snapshot.status !== "RUNNING" && e.stopDate === undefined) e.stopDate = this.clock.now();
    await this.store.save(e, result.events);
    for (const c of result.commands) {
      await this.scheduler.schedule({ id: `states-timer:${e.arn}`, kind: TIMER_JOB, dueAt: c.dueAt, payload: { executionArn: e.arn } });
    }
    if (input.kind === "stop") await this.scheduler.cancel(`states-timer:${e.arn}`).catch((err) => this.logger.warn(`states: ${String(err)}`));
  }

  private definition(text: string): ParsedDefinition {
    let d = this.parsed.get(text);
    if (!d) {
      d = parseDefinition(text);
      this.parsed.set(text, d);
    }
    return d;
  }

  private env(e: ExecutionRecord): StepEnv {
    return {
      now: this.clock.now(),
      executionArn: e.arn,
      executionName: e.name,
      stateMachineArn: e.stateMachineArn,
      stateMachineName: e.stateMachineName,
      roleArn: e.roleArn,
      startTime: new Date(e.startDate).toISOString(),
      random: Math.random,
    };
  }
}
