/** SetTopicAttributes: https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html */
import type { RequestContext } from "../../../core/service.js";
import type { SnsService } from "../sns-service.js";
import { checkTopicAttribute } from "../topic-attributes.js";

export async function setTopicAttributes(input: { TopicArn: string; AttributeName: string; AttributeValue?: string }, ctx: RequestContext, sns: SnsService) {
  const topic = sns.registry.topic(input.TopicArn, ctx);
  const value = input.AttributeValue ?? "";
  checkTopicAttribute(input.AttributeName, value, topic.fifo, false);
  // An empty value puts the attribute back to its default.
  if (value === "") delete topic.attributes[input.AttributeName];
  else topic.attributes[input.AttributeName] = value;
  await sns.registry.saveTopic(topic);
  return {};
}
