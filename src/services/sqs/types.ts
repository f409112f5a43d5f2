/** SQS's own data, as the engine keeps it in memory and the store keeps it on disk. */

export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** A queue's identity: account, region and name (queue URLs carry account and name). */
export interface QueueKey {
  accountId: string;
  region: string;
  name: string;
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export interface RedriveAllowPolicy {
  redrivePermission: "allowAll" | "denyAll" | "byQueue";
  sourceQueueArns?: string[];
}

export interface QueueRecord extends QueueKey {
  /** `account/region/name`: the key of every map and table. */
  key: string;
  fifo: boolean;
  /** Settable attributes as AWS returns them (strings), defaults filled in. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  modifiedAt: number;
  lastPurgeAt?: number;
  /** FIFO sequence numbers grow per queue. */
  nextSequence: bigint;
}

export interface MessageRecord {
  /** Engine-wide insertion order; the store's primary key. */
  seq: number;
  queueKey: string;
  messageId: string;
  body: string;
  attributes?: MessageAttributes;
  /** AWSTraceHeader, the only message system attribute SQS accepts. */
  traceHeader?: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** When the latest receive happened (the 12-hour visibility ceiling counts from it). */
  receivedAt?: number;
  /** Nonce of the latest receive: only its receipt handle deletes the message. */
  receipt?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  senderId: string;
  deadLetterSourceArn?: string;
}

export interface DedupRecord {
  queueKey: string;
  dedupKey: string;
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

export type MoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

export interface MoveTaskRecord {
  taskHandle: string;
  sourceArn: string;
  destinationArn?: string;
  maxPerSecond?: number;
  status: MoveTaskStatus;
  toMove: number;
  moved: number;
  startedAt: number;
  failureReason?: string;
}

export function queueKeyString(k: QueueKey): string {
  return `${k.accountId}/${k.region}/${k.name}`;
}
