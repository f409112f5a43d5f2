/**
 * The durable scheduler (DESIGN §4): deadlines live in storage (`scheduled_jobs`), and the
 * clock's in-memory timer is only a wake-up. After a restart every job is re-armed, so a
 * delay, retry or move-task step is never lost. Handlers are registered by kind; a handler
 * that throws is retried with backoff.
 */
import type { Clock, TimerHandle } from "./clock.js";
import type { Logger } from "./logger.js";
import { newUuid } from "./ids.js";
import type { Database, Statement } from "../storage/sqlite/database.js";

export interface ScheduledJob {
  id: string;
  kind: string;
  dueAt: number;
  payload: unknown;
}

export type JobHandler = (job: ScheduledJob) => Promise<void> | void;

const RETRY_BACKOFF_MS = [1_000, 5_000, 30_000, 60_000];

export class Scheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly timers = new Map<string, TimerHandle>();
  private readonly attempts = new Map<string, number>();
  private started = false;
  private readonly insert: Statement;
  private readonly remove: Statement;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    db.migrate("scheduler", [
      { up: "CREATE TABLE scheduled_jobs (id TEXT PRIMARY KEY, kind TEXT NOT NULL, due_at INTEGER NOT NULL, payload TEXT NOT NULL)" },
    ]);
    this.insert = db.prepare("INSERT OR REPLACE INTO scheduled_jobs (id, kind, due_at, payload) VALUES (?, ?, ?, ?)");
    this.remove = db.prepare("DELETE FROM scheduled_jobs WHERE id = ?");
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  /** Stores the job (committed before this resolves) and arms its timer. Same id replaces. */
  async schedule(job: { id?: string; kind: string; dueAt: number; payload?: unknown }): Promise<string> {
    const full: ScheduledJob = { id: job.id ?? newUuid(), kind: job.kind, dueAt: job.dueAt, payload: job.payload ?? null };
    await this.db.write(() => this.insert.run(full.id, full.kind, full.dueAt, JSON.stringify(full.payload)));
    if (this.started) this.arm(full);
    return full.id;
  }

  async cancel(id: string): Promise<void> {
    this.clock.clearTimer(this.timers.get(id));
    this.timers.delete(id);
    await this.db.write(() => this.remove.run(id));
  }

  /** Loads every stored job and arms it; jobs already due run at once. */
  start(): void {
    this.started = true;
    const rows = this.db.prepare("SELECT id, kind, due_at, payload FROM scheduled_jobs").all() as Array<{ id: string; kind: string; due_at: number; payload: string }>;
    for (const r of rows) this.arm({ id: r.id, kind: r.kind, dueAt: r.due_at, payload: JSON.parse(r.payload) });
  }

  stop(): void {
    this.started = false;
    for (const t of this.timers.values()) this.clock.clearTimer(t);
    this.timers.clear();
  }

  /** Forgets every job (admin reset). */
  reset(): void {
    for (const t of this.timers.values()) this.clock.clearTimer(t);
    this.timers.clear();
    this.db.transaction(() => this.db.prepare("DELETE FROM scheduled_jobs").run());
  }

  pending(): number {
    return this.timers.size;
  }

  private arm(job: ScheduledJob): void {
    this.clock.clearTimer(this.timers.get(job.id));
    this.timers.set(job.id, this.clock.setTimer(job.dueAt, () => void this.fire(job)));
  }

  private async fire(job: ScheduledJob): Promise<void> {
    this.timers.delete(job.id);
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      this.logger.warn(`scheduler: no handler for job kind ${job.kind}; dropping job ${job.id}`);
      await this.db.write(() => this.remove.run(job.id));
      return;
    }
    try {
      await handler(job);
      this.attempts.delete(job.id);
      // A handler may have re-scheduled the same id for later; only remove what is still this run.
      if (!this.timers.has(job.id)) await this.db.write(() => this.db.prepare("DELETE FROM scheduled_jobs WHERE id = ? AND due_at <= ?").run(job.id, job.dueAt));
    } catch (err) {
      const n = (this.attempts.get(job.id) ?? 0) + 1;
      this.attempts.set(job.id, n);
      const delay = RETRY_BACKOFF_MS[Math.min(n - 1, RETRY_BACKOFF_MS.length - 1)];
      this.logger.error(`scheduler: job ${job.kind}/${job.id} failed (attempt ${n}); retrying in ${delay} ms`, err);
      if (this.started) this.arm({ ...job, dueAt: this.clock.now() + delay });
    }
  }
}
