/**
 * FIFO topics drop a message whose deduplication id was seen on the topic in the last five
 * minutes; Publish still answers with the first message's MessageId and SequenceNumber.
 * https://docs.aws.amazon.com/sns/latest/dg/fifo-message-dedup.html
 * Kept in memory: after a restart the window starts empty (LIMITATIONS.md).
 */
const WINDOW_MS = 5 * 60_000;

interface Seen {
  messageId: string;
  sequenceNumber: string;
  at: number;
}

export class FifoDedup {
  private readonly seen = new Map<string, Seen>();
  private lastSweep = 0;

  find(topicArn: string, dedupId: string, now: number): Seen | undefined {
    this.sweep(now);
    const s = this.seen.get(`${topicArn}\n${dedupId}`);
    return s && now - s.at < WINDOW_MS ? s : undefined;
  }

  remember(topicArn: string, dedupId: string, messageId: string, sequenceNumber: string, now: number): void {
    this.seen.set(`${topicArn}\n${dedupId}`, { messageId, sequenceNumber, at: now });
  }

  clear(): void {
    this.seen.clear();
  }

  /** Entries are in insertion (time) order: drop the expired head now and then. */
  private sweep(now: number): void {
    if (now - this.lastSweep < 10_000) return;
    this.lastSweep = now;
    for (const [k, s] of this.seen) {
      if (now - s.at < WINDOW_MS) break;
      this.seen.delete(k);
    }
  }
}
