/**
 * Batch operations: SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch.
 * Whole-request errors (entry count, ids, total size) fail the call; a bad entry fails alone,
 * reported in Failed beside the Successful ones with HTTP 200.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-batch-api-actions.html
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
} from "@aws-sdk/client-sqs";
import { rejection } from "../helpers/stratus.js";
import { counts, createQueue, errorFacts, md5, md5OfAttributes, receive, startHarness, uniqueName, type Harness } from "./support.js";

let h: Harness;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h.stop();
});

const sendBatch = (QueueUrl: string, Entries: SendMessageBatchRequestEntry[]) => h.sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
const entries = (n: number, body = (i: number) => `body-${i}`) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: body(i) }));

describe("SendMessageBatch", () => {
  test("sends up to ten messages, each with its id, MessageId and digests", async () => {
    const url = await createQueue(h.sqs, uniqueName("sendbatch"));
    const batch: SendMessageBatchRequestEntry[] = entries(10).map((e, i) => (i % 2 ? { ...e, MessageAttributes: { n: { DataType: "Number", StringValue: String(i) } } } : e));
    const out = await sendBatch(url, batch);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(out.Failed ?? [], []);
    assert.deepEqual(out.Successful!.map((s) => s.Id).sort(), batch.map((e) => e.Id).sort());
    for (const s of out.Successful!) {
      const e = batch.find((b) => b.Id === s.Id)!;
      assert.equal(s.MD5OfMessageBody, md5(e.MessageBody!));
      assert.equal(s.MD5OfMessageAttributes, e.MessageAttributes ? md5OfAttributes(e.MessageAttributes) : undefined);
      assert.equal(s.SequenceNumber, undefined);
    }
    assert.equal(new Set(out.Successful!.map((s) => s.MessageId)).size, 10);
    const got = await receive(h.sqs, url);
    assert.deepEqual(got.map((m) => m.Body).sort(), batch.map((e) => e.MessageBody).sort());
  });

  test("an entry's AWSTraceHeader gets its own MD5OfMessageSystemAttributes and is delivered", async () => {
    const url = await createQueue(h.sqs, uniqueName("batchtrace"));
    const trace = { AWSTraceHeader: { DataType: "String", StringValue: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1" } };
    const out = await sendBatch(url, [
      { Id: "traced", MessageBody: "t", MessageSystemAttributes: trace },
      { Id: "plain", MessageBody: "p" },
    ]);
    const byId = Object.fromEntries(out.Successful!.map((s) => [s.Id, s]));
    assert.equal(byId.traced.MD5OfMessageSystemAttributes, md5OfAttributes(trace));
    assert.equal(byId.plain.MD5OfMessageSystemAttributes, undefined);
    const got = await receive(h.sqs, url, { MessageSystemAttributeNames: ["AWSTraceHeader"] });
    const traced = got.find((m) => m.Body === "t")!;
    assert.deepEqual(traced.Attributes, { AWSTraceHeader: trace.AWSTraceHeader.StringValue });
    assert.equal(got.find((m) => m.Body === "p")!.Attributes, undefined);
  });

  test("per-entry DelaySeconds delays only that entry", async () => {
    const url = await createQueue(h.sqs, uniqueName("batchdelay"));
    await sendBatch(url, [{ Id: "now", MessageBody: "now" }, { Id: "later", MessageBody: "later", DelaySeconds: 30 }]);
    assert.deepEqual(await counts(h.sqs, url), { visible: 1, inFlight: 0, delayed: 1 });
    assert.deepEqual((await receive(h.sqs, url, { VisibilityTimeout: 300 })).map((m) => m.Body), ["now"]);
    await h.clock.advance(29_999);
    assert.deepEqual(await receive(h.sqs, url), []);
    await h.clock.advance(1);
    assert.deepEqual((await receive(h.sqs, url)).map((m) => m.Body), ["later"]);
  });

  test("a bad entry fails alone: 200 with Failed entries beside the Successful ones", async () => {
    const url = await createQueue(h.sqs, uniqueName("partial"), { MaximumMessageSize: "1024" });
    const out = await sendBatch(url, [
      { Id: "good1", MessageBody: "fine" },
      { Id: "badchar", MessageBody: "nul\u0000" },
      { Id: "baddelay", MessageBody: "x", DelaySeconds: 901 },
      { Id: "toolong", MessageBody: "y".repeat(1025) },
      { Id: "badattr", MessageBody: "x", MessageAttributes: { "AWS.reserved": { DataType: "String", StringValue: "v" } } },
      { Id: "good2", MessageBody: "also fine" },
    ]);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(out.Successful!.map((s) => s.Id).sort(), ["good1", "good2"]);
    const failed = Object.fromEntries(out.Failed!.map((f) => [f.Id, f]));
    assert.deepEqual(Object.keys(failed).sort(), ["badattr", "badchar", "baddelay", "toolong"]);
    assert.equal(failed.badchar.Code, "InvalidMessageContents");
    assert.equal(failed.baddelay.Code, "InvalidParameterValue");
    assert.equal(failed.toolong.Code, "InvalidParameterValue");
    assert.equal(failed.badattr.Code, "InvalidParameterValue");
    for (const f of out.Failed!) {
      assert.equal(f.SenderFault, true);
      assert.ok(f.Message, `${f.Id} has a message`);
    }
    assert.deepEqual((await receive(h.sqs, url)).map((m) => m.Body).sort(), ["also fine", "fine"]);
  });

  test("the total payload may reach 1 MiB, not more (BatchRequestTooLong)", async () => {
    const url = await createQueue(h.sqs, uniqueName("batchsize"));
    const half = 524_288;
    const ok = await sendBatch(url, [{ Id: "a", MessageBody: "a".repeat(half) }, { Id: "b", MessageBody: "b".repeat(half) }]);
    assert.equal(ok.Successful!.length, 2);
    const err = await rejection(sendBatch(url, [{ Id: "a", MessageBody: "a".repeat(half) }, { Id: "b", MessageBody: "b".repeat(half + 1) }]));
    assert.deepEqual(errorFacts(err), { name: "BatchRequestTooLong", code: "AWS.SimpleQueueService.BatchRequestTooLong", status: 400 });
    // Attributes count toward the total too.
    const withAttr = await rejection(
      sendBatch(url, [
        { Id: "a", MessageBody: "a".repeat(half) },
        { Id: "b", MessageBody: "b".repeat(half - 5), MessageAttributes: { k: { DataType: "String", StringValue: "v" } } },
      ]),
    );
    assert.equal(withAttr.name, "BatchRequestTooLong");
    assert.deepEqual(await counts(h.sqs, url), { visible: 2, inFlight: 0, delayed: 0 });
  });
});

describe("batch request rules (every batch operation)", () => {
  let url: string;
  let handle: string;

  before(async () => {
    url = await createQueue(h.sqs, uniqueName("batchrules"));
    await sendBatch(url, entries(1));
    handle = (await receive(h.sqs, url))[0].ReceiptHandle!;
  });

  const ops = {
    SendMessageBatch: (ids: string[]) => sendBatch(url, ids.map((Id) => ({ Id, MessageBody: "x" }))),
    DeleteMessageBatch: (ids: string[]) => h.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: ids.map((Id) => ({ Id, ReceiptHandle: handle })) })),
    ChangeMessageVisibilityBatch: (ids: string[]) =>
      h.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: ids.map((Id) => ({ Id, ReceiptHandle: handle, VisibilityTimeout: 60 })) })),
  };

  for (const [op, call] of Object.entries(ops)) {
    test(`${op}: no entries, more than ten, repeated ids and bad ids fail the whole request`, async () => {
      const empty = await rejection(call([]));
      assert.deepEqual(errorFacts(empty), { name: "EmptyBatchRequest", code: "AWS.SimpleQueueService.EmptyBatchRequest", status: 400 });
      const many = await rejection(call(Array.from({ length: 11 }, (_, i) => `id${i}`)));
      assert.deepEqual(errorFacts(many), { name: "TooManyEntriesInBatchRequest", code: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest", status: 400 });
      const repeated = await rejection(call(["same", "other", "same"]));
      assert.deepEqual(errorFacts(repeated), { name: "BatchEntryIdsNotDistinct", code: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", status: 400 });
      for (const bad of ["has space", "dot.ted", "x".repeat(81), ""]) {
        const err = await rejection(call([bad]));
        assert.deepEqual(errorFacts(err), { name: "InvalidBatchEntryId", code: "AWS.SimpleQueueService.InvalidBatchEntryId", status: 400 }, JSON.stringify(bad));
      }
    });
  }

  test("ids of 80 characters of letters, digits, hyphens and underscores are fine", async () => {
    const id = `${"A-z_9".repeat(16)}`;
    assert.equal(id.length, 80);
    const out = await ops.SendMessageBatch([id, "0"]);
    assert.deepEqual(out.Successful!.map((s) => s.Id).sort(), ["0", id].sort());
  });
});

describe("DeleteMessageBatch", () => {
  test("deletes what the good handles name and reports bad handles per entry", async () => {
    const url = await createQueue(h.sqs, uniqueName("delbatch"));
    await sendBatch(url, entries(3));
    const got = await receive(h.sqs, url);
    assert.equal(got.length, 3);
    const out = await h.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "d0", ReceiptHandle: got[0].ReceiptHandle },
          { Id: "bad", ReceiptHandle: "not-a-handle" },
          { Id: "d1", ReceiptHandle: got[1].ReceiptHandle },
        ],
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(out.Successful!.map((s) => s.Id).sort(), ["d0", "d1"]);
    assert.equal(out.Failed!.length, 1);
    assert.equal(out.Failed![0].Id, "bad");
    assert.equal(out.Failed![0].Code, "ReceiptHandleIsInvalid");
    assert.equal(out.Failed![0].SenderFault, true);
    assert.deepEqual(await counts(h.sqs, url), { visible: 0, inFlight: 1, delayed: 0 });
  });
});

describe("ChangeMessageVisibilityBatch", () => {
  test("changes the good entries and reports bad handles, messages not in flight and bad timeouts per entry", async () => {
    const url = await createQueue(h.sqs, uniqueName("cvbatch"), { VisibilityTimeout: "10" });
    await sendBatch(url, entries(3));
    const got = await receive(h.sqs, url);
    const expired = got[2];
    const out = await h.sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: "extend", ReceiptHandle: got[0].ReceiptHandle, VisibilityTimeout: 100 },
          { Id: "release", ReceiptHandle: got[1].ReceiptHandle, VisibilityTimeout: 0 },
          { Id: "bad", ReceiptHandle: "not-a-handle", VisibilityTimeout: 5 },
          { Id: "toolong", ReceiptHandle: expired.ReceiptHandle, VisibilityTimeout: 43_201 },
        ],
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.deepEqual(out.Successful!.map((s) => s.Id).sort(), ["extend", "release"]);
    const failed = Object.fromEntries(out.Failed!.map((f) => [f.Id, f]));
    assert.deepEqual(Object.keys(failed).sort(), ["bad", "toolong"]);
    assert.equal(failed.bad.Code, "ReceiptHandleIsInvalid");
    assert.equal(failed.toolong.Code, "InvalidParameterValue");

    assert.deepEqual((await receive(h.sqs, url)).map((m) => m.MessageId), [got[1].MessageId], "the released message is visible again");
    await h.clock.advance(10_000);
    // The third message's own visibility timeout expired; its old handle no longer names an in-flight message.
    const late = await h.sqs.send(
      new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: [{ Id: "late", ReceiptHandle: expired.ReceiptHandle, VisibilityTimeout: 30 }] }),
    );
    assert.equal(late.Failed!.length, 1);
    assert.match(late.Failed![0].Code!, /MessageNotInflight$/);
    const visible = (await receive(h.sqs, url)).map((m) => m.MessageId).sort();
    assert.deepEqual(visible, [got[1].MessageId, got[2].MessageId].sort(), "the extended message stays hidden");
  });
});
