/**
 * Publish's fan-out: one message, every confirmed subscription whose filter policy lets it
 * through, each delivered by its protocol. Publish answers once every delivery is done or
 * durably queued (SQS writes are committed, Lambda events stored in Lambda's queue, HTTP
 * deliveries scheduled), so nothing acknowledged is lost; one subscriber's failure never
 * fails the publish or another subscriber's delivery.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-filtering.html
 */
import { snsFilterEvent } from "../../core/event-patterns/index.js";
import { newUuid } from "../../core/ids.js";
import { messageFor, type Sign } from "./envelope.js";
import type { CheckedMessage } from "./message-input.js";
import type { SnsService } from "./sns-service.js";
import type { Subscription } from "./sns-registry.js";
import { isSignatureVersion, signMessageAsync, type SignatureVersion, type SnsSigningMaterial } from "./signing/index.js";
import { isRawDelivery } from "./subscription-attributes.js";
import type { PublishedMessage, TopicRecord } from "./types.js";

export interface PublishOutcome {
  messageId: string;
  sequenceNumber?: string;
}

export class Publisher {
  private sequence = 0;

  constructor(private readonly sns: SnsService) {}

  async publish(topic: TopicRecord, checked: CheckedMessage): Promise<PublishOutcome> {
    const now = this.sns.clock.now();
    if (topic.fifo && checked.dedupId !== undefined) {
      const seen = this.sns.dedup.find(topic.arn, checked.dedupId, now);
      if (seen) return { messageId: seen.messageId, sequenceNumber: seen.sequenceNumber };
    }
    const message: PublishedMessage = {
      messageId: newUuid(),
      topic,
      message: checked.message,
      perProtocol: checked.perProtocol,
      subject: checked.subject,
      attributes: checked.attributes,
      timestamp: new Date(now).toISOString(),
      groupId: checked.groupId,
      dedupId: checked.dedupId,
      sequenceNumber: topic.fifo ? this.nextSequenceNumber(now) : undefined,
    };
    const targets = this.matching(topic.arn, message);
    if (targets.length > 0) {
      const material = await this.sns.signingMaterial();
      const version: SignatureVersion = isSignatureVersion(topic.attributes.SignatureVersion) ? topic.attributes.SignatureVersion : "1";
      const sign = await this.presign(message, targets, version, material);
      const signingCertUrl = this.sns.signingCertUrl(material);
      await Promise.all(
        targets.map((subscription) =>
          this.sns.deliver({ subscription, message, envelope: { sign, signatureVersion: version, signingCertUrl, unsubscribeUrl: this.sns.unsubscribeUrl(subscription.record.arn) } }),
        ),
      );
    }
    if (topic.fifo && message.dedupId !== undefined) this.sns.dedup.remember(topic.arn, message.dedupId, message.messageId, message.sequenceNumber!, now);
    return { messageId: message.messageId, sequenceNumber: message.sequenceNumber };
  }

  /** Confirmed subscriptions without a filter policy, and those whose policy matches. */
  private matching(topicArn: string, m: PublishedMessage): Subscription[] {
    const registry = this.sns.registry;
    const passed = new Set<string>();
    for (const scope of ["MessageAttributes", "MessageBody"] as const) {
      if (!registry.hasFilters(topicArn, scope)) continue;
      const event = snsFilterEvent(scope, { body: m.message, attributes: m.attributes });
      if (event) for (const arn of registry.filtered(topicArn, scope, event)) passed.add(arn);
    }
    const out: Subscription[] = [];
    for (const s of registry.subscriptionsOf(topicArn)) {
      if (s.record.confirmed && (!s.filter || passed.has(s.record.arn))) out.push(s);
    }
    return out;
  }

  /**
   * Signs, once and off the event loop (signMessageAsync), each distinct text that subscribers
   * getting a signed envelope will see; returns the signer the envelopes use. A text nobody
   * asked for ahead (a dead-letter copy, say) is signed synchronously.
   */
  private async presign(m: PublishedMessage, targets: Subscription[], version: SignatureVersion, material: SnsSigningMaterial): Promise<Sign> {
    const texts = new Set<string>();
    for (const s of targets) if (getsSignedEnvelope(s)) texts.add(messageFor(m, s.record.protocol));
    const fields = (text: string) => ({ Type: "Notification" as const, MessageId: m.messageId, TopicArn: m.topic.arn, Message: text, Timestamp: m.timestamp, Subject: m.subject });
    const signed = new Map(await Promise.all([...texts].map(async (text) => [text, await signMessageAsync(fields(text), version, material.privateKey)] as const)));
    const fallback = this.sns.signer(material);
    return (f, v) => (v === version ? signed.get(f.Message) : undefined) ?? fallback(f, v);
  }

  /** 20 digits, increasing: the clock's milliseconds and a counter within the millisecond. */
  private nextSequenceNumber(now: number): string {
    this.sequence = (this.sequence + 1) % 1_000_000;
    return (BigInt(now) * 1_000_000n + BigInt(this.sequence)).toString().padStart(20, "0");
  }
}

/** Raw deliveries and the bare-text protocols carry no signature. */
function getsSignedEnvelope(s: Subscription): boolean {
  const protocol = s.record.protocol;
  if (protocol === "email" || protocol === "sms") return false;
  return !(isRawDelivery(s.record) && (protocol === "sqs" || protocol === "http" || protocol === "https" || protocol === "firehose"));
}
