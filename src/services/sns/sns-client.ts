/**
 * SNS's in-process client for other services (Lambda destinations and dead-letter topics;
 * later EventBridge targets and Step Functions): Publish's checks and fan-out, nothing else.
 */
import type { SnsClientApi } from "../../core/clients.js";
import { SnsErrors } from "./errors.js";
import { checkMessage } from "./message-input.js";
import type { SnsService } from "./sns-service.js";

export function snsClient(sns: SnsService): SnsClientApi {
  return {
    async publish({ topicArn, message, subject, attributes, groupId, dedupId }) {
      const topic = sns.registry.topics.get(topicArn);
      if (!topic) throw SnsErrors.topicNotFound();
      const checked = checkMessage({ Message: message, Subject: subject, MessageAttributes: attributes, MessageGroupId: groupId, MessageDeduplicationId: dedupId }, topic);
      const { messageId } = await sns.publisher.publish(topic, checked);
      return { messageId };
    },
  };
}
