/**
 * ListSubscriptions and ListSubscriptionsByTopic:
 * https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptions.html
 * https://docs.aws.amazon.com/sns/latest/api/API_ListSubscriptionsByTopic.html
 */
import type { RequestContext } from "../../../core/service.js";
import { page } from "../pagination.js";
import type { SnsService } from "../sns-service.js";
import type { SubscriptionRecord } from "../types.js";

function view(s: SubscriptionRecord) {
  return { SubscriptionArn: s.confirmed ? s.arn : "PendingConfirmation", Owner: s.accountId, Protocol: s.protocol, Endpoint: s.endpoint, TopicArn: s.topicArn };
}

export function listSubscriptions(input: { NextToken?: string }, ctx: RequestContext, sns: SnsService) {
  const all = [...sns.registry.subscriptions.values()].map((s) => s.record).filter((s) => s.accountId === ctx.accountId && s.region === ctx.region);
  const { items, nextToken } = page(all, input.NextToken);
  return { Subscriptions: items.map(view), NextToken: nextToken };
}

export function listSubscriptionsByTopic(input: { TopicArn: string; NextToken?: string }, ctx: RequestContext, sns: SnsService) {
  const topic = sns.registry.topic(input.TopicArn, ctx);
  const { items, nextToken } = page([...sns.registry.subscriptionsOf(topic.arn)].map((s) => s.record), input.NextToken);
  return { Subscriptions: items.map(view), NextToken: nextToken };
}
