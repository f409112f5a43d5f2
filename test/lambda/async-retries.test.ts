/**
 * Asynchronous invocation on the manual clock: retries one and two minutes apart, the
 * invocation record at the OnFailure destination, the dead-letter queue with AWS's attributes,
 * the maximum event age, throttled events waiting without spending attempts, and an event that
 * survives a restart.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DeleteFunctionConcurrencyCommand, InvokeCommand, PutFunctionConcurrencyCommand, PutFunctionEventInvokeConfigCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { ManualClock } from "../../src/index.js";
import { sqsClient } from "../helpers/stratus.js";
import { createFunction, handlerZip, startLambda, type LambdaHarness } from "./support.js";

/** Reports each attempt to a queue (named in ATTEMPTS_QUEUE), then fails (or succeeds when the event says so). */
const RECORDING_HANDLER = `
const { SQSClient, GetQueueUrlCommand, SendMessageCommand } = require("@aws-sdk/client-sqs");
const sqs = new SQSClient({});
exports.handler = async (event) => {
  // By name: AWS_ENDPOINT_URL is the current server's, also after a restart on another port.
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: process.env.ATTEMPTS_QUEUE }));
  await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(event) }));
  if (!event.succeed) throw new Error("boom " + event.n);
  return { ok: event.n };
};
`;

/**
 * Function timeouts run on the clock too: an advance while an invocation is running lets that
 * time pass for it. The longest timeout keeps the invocations these tests start out of reach.
 */
const RECORDING_FUNCTION = { Code: { ZipFile: undefined as unknown as Uint8Array }, Timeout: 900 };

async function queue(sqs: SQSClient, name: string): Promise<{ url: string; arn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  return { url: QueueUrl!, arn: attrs.Attributes!.QueueArn! };
}

async function count(sqs: SQSClient, url: string): Promise<number> {
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  return Number(attrs.Attributes!.ApproximateNumberOfMessages) + Number(attrs.Attributes!.ApproximateNumberOfMessagesNotVisible);
}

/** Waits (real time: the handler runs in a child process) until the queue holds `n` messages. */
async function until(sqs: SQSClient, url: string, n: number, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const have = await count(sqs, url);
    if (have === n) return;
    if (have > n) assert.fail(`expected ${n} messages in ${url}, found ${have}`);
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${n} messages in ${url} (have ${have})`);
    await sleep(25);
  }
}

/** Asserts the count stays at `n` for a moment (nothing ran that should not have). */
async function stays(sqs: SQSClient, url: string, n: number): Promise<void> {
  await sleep(300);
  assert.equal(await count(sqs, url), n);
}

/** Waits until the function has finished `n` invocations (REPORT lines in its log). */
async function finished(endpoint: string, fn: string, n: number, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const body = (await (await fetch(`${endpoint}/_stratus/lambda/logs?function=${fn}`)).json()) as { lines: string[] };
    const reports = body.lines.filter((l) => l.startsWith("REPORT ")).length;
    if (reports >= n) return;
    if (performance.now() > deadline) assert.fail(`timed out waiting for ${n} finished invocations of ${fn} (have ${reports})`);
    await sleep(25);
  }
}

async function takeOne(sqs: SQSClient, url: string) {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ["All"] }));
  assert.equal(out.Messages?.length, 1);
  return out.Messages![0];
}

describe("asynchronous invocation on the manual clock", () => {
  let h: LambdaHarness;
  let sqs: SQSClient;
  let clock: ManualClock;
  let lambda: LambdaClient;

  before(async () => {
    RECORDING_FUNCTION.Code.ZipFile = await handlerZip({ "index.js": RECORDING_HANDLER });
    h = await startLambda({ clock: "manual" });
    clock = h.server.manualClock!;
    sqs = sqsClient(h.server);
    lambda = h.lambda;
  });
  after(() => h.server.stop());

  async function recordingFunction(name: string, attemptsQueue: string, extra = {}) {
    await createFunction(h, name, { ...RECORDING_FUNCTION, Environment: { Variables: { ATTEMPTS_QUEUE: attemptsQueue } }, ...extra });
  }

  test("a failing event is retried 1 and then 2 minutes later, then goes to OnFailure with RetriesExhausted", async () => {
    const attempts = await queue(sqs, "attempts-retries");
    const failures = await queue(sqs, "failures-retries");
    await recordingFunction("flaky", "attempts-retries");
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "flaky", MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: failures.arn } } }));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: "flaky", InvocationType: "Event", Payload: Buffer.from(JSON.stringify({ n: 1 })) }));
    assert.equal(invoked.StatusCode, 202);
    const requestId = invoked.$metadata.requestId;

    // Each retry is scheduled from the moment the previous attempt ends: let it end first.
    await finished(h.server.endpoint, "flaky", 1);
    await clock.advance(59_000);
    await stays(sqs, attempts.url, 1);
    await clock.advance(1_000);
    await finished(h.server.endpoint, "flaky", 2);
    await until(sqs, attempts.url, 2);
    await clock.advance(119_000);
    await stays(sqs, attempts.url, 2);
    assert.equal(await count(sqs, failures.url), 0);
    await clock.advance(1_000);
    await until(sqs, attempts.url, 3);
    await until(sqs, failures.url, 1);

    const record = JSON.parse((await takeOne(sqs, failures.url)).Body!);
    assert.equal(record.version, "1.0");
    assert.deepEqual(record.requestContext, {
      requestId,
      functionArn: "arn:aws:lambda:us-east-1:000000000000:function:flaky:$LATEST",
      condition: "RetriesExhausted",
      approximateInvokeCount: 3,
    });
    assert.deepEqual(record.requestPayload, { n: 1 });
    assert.deepEqual(record.responseContext, { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" });
    assert.equal(record.responsePayload.errorType, "Error");
    assert.equal(record.responsePayload.errorMessage, "boom 1");
    assert.equal(record.timestamp, new Date(clock.now()).toISOString());
  });

  test("with no retries left the event goes to the function's dead-letter queue with AWS's attributes", async () => {
    const attempts = await queue(sqs, "attempts-dlq");
    const dlq = await queue(sqs, "function-dlq");
    await recordingFunction("doomed", "attempts-dlq", { DeadLetterConfig: { TargetArn: dlq.arn } });
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "doomed", MaximumRetryAttempts: 0 }));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: "doomed", InvocationType: "Event", Payload: Buffer.from(JSON.stringify({ n: 2 })) }));
    await until(sqs, attempts.url, 1);
    await until(sqs, dlq.url, 1);
    const message = await takeOne(sqs, dlq.url);
    assert.deepEqual(JSON.parse(message.Body!), { n: 2 });
    assert.equal(message.MessageAttributes?.RequestID?.StringValue, invoked.$metadata.requestId);
    assert.equal(message.MessageAttributes?.ErrorCode?.DataType, "Number");
    assert.equal(message.MessageAttributes?.ErrorCode?.StringValue, "200");
    assert.equal(message.MessageAttributes?.ErrorMessage?.StringValue, "boom 2");
  });

  test("an event older than MaximumEventAgeInSeconds is not retried: OnFailure gets EventAgeExceeded", async () => {
    const attempts = await queue(sqs, "attempts-age");
    const failures = await queue(sqs, "failures-age");
    await recordingFunction("aging", "attempts-age");
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "aging", MaximumEventAgeInSeconds: 60, MaximumRetryAttempts: 2, DestinationConfig: { OnFailure: { Destination: failures.arn } } }));
    await lambda.send(new InvokeCommand({ FunctionName: "aging", InvocationType: "Event", Payload: Buffer.from(JSON.stringify({ n: 3 })) }));
    await until(sqs, attempts.url, 1);
    await until(sqs, failures.url, 1);
    const record = JSON.parse((await takeOne(sqs, failures.url)).Body!);
    assert.equal(record.requestContext.condition, "EventAgeExceeded");
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    await clock.advance(300_000);
    await stays(sqs, attempts.url, 1);
  });

  test("a throttled event waits without spending attempts, and runs once concurrency is back", async () => {
    const attempts = await queue(sqs, "attempts-throttle");
    const successes = await queue(sqs, "successes-throttle");
    await recordingFunction("throttled", "attempts-throttle");
    await lambda.send(new PutFunctionEventInvokeConfigCommand({ FunctionName: "throttled", MaximumRetryAttempts: 0, DestinationConfig: { OnSuccess: { Destination: successes.arn } } }));
    await lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "throttled", ReservedConcurrentExecutions: 0 }));
    await lambda.send(new InvokeCommand({ FunctionName: "throttled", InvocationType: "Event", Payload: Buffer.from(JSON.stringify({ n: 4, succeed: true })) }));
    await clock.advance(120_000);
    await stays(sqs, attempts.url, 0);
    await lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "throttled" }));
    // Throttled retries back off 1, 2, 4, … seconds: tries at +0, +1, +3, … +63, +127 s. Advance
    // exactly to the next one: running work sees virtual time pass, and a longer jump would
    // also pass the new environment's 10-second init limit before the child process is up.
    await clock.advance(7_000);
    await until(sqs, attempts.url, 1);
    await until(sqs, successes.url, 1);
    const record = JSON.parse((await takeOne(sqs, successes.url)).Body!);
    assert.equal(record.requestContext.condition, "Success");
    assert.equal(record.requestContext.approximateInvokeCount, 1);
    assert.deepEqual(record.responsePayload, { ok: 4 });
  });
});

describe("an accepted event survives a restart", () => {
  test("queued while throttled, the event runs on the restarted server", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "stratus-async-"));
    let h = await startLambda({ clock: "manual", dataDir, inMemory: false });
    let sqs = sqsClient(h.server);
    const attempts = await queue(sqs, "attempts-restart");
    await createFunction(h, "durable", { ...RECORDING_FUNCTION, Code: { ZipFile: await handlerZip({ "index.js": RECORDING_HANDLER }) }, Environment: { Variables: { ATTEMPTS_QUEUE: "attempts-restart" } } });
    await h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "durable", ReservedConcurrentExecutions: 0 }));
    const invoked = await h.lambda.send(new InvokeCommand({ FunctionName: "durable", InvocationType: "Event", Payload: Buffer.from(JSON.stringify({ n: 5, succeed: true })) }));
    assert.equal(invoked.StatusCode, 202);
    await h.server.stop();

    h = await startLambda({ clock: "manual", dataDir, inMemory: false });
    sqs = sqsClient(h.server);
    try {
      await h.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: "durable" }));
      // The stored retry is due 1 s after the (restarted, same-epoch) manual clock's start.
      await h.server.manualClock!.advance(1_000);
      await until(sqs, attempts.url.replace(/^http:\/\/[^/]+/, h.server.endpoint), 1);
    } finally {
      await h.server.stop();
    }
  });
});
