/**
 * FIFO deduplication: a deduplication id seen in the last 5 minutes names the message it was
 * first sent with, even after that message is deleted. Entries are kept in expiry order (the
 * window is constant), so expired ones are pruned from the front.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/using-messagededuplicationid-property.html
 */
import type { DedupRecord } from "../types.js";

/** How many remembered entries between two clean-ups of the stored table. */
const STORE_SWEEP_EVERY = 1000;

export class DedupWindow {
  private readonly entries = new Map<string, DedupRecord>();
  private remembered = 0;

  load(records: DedupRecord[]): void {
    for (const r of [...records].sort((a, b) => a.expiresAt - b.expiresAt)) this.entries.set(key(r.queueKey, r.dedupKey), r);
  }

  /** The live entry for this id, if the window still holds it. */
  find(queueKey: string, dedupKey: string, now: number): DedupRecord | undefined {
    const e = this.entries.get(key(queueKey, dedupKey));
    return e && e.expiresAt > now ? e : undefined;
  }

  /** Remembers an entry; true when the stored table is due a clean-up of expired rows. */
  remember(entry: DedupRecord, now: number): boolean {
    const k = key(entry.queueKey, entry.dedupKey);
    this.entries.delete(k);
    this.entries.set(k, entry);
    for (const [existing, e] of this.entries) {
      if (e.expiresAt > now) break;
      this.entries.delete(existing);
    }
    return ++this.remembered % STORE_SWEEP_EVERY === 0;
  }

  forgetQueue(queueKey: string): void {
    const prefix = queueKey + "\n";
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  clear(): void {
    this.entries.clear();
  }
}

function key(queueKey: string, dedupKey: string): string {
  return `${queueKey}\n${dedupKey}`;
}
