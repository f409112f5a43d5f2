/**
 * What an SNS filter policy is matched against, built from a published message.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
 *
 * FilterPolicyScope MessageAttributes: each attribute becomes one key of the event.
 * - String (and String.<custom>) → its string value: matches strings, never numeric conditions.
 * - Number (and Number.<custom>) → a number: matches numeric conditions and exact numbers,
 *   never exact strings ("300" in a policy does not match Number 300).
 * - String.Array → the JSON array it holds, each element matched on its own (strings, numbers,
 *   true/false/null); a value that is not a JSON array is kept as its string.
 * - Binary → left out: "Amazon SNS compares policy properties only to message attributes that
 *   have the following data types: String, String.Array, Number", so a Binary attribute matches
 *   no value and does not exist for `exists`.
 *   https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 *
 * FilterPolicyScope MessageBody: the body parsed as JSON; a body that is not a JSON object
 * matches no policy ("the message payload is a well-formed JSON object" is assumed).
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering-scope.html
 */
import type { FilterPolicyScope } from "./compile.js";

/** SNS/SQS message attribute, as in Publish and SendMessage. */
export interface MessageAttributeInput {
  DataType: string;
  StringValue?: string;
  BinaryValue?: unknown;
}

/** The event a MessageAttributes policy sees. */
export function snsAttributesEvent(attributes: Readonly<Record<string, MessageAttributeInput>> | undefined): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  if (!attributes) return event;
  for (const name of Object.keys(attributes)) {
    const { DataType: type, StringValue: value } = attributes[name];
    if (value === undefined || type.startsWith("Binary")) continue;
    if (type === "String.Array") {
      event[name] = parseArray(value);
    } else if (type.startsWith("Number")) {
      const n = Number(value);
      event[name] = value.trim() !== "" && Number.isFinite(n) ? n : value;
    } else {
      event[name] = value;
    }
  }
  return event;
}

function parseArray(value: string): unknown {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : value;
  } catch {
    return value;
  }
}

/** The event a MessageBody policy sees, or undefined when the body is not a JSON object. */
export function snsBodyEvent(body: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}

/** The event for a subscription's scope (undefined matches nothing). */
export function snsFilterEvent(scope: FilterPolicyScope, message: { body: string; attributes?: Readonly<Record<string, MessageAttributeInput>> }): Record<string, unknown> | undefined {
  return scope === "MessageBody" ? snsBodyEvent(message.body) : snsAttributesEvent(message.attributes);
}
