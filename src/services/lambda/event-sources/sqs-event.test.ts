import { test } from "node:test";
import assert from "node:assert/strict";
import { batchItemFailures, filterView, sqsEventRecord } from "./sqs-event.js";

const ids = new Set(["a", "b", "c"]);
const read = (response: unknown) => batchItemFailures(Buffer.from(typeof response === "string" ? response : JSON.stringify(response)), ids);

test("complete success: an empty or null list, an empty object, null, no answer at all", () => {
  for (const r of [{ batchItemFailures: [] }, { batchItemFailures: null }, {}, null, "", "null"]) assert.deepEqual(read(r), new Set(), JSON.stringify(r));
});

test("the reported message ids fail", () => {
  assert.deepEqual(read({ batchItemFailures: [{ itemIdentifier: "b" }, { itemIdentifier: "c" }] }), new Set(["b", "c"]));
});

test("complete failure: invalid JSON, not an object, an empty, null, unknown or misnamed identifier", () => {
  for (const r of [
    "{not json",
    '"ok"',
    "[]",
    "42",
    { batchItemFailures: "a" },
    { batchItemFailures: [{ itemIdentifier: "" }] },
    { batchItemFailures: [{ itemIdentifier: null }] },
    { batchItemFailures: [{ itemIdentifier: "zzz" }] },
    { batchItemFailures: [{ itemidentifier: "a" }] },
    { batchItemFailures: ["a"] },
  ]) {
    assert.equal(read(r), "all", JSON.stringify(r));
  }
});

test("a record carries AWS's members and attribute order; binary attributes in base64", () => {
  const record = sqsEventRecord(
    {
      messageId: "id",
      receiptHandle: "rh",
      body: "hi",
      md5OfBody: "md5",
      attributes: { SenderId: "S", MessageGroupId: "g", SentTimestamp: "1", ApproximateFirstReceiveTimestamp: "2", ApproximateReceiveCount: "1", SequenceNumber: "9", MessageDeduplicationId: "d" },
      messageAttributes: { b: { DataType: "Binary", BinaryValue: Buffer.from("x") } },
    },
    "arn:aws:sqs:eu-west-1:000000000000:q.fifo",
    "eu-west-1",
  );
  assert.deepEqual(Object.keys(record.attributes), ["ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp", "SequenceNumber", "MessageGroupId", "MessageDeduplicationId"]);
  assert.deepEqual(record.messageAttributes, { b: { binaryValue: "eA==", stringListValues: [], binaryListValues: [], dataType: "Binary" } });
  assert.equal(record.eventSource, "aws:sqs");
  assert.equal(record.awsRegion, "eu-west-1");
});

test("filters see a JSON object body parsed, anything else as the string", () => {
  const base = sqsEventRecord({ messageId: "i", receiptHandle: "r", body: "", md5OfBody: "", attributes: {}, messageAttributes: {} }, "arn", "us-east-1");
  assert.deepEqual(filterView({ ...base, body: '{"a":1}' }).body, { a: 1 });
  assert.equal(filterView({ ...base, body: "42" }).body, "42");
  assert.equal(filterView({ ...base, body: "{broken" }).body, "{broken");
});
