/** Publish: https://docs.aws.amazon.com/sns/latest/api/API_Publish.html */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { checkMessage, type MessageInput } from "../message-input.js";
import { isEndpointArn } from "../platform/platform-names.js";
import { publishToEndpoint } from "../platform/publish-to-endpoint.js";
import type { SnsService } from "../sns-service.js";

export async function publish(input: MessageInput & { TopicArn?: string; TargetArn?: string; PhoneNumber?: string }, ctx: RequestContext, sns: SnsService) {
  const targets = [input.TopicArn, input.TargetArn, input.PhoneNumber].filter((v) => v !== undefined);
  if (targets.length === 0) throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: no value for required parameter");
  if (targets.length > 1) throw SnsErrors.invalidParameter("TopicArn or TargetArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be specified");
  if (input.PhoneNumber !== undefined) {
    const checked = checkMessage(input, undefined);
    return { MessageId: await sns.sendSms(input.PhoneNumber, checked.message, ctx) };
  }
  if (input.TargetArn !== undefined && isEndpointArn(input.TargetArn)) return publishToEndpoint({ ...input, TargetArn: input.TargetArn }, ctx, sns);
  const topic = sns.registry.topic(input.TopicArn ?? input.TargetArn, ctx);
  const outcome = await sns.publisher.publish(topic, checkMessage(input, topic));
  return { MessageId: outcome.messageId, SequenceNumber: outcome.sequenceNumber };
}
