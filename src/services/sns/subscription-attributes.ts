/**
 * Subscription attributes: which can be set, their checks, and what GetSubscriptionAttributes
 * reports. https://docs.aws.amazon.com/sns/latest/api/API_SetSubscriptionAttributes.html
 */
import { compilePattern, isEventPatternError, type CompiledPattern, type FilterPolicyScope } from "../../core/event-patterns/index.js";
import { parseArn } from "../../core/ids.js";
import { deliveryPolicyProblem } from "./delivery/delivery-policy.js";
import { SnsErrors } from "./errors.js";
import { DEFAULT_EFFECTIVE_DELIVERY_POLICY, isJsonObject } from "./topic-attributes.js";
import type { SubscriptionRecord } from "./types.js";

const SETTABLE = new Set(["DeliveryPolicy", "FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "SubscriptionRoleArn", "ReplayPolicy"]);
/** Protocols whose subscribers may receive the bare message. */
const RAW_PROTOCOLS = new Set(["sqs", "http", "https", "firehose"]);

/**
 * Checks the attributes a subscription would have after a change (so FilterPolicy and its
 * scope are checked together); `inSubscribe` words errors as Subscribe does.
 */
export function checkSubscriptionAttributes(protocol: string, attributes: Record<string, string>, changed: string[], inSubscribe: boolean): void {
  const reason = (detail: string) => SnsErrors.invalidParameter(`Attributes Reason: ${detail}`);
  for (const name of changed) {
    if (!SETTABLE.has(name)) throw SnsErrors.invalidParameter("AttributeName");
    const value = attributes[name];
    switch (name) {
      case "RawMessageDelivery":
        if (value !== "true" && value !== "false") throw reason(`RawMessageDelivery: Invalid value [${value}]. Must be true or false.`);
        if (value === "true" && !RAW_PROTOCOLS.has(protocol)) throw reason(`RawMessageDelivery: Invalid value [${value}]. Must be false.`);
        break;
      case "FilterPolicyScope":
        if (value !== "MessageAttributes" && value !== "MessageBody") throw reason(`FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
        break;
      case "RedrivePolicy":
        checkRedrivePolicy(value, reason);
        break;
      case "DeliveryPolicy": {
        const problem = value === "" ? undefined : deliveryPolicyProblem(value, "subscription");
        if (problem) throw reason(`DeliveryPolicy: ${problem}`);
        break;
      }
      case "ReplayPolicy":
        if (value !== "" && !isJsonObject(value)) throw reason(`${name}: failed to parse JSON.`);
        break;
      case "SubscriptionRoleArn":
        if (protocol !== "firehose") throw reason("SubscriptionRoleArn: only firehose subscriptions use this attribute");
        break;
    }
  }
  if (changed.includes("FilterPolicy") || changed.includes("FilterPolicyScope")) compileFilter(attributes, inSubscribe);
}

/** The subscription's compiled filter policy; undefined when it has none. */
export function compileFilter(attributes: Record<string, string>, inSubscribe = false): CompiledPattern | undefined {
  const policy = attributes.FilterPolicy;
  if (policy === undefined || policy === "") return undefined;
  try {
    return compilePattern(policy, { mode: "sns", scope: filterScope(attributes) });
  } catch (err) {
    if (isEventPatternError(err)) throw SnsErrors.invalidParameter(inSubscribe ? `Attributes Reason: ${err.detail}` : err.detail);
    throw err;
  }
}

export function filterScope(attributes: Record<string, string>): FilterPolicyScope {
  return attributes.FilterPolicyScope === "MessageBody" ? "MessageBody" : "MessageAttributes";
}

function checkRedrivePolicy(value: string, reason: (d: string) => Error): void {
  if (value === "") return;
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    throw reason("RedrivePolicy: failed to parse JSON.");
  }
  const target = (doc as { deadLetterTargetArn?: unknown } | null)?.deadLetterTargetArn;
  if (typeof target !== "string") throw reason("RedrivePolicy: deadLetterTargetArn is required.");
  const arn = parseArn(target);
  if (!arn || arn.service !== "sqs") throw reason(`RedrivePolicy: deadLetterTargetArn is an invalid arn: ${target}`);
}

/** The dead-letter queue ARN from a subscription's RedrivePolicy. */
export function deadLetterQueueArn(s: SubscriptionRecord): string | undefined {
  const policy = s.attributes.RedrivePolicy;
  if (!policy) return undefined;
  try {
    const target = (JSON.parse(policy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    return typeof target === "string" ? target : undefined;
  } catch {
    return undefined;
  }
}

export function isRawDelivery(s: SubscriptionRecord): boolean {
  return s.attributes.RawMessageDelivery === "true";
}

export function subscriptionAttributesView(s: SubscriptionRecord, topicDeliveryPolicy: string | undefined): Record<string, string> {
  const out: Record<string, string> = {
    Owner: s.accountId,
    RawMessageDelivery: s.attributes.RawMessageDelivery ?? "false",
    TopicArn: s.topicArn,
    Endpoint: s.endpoint,
    Protocol: s.protocol,
    PendingConfirmation: String(!s.confirmed),
    ConfirmationWasAuthenticated: String(s.confirmationWasAuthenticated === true),
    SubscriptionArn: s.arn,
    SubscriptionPrincipal: `arn:aws:iam::${s.accountId}:user/stratus`,
  };
  for (const [k, v] of Object.entries(s.attributes)) out[k] = v;
  if (s.attributes.FilterPolicy && !s.attributes.FilterPolicyScope) out.FilterPolicyScope = "MessageAttributes";
  if (s.protocol === "http" || s.protocol === "https") out.EffectiveDeliveryPolicy = s.attributes.DeliveryPolicy || topicDeliveryPolicy || DEFAULT_EFFECTIVE_DELIVERY_POLICY;
  return out;
}
