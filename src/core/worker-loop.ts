/**
 * Worker loops (DESIGN §4): a background task that repeats one unit of work (a poll, a
 * delivery) until told to stop. Explicit states and an AbortSignal make stopping prompt and
 * observable:
 *
 *   idle ──start()──▶ running ──drain()──▶ draining ──(iteration ends)──▶ stopped
 *                        │                                                  ▲
 *                        └──stop(): aborts the signal ──(iteration ends)────┘
 *
 * - `stop()` aborts the signal, so waits that listen to it (long polls, clock sleeps) end at
 *   once; work that cannot be interrupted (an invocation) finishes first.
 * - `drain()` lets the current iteration finish undisturbed, then stops.
 * - An iteration that resolves `false` ends the loop by itself (a scaled-down poller).
 * - An iteration that throws is logged and retried after `errorDelayMs` on the clock.
 */
import type { Clock } from "./clock.js";
import type { Logger } from "./logger.js";

export type WorkerLoopState = "idle" | "running" | "draining" | "stopping" | "stopped";

export interface WorkerLoopOptions {
  name: string;
  clock: Clock;
  logger: Logger;
  /** One unit of work. Resolve `false` to end the loop; anything else runs the next iteration. */
  iterate: (signal: AbortSignal) => Promise<boolean | void>;
  /** Wait after an iteration throws (default 1 s). */
  errorDelayMs?: number;
  /** Called once when the loop has stopped, however it stopped. */
  onStopped?: () => void;
}

const DEFAULT_ERROR_DELAY_MS = 1_000;

export class WorkerLoop {
  private current: WorkerLoopState = "idle";
  private readonly controller = new AbortController();
  private readonly finished: Promise<void>;
  private resolveFinished!: () => void;

  constructor(private readonly options: WorkerLoopOptions) {
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
  }

  get name(): string {
    return this.options.name;
  }

  get state(): WorkerLoopState {
    return this.current;
  }

  /** Aborted by `stop()`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Resolves once the loop has stopped. */
  get done(): Promise<void> {
    return this.finished;
  }

  start(): void {
    if (this.current !== "idle") throw new Error(`worker loop ${this.name} was already started`);
    this.current = "running";
    void this.run();
  }

  /** Runs no further iteration; the current one finishes undisturbed. */
  drain(): Promise<void> {
    if (this.current === "idle") this.finish();
    else if (this.current === "running") this.current = "draining";
    return this.finished;
  }

  /** Aborts the signal and runs no further iteration; resolves when the current one has returned. */
  stop(): Promise<void> {
    if (this.current === "idle") this.finish();
    else if (this.current === "running" || this.current === "draining") this.current = "stopping";
    this.controller.abort();
    return this.finished;
  }

  private async run(): Promise<void> {
    const { iterate, logger, clock } = this.options;
    while (this.current === "running") {
      try {
        if ((await iterate(this.signal)) === false) break;
      } catch (err) {
        if (this.signal.aborted || this.current !== "running") break;
        logger.error(`${this.name}: iteration failed`, err);
        await sleep(clock, this.options.errorDelayMs ?? DEFAULT_ERROR_DELAY_MS, this.signal);
      }
    }
    this.finish();
  }

  private finish(): void {
    if (this.current === "stopped") return;
    this.current = "stopped";
    this.resolveFinished();
    this.options.onStopped?.();
  }
}

/** Waits `ms` on the clock; resolves early (with false) when the signal aborts, else true. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clock.clearTimer(timer);
      resolve(false);
    };
    const timer = clock.setTimer(clock.now() + Math.max(0, ms), () => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
