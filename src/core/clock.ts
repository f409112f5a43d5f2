/**
 * Time for the whole server. Services never read wall time or arm timers themselves: they ask
 * the clock, so tests can swap in a ManualClock and turn a 12-hour visibility timeout into a
 * function call. This file is the only place allowed to touch Date.now() and setTimeout.
 */

export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Runs `fn` once the clock reaches `at` (epoch ms); at once (next tick) if `at` has passed. */
  setTimer(at: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle | undefined): void;
  /** True for the ManualClock: time moves only when told to. */
  readonly manual: boolean;
  /** Cancels every pending timer (server shutdown). */
  dispose(): void;
}

/** Node's timers hold at most 2^31-1 ms; longer waits are re-armed in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

let nextTimerId = 1;

export class SystemClock implements Clock {
  readonly manual = false;
  private readonly timers = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    const handle = { id: nextTimerId++ };
    this.arm(handle.id, at, fn);
    return handle;
  }

  private arm(id: number, at: number, fn: () => void): void {
    const delay = Math.max(0, at - Date.now());
    const timer = setTimeout(() => {
      if (at - Date.now() > 0) {
        this.arm(id, at, fn);
        return;
      }
      this.timers.delete(id);
      fn();
    }, Math.min(delay, MAX_TIMEOUT_MS));
    // The HTTP server keeps the process alive; timers alone must not.
    timer.unref();
    this.timers.set(id, timer);
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (!handle) return;
    const timer = this.timers.get(handle.id);
    if (timer) clearTimeout(timer);
    this.timers.delete(handle.id);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

interface ManualTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * Virtual time. `advance(ms)` moves the clock forward, firing every timer that falls due in
 * order of its deadline, and lets the promise chains each timer starts settle before the next
 * one fires, so asynchronous work (a delivery, a retry) sees the time it was scheduled for.
 */
export class ManualClock implements Clock {
  readonly manual = true;
  private current: number;
  private seq = 0;
  private readonly timers = new Map<number, ManualTimer>();

  constructor(start: number = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(at: number, fn: () => void): TimerHandle {
    const timer = { id: nextTimerId++, at, seq: this.seq++, fn };
    this.timers.set(timer.id, timer);
    if (at <= this.current) {
      // Already due: fire on the next turn of the event loop, as a real clock would.
      setImmediate(() => this.fireIfPending(timer.id));
    }
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (handle) this.timers.delete(handle.id);
  }

  dispose(): void {
    this.timers.clear();
  }

  /** Moves time forward by `ms`, firing due timers in deadline order. */
  async advance(ms: number): Promise<number> {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("advance needs a non-negative number of milliseconds");
    return this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `target` (epoch ms); never backwards. */
  async advanceTo(target: number): Promise<number> {
    if (target < this.current) throw new RangeError("the manual clock cannot go backwards");
    await settle();
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.current = Math.max(this.current, next.at);
      this.timers.delete(next.id);
      next.fn();
      await settle();
    }
    this.current = target;
    await settle();
    return this.current;
  }

  /** Number of timers waiting (for tests and the admin API). */
  pendingTimers(): number {
    return this.timers.size;
  }

  private earliestDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers.values()) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fireIfPending(id: number): void {
    const timer = this.timers.get(id);
    if (!timer || timer.at > this.current) return;
    this.timers.delete(id);
    timer.fn();
  }
}

/**
 * Turns of the event loop given to the work a fired timer starts before the next one fires.
 * Each group-committed write costs one turn, so a handler that awaits a few writes in a row
 * (write, then schedule its next step) finishes within these.
 */
const SETTLE_TURNS = 8;

/** Lets pending promise callbacks and I/O callbacks queued by a fired timer run. */
async function settle(): Promise<void> {
  for (let i = 0; i < SETTLE_TURNS; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Wall-clock milliseconds for measuring durations in logs (not for service logic). */
export function monotonicMs(): number {
  return performance.now();
}
