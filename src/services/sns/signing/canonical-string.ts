/**
 * The string SNS signs for an HTTP/S (or Lambda) delivery: selected fields as "Name\nValue\n",
 * in a fixed order that depends on the message type.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html
 */

export type SnsMessageType = "Notification" | "SubscriptionConfirmation" | "UnsubscribeConfirmation";

/** The members of a delivered SNS message that take part in its signature (AWS's names). */
export interface SignableFields {
  Type: SnsMessageType;
  MessageId: string;
  TopicArn: string;
  Message: string;
  /** ISO 8601 with milliseconds, as delivered (`2024-01-02T03:04:05.678Z`). */
  Timestamp: string;
  /** Notification only, and only when the publisher gave one (absent or null: not signed). */
  Subject?: string | null;
  /** SubscriptionConfirmation / UnsubscribeConfirmation only. */
  SubscribeURL?: string;
  /** SubscriptionConfirmation / UnsubscribeConfirmation only. */
  Token?: string;
}

/** Field order for a Notification; `Subject` is signed only when present. */
export const NOTIFICATION_SIGNED_FIELDS = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"] as const;

/** Field order for SubscriptionConfirmation and UnsubscribeConfirmation; all are required. */
export const CONFIRMATION_SIGNED_FIELDS =
  ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"] as const;

/** The exact UTF-8 text that is signed, each field as `Name\nValue\n` (the last one too). */
export function canonicalStringToSign(fields: SignableFields): string {
  const names = signedFieldNames(fields.Type);
  let out = "";
  for (const name of names) {
    const value = fields[name];
    if (value === undefined || value === null) {
      if (name === "Subject") continue;
      throw new TypeError(`an SNS ${fields.Type} message to sign needs ${name}`);
    }
    out += `${name}\n${value}\n`;
  }
  return out;
}

function signedFieldNames(type: SnsMessageType): readonly (keyof SignableFields)[] {
  switch (type) {
    case "Notification":
      return NOTIFICATION_SIGNED_FIELDS;
    case "SubscriptionConfirmation":
    case "UnsubscribeConfirmation":
      return CONFIRMATION_SIGNED_FIELDS;
    default:
      throw new TypeError(`unknown SNS message type ${String(type)}`);
  }
}
