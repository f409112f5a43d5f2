/**
 * Message move tasks (dead-letter queue redrive): a task moves the messages of a dead-letter
 * queue back to the queues they came from, or to a named destination, at a bounded rate. Each
 * one-second step runs as a durable scheduler job, so a task survives a restart.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
 */
import { randomUUID } from "node:crypto";
import type { Clock } from "../../../core/clock.js";
import type { Scheduler } from "../../../core/scheduler.js";
import { MAX_MOVE_TASK_RATE } from "../limits.js";
import type { MoveTaskRecord } from "../types.js";
import type { Queue, SqsEngine } from "./sqs-engine.js";

export const MOVE_TASK_JOB = "sqs.move-task";
const STEP_MS = 1000;

export class MessageMover {
  constructor(
    private readonly engine: SqsEngine,
    private readonly scheduler: Scheduler,
    private readonly clock: Clock,
  ) {
    scheduler.register(MOVE_TASK_JOB, (job) => this.step((job.payload as { taskHandle: string }).taskHandle));
  }

  running(sourceArn: string): MoveTaskRecord | undefined {
    return [...this.engine.moveTasks.values()].find((t) => t.sourceArn === sourceArn && (t.status === "RUNNING" || t.status === "CANCELLING"));
  }

  async start(source: Queue, destinationArn: string | undefined, maxPerSecond: number | undefined): Promise<MoveTaskRecord> {
    const now = this.clock.now();
    const counts = source.counts(now);
    const task: MoveTaskRecord = {
      taskHandle: Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn: source.arn })).toString("base64"),
      sourceArn: source.arn,
      destinationArn,
      maxPerSecond,
      status: "RUNNING",
      toMove: counts.visible + counts.inFlight + counts.delayed,
      moved: 0,
      startedAt: now,
    };
    await this.engine.saveMoveTask(task);
    await this.scheduler.schedule({ id: jobId(task), kind: MOVE_TASK_JOB, dueAt: now, payload: { taskHandle: task.taskHandle } });
    return task;
  }

  async cancel(task: MoveTaskRecord): Promise<void> {
    task.status = "CANCELLED";
    await this.engine.saveMoveTask(task);
    await this.scheduler.cancel(jobId(task));
  }

  /**
   * Moves up to one second's worth of messages, then schedules the next step or finishes.
   * Every write of a step is queued in the same tick, so they commit together (one group
   * commit) and the next step's timer is armed as soon as that commit lands.
   */
  private async step(taskHandle: string): Promise<void> {
    const task = this.engine.moveTasks.get(taskHandle);
    if (!task || task.status !== "RUNNING") return;
    const source = this.engine.byArn(task.sourceArn);
    if (!source) return this.finish(task, "FAILED", "AWS.SimpleQueueService.NonExistentQueue");
    const now = this.clock.now();
    const budget = Math.min(task.maxPerSecond ?? MAX_MOVE_TASK_RATE, task.toMove - task.moved);
    const writes: Promise<void>[] = [];
    const targets = new Set<Queue>();
    let failure: string | undefined;
    let moved = 0;
    for (const m of [...source.messages.values()]) {
      if (moved >= budget) break;
      if (m.visibleAt > now) continue; // in flight or delayed: left for a later step
      const targetArn = task.destinationArn ?? m.deadLetterSourceArn;
      const target = targetArn ? this.engine.byArn(targetArn) : undefined;
      if (!target) {
        failure = "AWS.SimpleQueueService.NonExistentQueue";
        break;
      }
      writes.push(this.engine.moveTo(source, m, target, "redrive"));
      targets.add(target);
      moved++;
    }
    task.moved += moved;
    if (failure) writes.push(this.finish(task, "FAILED", failure));
    else if (task.moved >= task.toMove || source.messages.size === 0) writes.push(this.finish(task, "COMPLETED"));
    else {
      writes.push(this.engine.saveMoveTask(task));
      writes.push(this.scheduler.schedule({ id: jobId(task), kind: MOVE_TASK_JOB, dueAt: now + STEP_MS, payload: { taskHandle } }).then(() => undefined));
    }
    await Promise.all(writes);
    for (const t of targets) this.engine.notify(t);
  }

  private async finish(task: MoveTaskRecord, status: "COMPLETED" | "FAILED", failureReason?: string): Promise<void> {
    task.status = status;
    task.failureReason = failureReason;
    await this.engine.saveMoveTask(task);
  }
}

function jobId(task: MoveTaskRecord): string {
  return `sqs-move:${task.taskHandle}`;
}
