/** The SNS runtime one server holds: topics and subscriptions, the publisher, deliveries, signing. */
import type { Clock } from "../../core/clock.js";
import type { ServiceClients } from "../../core/clients.js";
import type { Logger } from "../../core/logger.js";
import type { AdminAnswer, ServiceDeps, ServiceRuntime } from "../../core/service.js";
import { deliverToLambda } from "./delivery/lambda-delivery.js";
import { RECORDED_PROTOCOLS, RecordedDeliveries } from "./delivery/recorded-deliveries.js";
import { deliverToSqs } from "./delivery/sqs-delivery.js";
import type { Delivery, DeliveryDeps } from "./delivery/types.js";
import { confirmationJson, confirmationText, messageFor, notificationJson, type Confirmation, type ConfirmationType, type Sign } from "./envelope.js";
import { FifoDedup } from "./fifo-dedup.js";
import { Publisher } from "./publisher.js";
import { snsClient } from "./sns-client.js";
import { SnsRegistry } from "./sns-registry.js";
import { certificateFileNameFromPath, isSignatureVersion, SIGNING_CERT_CONTENT_TYPE, signingCertUrl, signMessage, SnsSigningKeyStore, type SignatureVersion, type SnsSigningMaterial } from "./signing/index.js";
import { SqliteSnsStore } from "./store/sqlite-sns-store.js";
import { PlatformRegistry } from "./platform/platform-registry.js";
import { SqlitePlatformStore } from "./platform/platform-store.js";
import { SmsRegistry } from "./sms/sms-registry.js";
import { SqliteSmsStore } from "./sms/sms-store.js";
import { deadLetterQueueArn, isRawDelivery } from "./subscription-attributes.js";
import type { SubscriptionRecord } from "./types.js";
import { newUuid } from "../../core/ids.js";
import { HttpDelivery } from "./delivery/http-delivery.js";

export class SnsService implements ServiceRuntime {
  readonly registry: SnsRegistry;
  readonly dedup = new FifoDedup();
  readonly publisher: Publisher;
  readonly recorded: RecordedDeliveries;
  /** Platform applications and endpoints (mobile push: stored, Publish recorded). */
  readonly platform: PlatformRegistry;
  /** SMS settings, the opt-out list and the SMS sandbox's numbers. */
  readonly sms: SmsRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly endpoint: () => string;
  private readonly clients: ServiceClients;
  private readonly keys: SnsSigningKeyStore;
  private readonly deliveryDeps: DeliveryDeps;
  private readonly http: HttpDelivery;

  constructor(deps: ServiceDeps) {
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.endpoint = deps.endpoint;
    this.clients = deps.clients;
    this.registry = new SnsRegistry(new SqliteSnsStore(deps.db));
    this.recorded = new RecordedDeliveries(deps.db);
    this.platform = new PlatformRegistry(new SqlitePlatformStore(deps.db));
    this.sms = new SmsRegistry(new SqliteSmsStore(deps.db));
    this.keys = new SnsSigningKeyStore({ dataDir: deps.dataDir });
    this.publisher = new Publisher(this);
    this.deliveryDeps = { clients: deps.clients, logger: deps.logger, deadLetter: (d, reason) => this.deadLetter(d, reason) };
    this.http = new HttpDelivery(this, deps.scheduler, this.deliveryDeps);
  }

  start(): void {
    this.registry.load();
    this.platform.load();
    this.sms.load();
    // Creating the signing key takes a few hundred milliseconds: do it in the background
    // rather than on the first publish, and only for servers that have topics.
    if (this.registry.topics.size > 0) this.prepareSigning();
  }

  /** In-flight HTTP deliveries are aborted; their jobs stay stored and run after a restart. */
  stop(): void {
    this.http.stop();
  }

  reset(): void {
    this.registry.store.reset();
    this.registry.clear();
    this.dedup.clear();
    this.recorded.reset();
    this.platform.store.reset();
    this.platform.clear();
    this.sms.store.reset();
    this.sms.clear();
  }

  provideClients(clients: ServiceClients): void {
    clients.sns = snsClient(this);
  }

  status(): Record<string, unknown> {
    return { topics: this.registry.topics.size, subscriptions: this.registry.subscriptions.size };
  }

  prepareSigning(): void {
    this.keys.load().catch((err) => this.logger.error("sns: could not prepare the message-signing key", err));
  }

  signingMaterial(): Promise<SnsSigningMaterial> {
    return this.keys.load();
  }

  signer(material: SnsSigningMaterial): Sign {
    return (fields, version) => signMessage(fields, version, material.privateKey);
  }

  signingCertUrl(material: SnsSigningMaterial): string {
    return signingCertUrl(this.endpoint(), material.certificateFileName);
  }

  unsubscribeUrl(subscriptionArn: string): string {
    return `${this.endpoint()}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`;
  }

  subscribeUrl(topicArn: string, token: string): string {
    return `${this.endpoint()}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(topicArn)}&Token=${token}`;
  }

  /**
   * Asks a new http/https/email subscriber to confirm: a SubscriptionConfirmation with its
   * token and SubscribeURL (POSTed to HTTP endpoints, recorded for email ones).
   */
  async requestConfirmation(record: SubscriptionRecord): Promise<void> {
    await this.sendConfirmation(record, "SubscriptionConfirmation");
  }

  /** After Unsubscribe, HTTP/S endpoints get an UnsubscribeConfirmation (a link to undo it). */
  async confirmUnsubscribe(record: SubscriptionRecord): Promise<void> {
    if (record.protocol === "http" || record.protocol === "https") await this.sendConfirmation(record, "UnsubscribeConfirmation");
  }

  private async sendConfirmation(record: SubscriptionRecord, type: ConfirmationType): Promise<void> {
    const material = await this.signingMaterial();
    const topic = this.registry.topics.get(record.topicArn);
    const version: SignatureVersion = isSignatureVersion(topic?.attributes.SignatureVersion) ? topic.attributes.SignatureVersion : "1";
    const confirmation: Confirmation = {
      type,
      messageId: newUuid(),
      token: record.token ?? "",
      topicArn: record.topicArn,
      subscriptionArn: record.arn,
      subscribeUrl: this.subscribeUrl(record.topicArn, record.token ?? ""),
      timestamp: new Date(this.clock.now()).toISOString(),
    };
    const json = confirmationJson(confirmation, (fields) => signMessage(fields as never, version, material.privateKey), version, this.signingCertUrl(material));
    if (record.protocol === "http" || record.protocol === "https") {
      await this.http.sendConfirmation(record, confirmation, json);
      return;
    }
    const body = record.protocol === "email-json" ? json : `${confirmationText(confirmation)}

${confirmation.subscribeUrl}`;
    await this.recorded.add({ timestamp: confirmation.timestamp, type, protocol: record.protocol, endpoint: record.endpoint, subscriptionArn: record.arn, topicArn: record.topicArn, messageId: confirmation.messageId, body });
  }

  /** Publish with PhoneNumber: an SMS, recorded rather than sent. */
  async sendSms(phoneNumber: string, message: string, ctx: { accountId: string; region: string }): Promise<string> {
    const messageId = newUuid();
    await this.recorded.add({ timestamp: new Date(this.clock.now()).toISOString(), type: "Notification", protocol: "sms", endpoint: phoneNumber, messageId, body: message });
    this.logger.debug(`sns: SMS to ${phoneNumber} recorded (${ctx.accountId}/${ctx.region})`);
    return messageId;
  }

  /** One message to one subscription, by its protocol. */
  deliver(d: Delivery): Promise<void> {
    const protocol = d.subscription.record.protocol;
    if (protocol === "sqs") return deliverToSqs(d, this.deliveryDeps);
    if (protocol === "lambda") return deliverToLambda(d, this.deliveryDeps);
    if (protocol === "http" || protocol === "https") return this.http.deliver(d);
    if (RECORDED_PROTOCOLS.has(protocol)) return this.recorded.record(d);
    this.logger.warn(`sns: no delivery for protocol ${protocol} (${d.subscription.record.arn})`);
    return Promise.resolve();
  }

  /**
   * What could not be delivered goes to the subscription's dead-letter queue (RedrivePolicy),
   * as the subscriber would have received it; without one it is dropped, with a warning.
   * https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html
   */
  async deadLetter(d: Delivery, reason: string): Promise<void> {
    const { record } = d.subscription;
    const dlq = deadLetterQueueArn(record);
    if (!dlq || !this.clients.sqs) {
      this.logger.warn(`sns: message ${d.message.messageId} could not be delivered to ${record.arn} (${reason}) and the subscription has no dead-letter queue`);
      return;
    }
    const text = messageFor(d.message, record.protocol);
    const raw = isRawDelivery(record);
    try {
      await this.clients.sqs.sendMessage({ queueArn: dlq, body: raw ? text : notificationJson(d.message, text, d.envelope) });
    } catch (err) {
      this.logger.warn(`sns: message ${d.message.messageId} for ${record.arn} could not reach its dead-letter queue ${dlq}: ${(err as Error).message}`);
    }
  }

  async adminGet(path: string, query: URLSearchParams): Promise<AdminAnswer | undefined> {
    if (path === "deliveries") {
      const list = this.recorded.list({ protocol: query.get("protocol") ?? undefined, endpoint: query.get("endpoint") ?? undefined });
      return { status: 200, contentType: "application/json", body: JSON.stringify({ deliveries: list }) };
    }
    const file = certificateFileNameFromPath(`/${path}`);
    if (file) {
      const material = await this.signingMaterial();
      if (file === material.certificateFileName) return { status: 200, contentType: SIGNING_CERT_CONTENT_TYPE, body: material.certificatePem };
    }
    return undefined;
  }
}
