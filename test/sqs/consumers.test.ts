/**
 * The two most used Node SQS libraries, end to end against Stratus: sqs-producer (v8) sends,
 * sqs-consumer (v14) polls, handles, deletes and, on a handler error, leaves the message to
 * come back once its visibility timeout expires. Real time, so the timeouts are kept short.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, type Message, type SQSClient } from "@aws-sdk/client-sqs";
import { Consumer } from "sqs-consumer";
import { Producer } from "sqs-producer";
import type { StratusServer } from "../../src/index.js";
import { sqsClient, startStratus } from "../helpers/stratus.js";

const TOTAL = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("sqs-producer and sqs-consumer against Stratus", () => {
  let server: StratusServer;
  let sqs: SQSClient;
  const consumers: Consumer[] = [];
  /** Every `error` event of every consumer (receive/delete failures): none is expected. */
  const errors: Error[] = [];

  before(async () => {
    server = await startStratus();
    sqs = sqsClient(server);
  });

  after(async () => {
    await Promise.all(consumers.map(stopConsumer));
    sqs?.destroy();
    await server?.stop();
  });

  async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
    return (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
  }

  async function counts(queueUrl: string) {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
    );
    return Attributes;
  }

  /** Sends TOTAL messages: single ones through the producer, arrays it batches by 10, and plain SendMessage. */
  async function produce(queueUrl: string, tag: string): Promise<string[]> {
    const producer = Producer.create({ queueUrl, sqs, batchSize: 10 });
    const bodies = Array.from({ length: TOTAL }, (_, i) => `${tag}-${String(i).padStart(3, "0")}`);
    // 0..4: one at a time through the producer (a batch of one each).
    for (const b of bodies.slice(0, 5)) {
      const r = await producer.send(b);
      assert.equal(r.length, 1);
      assert.equal(r[0].Id, b);
    }
    // 5..9: plain SendMessage.
    for (const b of bodies.slice(5, 10)) await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: b }));
    // 10..36 as strings (batches of 10, 10, 7), 37..49 as objects with attributes (10, 3).
    const sent = await producer.send(bodies.slice(10, 37));
    assert.equal(sent.length, 27);
    const withAttrs = await producer.send(
      bodies.slice(37).map((b, i) => ({ id: `obj${i}`, body: b, messageAttributes: { tag: { DataType: "String", StringValue: tag } } })),
    );
    assert.equal(withAttrs.length, 13);
    assert.equal(new Set([...sent, ...withAttrs].map((s) => s.MessageId)).size, 40);
    assert.equal(await producer.queueSize(), TOTAL);
    return bodies;
  }

  function track(consumer: Consumer): Consumer {
    consumers.push(consumer);
    consumer.on("error", (err) => {
      // stop({ abort: true }) aborts the pending long poll: that one is ours, not a failure.
      if (consumer.status.isRunning) errors.push(err);
    });
    return consumer;
  }

  async function stopConsumer(consumer: Consumer): Promise<void> {
    if (!consumer.status.isRunning) return;
    const stopped = new Promise<void>((resolve) => consumer.once("stopped", () => resolve()));
    consumer.stop({ abort: true });
    await stopped;
  }

  async function waitFor(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(20);
    }
  }

  test("handleMessage: 50 messages, each processed exactly once, queue ends empty", async () => {
    const queueUrl = await createQueue("consumers-single", { VisibilityTimeout: "30" });
    const bodies = await produce(queueUrl, "single");
    const handled = new Map<string, number>();
    const processed: Message[] = [];
    const consumer = track(
      Consumer.create({
        queueUrl,
        sqs,
        batchSize: 10,
        waitTimeSeconds: 1,
        messageAttributeNames: ["All"],
        handleMessage: async (m) => {
          handled.set(m.Body!, (handled.get(m.Body!) ?? 0) + 1);
          return m;
        },
      }),
    );
    consumer.on("message_processed", (m) => processed.push(m));
    consumer.start();
    await waitFor("50 processed messages", () => processed.length >= TOTAL);
    // Give a duplicate delivery, if any, the chance to show up before stopping.
    await sleep(300);
    await stopConsumer(consumer);

    assert.equal(processed.length, TOTAL);
    assert.deepEqual([...handled.keys()].sort(), bodies);
    for (const [body, n] of handled) assert.equal(n, 1, `${body} handled ${n} times`);
    assert.equal(new Set(processed.map((m) => m.MessageId)).size, TOTAL);
    const withTag = processed.filter((m) => m.MessageAttributes?.tag);
    assert.equal(withTag.length, 13);
    for (const m of withTag) assert.deepEqual(m.MessageAttributes!.tag, { DataType: "String", StringValue: "single" });
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0", ApproximateNumberOfMessagesDelayed: "0" });
    assert.deepEqual(errors, []);
  });

  test("handleMessageBatch with batchSize 10: every message once, batches of at most 10, queue ends empty", async () => {
    const queueUrl = await createQueue("consumers-batch", { VisibilityTimeout: "30" });
    const bodies = await produce(queueUrl, "batch");
    const handled = new Map<string, number>();
    const batchSizes: number[] = [];
    let processed = 0;
    const consumer = track(
      Consumer.create({
        queueUrl,
        sqs,
        batchSize: 10,
        waitTimeSeconds: 1,
        handleMessageBatch: async (messages) => {
          batchSizes.push(messages.length);
          for (const m of messages) handled.set(m.Body!, (handled.get(m.Body!) ?? 0) + 1);
          return messages;
        },
      }),
    );
    consumer.on("message_processed", () => processed++);
    consumer.start();
    await waitFor("50 processed messages", () => processed >= TOTAL);
    await sleep(300);
    await stopConsumer(consumer);

    assert.equal(processed, TOTAL);
    assert.deepEqual([...handled.keys()].sort(), bodies);
    for (const [body, n] of handled) assert.equal(n, 1, `${body} handled ${n} times`);
    assert.equal(batchSizes.reduce((a, b) => a + b, 0), TOTAL);
    for (const size of batchSizes) assert.ok(size >= 1 && size <= 10, `batch of ${size}`);
    // With 50 messages waiting, a 10-message receive is filled: 5 full batches.
    assert.deepEqual(batchSizes, [10, 10, 10, 10, 10]);
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0", ApproximateNumberOfMessagesDelayed: "0" });
    assert.deepEqual(errors, []);
  });

  test("a handler error leaves the message to come back after its visibility timeout", async () => {
    const queueUrl = await createQueue("consumers-retry", { VisibilityTimeout: "1" });
    const producer = Producer.create({ queueUrl, sqs });
    await producer.send(["ok-1", "fails-once", "ok-2"]);
    const attempts = new Map<string, Array<{ at: number; receiveCount: string | undefined }>>();
    const processingErrors: string[] = [];
    const processed: string[] = [];
    const consumer = track(
      Consumer.create({
        queueUrl,
        sqs,
        batchSize: 10,
        waitTimeSeconds: 1,
        messageSystemAttributeNames: ["ApproximateReceiveCount"],
        handleMessage: async (m) => {
          const list = attempts.get(m.Body!) ?? [];
          list.push({ at: Date.now(), receiveCount: m.Attributes?.ApproximateReceiveCount });
          attempts.set(m.Body!, list);
          if (m.Body === "fails-once" && list.length === 1) throw new Error("boom");
          return m;
        },
      }),
    );
    consumer.on("processing_error", (err, m) => processingErrors.push(`${m.Body}: ${err.message}`));
    consumer.on("message_processed", (m) => processed.push(m.Body!));
    consumer.start();
    await waitFor("the failed message to be processed on its second delivery", () => processed.includes("fails-once"), 10_000);
    await sleep(1300); // more than one visibility timeout: nothing else may come back
    await stopConsumer(consumer);

    assert.deepEqual(processed.sort(), ["fails-once", "ok-1", "ok-2"]);
    assert.equal(processingErrors.length, 1);
    assert.match(processingErrors[0], /^fails-once: .*boom/);
    assert.equal(attempts.get("ok-1")?.length, 1);
    assert.equal(attempts.get("ok-2")?.length, 1);
    const retried = attempts.get("fails-once")!;
    assert.equal(retried.length, 2);
    assert.deepEqual(retried.map((a) => a.receiveCount), ["1", "2"]);
    const gap = retried[1].at - retried[0].at;
    assert.ok(gap >= 900, `came back after ${gap} ms, before its 1 s visibility timeout expired`);
    assert.ok(gap < 3500, `came back only after ${gap} ms`);
    assert.deepEqual(await counts(queueUrl), { ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "0", ApproximateNumberOfMessagesDelayed: "0" });
    assert.deepEqual(errors, []);
  });
});
