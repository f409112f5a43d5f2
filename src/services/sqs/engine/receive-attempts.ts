/**
 * FIFO ReceiveRequestAttemptId: a retried receive within 5 minutes of the first gets the same
 * messages and receipt handles, as long as none of them was deleted or had its visibility
 * changed since (each message is remembered with its version after the receive).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
 */
import { RECEIVE_ATTEMPT_ID_WINDOW_MS } from "../limits.js";
import { isInFlight, type LiveMessage } from "./live-message.js";

interface Attempt {
  expiresAt: number;
  taken: Array<{ seq: number; version: number }>;
}

export class ReceiveAttempts {
  /** Kept in expiry order (the window is constant), so stale entries are pruned from the front. */
  private readonly attempts = new Map<string, Attempt>();

  /** The messages an earlier receive with this id returned, if it can be replayed now. */
  replayable(attemptId: string, messages: Map<number, LiveMessage>, now: number): LiveMessage[] | undefined {
    const prior = this.attempts.get(attemptId);
    if (!prior) return undefined;
    const found = prior.taken.map((t) => messages.get(t.seq));
    const unchanged = found.length > 0 && found.every((m, i) => m && m.version === prior.taken[i].version && isInFlight(m, now));
    if (prior.expiresAt <= now || !unchanged) {
      this.attempts.delete(attemptId);
      return undefined;
    }
    return found as LiveMessage[];
  }

  /** Records what a receive returned (or what a replay re-hid, with its new versions). */
  remember(attemptId: string, taken: LiveMessage[], now: number, keepExpiry = false): void {
    const prior = this.attempts.get(attemptId);
    for (const [id, a] of this.attempts) {
      if (a.expiresAt > now) break;
      this.attempts.delete(id);
    }
    const expiresAt = keepExpiry && prior ? prior.expiresAt : now + RECEIVE_ATTEMPT_ID_WINDOW_MS;
    this.attempts.delete(attemptId);
    this.attempts.set(attemptId, { expiresAt, taken: taken.map((m) => ({ seq: m.seq, version: m.version })) });
  }
}
