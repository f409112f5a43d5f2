/** DeleteTopic: https://docs.aws.amazon.com/sns/latest/api/API_DeleteTopic.html (idempotent). */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { parseTopicArn } from "../names.js";
import type { SnsService } from "../sns-service.js";

export async function deleteTopic(input: { TopicArn: string }, ctx: RequestContext, sns: SnsService) {
  if (!parseTopicArn(input.TopicArn)) throw SnsErrors.invalidParameter("TopicArn");
  const topic = sns.registry.topics.get(input.TopicArn);
  // Deleting a topic that does not exist succeeds, as on AWS.
  if (topic && topic.accountId === ctx.accountId && topic.region === ctx.region) await sns.registry.deleteTopic(topic);
  return {};
}
