/**
 * Unsubscribe (also what the UnsubscribeURL calls, unsigned):
 * https://docs.aws.amazon.com/sns/latest/api/API_Unsubscribe.html
 */
import type { RequestContext } from "../../../core/service.js";
import { SnsErrors } from "../errors.js";
import { ownerOf } from "../names.js";
import type { SnsService } from "../sns-service.js";

export async function unsubscribe(input: { SubscriptionArn: string }, ctx: RequestContext, sns: SnsService) {
  const s = sns.registry.subscription(input.SubscriptionArn, ownerOf(input.SubscriptionArn, ctx));
  if (s.record.authenticateOnUnsubscribe && !ctx.authenticated) {
    throw SnsErrors.authorization("Unsubscribe is not allowed for this subscription without authentication");
  }
  await sns.registry.deleteSubscription(s);
  await sns.confirmUnsubscribe(s.record);
  return {};
}
