/**
 * Visibility timeouts and delays on the manual clock: default 30 seconds, per-queue and
 * per-receive values, ChangeMessageVisibility (extend, release, the 12-hour ceiling,
 * MessageNotInflight), queue and per-message delays and the counts that follow them.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { counts, createQueue, errorFacts, receive, receiveBodies, send, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const changeVisibility = (QueueUrl: string, ReceiptHandle: string, VisibilityTimeout: number) =>
  h.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle, VisibilityTimeout }));

describe("visibility timeout", () => {
  test("defaults to 30 seconds; the message comes back with a higher receive count", async () => {
    const url = await createQueue(h.sqs, uniqueName("vt-default"));
    await send(h.sqs, url, "m");
    const [first] = await receive(h.sqs, url, { MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.equal(first.Attributes!.ApproximateReceiveCount, "1");
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 1, delayed: 0 });
    await h.clock.advance(29_999);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1);
    assert.deepEqual(await counts(h.sqs, url), { visible: 1, inFlight: 0, delayed: 0 });
    const [second] = await receive(h.sqs, url, { MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.equal(second.MessageId, first.MessageId);
    assert.equal(second.Attributes!.ApproximateReceiveCount, "2");
  });

  test("the queue's VisibilityTimeout applies, and a receive's own VisibilityTimeout overrides it", async () => {
    const url = await createQueue(h.sqs, uniqueName("vt-queue"), { VisibilityTimeout: "60" });
    await send(h.sqs, url, "a");
    await send(h.sqs, url, "b");
    const [a] = await receive(h.sqs, url, { MaxNumberOfMessages: 1 });
    const [b] = await receive(h.sqs, url, { MaxNumberOfMessages: 1, VisibilityTimeout: 5 });
    assert.notEqual(a.MessageId, b.MessageId);
    await h.clock.advance(5_000);
    assert.deepEqual((await receive(h.sqs, url, { VisibilityTimeout: 600 })).map((m) => m.MessageId), [b.MessageId]);
    await h.clock.advance(55_000);
    assert.deepEqual((await receive(h.sqs, url)).map((m) => m.MessageId), [a.MessageId]);
  });

  test("a receive with VisibilityTimeout 0 leaves the message visible", async () => {
    const url = await createQueue(h.sqs, uniqueName("vt-zero"));
    await send(h.sqs, url, "m");
    await receive(h.sqs, url, { VisibilityTimeout: 0 });
    assert.deepEqual(await receiveBodies(h.sqs, url, { VisibilityTimeout: 0 }), ["m"]);
  });

  test("a changed queue VisibilityTimeout applies to later receives", async () => {
    const url = await createQueue(h.sqs, uniqueName("vt-change"));
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "2" } }));
    await send(h.sqs, url, "m");
    await receive(h.sqs, url);
    await h.clock.advance(2_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["m"]);
  });
});

describe("ChangeMessageVisibility", () => {
  test("extends the timeout from now", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-extend"));
    await send(h.sqs, url, "m");
    const [m] = await receive(h.sqs, url);
    await h.clock.advance(20_000);
    await changeVisibility(url, m.ReceiptHandle!, 60);
    await h.clock.advance(59_999);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["m"]);
  });

  test("0 makes the message visible at once; a shorter timeout shortens it", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-release"));
    await send(h.sqs, url, "a");
    await send(h.sqs, url, "b");
    const got = await receive(h.sqs, url);
    const a = got.find((m) => m.Body === "a")!;
    const b = got.find((m) => m.Body === "b")!;
    await changeVisibility(url, a.ReceiptHandle!, 0);
    await changeVisibility(url, b.ReceiptHandle!, 3);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["a"]);
    await h.clock.advance(3_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["b"]);
  });

  test("the total time in flight cannot pass 12 hours from the receive", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-ceiling"));
    await send(h.sqs, url, "m");
    const [m] = await receive(h.sqs, url, { VisibilityTimeout: 43_200 });
    await h.clock.advance(3_600_000);
    const err = await rejection(changeVisibility(url, m.ReceiptHandle!, 43_200));
    assert.deepEqual(errorFacts(err), { name: "InvalidParameterValue", code: "InvalidParameterValue", status: 400 });
    await changeVisibility(url, m.ReceiptHandle!, 39_600);
    await h.clock.advance(39_599_000);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["m"]);
  });

  test("a timeout above 43200 is InvalidParameterValue", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-range"));
    await send(h.sqs, url, "m");
    const [m] = await receive(h.sqs, url);
    const err = await rejection(changeVisibility(url, m.ReceiptHandle!, 43_201));
    assert.equal(err.name, "InvalidParameterValue");
  });

  test("a message whose timeout expired is not in flight (MessageNotInflight)", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-notinflight"), { VisibilityTimeout: "5" });
    await send(h.sqs, url, "m");
    const [m] = await receive(h.sqs, url);
    await h.clock.advance(5_000);
    const err = await rejection(changeVisibility(url, m.ReceiptHandle!, 30));
    assert.deepEqual(errorFacts(err), { name: "MessageNotInflight", code: "AWS.SimpleQueueService.MessageNotInflight", status: 400 });
    assert.deepEqual(await receiveBodies(h.sqs, url), ["m"], "the failed change did not hide it");
  });

  test("a malformed receipt handle is ReceiptHandleIsInvalid", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-badhandle"));
    const err = await rejection(changeVisibility(url, "nonsense", 10));
    assert.deepEqual(errorFacts(err), { name: "ReceiptHandleIsInvalid", code: "ReceiptHandleIsInvalid", status: 404 });
  });

  test("a deleted message can no longer be changed", async () => {
    const url = await createQueue(h.sqs, uniqueName("cmv-deleted"));
    await send(h.sqs, url, "m");
    const [m] = await receive(h.sqs, url);
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    const err = await rejection(changeVisibility(url, m.ReceiptHandle!, 10));
    assert.equal(err.$metadata.httpStatusCode === 400 || err.$metadata.httpStatusCode === 404, true);
    assert.ok(["MessageNotInflight", "ReceiptHandleIsInvalid"].includes(err.name), err.name);
  });
});

describe("delays", () => {
  test("a queue's DelaySeconds hides new messages, counted as delayed", async () => {
    const url = await createQueue(h.sqs, uniqueName("delay-queue"), { DelaySeconds: "10" });
    await send(h.sqs, url, "m");
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 0, delayed: 1 });
    await h.clock.advance(9_999);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1);
    assert.deepEqual(await counts(h.sqs, url), { visible: 1, inFlight: 0, delayed: 0 });
    assert.deepEqual(await receiveBodies(h.sqs, url), ["m"]);
  });

  test("a message's DelaySeconds overrides the queue's, up to 900 seconds", async () => {
    const url = await createQueue(h.sqs, uniqueName("delay-message"), { DelaySeconds: "10" });
    await send(h.sqs, url, "now", { DelaySeconds: 0 });
    await send(h.sqs, url, "max", { DelaySeconds: 900 });
    assert.deepEqual(await receiveBodies(h.sqs, url, { VisibilityTimeout: 1000 }), ["now"]);
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 1, delayed: 1 });
    await h.clock.advance(899_999);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["max"]);
  });

  test("changing the queue's DelaySeconds does not move messages already sent", async () => {
    const url = await createQueue(h.sqs, uniqueName("delay-changed"), { DelaySeconds: "60" });
    await send(h.sqs, url, "slow");
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { DelaySeconds: "0" } }));
    await send(h.sqs, url, "fast");
    assert.deepEqual(await receiveBodies(h.sqs, url, { VisibilityTimeout: 600 }), ["fast"]);
    await h.clock.advance(60_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["slow"]);
  });
});
