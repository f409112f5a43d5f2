/**
 * What SQS keeps durably. The engine holds the live state in memory and calls these to make
 * each change durable before the client hears success (every method resolves on commit).
 * At start the engine rebuilds its state from the `load*` methods.
 */
import type { DedupRecord, MessageRecord, MoveTaskRecord, QueueRecord } from "../types.js";

export interface SqsSnapshot {
  queues: QueueRecord[];
  /** In `seq` order. */
  messages: MessageRecord[];
  dedup: DedupRecord[];
  deletedQueues: Array<{ key: string; deletedAt: number }>;
  moveTasks: MoveTaskRecord[];
}

export interface SqsStore {
  load(): SqsSnapshot;
  putQueue(queue: QueueRecord): Promise<void>;
  /** Removes the queue and its messages, and remembers when (QueueDeletedRecently). */
  deleteQueue(key: string, deletedAt: number): Promise<void>;
  forgetDeletedQueue(key: string): Promise<void>;
  insertMessages(messages: MessageRecord[]): Promise<void>;
  /** Persists the receive-side fields (visibility, receive count, receipt) of these messages. */
  updateMessages(messages: MessageRecord[]): Promise<void>;
  deleteMessages(seqs: number[]): Promise<void>;
  /** Deletes every message of the queue up to `maxSeq` (PurgeQueue). */
  purgeMessages(queueKey: string, maxSeq: number): Promise<void>;
  /** Moves a message to another queue (DLQ redrive, move tasks) under a new seq. */
  moveMessage(oldSeq: number, moved: MessageRecord): Promise<void>;
  putDedup(entry: DedupRecord): Promise<void>;
  deleteExpiredDedup(now: number): Promise<void>;
  putMoveTask(task: MoveTaskRecord): Promise<void>;
  /** Forgets everything (admin reset). */
  reset(): void;
}
