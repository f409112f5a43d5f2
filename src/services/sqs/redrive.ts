/**
 * Dead-letter queue rules checked when a RedrivePolicy is set: the target exists in the same
 * account and region, is of the same type (FIFO or standard) as the source, and its
 * RedriveAllowPolicy lets this source use it.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 */
import type { SqsEngine } from "./engine/sqs-engine.js";
import { SqsErrors } from "./errors.js";
import { queueArn } from "./queue-url.js";
import type { QueueKey, RedriveAllowPolicy } from "./types.js";

export function checkRedriveTarget(engine: SqsEngine, source: QueueKey, sourceFifo: boolean, redrivePolicy: string): void {
  const policy = JSON.parse(redrivePolicy) as { deadLetterTargetArn: string };
  const dlq = engine.byArn(policy.deadLetterTargetArn);
  if (!dlq || dlq.record.accountId !== source.accountId || dlq.record.region !== source.region) {
    throw SqsErrors.invalidParameter("RedrivePolicy", redrivePolicy, "Dead letter target does not exist.");
  }
  if (dlq.fifo !== sourceFifo) {
    throw SqsErrors.invalidParameter("RedrivePolicy", redrivePolicy, "Dead-letter queue must be same type of queue as the source.");
  }
  if (!redriveAllowed(dlq.record.attributes.RedriveAllowPolicy, queueArn(source))) {
    throw SqsErrors.invalidParameter("RedrivePolicy", redrivePolicy, "Queue is not allowed to use the dead-letter queue, as defined by the dead-letter queue's RedriveAllowPolicy.");
  }
}

export function redriveAllowed(allowPolicy: string | undefined, sourceArn: string): boolean {
  if (!allowPolicy) return true;
  const p = JSON.parse(allowPolicy) as RedriveAllowPolicy;
  if (p.redrivePermission === "allowAll") return true;
  if (p.redrivePermission === "denyAll") return false;
  return (p.sourceQueueArns ?? []).includes(sourceArn);
}
