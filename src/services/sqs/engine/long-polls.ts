/**
 * Long polling: a receive that finds nothing waits on its queue until a message becomes
 * receivable (a send, a visibility expiry, a delay ending, a FIFO group unblocking), its wait
 * time ends, the client goes away or the server stops. No polling loop: the engine calls
 * `notify` when something changed, and one clock timer per queue covers the next moment a
 * message becomes visible on its own.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
 */
import type { Clock } from "../../../core/clock.js";
import type { QueueState, Waiter } from "./queue-state.js";

export class LongPolls {
  constructor(private readonly clock: Clock) {}

  /**
   * Waits up to `waitSeconds` for `take` to come back with something. `take` runs only when
   * the queue has a receivable message; if another waiter got there first, this one waits on.
   */
  wait<T>(q: QueueState, waitSeconds: number, signal: AbortSignal, take: () => Promise<T[]>): Promise<T[]> {
    return new Promise<T[]>((resolve) => {
      let settled = false;
      let taking = false;
      /** The wait ended (time up, client gone) while a take was running: end with what it took. */
      let ended = false;
      const remove = () => {
        const i = q.waiters.indexOf(waiter);
        if (i !== -1) q.waiters.splice(i, 1);
      };
      const finish = (value: T[]) => {
        if (settled) return;
        settled = true;
        this.clock.clearTimer(timer);
        signal.removeEventListener("abort", stopWaiting);
        remove();
        resolve(value);
      };
      // Messages a running take has already hidden must reach the caller, not wait out their
      // visibility timeout: a wait that ends meanwhile lets the take finish the receive.
      const stopWaiting = () => {
        if (taking) ended = true;
        else finish([]);
      };
      const waiter: Waiter = {
        attempt: () => {
          if (settled || taking) return true;
          if (q.deleted) {
            finish([]);
            return true;
          }
          if (!this.hasReceivable(q)) return false;
          // Claimed now, so that no second wake-up runs this waiter while it takes.
          taking = true;
          remove();
          take().then(
            (value) => {
              taking = false;
              if (value.length > 0 || ended) finish(value);
              else {
                q.waiters.push(waiter);
                this.armWake(q);
              }
            },
            () => {
              taking = false;
              finish([]);
            },
          );
          return true;
        },
      };
      const timer = this.clock.setTimer(this.clock.now() + waitSeconds * 1000, stopWaiting);
      signal.addEventListener("abort", stopWaiting);
      q.waiters.push(waiter);
      this.armWake(q);
    });
  }

  /** Lets waiting receives take what has become receivable. */
  notify(q: QueueState): void {
    while (q.waiters.length > 0 && this.hasReceivable(q)) {
      if (!q.waiters[0].attempt()) break;
    }
    this.armWake(q);
  }

  /** Re-arms the queue's wake-up for the next moment a message becomes visible on its own. */
  armWake(q: QueueState): void {
    this.clock.clearTimer(q.wakeTimer);
    q.wakeTimer = undefined;
    if (q.waiters.length === 0) return;
    const at = q.nextVisibleAt(this.clock.now());
    if (at !== undefined) q.wakeTimer = this.clock.setTimer(at, () => this.notify(q));
  }

  /** Answers every waiter of a queue that is going away (deleted, reset, server stopping). */
  release(q: QueueState): void {
    this.clock.clearTimer(q.wakeTimer);
    q.wakeTimer = undefined;
    if (q.waiters.length === 0) return;
    q.deleted = true;
    for (const w of [...q.waiters]) w.attempt();
  }

  hasReceivable(q: QueueState): boolean {
    const now = this.clock.now();
    const next = q.nextVisibleAt(now);
    return next !== undefined && next <= now;
  }
}
