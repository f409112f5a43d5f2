/**
 * SqsStore on the embedded SQLite database. Writes go through the database's group commit.
 */
import type { Database, Statement } from "../../../storage/sqlite/database.js";
import type { DedupRecord, MessageAttributes, MessageRecord, MoveTaskRecord, QueueRecord } from "../types.js";
import type { SqsSnapshot, SqsStore } from "./sqs-store.js";

const MIGRATIONS = [
  {
    up: `
      CREATE TABLE sqs_queues (
        key TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, name TEXT NOT NULL,
        fifo INTEGER NOT NULL, attributes TEXT NOT NULL, tags TEXT NOT NULL,
        created_at INTEGER NOT NULL, modified_at INTEGER NOT NULL, last_purge_at INTEGER, next_sequence TEXT NOT NULL);
      CREATE TABLE sqs_messages (
        seq INTEGER PRIMARY KEY, queue TEXT NOT NULL, message_id TEXT NOT NULL, body TEXT NOT NULL,
        attributes TEXT, trace_header TEXT, md5_body TEXT NOT NULL, md5_attributes TEXT,
        sent_at INTEGER NOT NULL, visible_at INTEGER NOT NULL, receive_count INTEGER NOT NULL,
        first_receive_at INTEGER, receipt TEXT, group_id TEXT, dedup_id TEXT, sequence_number TEXT,
        sender_id TEXT NOT NULL, dlq_source_arn TEXT);
      CREATE INDEX sqs_messages_queue ON sqs_messages (queue);
      CREATE TABLE sqs_dedup (queue TEXT NOT NULL, dedup_key TEXT NOT NULL, message_id TEXT NOT NULL,
        sequence_number TEXT, expires_at INTEGER NOT NULL, PRIMARY KEY (queue, dedup_key));
      CREATE TABLE sqs_deleted_queues (key TEXT PRIMARY KEY, deleted_at INTEGER NOT NULL);
      CREATE TABLE sqs_move_tasks (task_handle TEXT PRIMARY KEY, source_arn TEXT NOT NULL, destination_arn TEXT,
        max_per_second INTEGER, status TEXT NOT NULL, to_move INTEGER NOT NULL, moved INTEGER NOT NULL,
        started_at INTEGER NOT NULL, failure_reason TEXT);`,
  },
  { up: "ALTER TABLE sqs_messages ADD COLUMN received_at INTEGER" },
];

export class SqliteSqsStore implements SqsStore {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: Database) {
    db.migrate("sqs", MIGRATIONS);
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      putQueue: p(`INSERT OR REPLACE INTO sqs_queues (key, account, region, name, fifo, attributes, tags, created_at, modified_at, last_purge_at, next_sequence)
                   VALUES (@key, @account, @region, @name, @fifo, @attributes, @tags, @created_at, @modified_at, @last_purge_at, @next_sequence)`),
      deleteQueue: p("DELETE FROM sqs_queues WHERE key = ?"),
      deleteQueueMessages: p("DELETE FROM sqs_messages WHERE queue = ?"),
      deleteQueueDedup: p("DELETE FROM sqs_dedup WHERE queue = ?"),
      markDeleted: p("INSERT OR REPLACE INTO sqs_deleted_queues (key, deleted_at) VALUES (?, ?)"),
      forgetDeleted: p("DELETE FROM sqs_deleted_queues WHERE key = ?"),
      insertMessage: p(`INSERT INTO sqs_messages (seq, queue, message_id, body, attributes, trace_header, md5_body, md5_attributes, sent_at, visible_at,
                          receive_count, first_receive_at, received_at, receipt, group_id, dedup_id, sequence_number, sender_id, dlq_source_arn)
                        VALUES (@seq, @queue, @message_id, @body, @attributes, @trace_header, @md5_body, @md5_attributes, @sent_at, @visible_at,
                          @receive_count, @first_receive_at, @received_at, @receipt, @group_id, @dedup_id, @sequence_number, @sender_id, @dlq_source_arn)`),
      updateMessage: p("UPDATE sqs_messages SET visible_at = ?, receive_count = ?, first_receive_at = ?, received_at = ?, receipt = ? WHERE seq = ?"),
      deleteMessage: p("DELETE FROM sqs_messages WHERE seq = ?"),
      purgeMessages: p("DELETE FROM sqs_messages WHERE queue = ? AND seq <= ?"),
      putDedup: p("INSERT OR REPLACE INTO sqs_dedup (queue, dedup_key, message_id, sequence_number, expires_at) VALUES (?, ?, ?, ?, ?)"),
      deleteExpiredDedup: p("DELETE FROM sqs_dedup WHERE expires_at <= ?"),
      putMoveTask: p(`INSERT OR REPLACE INTO sqs_move_tasks (task_handle, source_arn, destination_arn, max_per_second, status, to_move, moved, started_at, failure_reason)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
  }

  load(): SqsSnapshot {
    const q = this.db.prepare("SELECT * FROM sqs_queues").all() as QueueRow[];
    const m = this.db.prepare("SELECT * FROM sqs_messages ORDER BY seq").all() as MessageRow[];
    const d = this.db.prepare("SELECT * FROM sqs_dedup").all() as DedupRow[];
    const del = this.db.prepare("SELECT key, deleted_at FROM sqs_deleted_queues").all() as Array<{ key: string; deleted_at: number }>;
    const t = this.db.prepare("SELECT * FROM sqs_move_tasks").all() as MoveTaskRow[];
    return {
      queues: q.map(fromQueueRow),
      messages: m.map(fromMessageRow),
      dedup: d.map((r) => ({ queueKey: r.queue, dedupKey: r.dedup_key, messageId: r.message_id, sequenceNumber: r.sequence_number ?? undefined, expiresAt: r.expires_at })),
      deletedQueues: del.map((r) => ({ key: r.key, deletedAt: r.deleted_at })),
      moveTasks: t.map(fromMoveTaskRow),
    };
  }

  putQueue(queue: QueueRecord): Promise<void> {
    const row = toQueueRow(queue);
    return this.db.write(() => void this.s.putQueue.run(row));
  }

  deleteQueue(key: string, deletedAt: number): Promise<void> {
    return this.db.write(() => {
      this.s.deleteQueue.run(key);
      this.s.deleteQueueMessages.run(key);
      this.s.deleteQueueDedup.run(key);
      this.s.markDeleted.run(key, deletedAt);
    });
  }

  forgetDeletedQueue(key: string): Promise<void> {
    return this.db.write(() => void this.s.forgetDeleted.run(key));
  }

  insertMessages(messages: MessageRecord[]): Promise<void> {
    const rows = messages.map(toMessageRow);
    return this.db.write(() => {
      for (const row of rows) this.s.insertMessage.run(row);
    });
  }

  updateMessages(messages: MessageRecord[]): Promise<void> {
    const rows = messages.map((m) => [m.visibleAt, m.receiveCount, m.firstReceiveAt ?? null, m.receivedAt ?? null, m.receipt ?? null, m.seq] as const);
    return this.db.write(() => {
      for (const r of rows) this.s.updateMessage.run(...r);
    });
  }

  deleteMessages(seqs: number[]): Promise<void> {
    return this.db.write(() => {
      for (const seq of seqs) this.s.deleteMessage.run(seq);
    });
  }

  purgeMessages(queueKey: string, maxSeq: number): Promise<void> {
    return this.db.write(() => void this.s.purgeMessages.run(queueKey, maxSeq));
  }

  moveMessage(oldSeq: number, moved: MessageRecord): Promise<void> {
    const row = toMessageRow(moved);
    return this.db.write(() => {
      this.s.deleteMessage.run(oldSeq);
      this.s.insertMessage.run(row);
    });
  }

  putDedup(e: DedupRecord): Promise<void> {
    return this.db.write(() => void this.s.putDedup.run(e.queueKey, e.dedupKey, e.messageId, e.sequenceNumber ?? null, e.expiresAt));
  }

  deleteExpiredDedup(now: number): Promise<void> {
    return this.db.write(() => void this.s.deleteExpiredDedup.run(now));
  }

  putMoveTask(t: MoveTaskRecord): Promise<void> {
    return this.db.write(
      () => void this.s.putMoveTask.run(t.taskHandle, t.sourceArn, t.destinationArn ?? null, t.maxPerSecond ?? null, t.status, t.toMove, t.moved, t.startedAt, t.failureReason ?? null),
    );
  }

  reset(): void {
    this.db.transaction(() => {
      for (const table of ["sqs_queues", "sqs_messages", "sqs_dedup", "sqs_deleted_queues", "sqs_move_tasks"]) this.db.prepare(`DELETE FROM ${table}`).run();
    });
  }
}

interface QueueRow {
  key: string; account: string; region: string; name: string; fifo: number; attributes: string; tags: string;
  created_at: number; modified_at: number; last_purge_at: number | null; next_sequence: string;
}
interface MessageRow {
  seq: number; queue: string; message_id: string; body: string; attributes: string | null; trace_header: string | null;
  md5_body: string; md5_attributes: string | null; sent_at: number; visible_at: number; receive_count: number;
  first_receive_at: number | null; received_at: number | null; receipt: string | null; group_id: string | null; dedup_id: string | null;
  sequence_number: string | null; sender_id: string; dlq_source_arn: string | null;
}
interface DedupRow { queue: string; dedup_key: string; message_id: string; sequence_number: string | null; expires_at: number }
interface MoveTaskRow {
  task_handle: string; source_arn: string; destination_arn: string | null; max_per_second: number | null; status: string;
  to_move: number; moved: number; started_at: number; failure_reason: string | null;
}

function toQueueRow(q: QueueRecord) {
  return {
    key: q.key, account: q.accountId, region: q.region, name: q.name, fifo: q.fifo ? 1 : 0,
    attributes: JSON.stringify(q.attributes), tags: JSON.stringify(q.tags), created_at: q.createdAt, modified_at: q.modifiedAt,
    last_purge_at: q.lastPurgeAt ?? null, next_sequence: q.nextSequence.toString(),
  };
}

function fromQueueRow(r: QueueRow): QueueRecord {
  return {
    key: r.key, accountId: r.account, region: r.region, name: r.name, fifo: r.fifo === 1,
    attributes: JSON.parse(r.attributes), tags: JSON.parse(r.tags), createdAt: r.created_at, modifiedAt: r.modified_at,
    lastPurgeAt: r.last_purge_at ?? undefined, nextSequence: BigInt(r.next_sequence),
  };
}

/** Binary attribute values are kept as base64 inside the JSON column. */
function encodeAttributes(a: MessageAttributes | undefined): string | null {
  if (!a) return null;
  const out: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }> = {};
  for (const [k, v] of Object.entries(a)) out[k] = { DataType: v.DataType, StringValue: v.StringValue, BinaryValue: v.BinaryValue?.toString("base64") };
  return JSON.stringify(out);
}

function decodeAttributes(s: string | null): MessageAttributes | undefined {
  if (!s) return undefined;
  const raw = JSON.parse(s) as Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  const out: MessageAttributes = {};
  for (const [k, v] of Object.entries(raw)) {
    out[k] = { DataType: v.DataType, ...(v.StringValue !== undefined ? { StringValue: v.StringValue } : {}), ...(v.BinaryValue !== undefined ? { BinaryValue: Buffer.from(v.BinaryValue, "base64") } : {}) };
  }
  return out;
}

function toMessageRow(m: MessageRecord) {
  return {
    seq: m.seq, queue: m.queueKey, message_id: m.messageId, body: m.body, attributes: encodeAttributes(m.attributes),
    trace_header: m.traceHeader ?? null, md5_body: m.md5OfBody, md5_attributes: m.md5OfAttributes ?? null, sent_at: m.sentAt,
    visible_at: m.visibleAt, receive_count: m.receiveCount, first_receive_at: m.firstReceiveAt ?? null, received_at: m.receivedAt ?? null, receipt: m.receipt ?? null,
    group_id: m.groupId ?? null, dedup_id: m.dedupId ?? null, sequence_number: m.sequenceNumber ?? null, sender_id: m.senderId,
    dlq_source_arn: m.deadLetterSourceArn ?? null,
  };
}

function fromMessageRow(r: MessageRow): MessageRecord {
  return {
    seq: r.seq, queueKey: r.queue, messageId: r.message_id, body: r.body, attributes: decodeAttributes(r.attributes),
    traceHeader: r.trace_header ?? undefined, md5OfBody: r.md5_body, md5OfAttributes: r.md5_attributes ?? undefined,
    sentAt: r.sent_at, visibleAt: r.visible_at, receiveCount: r.receive_count, firstReceiveAt: r.first_receive_at ?? undefined, receivedAt: r.received_at ?? undefined,
    receipt: r.receipt ?? undefined, groupId: r.group_id ?? undefined, dedupId: r.dedup_id ?? undefined,
    sequenceNumber: r.sequence_number ?? undefined, senderId: r.sender_id, deadLetterSourceArn: r.dlq_source_arn ?? undefined,
  };
}

function fromMoveTaskRow(r: MoveTaskRow): MoveTaskRecord {
  return {
    taskHandle: r.task_handle, sourceArn: r.source_arn, destinationArn: r.destination_arn ?? undefined, maxPerSecond: r.max_per_second ?? undefined,
    status: r.status as MoveTaskRecord["status"], toMove: r.to_move, moved: r.moved, startedAt: r.started_at, failureReason: r.failure_reason ?? undefined,
  };
}
