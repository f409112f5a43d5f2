/** Numbers and policies the engine reads on every send and receive, derived once from a queue's attributes. */
import type { RedrivePolicy } from "./types.js";

export interface QueueConfig {
  visibilityTimeoutMs: number;
  retentionMs: number;
  delayMs: number;
  maxMessageSize: number;
  receiveWaitSeconds: number;
  contentBasedDeduplication: boolean;
  dedupScopeGroup: boolean;
  redrive?: RedrivePolicy;
}

export function deriveConfig(attributes: Record<string, string>): QueueConfig {
  let redrive: RedrivePolicy | undefined;
  if (attributes.RedrivePolicy) {
    try {
      const p = JSON.parse(attributes.RedrivePolicy) as { deadLetterTargetArn?: string; maxReceiveCount?: number | string };
      if (p.deadLetterTargetArn) redrive = { deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: Number(p.maxReceiveCount) };
    } catch {
      redrive = undefined;
    }
  }
  return {
    visibilityTimeoutMs: Number(attributes.VisibilityTimeout ?? 30) * 1000,
    retentionMs: Number(attributes.MessageRetentionPeriod ?? 345600) * 1000,
    delayMs: Number(attributes.DelaySeconds ?? 0) * 1000,
    maxMessageSize: Number(attributes.MaximumMessageSize ?? 1048576),
    receiveWaitSeconds: Number(attributes.ReceiveMessageWaitTimeSeconds ?? 0),
    contentBasedDeduplication: attributes.ContentBasedDeduplication === "true",
    dedupScopeGroup: attributes.DeduplicationScope === "messageGroup",
    redrive,
  };
}
