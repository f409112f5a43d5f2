/** ListTopics: https://docs.aws.amazon.com/sns/latest/api/API_ListTopics.html */
import type { RequestContext } from "../../../core/service.js";
import { page } from "../pagination.js";
import type { SnsService } from "../sns-service.js";

export function listTopics(input: { NextToken?: string }, ctx: RequestContext, sns: SnsService) {
  const arns = [...sns.registry.topics.values()].filter((t) => t.accountId === ctx.accountId && t.region === ctx.region).map((t) => t.arn).sort();
  const { items, nextToken } = page(arns, input.NextToken);
  return { Topics: items.map((TopicArn) => ({ TopicArn })), NextToken: nextToken };
}
