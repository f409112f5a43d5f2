/**
 * The pollers of one SQS event-source mapping (DESIGN §4 worker loops).
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html
 *
 * Each poller is a worker loop that, per iteration:
 *  1. long-polls the queue (up to 10 messages a call, 20 s waits, aborted when the mapping is
 *     disabled or deleted) and gathers a batch: up to BatchSize messages, within
 *     MaximumBatchingWindowInSeconds of the first message (on the clock), under 6 MB. Messages
 *     that match no filter are deleted at once, without an invocation;
 *  2. invokes the function synchronously with the batch (a throttled invocation is retried
 *     with backoff until the messages' visibility timeout would run out);
 *  3. deletes the batch on success. A function error, timeout or throttle deletes nothing: the
 *     messages come back after the visibility timeout and the queue's redrive policy moves them
 *     to its dead-letter queue. With ReportBatchItemFailures only the messages not reported
 *     are deleted. In a FIFO queue a failed message also keeps back the messages of its group
 *     behind it, so a group is never delivered out of order (SQS itself keeps one batch per
 *     group in flight: a group with messages in flight hands out nothing).
 *
 * Scaling: five pollers to start with; each full batch lets one more poller start, at most
 * 300 a minute, up to ScalingConfig.MaximumConcurrency (else 1,000). Pollers beyond the first
 * five stop when a long poll comes back empty, or when their batch fails (AWS backs off on
 * errors, except with ReportBatchItemFailures). Each poller has at most one invocation in
 * flight, so the number of pollers bounds the mapping's concurrency.
 */
import type { Clock } from "../../../core/clock.js";
import type { ReceivedMessage, SqsClientApi } from "../../../core/clients.js";
import type { Logger } from "../../../core/logger.js";
import { sleep, WorkerLoop } from "../../../core/worker-loop.js";
import { MAX_SYNC_PAYLOAD_BYTES } from "../limits.js";
import * as L from "./limits.js";
import type { EventFilter } from "./mapping-config.js";
import { batchItemFailures, filterView, sqsEventRecord, type SqsEventRecord } from "./sqs-event.js";

export type InvokeOutcome = { kind: "success"; payload: Buffer } | { kind: "function-error" } | { kind: "throttled" } | { kind: "unavailable"; reason: string };

/** The function a mapping invokes, as the pollers see it. */
export interface MappingTarget {
  /** False while the function cannot run (deleted, Pending): pollers then receive nothing. */
  ready(): boolean;
  invoke(payload: Buffer): Promise<InvokeOutcome>;
  /** After each batch: "OK" or "PROBLEM: …" (LastProcessingResult). */
  report(result: string): void;
}

export interface SqsPollerSettings {
  /** For log lines: the mapping's UUID. */
  name: string;
  queueArn: string;
  region: string;
  fifo: boolean;
  batchSize: number;
  windowSeconds: number;
  reportBatchItemFailures: boolean;
  /** Empty: every message is delivered. */
  filters: EventFilter[];
  maxConcurrency: number;
}

export interface SqsPollerDeps {
  clock: Clock;
  logger: Logger;
  sqs: SqsClientApi;
  target: MappingTarget;
}

interface Item {
  record: SqsEventRecord;
  receivedAt: number;
  bytes: number;
}

interface Poller {
  loop?: WorkerLoop;
  /** Standard queues: messages received past the 6 MB limit, first in the next batch. */
  carry: Item[];
  retired: boolean;
}

/** `{"Records":[` … `]}` */
const EVENT_OVERHEAD_BYTES = 14;
const QUEUE_ERROR_RETRY_MS = 5_000;

export class SqsPollerGroup {
  private readonly pollers = new Set<Poller>();
  /** Pollers not retiring. */
  private active = 0;
  private stopping = false;
  /** Hard stop (shutdown, reset): no invocation starts and nothing is deleted any more. */
  private halted = false;
  private tokens: number = L.INITIAL_POLLERS;
  private refilledAt: number;
  private readonly baseline: number;
  private queueErrorLogged = false;

  constructor(
    readonly settings: SqsPollerSettings,
    private readonly deps: SqsPollerDeps,
  ) {
    this.baseline = Math.min(L.INITIAL_POLLERS, settings.maxConcurrency);
    this.refilledAt = deps.clock.now();
  }

  /** Pollers running now. */
  get size(): number {
    return this.pollers.size;
  }

  start(): void {
    for (let i = 0; i < this.baseline; i++) this.spawn();
  }

  /** Aborts the long polls; batches already received are still invoked and deleted. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.pollers].map((p) => p.loop!.stop()));
  }

  /** Aborts everything at once; an invocation in flight finishes but its batch is left alone. */
  halt(): void {
    this.halted = true;
    this.stopping = true;
    for (const p of this.pollers) void p.loop!.stop();
  }

  private spawn(): void {
    const poller: Poller = { carry: [], retired: false };
    poller.loop = new WorkerLoop({
      name: `lambda event-source mapping ${this.settings.name}`,
      clock: this.deps.clock,
      logger: this.deps.logger,
      errorDelayMs: QUEUE_ERROR_RETRY_MS,
      iterate: (signal) => this.iterate(poller, signal),
      onStopped: () => {
        this.pollers.delete(poller);
        if (!poller.retired) this.active--;
      },
    });
    this.pollers.add(poller);
    this.active++;
    poller.loop.start();
  }

  /** A full batch: start one more poller if the rate and the cap allow. */
  private scaleUp(): void {
    if (this.stopping || this.active >= this.settings.maxConcurrency) return;
    const now = this.deps.clock.now();
    this.tokens = Math.min(L.INITIAL_POLLERS, this.tokens + ((now - this.refilledAt) / 60_000) * L.SCALE_UP_PER_MINUTE);
    this.refilledAt = now;
    if (this.tokens < 1) return;
    this.tokens -= 1;
    this.spawn();
  }

  /** An extra poller (beyond the first five) with nothing carried over leaves; true if this one did. */
  private retire(poller: Poller): boolean {
    if (this.active <= this.baseline || poller.carry.length > 0) return false;
    this.active--;
    poller.retired = true;
    return true;
  }

  private async iterate(poller: Poller, signal: AbortSignal): Promise<boolean> {
    const { clock, target } = this.deps;
    if (!target.ready()) {
      await sleep(clock, L.NOT_READY_RETRY_MS, signal);
      return true;
    }
    const { items, full } = await this.gather(poller, signal);
    if (this.halted) return false;
    if (items.length === 0) return !signal.aborted && !this.retire(poller);
    if (full) this.scaleUp();
    const ok = await this.process(items, signal);
    if (this.halted) return false;
    if (!ok && !this.settings.reportBatchItemFailures && this.retire(poller)) return false;
    return true;
  }

  /** Receives until the batch is full, the window closes, the payload limit is near or the loop stops. */
  private async gather(poller: Poller, signal: AbortSignal): Promise<{ items: Item[]; full: boolean }> {
    const { clock, sqs } = this.deps;
    const s = this.settings;
    const items = poller.carry.splice(0);
    let bytes = items.reduce((n, i) => n + i.bytes, EVENT_OVERHEAD_BYTES);
    let windowEnd = items.length > 0 && s.windowSeconds > 0 ? clock.now() + s.windowSeconds * 1000 : undefined;
    let overflow = false;
    let last = false;
    while (items.length < s.batchSize && !overflow && !last && !signal.aborted) {
      // The window is kept by the lengths of the long polls rather than by aborting them: an
      // aborted receive could take messages it never hands back.
      let waitSeconds = L.POLL_WAIT_SECONDS;
      if (items.length > 0) {
        if (windowEnd === undefined) break;
        const remaining = windowEnd - clock.now();
        if (remaining < 1_000) {
          if (remaining > 0 && !(await sleep(clock, remaining, signal))) break;
          waitSeconds = 0;
          last = true;
        } else {
          waitSeconds = Math.min(L.POLL_WAIT_SECONDS, Math.floor(remaining / 1_000));
        }
      }
      if (signal.aborted) break;
      let got: ReceivedMessage[];
      try {
        got = await sqs.receiveMessages({
          queueArn: s.queueArn,
          max: Math.min(L.MAX_MESSAGES_PER_RECEIVE, s.batchSize - items.length),
          waitSeconds,
          signal,
        });
        this.queueErrorLogged = false;
      } catch (err) {
        if (!this.queueErrorLogged) this.deps.logger.warn(`lambda: event-source mapping ${s.name} cannot receive from ${s.queueArn}: ${(err as Error).message}`);
        this.queueErrorLogged = true;
        if (items.length > 0) break;
        await sleep(clock, QUEUE_ERROR_RETRY_MS, signal);
        return { items, full: false };
      }
      if (got.length === 0) {
        if (items.length === 0) break; // a long poll that found nothing
        continue;
      }
      const now = clock.now();
      const dropped: string[] = [];
      for (const m of got) {
        const record = sqsEventRecord(m, s.queueArn, s.region);
        if (!this.passes(record)) {
          dropped.push(m.receiptHandle);
          continue;
        }
        const size = Buffer.byteLength(JSON.stringify(record)) + 1;
        if (overflow || (items.length > 0 && bytes + size > MAX_SYNC_PAYLOAD_BYTES)) {
          // FIFO: what does not fit stays in flight and comes back, in order, after the
          // visibility timeout; carrying it over could run it after a failed predecessor.
          overflow = true;
          if (!s.fifo) poller.carry.push({ record, receivedAt: now, bytes: size });
          continue;
        }
        items.push({ record, receivedAt: now, bytes: size });
        bytes += size;
      }
      if (dropped.length > 0) await this.delete(dropped);
      if (items.length > 0 && windowEnd === undefined && s.windowSeconds > 0) windowEnd = now + s.windowSeconds * 1000;
    }
    return { items, full: overflow || items.length >= s.batchSize };
  }

  private passes(record: SqsEventRecord): boolean {
    const { filters } = this.settings;
    if (filters.length === 0) return true;
    const view = filterView(record);
    return filters.some((f) => f.matches(view));
  }

  /** Invokes the function with the batch and deletes what succeeded; true when all of it did. */
  private async process(items: Item[], signal: AbortSignal): Promise<boolean> {
    const s = this.settings;
    const payload = Buffer.from(JSON.stringify({ Records: items.map((i) => i.record) }));
    const outcome = await this.invoke(payload, items, signal);
    if (this.halted) return false;
    let failed: Set<string> | "all" = "all";
    if (outcome.kind === "success") {
      failed = s.reportBatchItemFailures ? batchItemFailures(outcome.payload, new Set(items.map((i) => i.record.messageId))) : new Set();
    }
    this.deps.target.report(outcome.kind === "success" ? "OK" : outcome.kind === "unavailable" ? outcome.reason : "PROBLEM: Function call failed");
    if (failed === "all") {
      this.deps.logger.debug(`lambda: event-source mapping ${s.name}: batch of ${items.length} failed (${outcome.kind}); the messages return after their visibility timeout`);
      return false;
    }
    const done = this.deletable(items, failed);
    if (done.length > 0) await this.delete(done);
    return failed.size === 0;
  }

  /** Retries a throttled invocation with backoff while the batch is still hidden. */
  private async invoke(payload: Buffer, items: Item[], signal: AbortSignal): Promise<InvokeOutcome> {
    const { clock, sqs, target } = this.deps;
    const visibilityMs = (sqs.describeQueue(this.settings.queueArn)?.visibilityTimeoutSeconds ?? 30) * 1000;
    const deadline = items.reduce((min, i) => Math.min(min, i.receivedAt), Infinity) + visibilityMs;
    let delay = L.THROTTLE_BACKOFF_MIN_MS;
    for (;;) {
      if (this.halted) return { kind: "unavailable", reason: "PROBLEM: Stopped" };
      const outcome = await target.invoke(payload);
      if (outcome.kind !== "throttled") return outcome;
      if (clock.now() + delay >= deadline || !(await sleep(clock, delay, signal))) return outcome;
      delay = Math.min(delay * 2, L.THROTTLE_BACKOFF_MAX_MS);
    }
  }

  /** Receipt handles to delete: all but the failed, and in FIFO queues all behind a failure in its group. */
  private deletable(items: Item[], failed: Set<string>): string[] {
    const blockedGroups = new Set<string>();
    const out: string[] = [];
    for (const { record } of items) {
      const group = this.settings.fifo ? (record.attributes.MessageGroupId ?? "") : undefined;
      if (failed.has(record.messageId) || (group !== undefined && blockedGroups.has(group))) {
        if (group !== undefined) blockedGroups.add(group);
        continue;
      }
      out.push(record.receiptHandle);
    }
    return out;
  }

  private async delete(receiptHandles: string[]): Promise<void> {
    try {
      await this.deps.sqs.deleteMessages({ queueArn: this.settings.queueArn, receiptHandles });
    } catch (err) {
      this.deps.logger.warn(`lambda: event-source mapping ${this.settings.name} could not delete ${receiptHandles.length} message(s): ${(err as Error).message}`);
    }
  }
}
