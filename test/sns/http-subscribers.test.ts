/**
 * SNS → HTTP subscribers, end to end with the AWS SDK against a local node:http subscriber:
 * the SubscriptionConfirmation and its SubscribeURL, notifications with SNS's headers and
 * JSON, raw delivery, retries by the delivery policy on the manual clock, the dead-letter
 * queue after the last retry, UnsubscribeConfirmation and the UnsubscribeURL, and a pending
 * retry that survives a restart.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SetTopicAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ManualClock, StratusServer } from "../../src/index.js";
import { rejection, sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The server's (virtual) time when the request arrived. */
  at: number;
}

/** A local HTTP endpoint that records every request and answers each path with its configured status. */
class Subscriber {
  readonly requests: Received[] = [];
  readonly status = new Map<string, number>();
  /** Paths that never answer. */
  readonly hanging = new Set<string>();
  private server!: Server;
  base = "";

  constructor(private readonly now: () => number) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = (req.url ?? "/").split("?", 1)[0];
        this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: this.now() });
        if (this.hanging.has(path)) return;
        res.writeHead(this.status.get(path) ?? 200, { "content-type": "text/plain" });
        res.end("ok");
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  at(path: string, type?: string): Received[] {
    return this.requests.filter((r) => r.path === path && (type === undefined || r.headers["x-amz-sns-message-type"] === type));
  }

  /** Waits (real time) until `path` has received `n` requests (of `type`, if given). */
  async until(path: string, n: number, type?: string, timeoutMs = 5_000): Promise<Received[]> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const got = this.at(path, type);
      if (got.length >= n) return got;
      if (performance.now() > deadline) assert.fail(`timed out waiting for ${n} ${type ?? ""} requests at ${path} (have ${got.length})`);
      await sleep(10);
    }
  }
}

/** Gives the server a moment (real time) to finish what an answer started, e.g. storing the next retry. */
const settle = () => sleep(150);

function snsClient(server: { endpoint: string }): SNSClient {
  return new SNSClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

async function queue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: attrs.Attributes!.QueueArn! };
}

/** Subscribes `path`, waits for the SubscriptionConfirmation and confirms with its SubscribeURL. */
async function confirmedSubscription(sns: SNSClient, subscriber: Subscriber, topicArn: string, path: string, attributes?: Record<string, string>): Promise<string> {
  const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "http", Endpoint: subscriber.url(path), Attributes: attributes, ReturnSubscriptionArn: true }));
  const [confirmation] = await subscriber.until(path, 1, "SubscriptionConfirmation");
  const res = await fetch(JSON.parse(confirmation.body).SubscribeURL);
  assert.equal(res.status, 200);
  await res.text();
  return SubscriptionArn!;
}

describe("SNS HTTP subscribers", () => {
  let server: StratusServer;
  let clock: ManualClock;
  let sns: SNSClient;
  let sqs: SQSClient;
  let subscriber: Subscriber;

  before(async () => {
    server = await startStratus({ clock: "manual" });
    clock = server.manualClock!;
    sns = snsClient(server);
    sqs = sqsClient(server);
    subscriber = new Subscriber(() => clock.now());
    await subscriber.start();
  });
  after(async () => {
    await subscriber.stop();
    await server.stop();
  });

  async function topic(name: string): Promise<string> {
    return (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
  }

  test("Subscribe POSTs a SubscriptionConfirmation; its SubscribeURL, fetched unsigned, confirms", async () => {
    const topicArn = await topic("confirm-me");
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "http", Endpoint: subscriber.url("/confirm"), ReturnSubscriptionArn: true }));
    const [req] = await subscriber.until("/confirm", 1);
    assert.equal(req.headers["x-amz-sns-message-type"], "SubscriptionConfirmation");
    assert.equal(req.headers["x-amz-sns-topic-arn"], topicArn);
    assert.equal(req.headers["x-amz-sns-subscription-arn"], undefined);
    assert.equal(req.headers["content-type"], "text/plain; charset=UTF-8");
    assert.equal(req.headers["user-agent"], "Amazon Simple Notification Service Agent");
    const body = JSON.parse(req.body);
    assert.equal(req.headers["x-amz-sns-message-id"], body.MessageId);
    assert.equal(body.Type, "SubscriptionConfirmation");
    assert.equal(body.TopicArn, topicArn);
    assert.match(body.Token, /^[0-9a-f]+$/);
    assert.ok(body.Signature);
    assert.ok(body.SubscribeURL.startsWith(server.endpoint));

    const pending = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(pending.Attributes!.PendingConfirmation, "true");
    const res = await fetch(body.SubscribeURL);
    assert.equal(res.status, 200);
    assert.match(await res.text(), new RegExp(SubscriptionArn!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    const confirmed = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(confirmed.Attributes!.PendingConfirmation, "false");
  });

  test("Publish POSTs the signed JSON notification with SNS's headers", async () => {
    const topicArn = await topic("notify-me");
    const subscriptionArn = await confirmedSubscription(sns, subscriber, topicArn, "/notify");
    const published = await sns.send(
      new PublishCommand({
        TopicArn: topicArn,
        Message: "hello http",
        Subject: "greetings",
        MessageAttributes: { color: { DataType: "String", StringValue: "blue" }, blob: { DataType: "Binary", BinaryValue: Buffer.from([1, 2, 3]) } },
      }),
    );
    const [req] = await subscriber.until("/notify", 1, "Notification");
    assert.equal(req.headers["x-amz-sns-message-id"], published.MessageId);
    assert.equal(req.headers["x-amz-sns-topic-arn"], topicArn);
    assert.equal(req.headers["x-amz-sns-subscription-arn"], subscriptionArn);
    assert.equal(req.headers["content-type"], "text/plain; charset=UTF-8");
    assert.equal(req.headers["user-agent"], "Amazon Simple Notification Service Agent");
    assert.equal(req.headers["x-amz-sns-rawdelivery"], undefined);
    const body = JSON.parse(req.body);
    assert.equal(body.Type, "Notification");
    assert.equal(body.MessageId, published.MessageId);
    assert.equal(body.TopicArn, topicArn);
    assert.equal(body.Subject, "greetings");
    assert.equal(body.Message, "hello http");
    assert.equal(body.Timestamp, new Date(clock.now()).toISOString());
    assert.equal(body.SignatureVersion, "1");
    assert.ok(body.Signature.length > 100);
    assert.ok(body.SigningCertURL.startsWith(server.endpoint));
    assert.equal(body.UnsubscribeURL, `${server.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`);
    assert.deepEqual(body.MessageAttributes, { color: { Type: "String", Value: "blue" }, blob: { Type: "Binary", Value: "AQID" } });

    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "no subject" }));
    const [, second] = await subscriber.until("/notify", 2, "Notification");
    const plain = JSON.parse(second.body);
    assert.equal("Subject" in plain, false);
    assert.equal("MessageAttributes" in plain, false);
    assert.equal(plain.Message, "no subject");
  });

  test("RawMessageDelivery: the bare message, with x-amz-sns-rawdelivery", async () => {
    const topicArn = await topic("raw-me");
    await confirmedSubscription(sns, subscriber, topicArn, "/raw", { RawMessageDelivery: "true" });
    const published = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: '{"just":"this"}', MessageAttributes: { a: { DataType: "String", StringValue: "b" } } }));
    const [req] = await subscriber.until("/raw", 1, "Notification");
    assert.equal(req.body, '{"just":"this"}');
    assert.equal(req.headers["x-amz-sns-rawdelivery"], "true");
    assert.equal(req.headers["x-amz-sns-message-id"], published.MessageId);
  });

  test("a failing endpoint gets 3 retries 20 s apart, then the message goes to the dead-letter queue", async () => {
    const topicArn = await topic("flaky");
    const dlq = await queue(sqs, "http-dlq");
    await confirmedSubscription(sns, subscriber, topicArn, "/flaky", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    subscriber.status.set("/flaky", 500);
    const t0 = clock.now();
    const published = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "try again", Subject: "retry" }));
    await subscriber.until("/flaky", 1, "Notification");
    for (let n = 2; n <= 4; n++) {
      await settle();
      await clock.advance(19_999);
      await settle();
      assert.equal(subscriber.at("/flaky", "Notification").length, n - 1, `nothing before ${(n - 1) * 20} s`);
      await clock.advance(1);
      await subscriber.until("/flaky", n, "Notification");
    }
    const attempts = subscriber.at("/flaky", "Notification");
    assert.deepEqual(
      attempts.map((r) => r.at - t0),
      [0, 20_000, 40_000, 60_000],
    );
    for (const a of attempts) assert.equal(a.headers["x-amz-sns-message-id"], published.MessageId);
    assert.equal(new Set(attempts.map((a) => a.body)).size, 1, "every attempt carries the same body");

    await settle();
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 0 }));
    assert.equal(received.Messages?.length, 1);
    const dead = JSON.parse(received.Messages![0].Body!);
    assert.equal(dead.Type, "Notification");
    assert.equal(dead.MessageId, published.MessageId);
    assert.equal(dead.Message, "try again");
    assert.equal(dead.Subject, "retry");
    assert.equal(received.Messages![0].Body, attempts[0].body, "the dead-letter queue gets what the endpoint would have");

    await clock.advance(600_000);
    await settle();
    assert.equal(subscriber.at("/flaky", "Notification").length, 4, "no attempt after the last retry");
  });

  test("a subscription's DeliveryPolicy changes the schedule, and the topic's policy the Content-Type", async () => {
    const topicArn = await topic("custom-policy");
    await sns.send(new SetTopicAttributesCommand({ TopicArn: topicArn, AttributeName: "DeliveryPolicy", AttributeValue: JSON.stringify({ http: { defaultRequestPolicy: { headerContentType: "application/json" } } }) }));
    const subscriptionArn = await confirmedSubscription(sns, subscriber, topicArn, "/custom");
    await sns.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn: subscriptionArn,
        AttributeName: "DeliveryPolicy",
        AttributeValue: JSON.stringify({ healthyRetryPolicy: { numRetries: 3, numNoDelayRetries: 1, minDelayTarget: 5, maxDelayTarget: 10, backoffFunction: "linear" } }),
      }),
    );
    subscriber.status.set("/custom", 503);
    const t0 = clock.now();
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "custom" }));
    // The first attempt and the immediate retry, without the clock moving.
    await subscriber.until("/custom", 2, "Notification");
    await settle();
    await clock.advance(4_999);
    await settle();
    assert.equal(subscriber.at("/custom", "Notification").length, 2);
    await clock.advance(1);
    await subscriber.until("/custom", 3, "Notification");
    await settle();
    await clock.advance(9_999);
    await settle();
    assert.equal(subscriber.at("/custom", "Notification").length, 3);
    await clock.advance(1);
    const attempts = await subscriber.until("/custom", 4, "Notification");
    assert.deepEqual(
      attempts.map((r) => r.at - t0),
      [0, 0, 5_000, 15_000],
    );
    assert.equal(attempts[0].headers["content-type"], "application/json");
    await clock.advance(600_000);
    await settle();
    assert.equal(subscriber.at("/custom", "Notification").length, 4);
  });

  test("a 2xx after failures ends the retries", async () => {
    const topicArn = await topic("recovers");
    await confirmedSubscription(sns, subscriber, topicArn, "/recovers");
    subscriber.status.set("/recovers", 500);
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "eventually" }));
    await subscriber.until("/recovers", 1, "Notification");
    subscriber.status.set("/recovers", 204);
    await settle();
    await clock.advance(20_000);
    await subscriber.until("/recovers", 2, "Notification");
    await settle();
    await clock.advance(120_000);
    await settle();
    assert.equal(subscriber.at("/recovers", "Notification").length, 2);
  });

  test("an endpoint that does not answer within 15 seconds has failed: the retry comes 20 s later", async () => {
    const topicArn = await topic("slow");
    await confirmedSubscription(sns, subscriber, topicArn, "/slow");
    subscriber.hanging.add("/slow");
    const t0 = clock.now();
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "wake up" }));
    await subscriber.until("/slow", 1, "Notification");
    await settle();
    await clock.advance(15_000);
    await settle();
    await clock.advance(19_999);
    await settle();
    assert.equal(subscriber.at("/slow", "Notification").length, 1);
    subscriber.hanging.delete("/slow");
    await clock.advance(1);
    const attempts = await subscriber.until("/slow", 2, "Notification");
    assert.deepEqual(
      attempts.map((r) => r.at - t0),
      [0, 35_000],
    );
    await settle();
    await clock.advance(120_000);
    await settle();
    assert.equal(subscriber.at("/slow", "Notification").length, 2);
  });

  test("a SubscriptionConfirmation that fails is retried by AWS's default policy, and stops once confirmed", async () => {
    const topicArn = await topic("confirm-later");
    subscriber.status.set("/confirm-later", 500);
    const t0 = clock.now();
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "http", Endpoint: subscriber.url("/confirm-later"), ReturnSubscriptionArn: true }));
    await subscriber.until("/confirm-later", 1, "SubscriptionConfirmation");
    await settle();
    await clock.advance(20_000);
    await subscriber.until("/confirm-later", 2, "SubscriptionConfirmation");
    const attempts = subscriber.at("/confirm-later");
    assert.deepEqual(
      attempts.map((r) => r.at - t0),
      [0, 20_000],
    );
    assert.equal(attempts[0].body, attempts[1].body);
    const res = await fetch(JSON.parse(attempts[1].body).SubscribeURL);
    assert.equal(res.status, 200);
    await res.text();
    assert.equal((await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }))).Attributes!.PendingConfirmation, "false");
    await settle();
    await clock.advance(120_000);
    await settle();
    assert.equal(subscriber.at("/confirm-later").length, 2, "no confirmation retries once confirmed");
  });

  test("retries stop when the subscription is deleted", async () => {
    const topicArn = await topic("goes-away");
    const subscriptionArn = await confirmedSubscription(sns, subscriber, topicArn, "/goes-away");
    subscriber.status.set("/goes-away", 500);
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "bye" }));
    await subscriber.until("/goes-away", 1, "Notification");
    await settle();
    await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
    await clock.advance(120_000);
    await settle();
    assert.equal(subscriber.at("/goes-away", "Notification").length, 1);
  });

  test("Unsubscribe POSTs an UnsubscribeConfirmation; a notification's UnsubscribeURL, fetched unsigned, unsubscribes", async () => {
    const topicArn = await topic("leave-me");
    const subscriptionArn = await confirmedSubscription(sns, subscriber, topicArn, "/leave");
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "last one" }));
    const [notification] = await subscriber.until("/leave", 1, "Notification");
    const res = await fetch(JSON.parse(notification.body).UnsubscribeURL);
    assert.equal(res.status, 200);
    await res.text();
    const err = await rejection(sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscriptionArn })));
    assert.equal(err.name, "NotFoundException");

    const [bye] = await subscriber.until("/leave", 1, "UnsubscribeConfirmation");
    assert.equal(bye.headers["x-amz-sns-topic-arn"], topicArn);
    assert.equal(bye.headers["x-amz-sns-subscription-arn"], subscriptionArn);
    assert.equal(bye.headers["user-agent"], "Amazon Simple Notification Service Agent");
    const body = JSON.parse(bye.body);
    assert.equal(body.Type, "UnsubscribeConfirmation");
    assert.equal(body.MessageId, bye.headers["x-amz-sns-message-id"]);
    assert.ok(body.SubscribeURL);

    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "not for you" }));
    await settle();
    assert.equal(subscriber.at("/leave", "Notification").length, 1);
  });

  test("an endpoint that refuses connections is retried like one that fails, then dead-lettered", async () => {
    const topicArn = await topic("refused");
    const dlq = await queue(sqs, "refused-dlq");
    const shortLived = new Subscriber(() => clock.now());
    await shortLived.start();
    await confirmedSubscription(sns, shortLived, topicArn, "/gone", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    await shortLived.stop();
    const published = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "anyone there?" }));
    for (let i = 0; i < 3; i++) {
      await settle();
      await clock.advance(20_000);
    }
    await settle();
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 0 }));
    assert.equal(received.Messages?.length, 1);
    assert.equal(JSON.parse(received.Messages![0].Body!).MessageId, published.MessageId);
  });

  test("RawMessageDelivery subscriptions dead-letter the bare message", async () => {
    const topicArn = await topic("raw-dlq");
    const dlq = await queue(sqs, "raw-dlq");
    await confirmedSubscription(sns, subscriber, topicArn, "/raw-dlq", { RawMessageDelivery: "true", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }), DeliveryPolicy: JSON.stringify({ healthyRetryPolicy: { numRetries: 0 } }) });
    subscriber.status.set("/raw-dlq", 400);
    await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "bare" }));
    await subscriber.until("/raw-dlq", 1, "Notification");
    await settle();
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, WaitTimeSeconds: 0 }));
    assert.equal(received.Messages?.[0]?.Body, "bare");
  });
});

describe("SNS HTTP retries across a restart", () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "stratus-sns-http-"));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("a pending retry is stored and runs after the server restarts", async () => {
    let clock: ManualClock | undefined;
    const subscriber = new Subscriber(() => clock?.now() ?? 0);
    await subscriber.start();
    try {
      let server = await startStratus({ clock: "manual", inMemory: false, dataDir });
      clock = server.manualClock!;
      let sns = snsClient(server);
      const topicArn = (await sns.send(new CreateTopicCommand({ Name: "durable" }))).TopicArn!;
      await confirmedSubscription(sns, subscriber, topicArn, "/durable");
      subscriber.status.set("/durable", 500);
      const published = await sns.send(new PublishCommand({ TopicArn: topicArn, Message: "survive" }));
      await subscriber.until("/durable", 1, "Notification");
      await settle();
      sns.destroy();
      await server.stop();

      subscriber.status.set("/durable", 200);
      server = await startStratus({ clock: "manual", inMemory: false, dataDir });
      clock = server.manualClock!;
      sns = snsClient(server);
      try {
        await settle();
        assert.equal(subscriber.at("/durable", "Notification").length, 1, "the retry waits for its time");
        await clock.advance(20_000);
        const [, retry] = await subscriber.until("/durable", 2, "Notification");
        assert.equal(retry.headers["x-amz-sns-message-id"], published.MessageId);
        assert.equal(JSON.parse(retry.body).Message, "survive");
      } finally {
        sns.destroy();
        await server.stop();
      }
    } finally {
      await subscriber.stop();
    }
  });
});
