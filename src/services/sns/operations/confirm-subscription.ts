/**
 * ConfirmSubscription (also what the SubscribeURL calls, unsigned):
 * https://docs.aws.amazon.com/sns/latest/api/API_ConfirmSubscription.html
 */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { ownerOf } from "../names.js";
import type { SnsService } from "../sns-service.js";

export async function confirmSubscription(input: { TopicArn: string; Token: string; AuthenticateOnUnsubscribe?: string }, ctx: RequestContext, sns: SnsService) {
  const topic = sns.registry.topic(input.TopicArn, ownerOf(input.TopicArn, ctx));
  for (const s of sns.registry.subscriptionsOf(topic.arn)) {
    if (s.record.token === undefined || s.record.token !== input.Token) continue;
    if (!s.record.confirmed) {
      s.record.confirmed = true;
      s.record.confirmationWasAuthenticated = ctx.authenticated === true;
      s.record.authenticateOnUnsubscribe = input.AuthenticateOnUnsubscribe === "true";
      await sns.registry.saveSubscription(s.record);
    }
    return { SubscriptionArn: s.record.arn };
  }
  throw SnsErrors.invalidParameter("Invalid token");
}
