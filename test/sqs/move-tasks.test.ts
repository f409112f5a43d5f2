/**
 * Message move tasks (dead-letter queue redrive), driven by the manual clock:
 * StartMessageMoveTask back to the source queues or to a named destination, at
 * MaxNumberOfMessagesPerSecond; one active task per source; CancelMessageMoveTask;
 * ListMessageMoveTasks and its statuses. Redriven messages are new messages.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CancelMessageMoveTaskCommand, DeleteQueueCommand, ListMessageMoveTasksCommand, StartMessageMoveTaskCommand } from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { ACCOUNT, counts, createQueue, errorFacts, receive, send, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const arnOf = (name: string) => `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`;

interface Setup {
  src: string;
  dlq: string;
  srcArn: string;
  dlqArn: string;
  /** MessageIds of the messages now in the dead-letter queue. */
  ids: string[];
}

/** A source queue whose `n` messages were all moved to its dead-letter queue. */
async function deadLettered(n: number, fifo = false): Promise<Setup> {
  const dlqName = uniqueName("mt-dlq", fifo);
  const srcName = uniqueName("mt-src", fifo);
  const dlq = await createQueue(h.sqs, dlqName);
  const src = await createQueue(h.sqs, srcName, { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arnOf(dlqName), maxReceiveCount: 1 }) });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const extra = fifo ? { MessageGroupId: `g${i}`, MessageDeduplicationId: `d${i}` } : {};
    ids.push((await send(h.sqs, src, `m${i}`, extra)).MessageId!);
  }
  // Receive everything once (VisibilityTimeout 0), then once more: the second receive moves it.
  while ((await receive(h.sqs, src, { VisibilityTimeout: 0 })).length > 0);
  assert.deepEqual(await counts(h.sqs, dlq), { visible: n, inFlight: 0, delayed: 0 }, "all messages dead-lettered");
  return { src, dlq, srcArn: arnOf(srcName), dlqArn: arnOf(dlqName), ids };
}

const start = (SourceArn: string, extra: { DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number } = {}) =>
  h.sqs.send(new StartMessageMoveTaskCommand({ SourceArn, ...extra }));
const list = (SourceArn: string, MaxResults?: number) => h.sqs.send(new ListMessageMoveTasksCommand({ SourceArn, MaxResults })).then((o) => o.Results ?? []);

describe("StartMessageMoveTask", () => {
  test("moves messages back to their source at the given rate, then completes", async () => {
    const s = await deadLettered(5);
    const startedAt = h.clock.now();
    const { TaskHandle } = await start(s.dlqArn, { MaxNumberOfMessagesPerSecond: 2 });
    assert.ok(TaskHandle);
    await h.clock.advance(0);
    assert.equal((await counts(h.sqs, s.src)).visible, 2, "the first second's worth moves at once");

    const [running] = await list(s.dlqArn);
    assert.deepEqual(running, {
      TaskHandle,
      Status: "RUNNING",
      SourceArn: s.dlqArn,
      MaxNumberOfMessagesPerSecond: 2,
      ApproximateNumberOfMessagesMoved: 2,
      ApproximateNumberOfMessagesToMove: 5,
      StartedTimestamp: startedAt,
    });

    await h.clock.advance(999);
    assert.equal((await counts(h.sqs, s.src)).visible, 2, "no more before the second is over");
    await h.clock.advance(1);
    assert.equal((await counts(h.sqs, s.src)).visible, 4);
    await h.clock.advance(1_000);
    assert.deepEqual(await counts(h.sqs, s.src), { visible: 5, inFlight: 0, delayed: 0 });
    assert.deepEqual(await counts(h.sqs, s.dlq), { visible: 0, inFlight: 0, delayed: 0 });

    const [done] = await list(s.dlqArn);
    assert.equal(done.Status, "COMPLETED");
    assert.equal(done.TaskHandle, undefined, "only running tasks show their handle");
    assert.equal(done.ApproximateNumberOfMessagesMoved, 5);
  });

  test("redriven messages are new messages: new ids, new SentTimestamp, not received yet, no source ARN", async () => {
    const s = await deadLettered(2);
    await h.clock.advance(10_000);
    const movedAt = h.clock.now();
    await start(s.dlqArn);
    await h.clock.advance(0);
    const got = await receive(h.sqs, s.src, { MessageSystemAttributeNames: ["All"] });
    assert.deepEqual(got.map((m) => m.Body).sort(), ["m0", "m1"]);
    for (const m of got) {
      assert.ok(!s.ids.includes(m.MessageId!), "a new MessageId");
      assert.equal(m.Attributes!.SentTimestamp, String(movedAt));
      assert.equal(m.Attributes!.ApproximateReceiveCount, "1", "delivered, not sent straight back to the dead-letter queue");
      assert.equal(m.Attributes!.DeadLetterQueueSourceArn, undefined);
    }
    const [done] = await list(s.dlqArn);
    assert.equal(done.Status, "COMPLETED");
    assert.equal(done.MaxNumberOfMessagesPerSecond, undefined);
  });

  test("a DestinationArn receives the messages instead of the source", async () => {
    const s = await deadLettered(3);
    const destName = uniqueName("mt-dest");
    const dest = await createQueue(h.sqs, destName);
    await start(s.dlqArn, { DestinationArn: arnOf(destName), MaxNumberOfMessagesPerSecond: 10 });
    await h.clock.advance(0);
    assert.equal((await counts(h.sqs, dest)).visible, 3);
    assert.equal((await counts(h.sqs, s.src)).visible, 0);
    const [done] = await list(s.dlqArn);
    assert.equal(done.Status, "COMPLETED");
    assert.equal(done.DestinationArn, arnOf(destName));
  });

  test("FIFO dead-letter queues redrive to their FIFO sources", async () => {
    const s = await deadLettered(3, true);
    await start(s.dlqArn);
    await h.clock.advance(0);
    const got = await receive(h.sqs, s.src, { MessageSystemAttributeNames: ["MessageGroupId", "SequenceNumber"] });
    assert.deepEqual(got.map((m) => m.Body).sort(), ["m0", "m1", "m2"]);
    for (const m of got) assert.ok(m.Attributes!.SequenceNumber);
  });

  test("a destination deleted mid-task fails the task with a reason", async () => {
    const s = await deadLettered(3);
    const destName = uniqueName("mt-vanishing");
    const dest = await createQueue(h.sqs, destName);
    await start(s.dlqArn, { DestinationArn: arnOf(destName), MaxNumberOfMessagesPerSecond: 1 });
    await h.clock.advance(0);
    await h.sqs.send(new DeleteQueueCommand({ QueueUrl: dest }));
    await h.clock.advance(1_000);
    const [failed] = await list(s.dlqArn);
    assert.equal(failed.Status, "FAILED");
    assert.ok(failed.FailureReason);
    assert.equal(failed.ApproximateNumberOfMessagesMoved, 1);
    assert.equal((await counts(h.sqs, s.dlq)).visible, 2, "the rest stays in the dead-letter queue");
  });

  test("without a destination, messages that were not dead-lettered fail the task", async () => {
    const s = await deadLettered(1);
    await send(h.sqs, s.dlq, "sent straight to the dead-letter queue");
    await start(s.dlqArn);
    await h.clock.advance(0);
    const [failed] = await list(s.dlqArn);
    assert.equal(failed.Status, "FAILED");
    assert.ok(failed.FailureReason);
    assert.deepEqual(await receive(h.sqs, s.dlq, { VisibilityTimeout: 0 }).then((ms) => ms.map((m) => m.Body)), ["sent straight to the dead-letter queue"]);
  });

  test("only one task may run per source queue", async () => {
    const s = await deadLettered(4);
    await start(s.dlqArn, { MaxNumberOfMessagesPerSecond: 1 });
    const err = await rejection(start(s.dlqArn, { MaxNumberOfMessagesPerSecond: 1 }));
    assert.deepEqual(errorFacts(err), { name: "UnsupportedOperation", code: "AWS.SimpleQueueService.UnsupportedOperation", status: 400 });
    await h.clock.advance(3_000);
    assert.equal((await list(s.dlqArn))[0].Status, "COMPLETED");
    // Once it completed, another may start.
    assert.ok((await start(s.dlqArn)).TaskHandle);
  });

  test("a queue that is no dead-letter queue is UnsupportedOperation", async () => {
    const name = uniqueName("mt-plain");
    await createQueue(h.sqs, name);
    const err = await rejection(start(arnOf(name)));
    assert.deepEqual(errorFacts(err), { name: "UnsupportedOperation", code: "AWS.SimpleQueueService.UnsupportedOperation", status: 400 });
  });

  test("unknown source or destination queues are ResourceNotFoundException (404)", async () => {
    const err = await rejection(start(arnOf("mt-missing")));
    assert.deepEqual(errorFacts(err), { name: "ResourceNotFoundException", code: "ResourceNotFoundException", status: 404 });
    const s = await deadLettered(1);
    const dest = await rejection(start(s.dlqArn, { DestinationArn: arnOf("mt-missing-dest") }));
    assert.equal(dest.name, "ResourceNotFoundException");
  });

  test("MaxNumberOfMessagesPerSecond is 1 to 500", async () => {
    const s = await deadLettered(1);
    for (const rate of [0, 501]) {
      const err = await rejection(start(s.dlqArn, { MaxNumberOfMessagesPerSecond: rate }));
      assert.equal(err.name, "InvalidParameterValue", String(rate));
    }
  });

  test("the destination must be of the same type as the dead-letter queue", async () => {
    const s = await deadLettered(1);
    const fifoName = uniqueName("mt-fifo-dest", true);
    await createQueue(h.sqs, fifoName);
    const err = await rejection(start(s.dlqArn, { DestinationArn: arnOf(fifoName) }));
    assert.equal(err.name, "InvalidParameterValue");
  });

  test("another account's tasks and queues are invisible", async () => {
    const s = await deadLettered(1);
    const other = h.client({ credentials: { accessKeyId: "333333333333", secretAccessKey: "test" } });
    const err = await rejection(other.send(new StartMessageMoveTaskCommand({ SourceArn: s.dlqArn })));
    assert.equal(err.name, "ResourceNotFoundException");
    const listErr = await rejection(other.send(new ListMessageMoveTasksCommand({ SourceArn: s.dlqArn })));
    assert.equal(listErr.name, "ResourceNotFoundException");
  });
});

describe("CancelMessageMoveTask", () => {
  test("stops a running task and reports what it moved", async () => {
    const s = await deadLettered(5);
    const { TaskHandle } = await start(s.dlqArn, { MaxNumberOfMessagesPerSecond: 1 });
    await h.clock.advance(1_000);
    const out = await h.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle }));
    assert.equal(out.ApproximateNumberOfMessagesMoved, 2);
    await h.clock.advance(10_000);
    assert.deepEqual(await counts(h.sqs, s.src), { visible: 2, inFlight: 0, delayed: 0 }, "nothing moves after the cancel");
    assert.equal((await counts(h.sqs, s.dlq)).visible, 3);
    const [cancelled] = await list(s.dlqArn);
    assert.equal(cancelled.Status, "CANCELLED");
    assert.equal(cancelled.ApproximateNumberOfMessagesMoved, 2);
    assert.equal(cancelled.TaskHandle, undefined);

    const again = await rejection(h.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle })));
    assert.deepEqual(errorFacts(again), { name: "ResourceNotFoundException", code: "ResourceNotFoundException", status: 404 });
  });

  test("an unknown task handle is ResourceNotFoundException", async () => {
    const err = await rejection(h.sqs.send(new CancelMessageMoveTaskCommand({ TaskHandle: "bm90LWEtdGFzaw==" })));
    assert.equal(err.name, "ResourceNotFoundException");
  });
});

describe("ListMessageMoveTasks", () => {
  test("returns the most recent task by default, up to 10 with MaxResults, newest first", async () => {
    const s = await deadLettered(2);
    await start(s.dlqArn, { MaxNumberOfMessagesPerSecond: 1 });
    await h.clock.advance(5_000);
    for (let i = 0; i < 2; i++) await send(h.sqs, s.src, `again${i}`);
    while ((await receive(h.sqs, s.src, { VisibilityTimeout: 0 })).length > 0);
    await start(s.dlqArn, { MaxNumberOfMessagesPerSecond: 7 });

    const latest = await list(s.dlqArn);
    assert.equal(latest.length, 1);
    assert.equal(latest[0].MaxNumberOfMessagesPerSecond, 7);
    const both = await list(s.dlqArn, 10);
    assert.deepEqual(both.map((t) => t.MaxNumberOfMessagesPerSecond), [7, 1]);
    assert.ok(both[0].StartedTimestamp! > both[1].StartedTimestamp!);
  });

  test("MaxResults is 1 to 10", async () => {
    const s = await deadLettered(1);
    for (const MaxResults of [0, 11]) {
      const err = await rejection(list(s.dlqArn, MaxResults));
      assert.equal(err.name, "InvalidParameterValue", String(MaxResults));
    }
  });

  test("a queue without tasks has an empty list", async () => {
    const s = await deadLettered(1);
    assert.deepEqual(await list(s.dlqArn), []);
  });
});
