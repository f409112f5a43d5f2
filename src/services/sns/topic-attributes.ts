/**
 * Topic attributes: which can be set, their checks, and what GetTopicAttributes reports.
 * https://docs.aws.amazon.com/sns/latest/api/API_SetTopicAttributes.html
 * https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
 */
import { deliveryPolicyProblem } from "./delivery/delivery-policy.js";
import { SnsErrors } from "./errors.js";
import type { TopicRecord } from "./types.js";

const FEEDBACK = ["Application", "Firehose", "HTTP", "Lambda", "SQS"].flatMap((p) => [`${p}SuccessFeedbackRoleArn`, `${p}SuccessFeedbackSampleRate`, `${p}FailureFeedbackRoleArn`]);

const SETTABLE = new Set(["DeliveryPolicy", "DisplayName", "Policy", "TracingConfig", "KmsMasterKeyId", "SignatureVersion", "ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope", ...FEEDBACK]);
const FIFO_ONLY = new Set(["ContentBasedDeduplication", "ArchivePolicy", "FifoThroughputScope"]);

/** Checks one attribute for a topic; throws InvalidParameter in AWS's words. */
export function checkTopicAttribute(name: string, value: string, fifo: boolean, creating: boolean): void {
  if (creating && name === "FifoTopic") {
    if (value !== "true" && value !== "false") throw SnsErrors.invalidParameter("Attributes Reason: FifoTopic: Invalid value [" + value + "]. Must be true or false.");
    return;
  }
  if (!SETTABLE.has(name)) throw SnsErrors.invalidParameter("AttributeName");
  if (FIFO_ONLY.has(name) && !fifo) throw SnsErrors.invalidParameter(`Attributes Reason: ${name}: only FIFO topics support this attribute`);
  switch (name) {
    case "ContentBasedDeduplication":
      if (value !== "true" && value !== "false") throw SnsErrors.invalidParameter(`Attributes Reason: ContentBasedDeduplication: Invalid value [${value}]. Must be true or false.`);
      break;
    case "SignatureVersion":
      if (value !== "1" && value !== "2") throw SnsErrors.invalidParameter(`Attributes Reason: SignatureVersion: Invalid value [${value}]. Must be 1 or 2.`);
      break;
    case "TracingConfig":
      if (value !== "Active" && value !== "PassThrough") throw SnsErrors.invalidParameter(`Attributes Reason: TracingConfig: Invalid value [${value}]. Must be Active or PassThrough.`);
      break;
    case "FifoThroughputScope":
      if (value !== "Topic" && value !== "MessageGroup") throw SnsErrors.invalidParameter(`Attributes Reason: FifoThroughputScope: Invalid value [${value}]. Must be Topic or MessageGroup.`);
      break;
    case "DisplayName":
      if (value.length > 100) throw SnsErrors.invalidParameter("DisplayName");
      break;
    case "DeliveryPolicy": {
      const problem = value === "" ? undefined : deliveryPolicyProblem(value, "topic");
      if (problem) throw SnsErrors.invalidParameter(`DeliveryPolicy: ${problem}`);
      break;
    }
    case "Policy":
    case "ArchivePolicy":
      if (value !== "" && !isJsonObject(value)) throw SnsErrors.invalidParameter(`${name}: failed to parse JSON.`);
      break;
  }
}

export function isJsonObject(text: string): boolean {
  try {
    const v = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** AWS's default access policy for a new topic. */
export function defaultTopicPolicy(t: TopicRecord): string {
  return JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["SNS:GetTopicAttributes", "SNS:SetTopicAttributes", "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic", "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"],
        Resource: t.arn,
        Condition: { StringEquals: { "AWS:SourceOwner": t.accountId } },
      },
    ],
  });
}

/** The HTTP delivery policy a topic gets when none is set (3 retries, 20 s apart). */
export const DEFAULT_EFFECTIVE_DELIVERY_POLICY = JSON.stringify({
  http: {
    defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: "linear" },
    disableSubscriptionOverrides: false,
    defaultRequestPolicy: { headerContentType: "text/plain; charset=UTF-8" },
  },
});

export function topicAttributesView(t: TopicRecord, counts: { confirmed: number; pending: number }): Record<string, string> {
  const out: Record<string, string> = {
    Policy: t.attributes.Policy || defaultTopicPolicy(t),
    Owner: t.accountId,
    SubscriptionsPending: String(counts.pending),
    TopicArn: t.arn,
    EffectiveDeliveryPolicy: t.attributes.DeliveryPolicy || DEFAULT_EFFECTIVE_DELIVERY_POLICY,
    SubscriptionsConfirmed: String(counts.confirmed),
    DisplayName: t.attributes.DisplayName ?? "",
    SubscriptionsDeleted: String(t.subscriptionsDeleted),
  };
  for (const [k, v] of Object.entries(t.attributes)) if (k !== "Policy") out[k] = v;
  if (t.fifo) {
    out.FifoTopic = "true";
    out.ContentBasedDeduplication = t.attributes.ContentBasedDeduplication ?? "false";
  }
  return out;
}
