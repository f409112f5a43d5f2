/**
 * SQS event-source mappings through the real LambdaClient and SQSClient: the control plane
 * (create, get, list, update, delete, AWS's validation errors) and delivery by real handlers in
 * child processes (batches, failures back to the queue and on to its DLQ, partial batch
 * responses with Powertools, FIFO order, disabling, filters). Handlers record what they saw by
 * appending JSON lines to files in a temporary directory named in their environment.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateAliasCommand,
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
  type CreateEventSourceMappingCommandInput,
  type EventSourceMappingConfiguration,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { StratusServer } from "../../src/index.js";
import { fails, sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";
import { ACCOUNT, REGION, createFunction, functionArn, handlerZip, type LambdaHarness } from "./support.js";

let server: StratusServer;
let lambda: LambdaClient;
let sqs: SQSClient;
let h: LambdaHarness;
let dir: string;

before(async () => {
  server = await startStratus();
  lambda = new LambdaClient({ endpoint: server.endpoint, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  sqs = sqsClient(server);
  h = { server, lambda, zip: await handlerZip() };
  dir = mkdtempSync(join(tmpdir(), "stratus-esm-test-"));
});
after(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Appends each event's records to $OUT, one JSON line per invocation. */
const RECORDER = `const fs = require("node:fs");
exports.handler = async (event) => {
  fs.appendFileSync(process.env.OUT, JSON.stringify(event.Records) + "\\n");
  return null;
};
`;

async function queue(name: string, attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  return { url: QueueUrl!, arn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}` };
}

/** A Node function with the given source; `OUT` (and any other variables) in its environment. */
async function handler(name: string, source: string, env: Record<string, string> = {}, timeout = 3): Promise<string> {
  const out = join(dir, `${name}.jsonl`);
  await createFunction(h, name, { Code: { ZipFile: await handlerZip({ "index.js": source }) }, Timeout: timeout, Environment: { Variables: { OUT: out, ...env } } });
  return out;
}

function lines<T = any>(file: string): T[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

async function until<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function counts(url: string): Promise<{ visible: number; inFlight: number }> {
  const { Attributes: a } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  return { visible: Number(a!.ApproximateNumberOfMessages), inFlight: Number(a!.ApproximateNumberOfMessagesNotVisible) };
}

async function drained(url: string): Promise<void> {
  await until(`${url} to be empty`, async () => {
    const c = await counts(url);
    return c.visible === 0 && c.inFlight === 0;
  });
}

async function mapping(input: CreateEventSourceMappingCommandInput): Promise<EventSourceMappingConfiguration> {
  const created = await lambda.send(new CreateEventSourceMappingCommand(input));
  const want = input.Enabled === false ? "Disabled" : "Enabled";
  await until(`mapping ${created.UUID} to be ${want}`, async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State === want);
  return created;
}


describe("event-source mapping API", () => {
  test("create answers Creating (202), then Get shows it settled; list, update and delete", async () => {
    const q = await queue("esm-crud");
    await handler("esm-crud-fn", RECORDER);
    const created = await lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: q.arn, FunctionName: "esm-crud-fn", BatchSize: 5, Enabled: false }));
    assert.equal(created.$metadata.httpStatusCode, 202);
    assert.match(created.UUID!, /^[0-9a-f-]{36}$/);
    assert.equal(created.State, "Creating");
    assert.equal(created.StateTransitionReason, "USER_INITIATED");
    assert.equal(created.EventSourceArn, q.arn);
    assert.equal(created.FunctionArn, functionArn("esm-crud-fn"));
    assert.equal(created.BatchSize, 5);
    assert.equal(created.MaximumBatchingWindowInSeconds, 0);
    assert.deepEqual(created.FunctionResponseTypes, []);
    assert.equal(created.EventSourceMappingArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${created.UUID}`);
    assert.ok(created.LastModified instanceof Date && Math.abs(created.LastModified.getTime() - Date.now()) < 5_000);
    assert.equal(created.FilterCriteria, undefined);
    assert.equal(created.ScalingConfig, undefined);
    const uuid = created.UUID!;
    await until("Disabled", async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === "Disabled");

    await fails(
      lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: q.arn, FunctionName: functionArn("esm-crud-fn") })),
      "ResourceConflictException",
      `An event source mapping with SQS arn (" ${q.arn} ") and function (" esm-crud-fn ") already exists. Please update or delete the existing mapping with UUID ${uuid}`,
      409,
    );

    await lambda.send(new CreateAliasCommand({ FunctionName: "esm-crud-fn", Name: "live", FunctionVersion: "$LATEST" }));
    const aliased = await lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: q.arn, FunctionName: "esm-crud-fn:live", Enabled: false }));
    assert.equal(aliased.FunctionArn, functionArn("esm-crud-fn", "live"));
    assert.equal(aliased.BatchSize, 10);

    const all = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: "esm-crud-fn" }));
    assert.deepEqual(all.EventSourceMappings!.map((m) => m.UUID).sort(), [uuid, aliased.UUID].sort());
    const live = await lambda.send(new ListEventSourceMappingsCommand({ FunctionName: functionArn("esm-crud-fn", "live") }));
    assert.deepEqual(live.EventSourceMappings!.map((m) => m.UUID), [aliased.UUID]);
    const bySource = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: q.arn }));
    assert.equal(bySource.EventSourceMappings!.length, 2);
    const none = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: `${q.arn}-other` }));
    assert.deepEqual(none.EventSourceMappings, []);
    const first = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: q.arn, MaxItems: 1 }));
    assert.equal(first.EventSourceMappings!.length, 1);
    assert.ok(first.NextMarker);
    const second = await lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: q.arn, MaxItems: 1, Marker: first.NextMarker }));
    assert.equal(second.EventSourceMappings!.length, 1);
    assert.equal(second.NextMarker, undefined);
    assert.notEqual(first.EventSourceMappings![0].UUID, second.EventSourceMappings![0].UUID);

    const updated = await lambda.send(
      new UpdateEventSourceMappingCommand({
        UUID: uuid,
        BatchSize: 50,
        MaximumBatchingWindowInSeconds: 2,
        FunctionResponseTypes: ["ReportBatchItemFailures"],
        ScalingConfig: { MaximumConcurrency: 3 },
        FilterCriteria: { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] },
      }),
    );
    assert.equal(updated.$metadata.httpStatusCode, 202);
    assert.equal(updated.State, "Updating");
    assert.equal(updated.BatchSize, 50);
    assert.equal(updated.MaximumBatchingWindowInSeconds, 2);
    assert.deepEqual(updated.FunctionResponseTypes, ["ReportBatchItemFailures"]);
    assert.deepEqual(updated.ScalingConfig, { MaximumConcurrency: 3 });
    assert.deepEqual(updated.FilterCriteria, { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] });
    await until("Disabled again", async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === "Disabled");
    const cleared = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, ScalingConfig: {}, FilterCriteria: {} }));
    assert.equal(cleared.ScalingConfig, undefined);
    assert.equal(cleared.FilterCriteria, undefined);
    assert.equal(cleared.BatchSize, 50);

    const deleted = await lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    assert.equal(deleted.State, "Deleting");
    assert.equal(deleted.UUID, uuid);
    const gone = "The resource you requested does not exist.";
    await fails(lambda.send(new GetEventSourceMappingCommand({ UUID: uuid })), "ResourceNotFoundException", gone, 404);
    await fails(lambda.send(new DeleteEventSourceMappingCommand({ UUID: uuid })), "ResourceNotFoundException", gone, 404);
    await fails(lambda.send(new UpdateEventSourceMappingCommand({ UUID: uuid, BatchSize: 1 })), "ResourceNotFoundException", gone, 404);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: aliased.UUID }));
  });

  test("validation errors as AWS words them", async () => {
    const q = await queue("esm-invalid");
    const fifo = await queue("esm-invalid.fifo", { FifoQueue: "true" });
    const short = await queue("esm-short-visibility", { VisibilityTimeout: "5" });
    await handler("esm-invalid-fn", RECORDER, {}, 10);
    await handler("esm-invalid-fast", RECORDER, {}, 3);
    const create = (extra: Partial<CreateEventSourceMappingCommandInput>) =>
      lambda.send(new CreateEventSourceMappingCommand({ EventSourceArn: q.arn, FunctionName: "esm-invalid-fast", Enabled: false, ...extra }));
    const invalid = "InvalidParameterValueException";

    await fails(
      create({ EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:no-such-queue` }),
      invalid,
      "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist or you do not have access to it.",
    );
    await fails(create({ EventSourceArn: `arn:aws:sqs:${REGION}:111122223333:esm-invalid` }), invalid, /NonExistentQueue/);
    await fails(create({ EventSourceArn: "not-an-arn" }), "ValidationException", /at 'eventSourceArn' failed to satisfy constraint/);
    await fails(create({ FunctionName: "esm-no-such-fn" }), "ResourceNotFoundException", `Function not found: ${functionArn("esm-no-such-fn")}`, 404);
    await fails(create({ FunctionName: "esm-invalid-fast:nope" }), "ResourceNotFoundException", `Function not found: ${functionArn("esm-invalid-fast", "nope")}`, 404);
    await fails(create({ BatchSize: 0 }), "ValidationException", "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1");
    await fails(create({ BatchSize: 10_001 }), "ValidationException", "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: Member must have value less than or equal to 10000");
    await fails(create({ BatchSize: 11 }), invalid, "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    await fails(create({ MaximumBatchingWindowInSeconds: 301 }), "ValidationException", /at 'maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value less than or equal to 300/);
    await fails(create({ FunctionResponseTypes: ["Nope"] as never }), "ValidationException", /at 'functionResponseTypes' failed to satisfy constraint/);
    await fails(create({ ScalingConfig: { MaximumConcurrency: 1 } }), "ValidationException", /at 'scalingConfig.maximumConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 2/);
    await fails(create({ ScalingConfig: { MaximumConcurrency: 1001 } }), "ValidationException", /Member must have value less than or equal to 1000/);
    await fails(create({ FilterCriteria: { Filters: [{ Pattern: "not json" }] } }), invalid, "Invalid filter pattern definition.");
    await fails(create({ FilterCriteria: { Filters: [{ Pattern: '{"body":"x"}' }] } }), invalid, "Invalid filter pattern definition.");
    await fails(create({ StartingPosition: "LATEST" }), invalid, "StartingPosition is not valid for SQS event sources.");
    await fails(create({ MaximumRetryAttempts: 2 }), invalid, "Unsupported MaximumRetryAttempts parameter for given event source mapping type.");
    await fails(create({ EventSourceArn: fifo.arn, MaximumBatchingWindowInSeconds: 1 }), invalid, /not supported for FIFO queues/);
    await fails(create({ EventSourceArn: fifo.arn, BatchSize: 11, MaximumBatchingWindowInSeconds: 1 }), invalid, /FIFO queues/);
    await fails(
      create({ EventSourceArn: short.arn, FunctionName: "esm-invalid-fn" }),
      invalid,
      "Queue visibility timeout: 5 seconds is less than Function timeout: 10 seconds",
    );

    const ok = await create({ BatchSize: 11, MaximumBatchingWindowInSeconds: 1 });
    assert.equal(ok.BatchSize, 11);
    await fails(lambda.send(new UpdateEventSourceMappingCommand({ UUID: ok.UUID, MaximumBatchingWindowInSeconds: 0 })), invalid, "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10");
    const onShort = await create({ EventSourceArn: short.arn });
    await fails(
      lambda.send(new UpdateEventSourceMappingCommand({ UUID: onShort.UUID, FunctionName: "esm-invalid-fn" })),
      invalid,
      "Queue visibility timeout: 5 seconds is less than Function timeout: 10 seconds",
    );
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: onShort.UUID }));
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: ok.UUID }));
    await fails(lambda.send(new GetEventSourceMappingCommand({ UUID: "00000000-0000-0000-0000-000000000000" })), "ResourceNotFoundException", "The resource you requested does not exist.", 404);
  });
});

describe("delivery from a standard queue", () => {
  test("50 messages arrive in batches of at most 10 as AWS's SQS event, and the queue drains", async () => {
    const q = await queue("esm-standard", { VisibilityTimeout: "10" });
    const out = await handler("esm-standard-fn", RECORDER);
    const created = await mapping({ EventSourceArn: q.arn, FunctionName: "esm-standard-fn", BatchSize: 10 });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: q.url,
        MessageBody: "with attributes",
        MessageAttributes: { Title: { DataType: "String", StringValue: "The Whistler" }, Blob: { DataType: "Binary", BinaryValue: Buffer.from([1, 2, 3]) }, Count: { DataType: "Number", StringValue: "6" } },
      }),
    );
    for (let b = 0; b < 5; b++) {
      const entries = Array.from({ length: b === 4 ? 9 : 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: JSON.stringify({ n: b * 10 + i }) }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: entries }));
    }
    const batches = await until("50 records", () => {
      const all = lines<any[]>(out);
      return all.flat().length >= 50 ? all : undefined;
    });
    const records = batches.flat();
    assert.equal(new Set(records.map((r) => r.messageId)).size, 50);
    assert.equal(records.length, 50, "each message is delivered once");
    assert.ok(batches.every((b) => b.length >= 1 && b.length <= 10));
    const withAttributes = records.find((r) => r.body === "with attributes");
    assert.deepEqual(Object.keys(withAttributes), ["messageId", "receiptHandle", "body", "attributes", "messageAttributes", "md5OfBody", "md5OfMessageAttributes", "eventSource", "eventSourceARN", "awsRegion"]);
    assert.match(withAttributes.md5OfMessageAttributes, /^[0-9a-f]{32}$/);
    assert.deepEqual(Object.keys(withAttributes.attributes), ["ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp"]);
    assert.equal(withAttributes.attributes.ApproximateReceiveCount, "1");
    assert.match(withAttributes.attributes.SentTimestamp, /^\d{13}$/);
    assert.deepEqual(withAttributes.messageAttributes, {
      Title: { stringValue: "The Whistler", stringListValues: [], binaryListValues: [], dataType: "String" },
      Blob: { binaryValue: "AQID", stringListValues: [], binaryListValues: [], dataType: "Binary" },
      Count: { stringValue: "6", stringListValues: [], binaryListValues: [], dataType: "Number" },
    });
    assert.equal(withAttributes.md5OfBody, createHash("md5").update("with attributes").digest("hex"));
    assert.equal(withAttributes.eventSource, "aws:sqs");
    assert.equal(withAttributes.eventSourceARN, q.arn);
    assert.equal(withAttributes.awsRegion, REGION);
    await drained(q.url);
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(got.LastProcessingResult, "OK");
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });

  test("a failing function deletes nothing: messages come back and reach the queue's DLQ after maxReceiveCount", async () => {
    const dlq = await queue("esm-failing-dlq");
    const q = await queue("esm-failing", { VisibilityTimeout: "2", RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 }) });
    const out = await handler(
      "esm-failing-fn",
      `const fs = require("node:fs");
exports.handler = async (event) => {
  fs.appendFileSync(process.env.OUT, JSON.stringify(event.Records.map((r) => [r.body, r.attributes.ApproximateReceiveCount])) + "\\n");
  throw new Error("cannot process");
};
`,
      {},
      1,
    );
    const created = await mapping({ EventSourceArn: q.arn, FunctionName: "esm-failing-fn" });
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: ["a", "b", "c"].map((b) => ({ Id: b, MessageBody: b })) }));
    const moved: string[] = [];
    await until(
      "3 messages in the DLQ",
      async () => {
        const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        moved.push(...(r.Messages ?? []).map((m) => m.Body!));
        return moved.length >= 3;
      },
      20_000,
    );
    assert.deepEqual(moved.sort(), ["a", "b", "c"]);
    const attempts = lines<Array<[string, string]>>(out).flat();
    for (const body of ["a", "b", "c"]) {
      assert.deepEqual(attempts.filter(([b]) => b === body).map(([, n]) => n).sort(), ["1", "2"], `attempts of ${body}`);
    }
    await drained(q.url);
    const got = await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }));
    assert.equal(got.LastProcessingResult, "PROBLEM: Function call failed");
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });

  test("ReportBatchItemFailures: @aws-lambda-powertools/batch reports failed records; only those come back", async () => {
    const q = await queue("esm-partial", { VisibilityTimeout: "2" });
    const out = await handler(
      "esm-partial-fn",
      `const fs = require("node:fs");
const { BatchProcessor, EventType, processPartialResponse } = require("@aws-lambda-powertools/batch");
const processor = new BatchProcessor(EventType.SQS);
const recordHandler = async (record) => {
  const body = JSON.parse(record.body);
  fs.appendFileSync(process.env.OUT, JSON.stringify([body.id, record.attributes.ApproximateReceiveCount]) + "\\n");
  if (body.fail && record.attributes.ApproximateReceiveCount === "1") throw new Error("record " + body.id + " failed");
};
exports.handler = async (event, context) => processPartialResponse(event, recordHandler, processor, { context });
`,
      {},
      2,
    );
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: [0, 1, 2, 3, 4, 5].map((id) => ({ Id: `m${id}`, MessageBody: JSON.stringify({ id, fail: id === 1 || id === 4 }) })) }));
    const created = await mapping({ EventSourceArn: q.arn, FunctionName: "esm-partial-fn", FunctionResponseTypes: ["ReportBatchItemFailures"] });
    const seen = await until("the failed records to be retried", () => {
      const all = lines<[number, string]>(out);
      return all.filter(([, n]) => n === "2").length >= 2 ? all : undefined;
    });
    await drained(q.url);
    const final = lines<[number, string]>(out);
    assert.ok(final.length >= seen.length);
    for (const id of [0, 2, 3, 5]) assert.deepEqual(final.filter(([i]) => i === id).map(([, n]) => n), ["1"], `record ${id} is delivered once`);
    for (const id of [1, 4]) assert.deepEqual(final.filter(([i]) => i === id).map(([, n]) => n), ["1", "2"], `record ${id} is retried once`);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });

  test("disabling stops delivery at once; enabling resumes it", async () => {
    const q = await queue("esm-toggle", { VisibilityTimeout: "10" });
    const out = await handler("esm-toggle-fn", RECORDER);
    const created = await mapping({ EventSourceArn: q.arn, FunctionName: "esm-toggle-fn" });
    await sqs.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: "before" }));
    await until("the first message", () => lines<any[]>(out).flat().length === 1);
    const disabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, Enabled: false }));
    assert.equal(disabling.State, "Disabling");
    await until("Disabled", async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: created.UUID }))).State === "Disabled");
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: ["x", "y", "z"].map((b) => ({ Id: b, MessageBody: b })) }));
    await new Promise((r) => setTimeout(r, 1_000));
    assert.equal(lines<any[]>(out).flat().length, 1, "nothing is delivered while disabled");
    assert.deepEqual(await counts(q.url), { visible: 3, inFlight: 0 });
    const enabling = await lambda.send(new UpdateEventSourceMappingCommand({ UUID: created.UUID, Enabled: true }));
    assert.equal(enabling.State, "Enabling");
    const records = await until("the three messages", () => {
      const all = lines<any[]>(out).flat();
      return all.length >= 4 ? all : undefined;
    });
    assert.deepEqual(records.map((r) => r.body).slice(1).sort(), ["x", "y", "z"]);
    await drained(q.url);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });

  test("filter criteria: messages that match no filter are deleted without an invocation", async () => {
    const q = await queue("esm-filter", { VisibilityTimeout: "10" });
    const out = await handler("esm-filter-fn", RECORDER);
    const created = await mapping({
      EventSourceArn: q.arn,
      FunctionName: "esm-filter-fn",
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ body: { kind: ["keep"], n: [{ numeric: [">", 0] }] } }) }, { Pattern: JSON.stringify({ body: [{ prefix: "urgent" }] }) }] },
    });
    const bodies = [JSON.stringify({ kind: "keep", n: 1 }), JSON.stringify({ kind: "drop", n: 1 }), "urgent: call me", "plain text", JSON.stringify({ kind: "keep", n: 0 }), JSON.stringify({ kind: "keep", n: 7 })];
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: bodies.map((b, i) => ({ Id: `m${i}`, MessageBody: b })) }));
    await drained(q.url);
    await until("the matching messages", () => lines<any[]>(out).flat().length >= 3);
    await new Promise((r) => setTimeout(r, 300));
    const delivered = lines<any[]>(out).flat().map((r) => r.body).sort();
    assert.deepEqual(delivered, [bodies[0], bodies[5], bodies[2]].sort());
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });
});

describe("delivery from a FIFO queue", () => {
  test("a failure in the middle of a group holds back the rest of that group: each group is processed once, in order", async () => {
    const q = await queue("esm-order.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true", VisibilityTimeout: "2" });
    // A handler that fails g1-3 once, skips the rest of g1 in that batch without reporting it
    // (Stratus must still hold it back), and records what it processed.
    const out = await handler(
      "esm-order-fn",
      `const fs = require("node:fs");
exports.handler = async (event) => {
  const failures = [];
  const blocked = new Set();
  for (const r of event.Records) {
    const g = r.attributes.MessageGroupId;
    fs.appendFileSync(process.env.DELIVERED, JSON.stringify([r.body, r.attributes.ApproximateReceiveCount]) + "\\n");
    if (blocked.has(g)) continue;
    if (r.body === "g1-3" && r.attributes.ApproximateReceiveCount === "1") {
      failures.push({ itemIdentifier: r.messageId });
      blocked.add(g);
      continue;
    }
    fs.appendFileSync(process.env.OUT, JSON.stringify(r.body) + "\\n");
  }
  return { batchItemFailures: failures };
};
`,
      { DELIVERED: join(dir, "esm-order-delivered.jsonl") },
      1,
    );
    for (const g of ["g1", "g2"]) {
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: q.url, Entries: [1, 2, 3, 4, 5].map((n) => ({ Id: `${g}-${n}`, MessageBody: `${g}-${n}`, MessageGroupId: g })) }));
    }
    const created = await mapping({ EventSourceArn: q.arn, FunctionName: "esm-order-fn", FunctionResponseTypes: ["ReportBatchItemFailures"] });
    const processed = await until("10 processed messages", () => {
      const all = lines<string>(out);
      return all.length >= 10 ? all : undefined;
    });
    await drained(q.url);
    for (const g of ["g1", "g2"]) {
      assert.deepEqual(processed.filter((b) => b.startsWith(g)), [1, 2, 3, 4, 5].map((n) => `${g}-${n}`), `group ${g} in order, once each`);
    }
    const retried = lines<[string, string]>(join(dir, "esm-order-delivered.jsonl")).filter(([, n]) => n === "2").map(([b]) => b);
    assert.deepEqual(retried, ["g1-3", "g1-4", "g1-5"]);
    await lambda.send(new DeleteEventSourceMappingCommand({ UUID: created.UUID }));
  });
});

describe("after a restart", () => {
  test("a mapping stored on disk is loaded and polls again; shutting down with pollers running is clean", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stratus-esm-restart-"));
    const out = join(dataDir, "records.jsonl");
    try {
      const first = await startStratus({ inMemory: false, dataDir });
      let uuid: string;
      try {
        const client = new LambdaClient({ endpoint: first.endpoint, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
        const firstSqs = sqsClient(first);
        await firstSqs.send(new CreateQueueCommand({ QueueName: "esm-restart" }));
        await createFunction({ server: first, lambda: client, zip: h.zip }, "esm-restart-fn", { Code: { ZipFile: await handlerZip({ "index.js": RECORDER }) }, Environment: { Variables: { OUT: out } } });
        const created = await client.send(new CreateEventSourceMappingCommand({ EventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:esm-restart`, FunctionName: "esm-restart-fn", BatchSize: 3 }));
        uuid = created.UUID!;
        await until("Enabled", async () => (await client.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === "Enabled");
      } finally {
        await first.stop();
      }
      const second = await startStratus({ inMemory: false, dataDir });
      try {
        const client = new LambdaClient({ endpoint: second.endpoint, region: REGION, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
        const got = await client.send(new GetEventSourceMappingCommand({ UUID: uuid }));
        assert.equal(got.State, "Enabled");
        assert.equal(got.BatchSize, 3);
        assert.equal(got.FunctionArn, functionArn("esm-restart-fn"));
        const { QueueUrl } = await sqsClient(second).send(new CreateQueueCommand({ QueueName: "esm-restart" }));
        await sqsClient(second).send(new SendMessageCommand({ QueueUrl, MessageBody: "after restart" }));
        const records = await until("the message sent after the restart", () => lines<any[]>(out).flat().at(0));
        assert.equal(records.body, "after restart");
        await client.send(new DeleteEventSourceMappingCommand({ UUID: uuid }));
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
