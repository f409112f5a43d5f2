/**
 * Dead-letter queues: a message moves when a receive would exceed maxReceiveCount, keeping its
 * id, body and attributes, and gains DeadLetterQueueSourceArn; the rules for setting a
 * RedrivePolicy (target exists, same type, RedriveAllowPolicy); ListDeadLetterSourceQueues.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/setting-up-dead-letter-queue-retention.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateQueueCommand, DeleteMessageCommand, ListDeadLetterSourceQueuesCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, counts, createQueue, errorFacts, md5OfAttributes, queueAttributes, receive, receiveBodies, send, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;
const redrive = (dlqName: string, maxReceiveCount: number) => JSON.stringify({ deadLetterTargetArn: arnOf(dlqName), maxReceiveCount });

/** A dead-letter queue and a source queue that uses it. */
async function pair(maxReceiveCount: number, fifo = false, sourceAttributes: Record<string, string> = {}, dlqAttributes: Record<string, string> = {}) {
  const dlqName = uniqueName("dlq", fifo);
  const srcName = uniqueName("src", fifo);
  const dlq = await createQueue(h.sqs, dlqName, dlqAttributes);
  const src = await createQueue(h.sqs, srcName, { VisibilityTimeout: "0", RedrivePolicy: redrive(dlqName, maxReceiveCount), ...sourceAttributes });
  return { dlq, src, dlqArn: arnOf(dlqName), srcArn: arnOf(srcName) };
}

describe("moving to the dead-letter queue", () => {
  test("a message received maxReceiveCount times moves on the next receive, keeping id, body and attributes", async () => {
    const { dlq, src, srcArn } = await pair(3);
    const attrs = { kind: { DataType: "String", StringValue: "poison" }, n: { DataType: "Number", StringValue: "7" } };
    const sent = await send(h.sqs, src, "poison pill", { MessageAttributes: attrs });
    for (let i = 1; i <= 3; i++) {
      const [m] = await receive(h.sqs, src, { MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
      assert.equal(m.Attributes!.ApproximateReceiveCount, String(i));
    }
    assert.deepEqual(await receive(h.sqs, src), [], "the fourth receive moves it instead of returning it");
    assert.deepEqual(await counts(h.sqs, src), { visible: 0, inFlight: 0, delayed: 0 });
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 1, inFlight: 0, delayed: 0 });

    const [dead] = await receive(h.sqs, dlq, { MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] });
    assert.equal(dead.MessageId, sent.MessageId);
    assert.equal(dead.Body, "poison pill");
    assert.equal(dead.MD5OfBody, sent.MD5OfMessageBody);
    assert.equal(dead.MD5OfMessageAttributes, md5OfAttributes(attrs));
    assert.equal(dead.Attributes!.DeadLetterQueueSourceArn, srcArn);
    assert.equal(dead.Attributes!.SenderId, ACCOUNT);
  });

  test("maxReceiveCount 1: the second receive moves the message; other messages are still delivered", async () => {
    const { dlq, src } = await pair(1);
    await send(h.sqs, src, "bad");
    assert.deepEqual(await receiveBodies(h.sqs, src), ["bad"]);
    await send(h.sqs, src, "good");
    assert.deepEqual(await receiveBodies(h.sqs, src), ["good"], "bad moved, good delivered in the same receive");
    assert.deepEqual(await receiveBodies(h.sqs, dlq), ["bad"]);
  });

  test("a message deleted in time never moves", async () => {
    const { dlq, src } = await pair(1);
    await send(h.sqs, src, "handled");
    const [m] = await receive(h.sqs, src);
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: src, ReceiptHandle: m.ReceiptHandle }));
    assert.deepEqual(await receive(h.sqs, src), []);
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test("removing the RedrivePolicy stops the moves", async () => {
    const { dlq, src } = await pair(1);
    await send(h.sqs, src, "stays");
    await receive(h.sqs, src);
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: src, Attributes: { RedrivePolicy: "" } }));
    assert.deepEqual(await receiveBodies(h.sqs, src), ["stays"]);
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 0, inFlight: 0, delayed: 0 });
  });

  test("standard queues: retention in the dead-letter queue counts from the original send", async () => {
    const { dlq, src } = await pair(1, false, {}, { MessageRetentionPeriod: "120" });
    await send(h.sqs, src, "aging");
    await receive(h.sqs, src);
    await h.clock.advance(100_000);
    await receive(h.sqs, src);
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 1, inFlight: 0, delayed: 0 });
    await h.clock.advance(19_999);
    assert.equal((await counts(h.sqs, dlq)).visible, 1);
    await h.clock.advance(1);
    assert.equal((await counts(h.sqs, dlq)).visible, 0, "120 s after the send, not after the move");
    assert.deepEqual(await receive(h.sqs, dlq), []);
  });

  test("standard queues: an old message moved in behind younger ones still expires on time", async () => {
    const { dlq, src } = await pair(1, false, {}, { MessageRetentionPeriod: "120" });
    await send(h.sqs, src, "old");
    await receive(h.sqs, src);
    await h.clock.advance(50_000);
    await send(h.sqs, dlq, "young"); // sent straight to the dead-letter queue at 50 s
    await h.clock.advance(50_000);
    await receive(h.sqs, src); // "old" moves in at 100 s, sent at 0 s
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 2, inFlight: 0, delayed: 0 });
    await h.clock.advance(20_000);
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 1, inFlight: 0, delayed: 0 }, "old expired at 120 s");
    assert.deepEqual(await receiveBodies(h.sqs, dlq, { VisibilityTimeout: 0 }), ["young"]);
    await h.clock.advance(50_000);
    assert.deepEqual(await counts(h.sqs, dlq), { visible: 0, inFlight: 0, delayed: 0 }, "young expired at 170 s");
  });

  test("FIFO: the group's next message is delivered once the blocker moves; the moved message gets its MessageId as deduplication id", async () => {
    const { dlq, src, srcArn } = await pair(1, true, {}, { MessageRetentionPeriod: "120" });
    const a1 = await send(h.sqs, src, "a1", { MessageGroupId: "A", MessageDeduplicationId: "dedup-a1" });
    await send(h.sqs, src, "a2", { MessageGroupId: "A", MessageDeduplicationId: "dedup-a2" });
    assert.deepEqual(await receiveBodies(h.sqs, src, { MaxNumberOfMessages: 1 }), ["a1"]);
    await h.clock.advance(100_000);
    assert.deepEqual(await receiveBodies(h.sqs, src, { MaxNumberOfMessages: 1 }), ["a2"], "a1 moved, a2 is next");

    const [dead] = await receive(h.sqs, dlq, { MessageSystemAttributeNames: ["All"], VisibilityTimeout: 0 });
    assert.equal(dead.MessageId, a1.MessageId);
    assert.equal(dead.Body, "a1");
    assert.equal(dead.Attributes!.MessageGroupId, "A");
    assert.equal(dead.Attributes!.MessageDeduplicationId, a1.MessageId);
    assert.equal(dead.Attributes!.DeadLetterQueueSourceArn, srcArn);
    assert.ok(dead.Attributes!.SequenceNumber);
    // FIFO queues reset the enqueue time on the move: 100 s in the source do not count.
    await h.clock.advance(119_999);
    assert.equal((await counts(h.sqs, dlq)).visible, 1);
    await h.clock.advance(1);
    assert.equal((await counts(h.sqs, dlq)).visible, 0);
  });
});

describe("setting a RedrivePolicy", () => {
  test("the dead-letter queue must exist", async () => {
    const err = await rejection(h.sqs.send(new CreateQueueCommand({ QueueName: uniqueName("orphan"), Attributes: { RedrivePolicy: redrive("no-such-dlq", 3) } })));
    assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
  });

  test("the dead-letter queue must be of the same type", async () => {
    const std = uniqueName("std-dlq");
    const fifo = uniqueName("fifo-dlq", true);
    await createQueue(h.sqs, std);
    await createQueue(h.sqs, fifo);
    const fifoSrc = await rejection(createQueue(h.sqs, uniqueName("fifo-src", true), { RedrivePolicy: redrive(std, 3) }));
    assert.equal(fifoSrc.name, "InvalidParameterValue");
    const stdSrc = await rejection(createQueue(h.sqs, uniqueName("std-src"), { RedrivePolicy: redrive(fifo, 3) }));
    assert.equal(stdSrc.name, "InvalidParameterValue");
  });

  test("RedriveAllowPolicy denyAll refuses every source", async () => {
    const dlqName = uniqueName("deny-dlq");
    await createQueue(h.sqs, dlqName, { RedriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }) });
    const src = await createQueue(h.sqs, uniqueName("deny-src"));
    const err = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: src, Attributes: { RedrivePolicy: redrive(dlqName, 2) } })));
    assert.equal(err.name, "InvalidParameterValue");
    assert.equal((await queueAttributes(h.sqs, src)).RedrivePolicy, undefined);
  });

  test("RedriveAllowPolicy byQueue admits only the listed sources", async () => {
    const dlqName = uniqueName("byq-dlq");
    const allowedName = uniqueName("byq-allowed");
    const allowed = await createQueue(h.sqs, allowedName);
    const other = await createQueue(h.sqs, uniqueName("byq-other"));
    await createQueue(h.sqs, dlqName, { RedriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arnOf(allowedName)] }) });
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: allowed, Attributes: { RedrivePolicy: redrive(dlqName, 2) } }));
    const err = await rejection(h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: other, Attributes: { RedrivePolicy: redrive(dlqName, 2) } })));
    assert.equal(err.name, "InvalidParameterValue");
  });

  test("RedriveAllowPolicy allowAll admits any source", async () => {
    const dlqName = uniqueName("all-dlq");
    await createQueue(h.sqs, dlqName, { RedriveAllowPolicy: JSON.stringify({ redrivePermission: "allowAll" }) });
    const src = await createQueue(h.sqs, uniqueName("all-src"), { RedrivePolicy: redrive(dlqName, 5) });
    assert.deepEqual(JSON.parse((await queueAttributes(h.sqs, src)).RedrivePolicy), { deadLetterTargetArn: arnOf(dlqName), maxReceiveCount: 5 });
  });

  test("a dead-letter queue of another account cannot be used", async () => {
    const other = h.client({ credentials: { accessKeyId: "222222222222", secretAccessKey: "test" } });
    const theirs = uniqueName("their-dlq");
    await createQueue(other, theirs);
    const err = await rejection(
      createQueue(h.sqs, uniqueName("cross-src"), { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:222222222222:${theirs}`, maxReceiveCount: 2 }) }),
    );
    assert.equal(err.name, "InvalidParameterValue");
  });
});

describe("ListDeadLetterSourceQueues", () => {
  test("lists the queues whose RedrivePolicy targets the queue, with paging", async () => {
    const dlqName = uniqueName("lsq-dlq");
    const dlq = await createQueue(h.sqs, dlqName);
    const sources = [];
    for (let i = 0; i < 3; i++) sources.push(await createQueue(h.sqs, uniqueName("lsq-src"), { RedrivePolicy: redrive(dlqName, 2) }));
    await createQueue(h.sqs, uniqueName("lsq-unrelated"));

    const all = await h.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    assert.deepEqual([...all.queueUrls!].sort(), [...sources].sort());
    assert.equal(all.NextToken, undefined);

    const first = await h.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq, MaxResults: 2 }));
    assert.equal(first.queueUrls!.length, 2);
    assert.ok(first.NextToken);
    const second = await h.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq, MaxResults: 2, NextToken: first.NextToken }));
    assert.deepEqual([...first.queueUrls!, ...second.queueUrls!].sort(), [...sources].sort());
    assert.equal(second.NextToken, undefined);
  });

  test("a queue nobody uses has no sources; an unknown queue is QueueDoesNotExist", async () => {
    const lonely = await createQueue(h.sqs, uniqueName("lonely"));
    const out = await h.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: lonely }));
    assert.deepEqual(out.queueUrls ?? [], []);
    const err = await rejection(h.sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: `${h.server.endpoint}/${ACCOUNT}/nope` })));
    assert.equal(err.name, "QueueDoesNotExist");
  });
});
