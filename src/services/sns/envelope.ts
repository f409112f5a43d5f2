/**
 * What subscribers receive: the signed JSON notification (SQS, HTTP/S, email-json), the
 * Lambda event record, and the bare message with RawMessageDelivery.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-and-json-formats.html
 * https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
 */
import type { SignatureVersion } from "./signing/index.js";
import type { PublishedMessage, SnsMessageAttribute } from "./types.js";

/** Signs a notification's canonical fields (see MessageSigner in sns-service.ts). */
export type Sign = (fields: { Type: "Notification"; MessageId: string; TopicArn: string; Message: string; Timestamp: string; Subject?: string }, version: SignatureVersion) => string;

export interface EnvelopeContext {
  sign: Sign;
  signatureVersion: SignatureVersion;
  signingCertUrl: string;
  unsubscribeUrl: string;
}

/** The text one subscriber gets for `protocol` (MessageStructure json can vary it). */
export function messageFor(m: PublishedMessage, protocol: string): string {
  return m.perProtocol?.[protocol] ?? m.message;
}

/**
 * The JSON notification, laid out as SNS lays it out (one member per line, `" : "`), members
 * in AWS's order; Subject only when set, SequenceNumber only for FIFO topics.
 */
export function notificationJson(m: PublishedMessage, text: string, ctx: EnvelopeContext): string {
  const signature = ctx.sign({ Type: "Notification", MessageId: m.messageId, TopicArn: m.topic.arn, Message: text, Timestamp: m.timestamp, Subject: m.subject }, ctx.signatureVersion);
  const members: Array<[string, string]> = [
    ["Type", "Notification"],
    ["MessageId", m.messageId],
  ];
  if (m.sequenceNumber !== undefined) members.push(["SequenceNumber", m.sequenceNumber]);
  members.push(["TopicArn", m.topic.arn]);
  if (m.subject !== undefined) members.push(["Subject", m.subject]);
  members.push(
    ["Message", text],
    ["Timestamp", m.timestamp],
    ["SignatureVersion", ctx.signatureVersion],
    ["Signature", signature],
    ["SigningCertURL", ctx.signingCertUrl],
    ["UnsubscribeURL", ctx.unsubscribeUrl],
  );
  const lines = members.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`);
  const attrs = Object.entries(m.attributes);
  if (attrs.length > 0) {
    const inner = attrs.map(([name, a]) => `    ${JSON.stringify(name)} : ${JSON.stringify(attributeView(a))}`);
    lines.push(`  "MessageAttributes" : {\n${inner.join(",\n")}\n  }`);
  }
  return `{\n${lines.join(",\n")}\n}`;
}

/** The event a Lambda subscriber is invoked with (`SigningCertUrl`/`UnsubscribeUrl` spelt as there). */
export function lambdaEvent(m: PublishedMessage, text: string, subscriptionArn: string, ctx: EnvelopeContext): string {
  const signature = ctx.sign({ Type: "Notification", MessageId: m.messageId, TopicArn: m.topic.arn, Message: text, Timestamp: m.timestamp, Subject: m.subject }, ctx.signatureVersion);
  const attributes: Record<string, { Type: string; Value: string }> = {};
  for (const [name, a] of Object.entries(m.attributes)) attributes[name] = attributeView(a);
  return JSON.stringify({
    Records: [
      {
        EventSource: "aws:sns",
        EventVersion: "1.0",
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: "Notification",
          MessageId: m.messageId,
          TopicArn: m.topic.arn,
          Subject: m.subject ?? null,
          Message: text,
          Timestamp: m.timestamp,
          SignatureVersion: ctx.signatureVersion,
          Signature: signature,
          SigningCertUrl: ctx.signingCertUrl,
          UnsubscribeUrl: ctx.unsubscribeUrl,
          MessageAttributes: attributes,
        },
      },
    ],
  });
}

/** `{Type, Value}`: binary values base64, as SNS shows them. */
function attributeView(a: SnsMessageAttribute): { Type: string; Value: string } {
  return { Type: a.DataType, Value: a.BinaryValue ? Buffer.from(a.BinaryValue).toString("base64") : (a.StringValue ?? "") };
}

export type ConfirmationType = "SubscriptionConfirmation" | "UnsubscribeConfirmation";

/** What SubscriptionConfirmation and UnsubscribeConfirmation carry (signed like a notification). */
export interface Confirmation {
  type: ConfirmationType;
  messageId: string;
  token: string;
  topicArn: string;
  subscriptionArn: string;
  subscribeUrl: string;
  timestamp: string;
}

export function confirmationText(c: Confirmation): string {
  return c.type === "SubscriptionConfirmation"
    ? `You have chosen to subscribe to the topic ${c.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`
    : `You have chosen to deactivate subscription ${c.subscriptionArn}.\nTo cancel this operation and restore the subscription, visit the SubscribeURL included in this message.`;
}

/** The confirmation JSON, members in AWS's order. */
export function confirmationJson(c: Confirmation, signFields: (fields: Record<string, string>) => string, signatureVersion: SignatureVersion, signingCertUrl: string): string {
  const message = confirmationText(c);
  const signature = signFields({ Type: c.type, MessageId: c.messageId, Token: c.token, TopicArn: c.topicArn, Message: message, SubscribeURL: c.subscribeUrl, Timestamp: c.timestamp });
  const members: Array<[string, string]> = [
    ["Type", c.type],
    ["MessageId", c.messageId],
    ["Token", c.token],
    ["TopicArn", c.topicArn],
    ["Message", message],
    ["SubscribeURL", c.subscribeUrl],
    ["Timestamp", c.timestamp],
    ["SignatureVersion", signatureVersion],
    ["Signature", signature],
    ["SigningCertURL", signingCertUrl],
  ];
  return `{\n${members.map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v)}`).join(",\n")}\n}`;
}
