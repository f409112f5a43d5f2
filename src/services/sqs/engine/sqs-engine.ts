/**
 * SQS's engine: every queue's live state in memory, made durable through the SqsStore before a
 * client hears success, and rebuilt from it at start. Operations (one file each) validate
 * input and shape output; the rules of queues and messages live here.
 */
import { randomUUID } from "node:crypto";
import { randomText } from "../../../core/random-text.js";
import type { Clock, TimerHandle } from "../../../core/clock.js";
import type { Logger } from "../../../core/logger.js";
import type { ServiceRuntime } from "../../../core/service.js";
import { SqsErrors } from "../errors.js";
import { FIFO_DEDUPLICATION_WINDOW_MS, QUEUE_RECREATE_DELAY_MS } from "../limits.js";
import { deriveConfig, type QueueConfig } from "../queue-config.js";
import { parseQueueArn, queueArn } from "../queue-url.js";
import type { SqsStore } from "../store/sqs-store.js";
import type { DedupRecord, MessageAttributes, MoveTaskRecord, QueueKey, QueueRecord } from "../types.js";
import { queueKeyString } from "../types.js";
import { DedupWindow } from "./dedup-window.js";
import { LongPolls } from "./long-polls.js";
import { isInFlight, type LiveMessage } from "./live-message.js";
import { QueueState } from "./queue-state.js";
import { encodeReceiptHandle, parseReceiptHandle } from "./receipt-handles.js";

export interface SendDraft {
  body: string;
  attributes?: MessageAttributes;
  traceHeader?: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  delaySeconds?: number;
  groupId?: string;
  dedupId?: string;
  senderId: string;
}

export interface SendOutcome {
  messageId: string;
  sequenceNumber?: string;
}

export interface ReceiveOptions {
  max: number;
  visibilityTimeoutMs: number;
  waitSeconds: number;
  attemptId?: string;
  /** Its `signal` ends a long poll early; read only when the call must wait (a RequestContext wires it on first read). */
  cancellation: { readonly signal: AbortSignal };
}

export interface Received {
  message: LiveMessage;
  receiptHandle: string;
}

export class Queue extends QueueState {
  config: QueueConfig;
  expiryTimer?: TimerHandle;
  /** When the expiry timer fires (the oldest message's SentTimestamp + retention). */
  expiryAt?: number;

  constructor(record: QueueRecord) {
    super(record);
    this.config = deriveConfig(record.attributes);
  }

  get arn(): string {
    return queueArn(this.record);
  }
}

export class SqsEngine implements ServiceRuntime {
  readonly queues = new Map<string, Queue>();
  private readonly deletedAt = new Map<string, number>();
  private readonly dedup = new DedupWindow();
  private readonly polls: LongPolls;
  readonly moveTasks = new Map<string, MoveTaskRecord>();
  private nextSeq = 1;

  constructor(
    readonly store: SqsStore,
    readonly clock: Clock,
    readonly logger: Logger,
  ) {
    this.polls = new LongPolls(clock);
  }

  start(): void {
    const snap = this.store.load();
    for (const r of snap.queues) this.queues.set(r.key, new Queue(r));
    for (const m of snap.messages) {
      const q = this.queues.get(m.queueKey);
      if (q) q.add({ ...m, version: 0 });
      this.nextSeq = Math.max(this.nextSeq, m.seq + 1);
    }
    this.dedup.load(snap.dedup);
    for (const d of snap.deletedQueues) this.deletedAt.set(d.key, d.deletedAt);
    for (const t of snap.moveTasks) this.moveTasks.set(t.taskHandle, t);
    for (const q of this.queues.values()) this.armExpiry(q);
  }

  stop(): void {
    for (const q of this.queues.values()) this.release(q);
  }

  reset(): void {
    for (const q of this.queues.values()) this.release(q);
    this.queues.clear();
    this.deletedAt.clear();
    this.dedup.clear();
    this.moveTasks.clear();
    this.store.reset();
  }

  status(): Record<string, unknown> {
    const now = this.clock.now();
    return {
      queues: [...this.queues.values()].map((q) => {
        const c = q.counts(now);
        return { url: `/${q.record.accountId}/${q.record.name}`, region: q.record.region, messages: c.visible, inFlight: c.inFlight, delayed: c.delayed };
      }),
    };
  }

  // ---- queues ----

  get(key: QueueKey): Queue | undefined {
    return this.queues.get(queueKeyString(key));
  }

  byArn(arn: string): Queue | undefined {
    const key = parseQueueArn(arn);
    return key ? this.get(key) : undefined;
  }

  list(accountId: string, region: string): Queue[] {
    return [...this.queues.values()].filter((q) => q.record.accountId === accountId && q.record.region === region).sort((a, b) => (a.record.name < b.record.name ? -1 : 1));
  }

  /** True while a queue of this name was deleted less than 60 seconds ago. */
  deletedRecently(key: QueueKey): boolean {
    const at = this.deletedAt.get(queueKeyString(key));
    return at !== undefined && this.clock.now() - at < QUEUE_RECREATE_DELAY_MS;
  }

  async createQueue(record: QueueRecord): Promise<Queue> {
    const q = new Queue(record);
    this.queues.set(record.key, q);
    if (this.deletedAt.delete(record.key)) await this.store.forgetDeletedQueue(record.key);
    await this.store.putQueue(record);
    return q;
  }

  /** Persists a queue's changed attributes, tags or counters. */
  async saveQueue(q: Queue): Promise<void> {
    q.config = deriveConfig(q.record.attributes);
    this.armExpiry(q);
    await this.store.putQueue(q.record);
  }

  async deleteQueue(q: Queue): Promise<void> {
    const now = this.clock.now();
    this.queues.delete(q.record.key);
    this.deletedAt.set(q.record.key, now);
    this.dedup.forgetQueue(q.record.key);
    q.deleted = true;
    this.release(q);
    q.clear();
    await this.store.deleteQueue(q.record.key, now);
  }

  async purge(q: Queue): Promise<void> {
    const maxSeq = this.nextSeq - 1;
    q.clear();
    q.record.lastPurgeAt = this.clock.now();
    await Promise.all([this.store.purgeMessages(q.record.key, maxSeq), this.store.putQueue(q.record)]);
  }

  // ---- messages ----

  async send(q: Queue, drafts: SendDraft[]): Promise<SendOutcome[]> {
    const now = this.clock.now();
    const fresh: LiveMessage[] = [];
    const outcomes: SendOutcome[] = [];
    const dedupWrites: DedupRecord[] = [];
    let queueChanged = false;
    let sweepDedupStore = false;
    for (const d of drafts) {
      if (q.fifo) {
        const dedupKey = q.config.dedupScopeGroup ? `${d.groupId}\n${d.dedupId}` : d.dedupId!;
        const seen = this.dedup.find(q.record.key, dedupKey, now);
        if (seen) {
          // Accepted, but not delivered again: the answer names the original message.
          outcomes.push({ messageId: seen.messageId, sequenceNumber: seen.sequenceNumber });
          continue;
        }
        const sequenceNumber = (q.record.nextSequence++).toString().padStart(20, "0");
        queueChanged = true;
        const entry: DedupRecord = { queueKey: q.record.key, dedupKey, messageId: "", sequenceNumber, expiresAt: now + FIFO_DEDUPLICATION_WINDOW_MS };
        const m = this.newMessage(q, d, now, sequenceNumber);
        entry.messageId = m.messageId;
        if (this.dedup.remember(entry, now)) sweepDedupStore = true;
        dedupWrites.push(entry);
        fresh.push(m);
        outcomes.push({ messageId: m.messageId, sequenceNumber });
      } else {
        const m = this.newMessage(q, d, now);
        fresh.push(m);
        outcomes.push({ messageId: m.messageId });
      }
    }
    for (const m of fresh) q.add(m);
    const writes: Promise<void>[] = [];
    if (fresh.length) writes.push(this.store.insertMessages(fresh));
    for (const e of dedupWrites) writes.push(this.store.putDedup(e));
    if (queueChanged) writes.push(this.store.putQueue(q.record));
    if (sweepDedupStore) writes.push(this.store.deleteExpiredDedup(now));
    await Promise.all(writes);
    if (!q.expiryTimer) this.armExpiry(q);
    this.notify(q);
    return outcomes;
  }

  private newMessage(q: Queue, d: SendDraft, now: number, sequenceNumber?: string): LiveMessage {
    const delayMs = d.delaySeconds !== undefined ? d.delaySeconds * 1000 : q.config.delayMs;
    return {
      seq: this.nextSeq++,
      queueKey: q.record.key,
      messageId: randomUUID(),
      body: d.body,
      attributes: d.attributes,
      traceHeader: d.traceHeader,
      md5OfBody: d.md5OfBody,
      md5OfAttributes: d.md5OfAttributes,
      sentAt: now,
      visibleAt: now + delayMs,
      receiveCount: 0,
      groupId: d.groupId,
      dedupId: q.fifo ? d.dedupId : undefined,
      sequenceNumber,
      senderId: d.senderId,
      version: 0,
    };
  }

  /** Receives now or, with a wait time, as soon as a message becomes receivable. */
  async receive(q: Queue, opts: ReceiveOptions): Promise<Received[]> {
    const replay = await this.replayAttempt(q, opts);
    if (replay) return replay;
    const got = await this.takeNow(q, opts);
    if (got.length > 0 || opts.waitSeconds <= 0) return got;
    const signal = opts.cancellation.signal;
    if (signal.aborted) return got;
    return this.polls.wait(q, opts.waitSeconds, signal, () => this.takeNow(q, opts));
  }

  /** Takes what is receivable now, moving over-received messages to the dead-letter queue. */
  private async takeNow(q: Queue, opts: ReceiveOptions): Promise<Received[]> {
    const now = this.clock.now();
    const expired = (m: LiveMessage) => m.sentAt + q.config.retentionMs <= now;
    const dropped: LiveMessage[] = [];
    const drop = (m: LiveMessage) => {
      q.remove(m);
      dropped.push(m);
    };
    const taken: LiveMessage[] = [];
    const moves: Promise<void>[] = [];
    const redrive = q.config.redrive;
    const dlq = redrive ? this.byArn(redrive.deadLetterTargetArn) : undefined;
    while (taken.length < opts.max) {
      const batch = q.pick(now, opts.max - taken.length, expired, drop);
      if (batch.length === 0) break;
      for (const m of batch) {
        if (redrive && dlq && m.receiveCount >= redrive.maxReceiveCount) {
          moves.push(this.moveTo(q, m, dlq, "dead-letter"));
          continue;
        }
        m.receiveCount++;
        m.firstReceiveAt ??= now;
        m.receivedAt = now;
        m.receipt = randomText(12, "base64url");
        taken.push(m);
      }
      // FIFO: picking again in the same call would see the groups just taken as in flight.
      if (q.fifo && taken.length > 0) break;
    }
    // Hidden only once picking is over: with VisibilityTimeout 0 a message is visible again
    // at once, and picking again would hand out the same message twice in one answer.
    for (const m of taken) q.setVisibleAt(m, now + opts.visibilityTimeoutMs);
    const writes: Promise<void>[] = [...moves];
    if (taken.length) writes.push(this.store.updateMessages(taken));
    if (dropped.length) writes.push(this.store.deleteMessages(dropped.map((m) => m.seq)));
    await Promise.all(writes);
    if (opts.attemptId && q.fifo) q.receiveAttempts.remember(opts.attemptId, taken, now);
    if (moves.length && dlq) this.notify(dlq);
    return taken.map((m) => ({ message: m, receiptHandle: this.receiptHandle(q, m) }));
  }

  /** A retried FIFO receive (same ReceiveRequestAttemptId) gets the same messages, hidden anew. */
  private async replayAttempt(q: Queue, opts: ReceiveOptions): Promise<Received[] | undefined> {
    if (!opts.attemptId || !q.fifo) return undefined;
    const now = this.clock.now();
    const live = q.receiveAttempts.replayable(opts.attemptId, q.messages, now);
    if (!live) return undefined;
    for (const m of live) {
      m.receivedAt = now;
      q.setVisibleAt(m, now + opts.visibilityTimeoutMs);
    }
    q.receiveAttempts.remember(opts.attemptId, live, now, true);
    await this.store.updateMessages(live);
    return live.map((m) => ({ message: m, receiptHandle: this.receiptHandle(q, m) }));
  }

  /**
   * Moves a message to another queue.
   * - `dead-letter` (maxReceiveCount exceeded): the same message, with its id, body, attributes
   *   and receive count, and DeadLetterQueueSourceArn. A standard queue keeps the original
   *   enqueue time (retention counts from the first send); a FIFO queue resets it, and the
   *   message's deduplication id becomes its MessageId so that two messages that shared an id
   *   upstream are both kept.
   *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
   * - `redrive` (a move task): "All redriven messages are considered new messages": a new
   *   MessageId and enqueue time, never received.
   *   https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
   */
  async moveTo(from: Queue, m: LiveMessage, to: Queue, mode: "dead-letter" | "redrive"): Promise<void> {
    from.remove(m);
    const now = this.clock.now();
    const moved: LiveMessage = {
      ...m,
      seq: this.nextSeq++,
      queueKey: to.record.key,
      visibleAt: now,
      receipt: undefined,
      receivedAt: undefined,
      version: 0,
      // A FIFO queue's sequence numbers are its own.
      sequenceNumber: to.fifo ? (to.record.nextSequence++).toString().padStart(20, "0") : undefined,
    };
    if (mode === "dead-letter") {
      moved.deadLetterSourceArn = from.arn;
      if (to.fifo) {
        moved.sentAt = now;
        moved.dedupId = m.messageId;
      }
    } else {
      Object.assign(moved, { messageId: randomUUID(), sentAt: now, receiveCount: 0, firstReceiveAt: undefined, deadLetterSourceArn: undefined });
    }
    to.add(moved);
    const writes = [this.store.moveMessage(m.seq, moved)];
    if (to.fifo) writes.push(this.store.putQueue(to.record));
    await Promise.all(writes);
    // A dead-lettered message keeps its older SentTimestamp: it may expire before the one the timer waits for.
    if (!to.expiryTimer || moved.sentAt + to.config.retentionMs < (to.expiryAt ?? Infinity)) this.armExpiry(to);
  }

  /** Finds the message a receipt handle names, or throws ReceiptHandleIsInvalid. */
  resolveHandle(q: Queue, handle: string): { message?: LiveMessage; current: boolean } {
    const parsed = parseReceiptHandle(handle);
    if (!parsed || parsed.queueKey !== q.record.key) throw SqsErrors.receiptHandleIsInvalid(handle);
    const message = q.messages.get(parsed.seq);
    return { message, current: !!message && message.receipt === parsed.nonce };
  }

  /**
   * Deletes by receipt handle. A handle from an earlier receive, or for a message already
   * deleted, succeeds without effect, as on AWS.
   */
  async deleteMessages(q: Queue, handles: string[]): Promise<Array<Error | undefined>> {
    const results: Array<Error | undefined> = [];
    const seqs: number[] = [];
    for (const h of handles) {
      try {
        const { message, current } = this.resolveHandle(q, h);
        if (message && current) {
          q.remove(message);
          seqs.push(message.seq);
        }
        results.push(undefined);
      } catch (err) {
        results.push(err as Error);
      }
    }
    if (seqs.length) {
      await this.store.deleteMessages(seqs);
      if (q.fifo) this.notify(q);
    }
    return results;
  }

  async changeVisibility(q: Queue, entries: Array<{ handle: string; timeoutSeconds: number }>): Promise<Array<Error | undefined>> {
    const now = this.clock.now();
    const results: Array<Error | undefined> = [];
    const changed: LiveMessage[] = [];
    let madeVisible = false;
    for (const e of entries) {
      try {
        const { message } = this.resolveHandle(q, e.handle);
        if (!message || !isInFlight(message, now)) throw SqsErrors.messageNotInflight();
        const receivedAt = message.receivedAt ?? message.firstReceiveAt ?? now;
        if (now + e.timeoutSeconds * 1000 - receivedAt > 43_200_000) {
          throw SqsErrors.invalidParameter("VisibilityTimeout", e.timeoutSeconds, "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]");
        }
        q.setVisibleAt(message, now + e.timeoutSeconds * 1000);
        if (e.timeoutSeconds === 0) madeVisible = true;
        changed.push(message);
        results.push(undefined);
      } catch (err) {
        results.push(err as Error);
      }
    }
    if (changed.length) await this.store.updateMessages(changed);
    if (madeVisible) this.notify(q);
    else this.polls.armWake(q);
    return results;
  }

  receiptHandle(q: Queue, m: LiveMessage): string {
    return encodeReceiptHandle(q.record.key, m.seq, m.receipt!);
  }

  // ---- long polling ----

  /** Lets waiting receives take what has become receivable. */
  notify(q: Queue): void {
    this.polls.notify(q);
  }

  private release(q: Queue): void {
    this.polls.release(q);
    this.clock.clearTimer(q.expiryTimer);
    q.expiryTimer = undefined;
  }

  // ---- retention ----

  /** Arms a timer for the moment the oldest message passes the retention period. */
  private armExpiry(q: Queue): void {
    this.clock.clearTimer(q.expiryTimer);
    q.expiryTimer = undefined;
    const oldest = q.oldestSentAt();
    if (oldest === undefined) return;
    q.expiryAt = oldest + q.config.retentionMs;
    q.expiryTimer = this.clock.setTimer(q.expiryAt, () => {
      q.expiryTimer = undefined;
      void this.sweepExpired(q).catch((err) => this.logger.error("sqs: retention sweep failed", err));
    });
  }

  /** Deletes messages past the queue's retention period (AWS deletes them automatically). */
  async sweepExpired(q: Queue): Promise<void> {
    const cutoff = this.clock.now() - q.config.retentionMs;
    const expired = q.expiredAt(cutoff);
    const gone = expired.map((m) => m.seq);
    for (const m of expired) q.remove(m);
    if (!q.deleted) this.armExpiry(q);
    if (gone.length) {
      await this.store.deleteMessages(gone);
      // An expired in-flight FIFO message no longer blocks its group.
      if (q.fifo && !q.deleted) this.notify(q);
    }
  }

  // ---- move tasks ----

  async saveMoveTask(t: MoveTaskRecord): Promise<void> {
    this.moveTasks.set(t.taskHandle, t);
    await this.store.putMoveTask(t);
  }
}
