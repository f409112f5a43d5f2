/**
 * One queue's live state in memory: its messages, the order in which they become receivable,
 * and the receives waiting on it (long polls).
 *
 * Standard queues keep a min-heap of (visibleAt, seq) entries; an entry is stale when the
 * message was deleted or its visibility changed since (the version no longer matches), and
 * stale entries are dropped as they surface.
 *
 * FIFO queues keep messages per message group, in send order. A group is blocked while any of
 * its messages is in flight; delayed messages do not block the visible ones behind them.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 */
import type { QueueRecord } from "../types.js";
import { isInFlight, type LiveMessage } from "./live-message.js";
import { MinHeap } from "./min-heap.js";
import { ReceiveAttempts } from "./receive-attempts.js";

/** Stale heap entries tolerated beyond twice the live messages before a rebuild. */
const HEAP_SLACK = 1024;

interface HeapEntry {
  at: number;
  seq: number;
  version: number;
}

export interface Waiter {
  /** Tries to complete the waiting receive; true when it took messages (or gave up). */
  attempt(): boolean;
}

export class QueueState {
  readonly messages = new Map<number, LiveMessage>();
  private readonly heap = new MinHeap<HeapEntry>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private readonly groups = new Map<string, LiveMessage[]>();
  readonly waiters: Waiter[] = [];
  /**
   * Messages are held in send order, so the oldest are at the front, except for messages moved
   * in from a dead-letter source: they keep their original SentTimestamp, and retention counts
   * from it. Their seqs are kept here so the retention sweep finds them without a full scan.
   */
  private readonly olderArrivals = new Set<number>();
  private newestSentAt = -Infinity;
  /** Clock timer that wakes the waiters when the next message becomes visible. */
  wakeTimer?: import("../../../core/clock.js").TimerHandle;
  /** ReceiveRequestAttemptId → the receive it answered (FIFO, 5 minutes). */
  readonly receiveAttempts = new ReceiveAttempts();
  deleted = false;

  constructor(public record: QueueRecord) {}

  get fifo(): boolean {
    return this.record.fifo;
  }

  add(m: LiveMessage): void {
    this.messages.set(m.seq, m);
    if (m.sentAt < this.newestSentAt) this.olderArrivals.add(m.seq);
    else this.newestSentAt = m.sentAt;
    if (this.fifo) {
      const key = m.groupId ?? "";
      let list = this.groups.get(key);
      if (!list) this.groups.set(key, (list = []));
      list.push(m);
    } else {
      this.heap.push({ at: m.visibleAt, seq: m.seq, version: m.version });
    }
  }

  remove(m: LiveMessage): void {
    if (!this.messages.delete(m.seq)) return;
    this.olderArrivals.delete(m.seq);
    if (this.fifo) {
      const key = m.groupId ?? "";
      const list = this.groups.get(key);
      if (!list) return;
      const i = list.indexOf(m);
      if (i !== -1) list.splice(i, 1);
      if (list.length === 0) this.groups.delete(key);
    }
  }

  /** Records a new visibility deadline for a message. */
  setVisibleAt(m: LiveMessage, at: number): void {
    m.visibleAt = at;
    m.version++;
    if (!this.fifo) {
      this.heap.push({ at, seq: m.seq, version: m.version });
      this.compactHeap();
    }
  }

  /**
   * Every visibility change leaves the message's previous heap entry behind, and a deleted
   * message's entry stays until it surfaces: with a steady flow, stale entries would pile up
   * for a whole visibility timeout. Past twice the live count, rebuild from the live messages.
   */
  private compactHeap(): void {
    if (this.heap.size <= 2 * this.messages.size + HEAP_SLACK) return;
    this.heap.clear();
    for (const m of this.messages.values()) this.heap.push({ at: m.visibleAt, seq: m.seq, version: m.version });
  }

  /**
   * Picks up to `max` receivable messages (visible now), in the order SQS would hand them out.
   * `expired` messages (past retention) are reported to `drop` and skipped.
   */
  pick(now: number, max: number, expired: (m: LiveMessage) => boolean, drop: (m: LiveMessage) => void): LiveMessage[] {
    return this.fifo ? this.pickFifo(now, max, expired, drop) : this.pickStandard(now, max, expired, drop);
  }

  private pickStandard(now: number, max: number, expired: (m: LiveMessage) => boolean, drop: (m: LiveMessage) => void): LiveMessage[] {
    const out: LiveMessage[] = [];
    while (out.length < max && this.heap.size > 0) {
      const top = this.heap.peek()!;
      const m = this.messages.get(top.seq);
      if (!m || m.version !== top.version) {
        this.heap.pop();
        continue;
      }
      if (top.at > now) break;
      this.heap.pop();
      if (expired(m)) {
        drop(m);
        continue;
      }
      out.push(m);
    }
    return out;
  }

  private pickFifo(now: number, max: number, expired: (m: LiveMessage) => boolean, drop: (m: LiveMessage) => void): LiveMessage[] {
    const out: LiveMessage[] = [];
    // SQS hands out as many messages of one group as it can before moving to the next.
    for (const list of [...this.groups.values()]) {
      if (out.length >= max) break;
      if (list.some((m) => isInFlight(m, now))) continue;
      for (const m of [...list]) {
        if (out.length >= max) break;
        if (m.visibleAt > now) continue; // delayed: does not block the messages behind it
        if (expired(m)) {
          drop(m);
          continue;
        }
        out.push(m);
      }
    }
    return out;
  }

  /**
   * The earliest moment, `now` at the soonest, at which a message may become receivable, if
   * any. In a FIFO queue a group with a message in flight hands out nothing until the last of
   * them becomes visible again (or is deleted, which wakes the waiters itself).
   */
  nextVisibleAt(now: number): number | undefined {
    if (!this.fifo) {
      while (this.heap.size > 0) {
        const top = this.heap.peek()!;
        const m = this.messages.get(top.seq);
        if (!m || m.version !== top.version) {
          this.heap.pop();
          continue;
        }
        return top.at > now ? top.at : now;
      }
      return undefined;
    }
    let next: number | undefined;
    for (const list of this.groups.values()) {
      let earliest = Infinity;
      let unblockedAt = -Infinity;
      for (const m of list) {
        if (isInFlight(m, now)) unblockedAt = Math.max(unblockedAt, m.visibleAt);
        else earliest = Math.min(earliest, m.visibleAt);
      }
      const at = Math.max(unblockedAt > -Infinity ? unblockedAt : earliest, now);
      if (at === now) return now;
      if (next === undefined || at < next) next = at;
    }
    return next;
  }

  /** Approximate counts, as GetQueueAttributes reports them. */
  counts(now: number): { visible: number; inFlight: number; delayed: number } {
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages.values()) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  clear(): void {
    this.messages.clear();
    this.heap.clear();
    this.groups.clear();
    this.olderArrivals.clear();
    this.newestSentAt = -Infinity;
  }

  /** Messages past retention at `cutoff` (sent at or before it): the front of the queue, and older arrivals. */
  expiredAt(cutoff: number): LiveMessage[] {
    const out = new Set<LiveMessage>();
    for (const m of this.messages.values()) {
      if (m.sentAt > cutoff) break;
      out.add(m);
    }
    for (const seq of this.olderArrivals) {
      const m = this.messages.get(seq)!;
      if (m.sentAt <= cutoff) out.add(m);
    }
    return [...out];
  }

  /** The earliest SentTimestamp held, if any. */
  oldestSentAt(): number | undefined {
    let oldest = this.messages.values().next().value?.sentAt;
    for (const seq of this.olderArrivals) oldest = Math.min(oldest ?? Infinity, this.messages.get(seq)!.sentAt);
    return oldest;
  }
}
