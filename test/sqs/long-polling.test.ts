/**
 * Long polling: a receive with WaitTimeSeconds (or the queue's ReceiveMessageWaitTimeSeconds)
 * answers as soon as a message becomes receivable (a send, a visibility expiry, a delay ending,
 * a FIFO group unblocked) and answers empty when the wait runs out. Most checks use the manual
 * clock; two use real time to show that nothing waits for a timer.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { DeleteMessageCommand, DeleteQueueCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { StratusServer } from "../../src/index.js";
import { sqsClient, startStratus } from "../helpers/stratus.js";
import { createQueue, receive, send, settlesWithin, startHarness, uniqueName, type Harness } from "./support.js";

/** Real-time budget for "at once": generous, far below any wait time used. */
const PROMPT_MS = 1_500;
/** How long a receive is given to show that it is (still) waiting. */
const PENDING_MS = 100;
/** A receive that never answers fails its test instead of hanging the file. */
const LIMIT = { timeout: 10_000 };

describe("long polling on the system clock", () => {
  let server: StratusServer;
  let sqs: SQSClient;

  before(async () => {
    server = await startStratus();
    sqs = sqsClient(server);
  });

  after(async () => {
    sqs.destroy();
    await server.stop();
  });

  test("a send wakes a waiting receive at once (standard queue)", LIMIT, async () => {
    const url = await createQueue(sqs, uniqueName("lp-real"));
    const startedAt = performance.now();
    const waiting = receive(sqs, url, { WaitTimeSeconds: 10 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false, "nothing to receive yet");
    await send(sqs, url, "wake up");
    const got = await waiting;
    assert.deepEqual(got.map((m) => m.Body), ["wake up"]);
    assert.ok(performance.now() - startedAt < PENDING_MS + PROMPT_MS, "answered long before the 10-second wait");
  });

  test("a send wakes a waiting receive at once (FIFO queue)", LIMIT, async () => {
    const url = await createQueue(sqs, uniqueName("lp-real", true));
    const startedAt = performance.now();
    const waiting = receive(sqs, url, { WaitTimeSeconds: 10 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false, "nothing to receive yet");
    await send(sqs, url, "wake up", { MessageGroupId: "g", MessageDeduplicationId: "d" });
    const got = await waiting;
    assert.deepEqual(got.map((m) => m.Body), ["wake up"]);
    assert.ok(performance.now() - startedAt < PENDING_MS + PROMPT_MS, "answered long before the 10-second wait");
  });
});

describe("long polling on the manual clock", () => {
  let h: Harness;

  before(async () => {
    h = await startHarness();
  });

  after(async () => {
    await h.stop();
  });

  test("a receive with WaitTimeSeconds 20 answers empty when 20 seconds pass", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-timeout"));
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await h.clock.advance(19_999);
    assert.equal(await settlesWithin(waiting, PENDING_MS), false, "still waiting at 19.999 s");
    await h.clock.advance(1);
    assert.deepEqual(await waiting, []);
  });

  test("the queue's ReceiveMessageWaitTimeSeconds applies when the receive names no wait", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-queuewait"), { ReceiveMessageWaitTimeSeconds: "5" });
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: undefined });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await send(h.sqs, url, "arrived");
    assert.deepEqual((await waiting).map((m) => m.Body), ["arrived"]);
    // WaitTimeSeconds 0 overrides the queue's wait: a short poll.
    assert.deepEqual(await receive(h.sqs, url, { WaitTimeSeconds: 0 }), []);
  });

  test("a send wakes a waiting receive without the clock moving", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-send"));
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await send(h.sqs, url, "now");
    assert.deepEqual((await waiting).map((m) => m.Body), ["now"]);
  });

  test("a visibility expiry wakes a waiting receive", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-vt"));
    await send(h.sqs, url, "again");
    await receive(h.sqs, url, { VisibilityTimeout: 5 });
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20, MessageSystemAttributeNames: ["ApproximateReceiveCount"] });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await h.clock.advance(5_000);
    const got = await waiting;
    assert.deepEqual(got.map((m) => [m.Body, m.Attributes!.ApproximateReceiveCount]), [["again", "2"]]);
  });

  test("the end of a delay wakes a waiting receive", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-delay"));
    await send(h.sqs, url, "delayed", { DelaySeconds: 3 });
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    await h.clock.advance(2_999);
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await h.clock.advance(1);
    assert.deepEqual((await waiting).map((m) => m.Body), ["delayed"]);
  });

  test("FIFO: a send to an empty queue wakes a waiting receive", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-fifo-send", true));
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await send(h.sqs, url, "first", { MessageGroupId: "g", MessageDeduplicationId: "1" });
    assert.deepEqual((await waiting).map((m) => m.Body), ["first"]);
  });

  test("FIFO: a send to a blocked group does not wake a waiting receive; deleting the blocker does", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-fifo-group", true));
    await send(h.sqs, url, "a1", { MessageGroupId: "A", MessageDeduplicationId: "a1" });
    const [a1] = await receive(h.sqs, url);
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    await send(h.sqs, url, "a2", { MessageGroupId: "A", MessageDeduplicationId: "a2" });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false, "a2 is behind a1");
    await h.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: a1.ReceiptHandle }));
    assert.deepEqual((await waiting).map((m) => m.Body), ["a2"]);
  });

  test("FIFO: a visibility expiry wakes a waiting receive", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-fifo-vt", true), { VisibilityTimeout: "7" });
    await send(h.sqs, url, "m1", { MessageGroupId: "A", MessageDeduplicationId: "m1" });
    await send(h.sqs, url, "m2", { MessageGroupId: "A", MessageDeduplicationId: "m2" });
    await receive(h.sqs, url, { MaxNumberOfMessages: 1 });
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    await h.clock.advance(6_999);
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await h.clock.advance(1);
    assert.deepEqual((await waiting).map((m) => m.Body), ["m1", "m2"]);
  });

  test("FIFO: a message of another group wakes a receive while the first group is blocked", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-fifo-other", true));
    await send(h.sqs, url, "a1", { MessageGroupId: "A", MessageDeduplicationId: "a1" });
    await receive(h.sqs, url);
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await send(h.sqs, url, "b1", { MessageGroupId: "B", MessageDeduplicationId: "b1" });
    assert.deepEqual((await waiting).map((m) => m.Body), ["b1"]);
  });

  test("FIFO: the expiry (retention) of an in-flight blocker wakes a waiting receive", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-fifo-ret", true), { MessageRetentionPeriod: "60", VisibilityTimeout: "600" });
    await send(h.sqs, url, "a1", { MessageGroupId: "A", MessageDeduplicationId: "a1" });
    await h.clock.advance(30_000);
    await send(h.sqs, url, "a2", { MessageGroupId: "A", MessageDeduplicationId: "a2" });
    assert.deepEqual((await receive(h.sqs, url, { MaxNumberOfMessages: 1 })).map((m) => m.Body), ["a1"]);
    await h.clock.advance(25_000);
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false, "a2 is behind a1");
    await h.clock.advance(5_000); // a1 is 60 s old: gone, and its group with it unblocked
    assert.equal(await settlesWithin(waiting, PROMPT_MS), true, "answered before the 20-second wait ends");
    assert.deepEqual((await waiting).map((m) => m.Body), ["a2"]);
  });

  test("deleting the queue ends a waiting receive", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-deleted"));
    const waiting = receive(h.sqs, url, { WaitTimeSeconds: 20 });
    assert.equal(await settlesWithin(waiting, PENDING_MS), false);
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
    assert.equal(await settlesWithin(waiting, PROMPT_MS), true);
    assert.deepEqual(await waiting, []);
  });

  test("a receive the client abandoned takes nothing that arrives later", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-abort"));
    const abort = new AbortController();
    const abandoned = h.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 20 }), { abortSignal: abort.signal });
    abandoned.catch(() => undefined);
    assert.equal(await settlesWithin(abandoned, PENDING_MS), false);
    abort.abort();
    await new Promise((r) => setTimeout(r, PENDING_MS));
    await send(h.sqs, url, "for the living");
    assert.deepEqual((await receive(h.sqs, url)).map((m) => m.Body), ["for the living"]);
  });

  test("several waiting receives share what arrives, each message once", LIMIT, async () => {
    const url = await createQueue(h.sqs, uniqueName("lp-many"));
    const waits = [0, 1, 2].map(() => receive(h.sqs, url, { WaitTimeSeconds: 20, MaxNumberOfMessages: 1 }));
    assert.equal(await settlesWithin(Promise.race(waits), PENDING_MS), false);
    for (const b of ["x", "y", "z"]) await send(h.sqs, url, b);
    const got = (await Promise.all(waits)).flat().map((m) => m.Body).sort();
    assert.deepEqual(got, ["x", "y", "z"]);
  });
});
