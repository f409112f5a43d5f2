import type { MessageRecord } from "../types.js";

/** A message as the engine holds it in memory: the stored record plus bookkeeping. */
export interface LiveMessage extends MessageRecord {
  /** Bumped on every visibility change; heap entries with another version are stale. */
  version: number;
}

/** In flight: received, and its visibility timeout has not run out. */
export function isInFlight(m: MessageRecord, now: number): boolean {
  return m.receiveCount > 0 && m.visibleAt > now;
}
