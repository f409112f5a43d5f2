/** GetTopicAttributes: https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html */
import type { RequestContext } from "../../../core/service.js";
import type { SnsService } from "../sns-service.js";
import { topicAttributesView } from "../topic-attributes.js";

export function getTopicAttributes(input: { TopicArn: string }, ctx: RequestContext, sns: SnsService) {
  const topic = sns.registry.topic(input.TopicArn, ctx);
  return { Attributes: topicAttributesView(topic, sns.registry.counts(topic.arn)) };
}
