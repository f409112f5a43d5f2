/**
 * Activities' pending tasks, waiting for workers (GetActivityTask). In memory: after a restart
 * the executor puts back every task no worker had started (it knows them from the snapshots).
 * A long poll waits up to 60 seconds on the clock.
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
 */
import type { Clock } from "../../../core/clock.js";
import type { JsonValue } from "../asl/jsonpath/json.js";

export interface ActivityTask {
  token: string;
  input: JsonValue;
  executionArn: string;
}

interface Waiter {
  resolve: (task: ActivityTask | undefined) => void;
}

export const LONG_POLL_MS = 60_000;

export class ActivityQueues {
  private readonly tasks = new Map<string, ActivityTask[]>();
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(
    private readonly clock: Clock,
    /** Whether the task is still waiting for a worker (its execution may have ended meanwhile). */
    private readonly stillPending: (task: ActivityTask) => boolean,
  ) {}

  add(activityArn: string, task: ActivityTask): void {
    const waiting = this.waiters.get(activityArn);
    const waiter = waiting?.shift();
    if (waiter) return waiter.resolve(task);
    let list = this.tasks.get(activityArn);
    if (!list) this.tasks.set(activityArn, (list = []));
    list.push(task);
  }

  /** The next pending task, or undefined after the long poll (or when `signal` aborts). */
  take(activityArn: string, signal: AbortSignal): Promise<ActivityTask | undefined> {
    const list = this.tasks.get(activityArn);
    while (list?.length) {
      const task = list.shift()!;
      if (this.stillPending(task)) return Promise.resolve(task);
    }
    return new Promise((resolve) => {
      let waiters = this.waiters.get(activityArn);
      if (!waiters) this.waiters.set(activityArn, (waiters = []));
      const waiter: Waiter = {
        resolve: (task) => {
          this.clock.clearTimer(timer);
          signal.removeEventListener("abort", onAbort);
          if (task && !this.stillPending(task)) return void this.take(activityArn, signal).then(resolve);
          resolve(task);
        },
      };
      const leave = () => {
        const i = waiters!.indexOf(waiter);
        if (i >= 0) waiters!.splice(i, 1);
        resolve(undefined);
      };
      const onAbort = () => {
        this.clock.clearTimer(timer);
        leave();
      };
      const timer = this.clock.setTimer(this.clock.now() + LONG_POLL_MS, leave);
      signal.addEventListener("abort", onAbort, { once: true });
      waiters.push(waiter);
    });
  }

  /** Forgets an activity's tasks (DeleteActivity). */
  drop(activityArn: string): void {
    this.tasks.delete(activityArn);
    for (const w of this.waiters.get(activityArn) ?? []) w.resolve(undefined);
    this.waiters.delete(activityArn);
  }

  clear(): void {
    this.tasks.clear();
    for (const list of this.waiters.values()) for (const w of list) w.resolve(undefined);
    this.waiters.clear();
  }
}
