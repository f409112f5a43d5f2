/**
 * FIFO queues: strict order per message group, a group blocked while one of its messages is in
 * flight, deduplication (explicit ids, content-based, the 5-minute window, per-group scope),
 * sequence numbers, ReceiveRequestAttemptId, and the parameters FIFO queues require or refuse.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-understanding-logic.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/FIFO-queues-exactly-once-processing.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, SendMessageBatchCommand, SetQueueAttributesCommand, type Message, type SendMessageCommandOutput } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { counts, createQueue, errorFacts, receive, receiveBodies, send, sha256, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

let dedup = 0;
/** Sends to a FIFO queue with a fresh deduplication id unless one is given. */
const sendFifo = (url: string, body: string, group: string, extra: Record<string, unknown> = {}) =>
  send(h.sqs, url, body, { MessageGroupId: group, MessageDeduplicationId: `d-${++dedup}`, ...extra });

const del = (url: string, m: Message) => h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));

describe("parameters", () => {
  test("MessageGroupId is required (MissingParameter)", async () => {
    const url = await createQueue(h.sqs, uniqueName("nogroup", true));
    const err = await rejection(send(h.sqs, url, "x", { MessageDeduplicationId: "d" }));
    assert.deepEqual(errorFacts(err), { name: "MissingParameter", code: "MissingParameter", status: 400 });
  });

  test("without ContentBasedDeduplication a MessageDeduplicationId is required", async () => {
    const url = await createQueue(h.sqs, uniqueName("nodedup", true));
    const err = await rejection(send(h.sqs, url, "x", { MessageGroupId: "g" }));
    assert.equal(err.name, "InvalidParameterValue");
  });

  test("per-message DelaySeconds is refused; the queue's DelaySeconds applies", async () => {
    const url = await createQueue(h.sqs, uniqueName("nodelay", true), { DelaySeconds: "5" });
    const err = await rejection(sendFifo(url, "x", "g", { DelaySeconds: 1 }));
    assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
    await sendFifo(url, "delayed", "g");
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 0, delayed: 1 });
    await h.clock.advance(5_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["delayed"]);
  });

  test("group and deduplication ids are 1 to 128 printable ASCII characters", async () => {
    const url = await createQueue(h.sqs, uniqueName("ids", true));
    await send(h.sqs, url, "ok", { MessageGroupId: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".padEnd(128, "g"), MessageDeduplicationId: "D".repeat(128) });
    for (const [k, v] of [["MessageGroupId", "g".repeat(129)], ["MessageGroupId", "has space"], ["MessageDeduplicationId", "d".repeat(129)], ["MessageDeduplicationId", "ümlaut"]]) {
      const err = await rejection(send(h.sqs, url, "x", { MessageGroupId: "g", MessageDeduplicationId: "d", [k]: v }));
      assert.equal(err.name, "InvalidParameterValue", `${k}=${v}`);
    }
  });
});

describe("ordering and message groups", () => {
  test("messages of a group arrive in send order with increasing sequence numbers", async () => {
    const url = await createQueue(h.sqs, uniqueName("order", true));
    const sent: SendMessageCommandOutput[] = [];
    for (let i = 0; i < 8; i++) sent.push(await sendFifo(url, `m${i}`, "g"));
    const seqs = sent.map((s) => BigInt(s.SequenceNumber!));
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1], "sequence numbers grow");
    const got = await receive(h.sqs, url, { MessageSystemAttributeNames: ["All"] });
    assert.deepEqual(got.map((m) => m.Body), ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"]);
    got.forEach((m, i) => {
      assert.equal(m.Attributes!.SequenceNumber, sent[i].SequenceNumber);
      assert.equal(m.Attributes!.MessageGroupId, "g");
      assert.equal(m.Attributes!.MessageDeduplicationId, `d-${dedup - 7 + i}`);
    });
  });

  test("a group is blocked while one of its messages is in flight; other groups are not", async () => {
    const url = await createQueue(h.sqs, uniqueName("blocked", true), { VisibilityTimeout: "30" });
    await sendFifo(url, "a1", "A");
    await sendFifo(url, "a2", "A");
    const [a1] = await receive(h.sqs, url, { MaxNumberOfMessages: 1 });
    assert.equal(a1.Body, "a1");
    assert.deepEqual(await receive(h.sqs, url), [], "a2 waits behind a1");
    await sendFifo(url, "a3", "A");
    assert.deepEqual(await receive(h.sqs, url), [], "a send to the group does not unblock it");
    await sendFifo(url, "b1", "B");
    assert.deepEqual(await receiveBodies(h.sqs, url), ["b1"], "another group is still deliverable");

    await del(url, a1);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["a2", "a3"]);
  });

  test("a message whose visibility expires is delivered again before the rest of its group", async () => {
    const url = await createQueue(h.sqs, uniqueName("redeliver", true), { VisibilityTimeout: "10" });
    await sendFifo(url, "first", "g");
    await sendFifo(url, "second", "g");
    assert.deepEqual(await receiveBodies(h.sqs, url, { MaxNumberOfMessages: 1 }), ["first"]);
    await h.clock.advance(10_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["first", "second"]);
  });

  test("releasing a message with ChangeMessageVisibility 0 unblocks its group", async () => {
    const url = await createQueue(h.sqs, uniqueName("release", true));
    await sendFifo(url, "one", "g");
    await sendFifo(url, "two", "g");
    const [one] = await receive(h.sqs, url, { MaxNumberOfMessages: 1 });
    await h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: one.ReceiptHandle, VisibilityTimeout: 0 }));
    assert.deepEqual(await receiveBodies(h.sqs, url), ["one", "two"]);
  });

  test("each group keeps its order when several groups are received together", async () => {
    const url = await createQueue(h.sqs, uniqueName("groups", true));
    const order = ["a1", "b1", "c1", "a2", "b2", "a3", "c2", "b3"];
    for (const body of order) await sendFifo(url, body, body[0]);
    const got = await receiveBodies(h.sqs, url);
    assert.equal(got.length, 8);
    for (const g of ["a", "b", "c"]) {
      assert.deepEqual(
        got.filter((b) => b.startsWith(g)),
        order.filter((b) => b.startsWith(g)),
        `group ${g} in order`,
      );
    }
  });

  test("a delayed message does not block visible messages of its group", async () => {
    const url = await createQueue(h.sqs, uniqueName("delayblock", true), { DelaySeconds: "60" });
    await sendFifo(url, "late", "g");
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: "0" } }));
    await sendFifo(url, "early", "g");
    const [early] = await receive(h.sqs, url);
    assert.equal(early.Body, "early");
    await del(url, early);
    await h.clock.advance(59_999);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["late"]);
  });

  test("SendMessageBatch keeps the order of its entries", async () => {
    const url = await createQueue(h.sqs, uniqueName("batchorder", true));
    const Entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, MessageBody: `b${i}`, MessageGroupId: "g", MessageDeduplicationId: `bd${i}` }));
    const out = await h.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }));
    const seqs = Entries.map((e) => BigInt(out.Successful!.find((s) => s.Id === e.Id)!.SequenceNumber!));
    for (let i = 1; i < seqs.length; i++) assert.ok(seqs[i] > seqs[i - 1]);
    assert.deepEqual(await receiveBodies(h.sqs, url), Entries.map((e) => e.MessageBody));
  });
});

describe("deduplication", () => {
  test("a repeated MessageDeduplicationId is accepted but not delivered again", async () => {
    const url = await createQueue(h.sqs, uniqueName("dedup", true));
    const first = await send(h.sqs, url, "one", { MessageGroupId: "g", MessageDeduplicationId: "same" });
    const again = await send(h.sqs, url, "two", { MessageGroupId: "g", MessageDeduplicationId: "same" });
    assert.ok(again.MessageId);
    assert.ok(again.SequenceNumber);
    assert.deepEqual(await counts(h.sqs, url), { visible: 1, inFlight: 0, delayed: 0 });
    const got = await receive(h.sqs, url);
    assert.deepEqual(got.map((m) => [m.MessageId, m.Body]), [[first.MessageId, "one"]]);
  });

  test("a repeated id within one SendMessageBatch is delivered once", async () => {
    const url = await createQueue(h.sqs, uniqueName("batchdup", true));
    const out = await h.sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "a", MessageBody: "first", MessageGroupId: "g", MessageDeduplicationId: "same" },
          { Id: "b", MessageBody: "second", MessageGroupId: "g", MessageDeduplicationId: "same" },
          { Id: "c", MessageBody: "third", MessageGroupId: "g", MessageDeduplicationId: "other" },
        ],
      }),
    );
    assert.deepEqual(out.Successful!.map((s) => s.Id).sort(), ["a", "b", "c"]);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["first", "third"]);
  });

  test("the 5-minute window holds after the message is deleted, and then ends", async () => {
    const url = await createQueue(h.sqs, uniqueName("window", true));
    await send(h.sqs, url, "original", { MessageGroupId: "g", MessageDeduplicationId: "w" });
    const [m] = await receive(h.sqs, url);
    await del(url, m);
    await h.clock.advance(299_999);
    await send(h.sqs, url, "duplicate", { MessageGroupId: "g", MessageDeduplicationId: "w" });
    assert.deepEqual(await receive(h.sqs, url), [], "still a duplicate 4:59.999 after the first send");
    await h.clock.advance(1);
    await send(h.sqs, url, "new", { MessageGroupId: "g", MessageDeduplicationId: "w" });
    assert.deepEqual(await receiveBodies(h.sqs, url), ["new"]);
  });

  test("content-based deduplication uses the SHA-256 of the body; an explicit id overrides it", async () => {
    const url = await createQueue(h.sqs, uniqueName("content", true), { ContentBasedDeduplication: "true" });
    await send(h.sqs, url, "same body", { MessageGroupId: "g", MessageAttributes: { a: { DataType: "String", StringValue: "1" } } });
    await send(h.sqs, url, "same body", { MessageGroupId: "g", MessageAttributes: { a: { DataType: "String", StringValue: "2" } } });
    await send(h.sqs, url, "same body", { MessageGroupId: "g", MessageDeduplicationId: "explicit" });
    // An explicit id equal to the hash of the first body is a duplicate of it.
    await send(h.sqs, url, "other body", { MessageGroupId: "g", MessageDeduplicationId: sha256("same body") });
    const got = await receive(h.sqs, url, { MessageSystemAttributeNames: ["MessageDeduplicationId"] });
    assert.deepEqual(
      got.map((m) => [m.Body, m.Attributes!.MessageDeduplicationId]),
      [
        ["same body", sha256("same body")],
        ["same body", "explicit"],
      ],
    );
  });

  test("with DeduplicationScope messageGroup, ids are deduplicated within a group only", async () => {
    const url = await createQueue(h.sqs, uniqueName("groupscope", true), { DeduplicationScope: "messageGroup", FifoThroughputLimit: "perMessageGroupId" });
    await send(h.sqs, url, "a", { MessageGroupId: "A", MessageDeduplicationId: "x" });
    await send(h.sqs, url, "b", { MessageGroupId: "B", MessageDeduplicationId: "x" });
    await send(h.sqs, url, "a again", { MessageGroupId: "A", MessageDeduplicationId: "x" });
    assert.deepEqual((await receiveBodies(h.sqs, url)).sort(), ["a", "b"]);
  });

  test("with the default queue scope, an id used in one group deduplicates another group", async () => {
    const url = await createQueue(h.sqs, uniqueName("queuescope", true));
    await send(h.sqs, url, "a", { MessageGroupId: "A", MessageDeduplicationId: "x" });
    await send(h.sqs, url, "b", { MessageGroupId: "B", MessageDeduplicationId: "x" });
    assert.deepEqual(await receiveBodies(h.sqs, url), ["a"]);
  });
});

describe("ReceiveRequestAttemptId", () => {
  test("a retry with the same id returns the same messages and receipt handles", async () => {
    const url = await createQueue(h.sqs, uniqueName("attempt", true), { VisibilityTimeout: "900" });
    await sendFifo(url, "m1", "g");
    await sendFifo(url, "m2", "g");
    const first = await receive(h.sqs, url, { ReceiveRequestAttemptId: "try-1", MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.deepEqual(first.map((m) => m.Body), ["m1", "m2"]);
    await h.clock.advance(60_000);
    const retry = await receive(h.sqs, url, { ReceiveRequestAttemptId: "try-1", MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.deepEqual(
      retry.map((m) => [m.MessageId, m.ReceiptHandle, m.Attributes!.ApproximateReceiveCount]),
      first.map((m) => [m.MessageId, m.ReceiptHandle, "1"]),
    );
    assert.deepEqual(await receive(h.sqs, url, { ReceiveRequestAttemptId: "try-2" }), [], "another attempt id sees the group in flight");
    await del(url, retry[0]);
  });

  test("the id can be replayed for 5 minutes only", async () => {
    const url = await createQueue(h.sqs, uniqueName("attempt5", true), { VisibilityTimeout: "900" });
    await sendFifo(url, "m", "g");
    const [first] = await receive(h.sqs, url, { ReceiveRequestAttemptId: "a" });
    await h.clock.advance(299_999);
    const [again] = await receive(h.sqs, url, { ReceiveRequestAttemptId: "a" });
    assert.equal(again?.ReceiptHandle, first.ReceiptHandle);
    await h.clock.advance(1);
    assert.deepEqual(await receive(h.sqs, url, { ReceiveRequestAttemptId: "a" }), [], "after 5 minutes the id starts a new receive");
  });

  test("a retry within the window resets the visibility timeout", async () => {
    const url = await createQueue(h.sqs, uniqueName("attemptvt", true), { VisibilityTimeout: "30" });
    await sendFifo(url, "m", "g");
    const [first] = await receive(h.sqs, url, { ReceiveRequestAttemptId: "r" });
    await h.clock.advance(20_000);
    const [again] = await receive(h.sqs, url, { ReceiveRequestAttemptId: "r" });
    assert.equal(again.ReceiptHandle, first.ReceiptHandle);
    await h.clock.advance(20_000); // 40 s after the first receive, 20 s after the retry
    assert.deepEqual(await receive(h.sqs, url), [], "still in flight: the retry restarted the 30 seconds");
    await h.clock.advance(10_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["m"]);
  });

  test("once a message was deleted or changed, the id no longer replays", async () => {
    const url = await createQueue(h.sqs, uniqueName("attemptchg", true), { VisibilityTimeout: "900" });
    await sendFifo(url, "m1", "g");
    await sendFifo(url, "m2", "g");
    const [m1] = await receive(h.sqs, url, { ReceiveRequestAttemptId: "x", MaxNumberOfMessages: 1 });
    await del(url, m1);
    assert.deepEqual(await receiveBodies(h.sqs, url, { ReceiveRequestAttemptId: "x" }), ["m2"]);

    const [m2] = await receive(h.sqs, url, { ReceiveRequestAttemptId: "x" });
    await h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: m2.ReceiptHandle, VisibilityTimeout: 600 }));
    assert.deepEqual(await receive(h.sqs, url, { ReceiveRequestAttemptId: "x" }), [], "a visibility change ends the replay; the group stays in flight");
  });
});
