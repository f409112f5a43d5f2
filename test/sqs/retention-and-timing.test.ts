/**
 * Time-driven queue behaviour on the manual clock: message retention (60 s minimum, messages
 * in any state expire, a shortened period applies to messages already queued) and PurgeQueue
 * (everything goes, once per 60 seconds).
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SetQueueAttributes.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_PurgeQueue.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeleteMessageCommand, PurgeQueueCommand, SetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { counts, createQueue, errorFacts, receive, receiveBodies, send, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

describe("message retention", () => {
  test("with the 60-second minimum, messages disappear 60 seconds after they were sent and the counts drop", async () => {
    const url = await createQueue(h.sqs, uniqueName("ret60"), { MessageRetentionPeriod: "60" });
    await send(h.sqs, url, "first");
    await h.clock.advance(30_000);
    await send(h.sqs, url, "second");
    assert.deepEqual(await counts(h.sqs, url), { visible: 2, inFlight: 0, delayed: 0 });
    await h.clock.advance(29_999);
    assert.equal((await counts(h.sqs, url)).visible, 2);
    await h.clock.advance(1);
    assert.deepEqual(await counts(h.sqs, url), { visible: 1, inFlight: 0, delayed: 0 });
    assert.deepEqual(await receiveBodies(h.sqs, url, { VisibilityTimeout: 0 }), ["second"]);
    await h.clock.advance(30_000);
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 0, delayed: 0 });
    assert.deepEqual(await receive(h.sqs, url), []);
  });

  test("messages in flight and delayed messages expire too", async () => {
    const url = await createQueue(h.sqs, uniqueName("retstates"), { MessageRetentionPeriod: "60", VisibilityTimeout: "600" });
    await send(h.sqs, url, "in flight");
    await send(h.sqs, url, "delayed", { DelaySeconds: 900 });
    const [m] = await receive(h.sqs, url);
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 1, delayed: 1 });
    await h.clock.advance(60_000);
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 0, delayed: 0 });
    // Deleting an expired message is harmless.
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }));
    await h.clock.advance(900_000);
    assert.deepEqual(await receive(h.sqs, url), []);
  });

  test("shortening the retention period expires older messages", async () => {
    const url = await createQueue(h.sqs, uniqueName("retshorten"));
    await send(h.sqs, url, "old");
    await h.clock.advance(120_000);
    await send(h.sqs, url, "young");
    await h.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { MessageRetentionPeriod: "60" } }));
    assert.deepEqual(await receiveBodies(h.sqs, url), ["young"]);
  });

  test("the default keeps messages for 4 days", async () => {
    const url = await createQueue(h.sqs, uniqueName("ret4d"));
    await send(h.sqs, url, "durable");
    await h.clock.advance(345_599_999);
    assert.equal((await counts(h.sqs, url)).visible, 1);
    await h.clock.advance(1);
    assert.equal((await counts(h.sqs, url)).visible, 0);
  });
});

describe("PurgeQueue", () => {
  test("deletes visible, in-flight and delayed messages; later sends are kept", async () => {
    const url = await createQueue(h.sqs, uniqueName("purge"));
    await send(h.sqs, url, "visible");
    await send(h.sqs, url, "in flight");
    await receive(h.sqs, url, { MaxNumberOfMessages: 1 });
    await send(h.sqs, url, "delayed", { DelaySeconds: 60 });
    assert.deepEqual(await counts(h.sqs, url), { visible: 1, inFlight: 1, delayed: 1 });
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 0, delayed: 0 });
    await send(h.sqs, url, "after");
    await h.clock.advance(60_000);
    assert.deepEqual(await receiveBodies(h.sqs, url), ["after"]);
  });

  test("only one purge per queue every 60 seconds (PurgeQueueInProgress, 403)", async () => {
    const url = await createQueue(h.sqs, uniqueName("purge60"));
    const other = await createQueue(h.sqs, uniqueName("purge60-other"));
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
    await h.clock.advance(59_999);
    const err = await rejection(h.sqs.send(new PurgeQueueCommand({ QueueUrl: url })));
    assert.deepEqual(errorFacts(err), { name: "PurgeQueueInProgress", code: "AWS.SimpleQueueService.PurgeQueueInProgress", status: 403 });
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl: other }));
    await h.clock.advance(1);
    await h.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
  });

  test("an unknown queue is QueueDoesNotExist", async () => {
    const err = await rejection(h.sqs.send(new PurgeQueueCommand({ QueueUrl: `${h.server.endpoint}/000000000000/no-purge` })));
    assert.equal(err.name, "QueueDoesNotExist");
  });
});
