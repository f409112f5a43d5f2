/**
 * Crash safety: a write a client heard succeed is on disk. A real server runs in a child
 * process on a temporary data dir; it takes a mix of sends, is killed with SIGKILL right after
 * the last send returns, and a new server on the same data dir must hold exactly what was
 * acknowledged: every message once, in-flight and delayed messages still hidden, receipt
 * handles, receive counts, FIFO sequence numbers and deduplication, queue attributes and tags.
 * A second test checks that `stratus start` exits 0 on SIGTERM after a graceful stop.
 */
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { sqsClient } from "../helpers/stratus.js";
import { cleanUpChildren, kill9, startChild, startCli, tempDir } from "../helpers/child-server.js";

const N = 200;

async function attributes(sqs: SQSClient, queueUrl: string): Promise<Record<string, string>> {
  return (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["All"] }))).Attributes ?? {};
}

async function countsOf(sqs: SQSClient, queueUrl: string) {
  const a = await attributes(sqs, queueUrl);
  return { visible: a.ApproximateNumberOfMessages, notVisible: a.ApproximateNumberOfMessagesNotVisible, delayed: a.ApproximateNumberOfMessagesDelayed };
}

/** Without the counters, which move. */
function configOf(a: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(a).filter(([k]) => !k.startsWith("Approximate")));
}

/** Receives (and deletes) until a receive comes back empty. */
async function drain(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const out: Message[] = [];
  for (;;) {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 600, MessageAttributeNames: ["All"], MessageSystemAttributeNames: ["All"] }),
    );
    if (!Messages?.length) return out;
    out.push(...Messages);
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })) }));
  }
}

after(cleanUpChildren);

describe("SQS durability across a crash (SIGKILL)", () => {
  test(`every acknowledged write survives kill -9: ${N} messages, in flight, delayed, FIFO, attributes`, async () => {
    const dataDir = tempDir("stratus-durability-");
    let child = await startChild(dataDir);
    let sqs = sqsClient(child);
    try {
      // ---- before the crash ----
      const mainUrl = (
        await sqs.send(
          new CreateQueueCommand({
            QueueName: "durable-main",
            Attributes: { VisibilityTimeout: "45", MessageRetentionPeriod: "86400", MaximumMessageSize: "65536", ReceiveMessageWaitTimeSeconds: "0" },
            tags: { owner: "durability-test", tier: "gold" },
          }),
        )
      ).QueueUrl!;
      const fifoUrl = (
        await sqs.send(new CreateQueueCommand({ QueueName: "durable-orders.fifo", Attributes: { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "40" } }))
      ).QueueUrl!;

      // The in-flight message goes first, into an empty queue, so the receive takes exactly it.
      await sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: "in-flight" }));
      const inFlight = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: mainUrl, VisibilityTimeout: 300 }))).Messages!;
      assert.deepEqual(inFlight.map((m) => m.Body), ["in-flight"]);
      await sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: "delayed", DelaySeconds: 600 }));

      // FIFO: two groups, explicit and content-based deduplication ids.
      const fifoSent: Array<{ body: string; group: string; seq: string; id: string }> = [];
      for (const [i, group] of ["g1", "g2", "g1", "g1", "g2"].entries()) {
        const body = `fifo-${i}-${group}`;
        const r = await sqs.send(new SendMessageCommand({ QueueUrl: fifoUrl, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: i === 0 ? "explicit-0" : undefined }));
        fifoSent.push({ body, group, seq: r.SequenceNumber!, id: r.MessageId! });
      }
      const fifoAttrsBefore = configOf(await attributes(sqs, fifoUrl));
      const mainAttrsBefore = configOf(await attributes(sqs, mainUrl));

      // N messages: 50 single sends, 10 at a time concurrently (group commit), then 15 batches of 10.
      const bodies = Array.from({ length: N }, (_, i) => `msg-${String(i).padStart(3, "0")} ✓ <&>`);
      const binary = (i: number) => Buffer.from([i & 0xff, 0, 0xff, 0x0d]);
      for (let i = 0; i < 50; i += 10) {
        await Promise.all(
          bodies.slice(i, i + 10).map((b, j) =>
            sqs.send(new SendMessageCommand({ QueueUrl: mainUrl, MessageBody: b, MessageAttributes: { n: { DataType: "Number", StringValue: String(i + j) }, bin: { DataType: "Binary", BinaryValue: binary(i + j) } } })),
          ),
        );
      }
      for (let i = 50; i < N; i += 10) {
        const r = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: mainUrl,
            Entries: bodies.slice(i, i + 10).map((b, j) => ({ Id: `e${j}`, MessageBody: b, MessageAttributes: { n: { DataType: "Number", StringValue: String(i + j) } } })),
          }),
        );
        assert.equal(r.Successful?.length, 10);
        assert.deepEqual(r.Failed ?? [], []);
      }
      // The last send has returned: crash now.
      await kill9(child);
      sqs.destroy();

      // ---- after the crash ----
      child = await startChild(dataDir);
      sqs = sqsClient(child);
      const mainAfter = (await sqs.send(new GetQueueUrlCommand({ QueueName: "durable-main" }))).QueueUrl!;
      const fifoAfter = (await sqs.send(new GetQueueUrlCommand({ QueueName: "durable-orders.fifo" }))).QueueUrl!;
      assert.equal(mainAfter, `${child.endpoint}/000000000000/durable-main`);

      assert.deepEqual(configOf(await attributes(sqs, mainAfter)), mainAttrsBefore);
      assert.deepEqual(configOf(await attributes(sqs, fifoAfter)), fifoAttrsBefore);
      assert.equal(mainAttrsBefore.VisibilityTimeout, "45");
      assert.equal(mainAttrsBefore.MaximumMessageSize, "65536");
      assert.equal(fifoAttrsBefore.ContentBasedDeduplication, "true");
      assert.deepEqual((await sqs.send(new ListQueueTagsCommand({ QueueUrl: mainAfter }))).Tags, { owner: "durability-test", tier: "gold" });

      assert.deepEqual(await countsOf(sqs, mainAfter), { visible: String(N), notVisible: "1", delayed: "1" });

      const got = await drain(sqs, mainAfter);
      const gotBodies = got.map((m) => m.Body!);
      assert.equal(gotBodies.length, N, `received ${gotBodies.length} messages, expected ${N}`);
      assert.equal(new Set(gotBodies).size, N, "no duplicates");
      assert.deepEqual([...gotBodies].sort(), [...bodies].sort());
      for (const m of got) {
        const i = Number(m.MessageAttributes?.n?.StringValue);
        assert.equal(m.Body, bodies[i]);
        assert.equal(m.Attributes?.ApproximateReceiveCount, "1");
        if (i < 50) assert.deepEqual(Buffer.from(m.MessageAttributes!.bin.BinaryValue!), binary(i));
        else assert.equal(m.MessageAttributes?.bin, undefined);
      }

      // The in-flight and delayed messages are still there and still hidden.
      assert.deepEqual(await countsOf(sqs, mainAfter), { visible: "0", notVisible: "1", delayed: "1" });
      // The receipt handle from before the crash still names the in-flight message.
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: mainAfter, ReceiptHandle: inFlight[0].ReceiptHandle!, VisibilityTimeout: 0 }));
      const again = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: mainAfter, MessageSystemAttributeNames: ["ApproximateReceiveCount"] }))).Messages!;
      assert.deepEqual(again.map((m) => [m.Body, m.MessageId, m.Attributes?.ApproximateReceiveCount]), [["in-flight", inFlight[0].MessageId, "2"]]);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: mainAfter, ReceiptHandle: again[0].ReceiptHandle! }));
      assert.deepEqual(await countsOf(sqs, mainAfter), { visible: "0", notVisible: "0", delayed: "1" });

      // FIFO: order within each group, sequence numbers and deduplication survive.
      const dup = await sqs.send(new SendMessageCommand({ QueueUrl: fifoAfter, MessageBody: fifoSent[1].body, MessageGroupId: "g2" }));
      assert.equal(dup.MessageId, fifoSent[1].id, "content-based deduplication survived the crash");
      assert.equal(dup.SequenceNumber, fifoSent[1].seq);
      const dupExplicit = await sqs.send(new SendMessageCommand({ QueueUrl: fifoAfter, MessageBody: "other body", MessageGroupId: "g1", MessageDeduplicationId: "explicit-0" }));
      assert.equal(dupExplicit.MessageId, fifoSent[0].id, "explicit deduplication id survived the crash");
      const fifoGot: Message[] = [];
      for (let i = 0; i < 10 && fifoGot.length < fifoSent.length; i++) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: fifoAfter, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ["All"] }));
        if (!Messages?.length) break;
        fifoGot.push(...Messages);
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: fifoAfter, Entries: Messages.map((m, j) => ({ Id: `f${j}`, ReceiptHandle: m.ReceiptHandle! })) }));
      }
      for (const group of ["g1", "g2"]) {
        assert.deepEqual(
          fifoGot.filter((m) => m.Attributes?.MessageGroupId === group).map((m) => [m.Body, m.Attributes?.SequenceNumber, m.MessageId]),
          fifoSent.filter((s) => s.group === group).map((s) => [s.body, s.seq, s.id]),
        );
      }
      assert.equal(fifoGot.length, fifoSent.length);
      // New sequence numbers continue after the old ones.
      const next = await sqs.send(new SendMessageCommand({ QueueUrl: fifoAfter, MessageBody: "after-crash", MessageGroupId: "g3" }));
      assert.ok(BigInt(next.SequenceNumber!) > BigInt(fifoSent.at(-1)!.seq), `sequence ${next.SequenceNumber} after ${fifoSent.at(-1)!.seq}`);
    } finally {
      sqs.destroy();
    }
  });
});

describe("stratus start: graceful shutdown", () => {
  test("SIGTERM exits with code 0 and keeps the data", async () => {
    const dataDir = tempDir("stratus-sigterm-");
    let child = await startCli(dataDir);
    let sqs = sqsClient(child);
    try {
      const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "graceful", Attributes: { VisibilityTimeout: "77" } }))).QueueUrl!;
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: ["a", "b", "c"].map((b) => ({ Id: b, MessageBody: b })) }));
      sqs.destroy();
      const signalledAt = Date.now();
      child.proc.kill("SIGTERM");
      assert.deepEqual(await child.exited, { code: 0, signal: null }, `stderr: ${child.stderr()}`);
      assert.ok(Date.now() - signalledAt < 5000, `took ${Date.now() - signalledAt} ms to stop`);

      child = await startCli(dataDir);
      sqs = sqsClient(child);
      const url = (await sqs.send(new GetQueueUrlCommand({ QueueName: "graceful" }))).QueueUrl!;
      assert.equal((await attributes(sqs, url)).VisibilityTimeout, "77");
      assert.deepEqual((await drain(sqs, url)).map((m) => m.Body).sort(), ["a", "b", "c"]);
      sqs.destroy();
      child.proc.kill("SIGTERM");
      assert.deepEqual(await child.exited, { code: 0, signal: null }, `stderr: ${child.stderr()}`);
    } finally {
      sqs.destroy();
    }
  });

  // A request in flight when stop() begins must not keep its keep-alive connection (and so the
  // process) alive after it is answered. Bounded at 5 s.
  test(
    "SIGTERM with a long poll pending: the poll is answered and the process exits promptly",
    async () => {
      const dataDir = tempDir("stratus-sigterm-poll-");
      const child = await startCli(dataDir);
      const sqs = sqsClient(child);
      try {
        const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: "graceful-empty" }))).QueueUrl!;
        const longPoll = sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20 }));
        await new Promise((r) => setTimeout(r, 200));
        const signalledAt = Date.now();
        child.proc.kill("SIGTERM");
        const polled = await longPoll;
        assert.equal(polled.$metadata.httpStatusCode, 200);
        assert.equal(polled.Messages, undefined);
        assert.ok(Date.now() - signalledAt < 2000, "the pending long poll was answered at once");
        const exit = await Promise.race([child.exited, new Promise<"still running">((r) => setTimeout(() => r("still running"), 5000))]);
        assert.deepEqual(exit, { code: 0, signal: null }, `5 s after SIGTERM: ${JSON.stringify(exit)}`);
      } finally {
        sqs.destroy();
        child.proc.kill("SIGKILL");
      }
    },
  );
});
