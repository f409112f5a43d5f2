/**
 * SNS → HTTP/S endpoints: notifications, SubscriptionConfirmation and UnsubscribeConfirmation
 * are POSTed with SNS's headers. Every attempt is a durable scheduler job (stored before
 * Publish or Subscribe answers, so a restart loses nothing); the first is due at once, and a
 * failed attempt (connection error, no answer within 15 seconds, or a status other than 2xx)
 * schedules the next one by the delivery policy (see delivery-policy.ts). Once the retries are
 * spent, a notification goes to the subscription's dead-letter queue when it has one.
 * `throttlePolicy.maxReceivesPerSecond` is not applied.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html
 * https://docs.aws.amazon.com/sns/latest/dg/http-header.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html
 */
import type { Scheduler } from "../../../core/scheduler.js";
import type { Confirmation, ConfirmationType } from "../envelope.js";
import { messageFor, notificationJson } from "../envelope.js";
import type { SignatureVersion } from "../signing/index.js";
import type { SnsService } from "../sns-service.js";
import { isRawDelivery } from "../subscription-attributes.js";
import type { PublishedMessage, SnsMessageAttribute, SubscriptionRecord } from "../types.js";
import { DEFAULT_CONTENT_TYPE, DEFAULT_RETRY_POLICY, effectiveHttpPolicy, retryDelaysMs } from "./delivery-policy.js";
import { postOnce, type PostOutcome } from "./http-post.js";
import type { Delivery, DeliveryDeps } from "./types.js";

export const HTTP_DELIVERY_JOB = "sns.http-delivery";
/** AWS waits 15 seconds for an endpoint to connect and answer. */
export const HTTP_DELIVERY_TIMEOUT_MS = 15_000;
export const SNS_USER_AGENT = "Amazon Simple Notification Service Agent";

type MessageType = "Notification" | ConfirmationType;

/** What a dead-lettered notification needs to be rebuilt as the subscriber would have got it. */
interface NotificationSnapshot {
  text: string;
  subject?: string;
  timestamp: string;
  /** Binary values base64. */
  attributes: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  signatureVersion: SignatureVersion;
  signingCertUrl: string;
  unsubscribeUrl: string;
}

/** One pending POST (the scheduler job's payload): all an attempt needs, after a restart too. */
export interface HttpDeliveryJob {
  type: MessageType;
  url: string;
  headers: Record<string, string>;
  body: string;
  subscriptionArn: string;
  topicArn: string;
  messageId: string;
  /** 0 for the first attempt, n for the n-th retry. */
  attempt: number;
  /** Milliseconds before each retry, fixed when the message was queued. */
  retryDelaysMs: number[];
  /** Notifications only: to rebuild the message for the dead-letter queue. */
  notification?: NotificationSnapshot;
}

export class HttpDelivery {
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly sns: SnsService,
    private readonly scheduler: Scheduler,
    private readonly deps: DeliveryDeps,
  ) {
    scheduler.register(HTTP_DELIVERY_JOB, (job) => this.run(job.payload as HttpDeliveryJob));
  }

  /** Queues a notification (durably: resolves once the first attempt is stored). */
  async deliver(d: Delivery): Promise<void> {
    const { record } = d.subscription;
    const m = d.message;
    const text = messageFor(m, record.protocol);
    const raw = isRawDelivery(record);
    const topic = this.sns.registry.topics.get(record.topicArn);
    const policy = effectiveHttpPolicy(topic?.attributes.DeliveryPolicy, record.attributes.DeliveryPolicy);
    const headers: Record<string, string> = {
      "x-amz-sns-message-type": "Notification",
      "x-amz-sns-message-id": m.messageId,
      "x-amz-sns-topic-arn": m.topic.arn,
      "x-amz-sns-subscription-arn": record.arn,
      "Content-Type": policy.contentType,
      "User-Agent": SNS_USER_AGENT,
    };
    if (raw) headers["x-amz-sns-rawdelivery"] = "true";
    await this.queue({
      type: "Notification",
      url: record.endpoint,
      headers,
      body: raw ? text : notificationJson(m, text, d.envelope),
      subscriptionArn: record.arn,
      topicArn: m.topic.arn,
      messageId: m.messageId,
      attempt: 0,
      retryDelaysMs: retryDelaysMs(policy.retry),
      notification: {
        text,
        subject: m.subject,
        timestamp: m.timestamp,
        attributes: snapshotAttributes(m.attributes),
        signatureVersion: d.envelope.signatureVersion,
        signingCertUrl: d.envelope.signingCertUrl,
        unsubscribeUrl: d.envelope.unsubscribeUrl,
      },
    });
  }

  /** Queues a SubscriptionConfirmation or UnsubscribeConfirmation (retried by AWS's default policy). */
  async sendConfirmation(record: SubscriptionRecord, confirmation: Confirmation, json: string): Promise<void> {
    const headers: Record<string, string> = {
      "x-amz-sns-message-type": confirmation.type,
      "x-amz-sns-message-id": confirmation.messageId,
      "x-amz-sns-topic-arn": confirmation.topicArn,
    };
    if (confirmation.type !== "SubscriptionConfirmation") headers["x-amz-sns-subscription-arn"] = record.arn;
    headers["Content-Type"] = DEFAULT_CONTENT_TYPE;
    headers["User-Agent"] = SNS_USER_AGENT;
    await this.queue({
      type: confirmation.type,
      url: record.endpoint,
      headers,
      body: json,
      subscriptionArn: record.arn,
      topicArn: confirmation.topicArn,
      messageId: confirmation.messageId,
      attempt: 0,
      retryDelaysMs: retryDelaysMs(DEFAULT_RETRY_POLICY),
    });
  }

  /** Aborts the requests under way (server shutdown); their jobs stay stored and run again. */
  stop(): void {
    for (const c of this.inFlight) c.abort();
    this.inFlight.clear();
  }

  private queue(job: HttpDeliveryJob, dueAt = this.sns.clock.now()): Promise<string> {
    return this.scheduler.schedule({ id: `sns-http:${job.messageId}:${job.subscriptionArn}`, kind: HTTP_DELIVERY_JOB, dueAt, payload: job });
  }

  private async run(job: HttpDeliveryJob): Promise<void> {
    const { logger } = this.deps;
    const what = `${job.type} ${job.messageId} to ${job.url} (${job.subscriptionArn})`;
    if (!this.stillWanted(job)) {
      logger.debug(`sns: dropping ${what}: the subscription is gone or no longer waiting for it`);
      return;
    }
    const controller = new AbortController();
    this.inFlight.add(controller);
    let outcome: PostOutcome;
    try {
      outcome = await postOnce({ url: job.url, headers: job.headers, body: job.body, timeoutMs: HTTP_DELIVERY_TIMEOUT_MS, clock: this.sns.clock, signal: controller.signal });
    } finally {
      this.inFlight.delete(controller);
    }
    if (outcome.ok) {
      logger.debug(`sns: delivered ${what} (attempt ${job.attempt + 1}, HTTP ${outcome.status})`);
      return;
    }
    if (controller.signal.aborted) throw new Error(`sns: ${what} interrupted by shutdown`);
    const delay = job.retryDelaysMs[job.attempt];
    if (delay !== undefined) {
      logger.debug(`sns: ${what} failed (attempt ${job.attempt + 1}: ${outcome.reason}); retrying in ${delay} ms`);
      try {
        await this.queue({ ...job, attempt: job.attempt + 1 }, this.sns.clock.now() + delay);
      } catch (err) {
        logger.warn(`sns: could not schedule the next attempt of ${what}: ${(err as Error).message}`);
      }
      return;
    }
    const reason = `${outcome.reason} after ${job.attempt + 1} attempts`;
    if (job.type === "Notification") {
      try {
        const d = await this.rebuild(job);
        if (d) await this.deps.deadLetter(d, reason);
        else logger.warn(`sns: ${what} could not be delivered (${reason}); its subscription is gone`);
      } catch (err) {
        logger.warn(`sns: ${what} could not be delivered (${reason}) nor dead-lettered: ${(err as Error).message}`);
      }
      return;
    }
    logger.warn(`sns: ${what} could not be delivered (${reason})`);
  }

  /** Notifications and subscription confirmations stop once their subscription is gone. */
  private stillWanted(job: HttpDeliveryJob): boolean {
    if (job.type === "UnsubscribeConfirmation") return true;
    const s = this.sns.registry.subscriptions.get(job.subscriptionArn);
    if (!s) return false;
    return job.type === "Notification" || !s.record.confirmed;
  }

  /**
   * The Delivery deadLetter() takes, rebuilt from the job (the subscription as it is now). The
   * notification is signed again (the same key gives the same signature), so raw deliveries
   * never pay for a signature they do not send.
   */
  private async rebuild(job: HttpDeliveryJob): Promise<Delivery | undefined> {
    const subscription = this.sns.registry.subscriptions.get(job.subscriptionArn);
    const topic = this.sns.registry.topics.get(job.topicArn);
    const n = job.notification;
    if (!subscription || !topic || !n) return undefined;
    const attributes: Record<string, SnsMessageAttribute> = {};
    for (const [name, a] of Object.entries(n.attributes)) {
      attributes[name] = a.BinaryValue !== undefined ? { DataType: a.DataType, BinaryValue: Buffer.from(a.BinaryValue, "base64") } : { DataType: a.DataType, StringValue: a.StringValue };
    }
    const message: PublishedMessage = { messageId: job.messageId, topic, message: n.text, subject: n.subject, attributes, timestamp: n.timestamp };
    const sign = this.sns.signer(await this.sns.signingMaterial());
    return {
      subscription,
      message,
      envelope: { sign, signatureVersion: n.signatureVersion, signingCertUrl: n.signingCertUrl, unsubscribeUrl: n.unsubscribeUrl },
    };
  }
}

function snapshotAttributes(attributes: Record<string, SnsMessageAttribute>): NotificationSnapshot["attributes"] {
  const out: NotificationSnapshot["attributes"] = {};
  for (const [name, a] of Object.entries(attributes)) {
    out[name] = a.BinaryValue ? { DataType: a.DataType, BinaryValue: Buffer.from(a.BinaryValue).toString("base64") } : { DataType: a.DataType, StringValue: a.StringValue };
  }
  return out;
}
