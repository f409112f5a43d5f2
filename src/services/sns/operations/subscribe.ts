/** Subscribe: https://docs.aws.amazon.com/sns/latest/api/API_Subscribe.html */
import { randomBytes } from "node:crypto";
import type { RequestContext } from "../../../core/service.js";
import { newUuid } from "../../../core/ids.js";
import { SnsErrors } from "../errors.js";
import type { SnsService } from "../sns-service.js";
import { checkEndpoint, CONFIRMED_BY_SUBSCRIBER } from "../subscribe-endpoint.js";
import { checkSubscriptionAttributes } from "../subscription-attributes.js";
import type { SubscriptionRecord } from "../types.js";

const PENDING = "pending confirmation";

export async function subscribe(
  input: { TopicArn: string; Protocol: string; Endpoint?: string; Attributes?: Record<string, string>; ReturnSubscriptionArn?: boolean },
  ctx: RequestContext,
  sns: SnsService,
) {
  const topic = sns.registry.topic(input.TopicArn, ctx);
  const protocol = input.Protocol;
  const endpoint = checkEndpoint(protocol, input.Endpoint);
  const attributes = { ...(input.Attributes ?? {}) };
  checkSubscriptionAttributes(protocol, attributes, Object.keys(attributes), true);
  if (protocol === "sqs" && !topic.fifo && endpoint.endsWith(".fifo")) {
    throw SnsErrors.invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics");
  }
  if (topic.fifo && protocol !== "sqs") {
    throw SnsErrors.invalidParameter(`Invalid parameter: Endpoint Reason: Please use FIFO SQS queue or standard SQS queue to subscribe to a FIFO topic. ${protocol} is not supported`);
  }

  // Subscribing the same endpoint twice returns the existing subscription.
  for (const s of sns.registry.subscriptionsOf(topic.arn)) {
    if (s.record.protocol !== protocol || s.record.endpoint !== endpoint) continue;
    for (const [name, value] of Object.entries(attributes)) {
      if ((s.record.attributes[name] ?? "") !== value) throw SnsErrors.invalidParameter("Attributes Reason: Subscription already exists with different attributes");
    }
    return { SubscriptionArn: s.record.confirmed || input.ReturnSubscriptionArn ? s.record.arn : PENDING };
  }

  const needsConfirmation = CONFIRMED_BY_SUBSCRIBER.has(protocol);
  const record: SubscriptionRecord = {
    arn: `${topic.arn}:${newUuid()}`,
    topicArn: topic.arn,
    accountId: ctx.accountId,
    region: ctx.region,
    protocol,
    endpoint,
    attributes,
    confirmed: !needsConfirmation,
    confirmationWasAuthenticated: !needsConfirmation,
    token: needsConfirmation ? randomBytes(64).toString("hex") : undefined,
  };
  await sns.registry.saveSubscription(record);
  if (needsConfirmation) await sns.requestConfirmation(record);
  return { SubscriptionArn: needsConfirmation && !input.ReturnSubscriptionArn ? PENDING : record.arn };
}
