/**
 * Publish and fan-out through the real SNSClient into SQS (and Lambda): envelope, raw delivery,
 * filter policies on attributes and body, MessageStructure, FIFO order and deduplication,
 * PublishBatch, the subscription dead-letter queue, and signatures checked by an independent
 * verifier (sns-payload-validator).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import https from "node:https";
import net from "node:net";
import { CreateTopicCommand, PublishBatchCommand, PublishCommand, SubscribeCommand, type PublishCommandInput } from "@aws-sdk/client-sns";
import { DeleteQueueCommand } from "@aws-sdk/client-sqs";
import SnsPayloadValidator from "sns-payload-validator";
import { rejection } from "../helpers/stratus.js";
import { drain, queue, startSns, type SnsHarness } from "./support.js";

let h: SnsHarness;
before(async () => {
  h = await startSns();
});
after(() => h.server.stop());

async function topic(name: string, attributes?: Record<string, string>): Promise<string> {
  return (await h.sns.send(new CreateTopicCommand({ Name: name, Attributes: attributes }))).TopicArn!;
}

async function subscribedQueue(topicArn: string, name: string, attributes?: Record<string, string>, queueAttributes?: Record<string, string>) {
  const q = await queue(h, name, queueAttributes);
  const { SubscriptionArn } = await h.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: attributes }));
  return { ...q, subscriptionArn: SubscriptionArn! };
}

describe("publish into SQS", () => {
  test("the JSON envelope as AWS delivers it; Subject only when set", async () => {
    const arn = await topic("envelope");
    const q = await subscribedQueue(arn, "envelope-q");
    const { MessageId } = await h.sns.send(new PublishCommand({ TopicArn: arn, Message: "hello", Subject: "greeting", MessageAttributes: { colour: { DataType: "String", StringValue: "red" }, size: { DataType: "Number", StringValue: "3" }, blob: { DataType: "Binary", BinaryValue: Buffer.from([1, 2]) } } }));
    await h.sns.send(new PublishCommand({ TopicArn: arn, Message: "second" }));
    const [first, second] = (await drain(h, q.url)).map((m) => JSON.parse(m.Body!));
    assert.deepEqual(Object.keys(first), ["Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"]);
    assert.equal(first.Type, "Notification");
    assert.equal(first.MessageId, MessageId);
    assert.equal(first.TopicArn, arn);
    assert.equal(first.Subject, "greeting");
    assert.equal(first.Message, "hello");
    assert.match(first.Timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(first.SignatureVersion, "1");
    assert.match(first.SigningCertURL, /\/SimpleNotificationService-[0-9a-f]{32}\.pem$/);
    assert.equal(first.UnsubscribeURL, `${h.server.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(q.subscriptionArn)}`);
    assert.deepEqual(first.MessageAttributes, { colour: { Type: "String", Value: "red" }, size: { Type: "Number", Value: "3" }, blob: { Type: "Binary", Value: "AQI=" } });
    assert.equal("Subject" in second, false);
    assert.equal("MessageAttributes" in second, false);
    const cert = await fetch(first.SigningCertURL);
    assert.equal(cert.status, 200);
    assert.match(await cert.text(), /^-----BEGIN CERTIFICATE-----/);
  });

  test("an independent verifier (sns-payload-validator) accepts the signature, versions 1 and 2, and rejects a changed message", async () => {
    const port = Number(new URL(h.server.endpoint).port);
    /** The validator only fetches AWS-style certificate URLs: connect those to Stratus. */
    class StratusAgent extends https.Agent {
      override createConnection(): net.Socket {
        return net.connect(port, "127.0.0.1");
      }
    }
    const validator = new SnsPayloadValidator({ requestAgent: new StratusAgent({ keepAlive: false }), useCache: false });
    for (const version of ["1", "2"]) {
      const arn = await topic(`signed-v${version}`, { SignatureVersion: version });
      const q = await subscribedQueue(arn, `signed-v${version}-q`);
      await h.sns.send(new PublishCommand({ TopicArn: arn, Message: "verify me", Subject: "s" }));
      const [body] = (await drain(h, q.url)).map((m) => JSON.parse(m.Body!));
      assert.equal(body.SignatureVersion, version);
      const file = new URL(body.SigningCertURL).pathname.split("/").pop();
      const awsStyle = { ...body, SigningCertURL: `https://sns.us-east-1.amazonaws.com/${file}` };
      await validator.validate(awsStyle);
      await assert.rejects(validator.validate({ ...awsStyle, Message: "tampered" }), /Invalid Signature/);
    }
  });

  test("RawMessageDelivery: the bare message, attributes as SQS message attributes", async () => {
    const arn = await topic("raw");
    const q = await subscribedQueue(arn, "raw-q", { RawMessageDelivery: "true" });
    await h.sns.send(new PublishCommand({ TopicArn: arn, Message: '{"order":1}', MessageAttributes: { kind: { DataType: "String", StringValue: "order" }, n: { DataType: "Number", StringValue: "5" } } }));
    const [m] = await drain(h, q.url);
    assert.equal(m.Body, '{"order":1}');
    assert.deepEqual(m.MessageAttributes?.kind, { DataType: "String", StringValue: "order" });
    assert.equal(m.MessageAttributes?.n?.StringValue, "5");
  });

  test("filter policies: attributes, body scope, $or and numeric; unfiltered subscribers get everything", async () => {
    const arn = await topic("filtered");
    const all = await subscribedQueue(arn, "f-all");
    const red = await subscribedQueue(arn, "f-red", { FilterPolicy: JSON.stringify({ colour: ["red"] }) });
    const big = await subscribedQueue(arn, "f-big", { FilterPolicy: JSON.stringify({ $or: [{ size: [{ numeric: [">", 10] }] }, { colour: [{ prefix: "bl" }] }] }) });
    const body = await subscribedQueue(arn, "f-body", { FilterPolicyScope: "MessageBody", FilterPolicy: JSON.stringify({ order: { status: ["shipped"] } }) });
    const publish = (message: string, attrs: Record<string, [string, string]>) =>
      h.sns.send(new PublishCommand({ TopicArn: arn, Message: message, MessageAttributes: Object.fromEntries(Object.entries(attrs).map(([k, [t, v]]) => [k, { DataType: t, StringValue: v }])) }));
    await publish("1", { colour: ["String", "red"], size: ["Number", "3"] });
    await publish("2", { colour: ["String", "blue"] });
    await publish("3", { size: ["Number", "11"] });
    await publish('{"order": {"status": "shipped"}}', { colour: ["String", "green"] });
    await publish("5", { size: ["String", "11"] }); // a String never matches a numeric condition
    const messages = async (q: { url: string }) => (await drain(h, q.url)).map((m) => JSON.parse(m.Body!).Message).sort();
    assert.deepEqual(await messages(all), ["1", "2", "3", "5", '{"order": {"status": "shipped"}}'].sort());
    assert.deepEqual(await messages(red), ["1"]);
    assert.deepEqual(await messages(big), ["2", "3"]);
    assert.deepEqual(await messages(body), ['{"order": {"status": "shipped"}}']);
  });

  test("MessageStructure json: each protocol its own text, default for the rest", async () => {
    const arn = await topic("structured");
    const q = await subscribedQueue(arn, "structured-q");
    await h.sns.send(new PublishCommand({ TopicArn: arn, MessageStructure: "json", Message: JSON.stringify({ default: "for everyone", sqs: "for queues" }) }));
    assert.equal(JSON.parse((await drain(h, q.url))[0].Body!).Message, "for queues");
    const err = await rejection(h.sns.send(new PublishCommand({ TopicArn: arn, MessageStructure: "json", Message: JSON.stringify({ sqs: "x" }) })));
    assert.equal(err.name, "InvalidParameterException");
    assert.equal(err.message, "Invalid parameter: Message Structure - No default entry in JSON message body");
  });

  test("Publish checks: empty message, too long, bad attributes, unknown topic", async () => {
    const arn = await topic("checks");
    const cases: Array<[PublishCommandInput, string, string | RegExp]> = [
      [{ TopicArn: arn, Message: "" }, "InvalidParameterException", "Invalid parameter: Empty message"],
      [{ TopicArn: arn, Message: "x".repeat(262_145) }, "InvalidParameterException", "Invalid parameter: Message too long"],
      [{ TopicArn: arn, Message: "m", MessageAttributes: { a: { DataType: "Float", StringValue: "1" } } }, "InvalidParameterValueException", /invalid message attribute type/],
      [{ TopicArn: arn, Message: "m", MessageAttributes: { a: { DataType: "Number", StringValue: "one" } } }, "InvalidParameterValueException", "Could not cast message attribute 'a' value to number."],
      [{ TopicArn: arn, Message: "m", MessageDeduplicationId: "d" }, "InvalidParameterException", /MessageDeduplicationId/],
      [{ TopicArn: `${arn}-gone`, Message: "m" }, "NotFoundException", "Topic does not exist"],
      [{ Message: "m" }, "InvalidParameterException", /TopicArn or TargetArn/],
    ];
    for (const [command, name, message] of cases) {
      const err = await rejection(h.sns.send(new PublishCommand(command)));
      assert.equal(err.name, name, String(message));
      if (typeof message === "string") assert.equal(err.message, message);
      else assert.match(err.message, message);
    }
  });
});

describe("FIFO topics", () => {
  test("order per group into a FIFO queue, deduplication, SequenceNumber", async () => {
    const arn = await topic("orders.fifo", { FifoTopic: "true" });
    const q = await subscribedQueue(arn, "orders-q.fifo", { RawMessageDelivery: "true" }, { FifoQueue: "true" });
    const err = await rejection(h.sns.send(new PublishCommand({ TopicArn: arn, Message: "m" })));
    assert.equal(err.message, "Invalid parameter: The MessageGroupId parameter is required for FIFO topics");
    const noDedup = await rejection(h.sns.send(new PublishCommand({ TopicArn: arn, Message: "m", MessageGroupId: "g" })));
    assert.match(noDedup.message, /ContentBasedDeduplication enabled or MessageDeduplicationId/);
    const sequence: string[] = [];
    for (let i = 0; i < 10; i++) {
      const out = await h.sns.send(new PublishCommand({ TopicArn: arn, Message: `m${i}`, MessageGroupId: i % 2 ? "odd" : "even", MessageDeduplicationId: `d${i}` }));
      assert.match(out.SequenceNumber!, /^\d{20}$/);
      sequence.push(out.SequenceNumber!);
    }
    assert.deepEqual([...sequence].sort(), sequence, "sequence numbers increase");
    const dup = await h.sns.send(new PublishCommand({ TopicArn: arn, Message: "again", MessageGroupId: "even", MessageDeduplicationId: "d0" }));
    const received = await drain(h, q.url);
    assert.equal(received.length, 10, "the duplicate was dropped");
    assert.equal(received.some((m) => m.Body === "again"), false);
    const byGroup = (g: string) => received.filter((m) => m.Attributes!.MessageGroupId === g).map((m) => m.Body);
    assert.deepEqual(byGroup("even"), ["m0", "m2", "m4", "m6", "m8"]);
    assert.deepEqual(byGroup("odd"), ["m1", "m3", "m5", "m7", "m9"]);
    assert.ok(dup.MessageId);
  });

  test("a FIFO topic also delivers to a standard queue", async () => {
    const arn = await topic("mixed.fifo", { FifoTopic: "true", ContentBasedDeduplication: "true" });
    const q = await subscribedQueue(arn, "mixed-standard", { RawMessageDelivery: "true" });
    await h.sns.send(new PublishCommand({ TopicArn: arn, Message: "to a standard queue", MessageGroupId: "g" }));
    const [m] = await drain(h, q.url);
    assert.equal(m.Body, "to a standard queue");
    assert.equal(m.Attributes?.MessageGroupId, undefined);
  });
});

describe("PublishBatch", () => {
  test("publishes each entry; a bad entry fails alone; batch-level limits", async () => {
    const arn = await topic("batched");
    const q = await subscribedQueue(arn, "batched-q", { RawMessageDelivery: "true" });
    const out = await h.sns.send(new PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: [{ Id: "a", Message: "one" }, { Id: "b", Message: "" }, { Id: "c", Message: "three" }] }));
    assert.deepEqual(out.Successful!.map((s) => s.Id), ["a", "c"]);
    assert.deepEqual(out.Failed, [{ Id: "b", Code: "InvalidParameter", Message: "Invalid parameter: Empty message", SenderFault: true }]);
    assert.deepEqual((await drain(h, q.url)).map((m) => m.Body).sort(), ["one", "three"]);
    const tooMany = await rejection(h.sns.send(new PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, Message: "m" })) })));
    assert.equal(tooMany.name, "TooManyEntriesInBatchRequestException");
    const dupIds = await rejection(h.sns.send(new PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: [{ Id: "x", Message: "m" }, { Id: "x", Message: "m" }] })));
    assert.equal(dupIds.name, "BatchEntryIdsNotDistinctException");
    const badId = await rejection(h.sns.send(new PublishBatchCommand({ TopicArn: arn, PublishBatchRequestEntries: [{ Id: "no spaces", Message: "m" }] })));
    assert.equal(badId.name, "InvalidBatchEntryIdException");
  });
});

describe("dead-letter queue", () => {
  test("what a deleted queue could not take goes to the subscription's DLQ; other subscribers are unaffected", async () => {
    const arn = await topic("redriven");
    const dlq = await queue(h, "redriven-dlq");
    const doomed = await subscribedQueue(arn, "redriven-doomed", { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }) });
    const healthy = await subscribedQueue(arn, "redriven-healthy");
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: doomed.url }));
    const { MessageId } = await h.sns.send(new PublishCommand({ TopicArn: arn, Message: "undeliverable" }));
    const [dead] = await drain(h, dlq.url);
    assert.equal(JSON.parse(dead.Body!).MessageId, MessageId);
    assert.equal(JSON.parse(dead.Body!).Message, "undeliverable");
    assert.equal(JSON.parse((await drain(h, healthy.url))[0].Body!).Message, "undeliverable");
  });
});
