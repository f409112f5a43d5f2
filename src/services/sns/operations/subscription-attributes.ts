/**
 * GetSubscriptionAttributes and SetSubscriptionAttributes:
 * https://docs.aws.amazon.com/sns/latest/api/API_GetSubscriptionAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { SnsService } from "../sns-service.js";
import { checkSubscriptionAttributes, subscriptionAttributesView } from "../subscription-attributes.js";

export function getSubscriptionAttributes(input: { SubscriptionArn: string }, ctx: RequestContext, sns: SnsService) {
  const { record } = sns.registry.subscription(input.SubscriptionArn, ctx);
  return { Attributes: subscriptionAttributesView(record, sns.registry.topics.get(record.topicArn)?.attributes.DeliveryPolicy) };
}

export async function setSubscriptionAttributes(input: { SubscriptionArn: string; AttributeName: string; AttributeValue?: string }, ctx: RequestContext, sns: SnsService) {
  const { record } = sns.registry.subscription(input.SubscriptionArn, ctx);
  const value = input.AttributeValue ?? "";
  const next = { ...record.attributes, [input.AttributeName]: value };
  checkSubscriptionAttributes(record.protocol, next, [input.AttributeName], false);
  // An empty value removes the attribute (an empty FilterPolicy lets everything through).
  if (value === "") delete next[input.AttributeName];
  record.attributes = next;
  await sns.registry.saveSubscription(record);
  return {};
}
