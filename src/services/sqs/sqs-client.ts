/**
 * SQS's in-process client for other services (Lambda destinations, dead-letter queues and
 * event-source mappings; later SNS): the same validation and engine paths as the API.
 */
import type { ReceivedMessage, SqsClientApi } from "../../core/clients.js";
import type { Queue, SqsEngine } from "./engine/sqs-engine.js";
import { SqsErrors } from "./errors.js";
import { buildDraft } from "./message-input.js";
import { toWireMessage } from "./message-output.js";
import { parseQueueArn } from "./queue-url.js";

export function sqsClient(engine: SqsEngine): SqsClientApi {
  const queue = (arn: string): Queue => {
    const key = parseQueueArn(arn);
    const q = key ? engine.get(key) : undefined;
    if (!q) throw SqsErrors.queueDoesNotExist();
    return q;
  };
  return {
    async sendMessage({ queueArn, body, attributes, groupId, dedupId, delaySeconds }) {
      const q = queue(queueArn);
      const { draft } = buildDraft({ MessageBody: body, MessageAttributes: attributes, MessageGroupId: groupId, MessageDeduplicationId: dedupId, DelaySeconds: delaySeconds }, q, q.record.accountId);
      const [outcome] = await engine.send(q, [draft]);
      return { messageId: outcome.messageId };
    },

    describeQueue(queueArn) {
      const key = parseQueueArn(queueArn);
      const q = key ? engine.get(key) : undefined;
      if (!q) return undefined;
      return { arn: q.arn, fifo: q.fifo, visibilityTimeoutSeconds: q.config.visibilityTimeoutMs / 1000 };
    },

    async receiveMessages({ queueArn, max, waitSeconds, visibilityTimeoutSeconds, signal }) {
      const q = queue(queueArn);
      const received = await engine.receive(q, {
        max,
        waitSeconds,
        visibilityTimeoutMs: visibilityTimeoutSeconds !== undefined ? visibilityTimeoutSeconds * 1000 : q.config.visibilityTimeoutMs,
        cancellation: { signal },
      });
      return received.map((r): ReceivedMessage => {
        const wire = toWireMessage(r, new Set(["All"]), ["All"]);
        return {
          messageId: wire.MessageId,
          receiptHandle: wire.ReceiptHandle,
          body: wire.Body,
          md5OfBody: wire.MD5OfBody,
          md5OfMessageAttributes: wire.MD5OfMessageAttributes,
          attributes: wire.Attributes ?? {},
          messageAttributes: wire.MessageAttributes ?? {},
        };
      });
    },

    async deleteMessages({ queueArn, receiptHandles }) {
      const q = queue(queueArn);
      const errors = await engine.deleteMessages(q, receiptHandles);
      const failed = errors.find((e) => e !== undefined);
      if (failed) throw failed;
    },
  };
}
