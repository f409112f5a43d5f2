/**
 * Invoke through the real LambdaClient against a started server, as AWS users rely on it:
 * RequestResponse answers, payload rules, the log tail, the context object and environment,
 * a handler calling SQS through the AWS SDK, DryRun and Event, reserved concurrency, and
 * `stratus logs`. Errors: invoke-errors.test.ts; versions, layers, code: invoke-versions.test.ts;
 * runtimes: invoke-runtimes.test.ts.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateAliasCommand, InvokeCommand, PublishVersionCommand, PutFunctionConcurrencyCommand } from "@aws-sdk/client-lambda";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { rejection, sqsClient } from "../helpers/stratus.js";
import { REGION, functionArn, startLambda, type LambdaHarness } from "./support.js";
import { consoleLinePattern, deploy, eventually, functionLogs, invoke, invokeOk, reportPattern, tailLines } from "./invoke-support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
  await Promise.all([
    deploy(h, "echo", "exports.handler = async (event) => event;\n"),
    deploy(h, "sizer", "exports.handler = async (event) => ({ length: event.length });\n"),
  ]);
});
after(() => h.server.stop());

describe("RequestResponse", () => {
  test("answers 200 with the handler's JSON and ExecutedVersion $LATEST", async () => {
    const { out, json } = await invoke(h, "echo", { hello: "world", n: [1, 2, 3] });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.ExecutedVersion, "$LATEST");
    assert.equal(out.LogResult, undefined);
    assert.deepEqual(json, { hello: "world", n: [1, 2, 3] });
  });

  test("without a Payload the handler's event is {}", async () => {
    const { text } = await invoke(h, "echo");
    assert.equal(text, "{}");
  });

  test("any JSON value is an event: a string, a number, null", async () => {
    assert.equal((await invoke(h, "echo", "just a string")).text, '"just a string"');
    assert.equal((await invoke(h, "echo", 42)).text, "42");
    assert.equal((await invoke(h, "echo", null)).text, "null");
  });

  test("a payload that is not JSON is an InvalidRequestContentException (400)", async () => {
    const err = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from("{not json") })));
    assert.equal(err.name, "InvalidRequestContentException");
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.Type, "User");
    assert.match(err.message, /^Could not parse request body into json: Could not parse payload into json: /);
  });

  test("6,291,456 bytes is the largest payload; one byte more is a 413 RequestEntityTooLargeException", async () => {
    const atLimit = Buffer.from(JSON.stringify("a".repeat(6_291_456 - 2)));
    assert.equal(atLimit.length, 6_291_456);
    assert.deepEqual((await invoke(h, "sizer", undefined, { Payload: atLimit })).json, { length: 6_291_454 });
    const over = Buffer.from(JSON.stringify("a".repeat(6_291_456 - 1)));
    const err = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: "sizer", Payload: over })));
    assert.equal(err.name, "RequestEntityTooLargeException");
    assert.equal(err.$metadata.httpStatusCode, 413);
    assert.equal(err.message, "Request must be smaller than 6291456 bytes for the InvokeFunction operation");
  });

  test("an unknown function is a ResourceNotFoundException naming its ARN", async () => {
    const err = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: "ghost" })));
    assert.equal(err.name, "ResourceNotFoundException");
    assert.equal(err.$metadata.httpStatusCode, 404);
    assert.equal(err.message, `Function not found: ${functionArn("ghost")}`);
  });
});

describe("LogType Tail", () => {
  test("X-Amz-Log-Result holds START, the console line, END and REPORT; Init Duration only when cold", async () => {
    await deploy(h, "talker", "exports.handler = async (event) => { console.log('hello from', event.who); return 'ok'; };\n");
    const cold = await invoke(h, "talker", { who: "tail" }, { LogType: "Tail" });
    assert.equal(cold.text, '"ok"');
    const lines = tailLines(cold.out);
    const id = cold.requestId;
    // A cold start may add platform lines of its own before START; from START on, this is the log.
    const from = lines.indexOf(`START RequestId: ${id} Version: $LATEST`);
    assert.ok(from >= 0, lines.join("\n"));
    const own = lines.slice(from);
    assert.equal(own.length, 4, own.join("\n"));
    assert.match(own[1], consoleLinePattern(id, "INFO", "hello from tail"));
    assert.equal(own[2], `END RequestId: ${id}`);
    assert.match(own[3], reportPattern(id));
    assert.match(own[3], /\tInit Duration: \d+\.\d{2} ms$/);

    const warm = await invoke(h, "talker", { who: "again" }, { LogType: "Tail" });
    const warmLines = tailLines(warm.out);
    assert.deepEqual(warmLines.slice(0, 1), [`START RequestId: ${warm.requestId} Version: $LATEST`]);
    assert.match(warmLines[1], consoleLinePattern(warm.requestId, "INFO", "hello from again"));
    assert.match(warmLines.at(-1)!, reportPattern(warm.requestId));
    assert.doesNotMatch(warmLines.at(-1)!, /Init Duration/);
    // LogType None (the default) gives no tail.
    assert.equal((await invoke(h, "talker", { who: "none" }, { LogType: "None" })).out.LogResult, undefined);
  });

  test("a long log is cut to its last 4 KB, which still ends with REPORT", async () => {
    await deploy(h, "chatty", "exports.handler = async () => { for (let i = 0; i < 200; i++) console.log('line ' + i + ' ' + 'x'.repeat(80)); return 1; };\n");
    const { out, requestId } = await invoke(h, "chatty", undefined, { LogType: "Tail" });
    const bytes = Buffer.from(out.LogResult!, "base64");
    assert.ok(bytes.length <= 4096 && bytes.length > 3500, `tail is ${bytes.length} bytes`);
    const lines = tailLines(out);
    assert.match(lines.at(-1)!, reportPattern(requestId));
    assert.equal(lines.at(-2), `END RequestId: ${requestId}`);
    assert.match(lines.at(-3)!, consoleLinePattern(requestId, "INFO", `line 199 ${"x".repeat(80)}`));
    assert.ok(!lines.some((l) => l.startsWith("START ")), "START is more than 4 KB back");
  });

  test("an invalid LogType is a ValidationException", async () => {
    const err = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: "echo", LogType: "Everything" as never })));
    assert.equal(err.name, "ValidationException");
    assert.equal(err.$metadata.httpStatusCode, 400);
  });
});

describe("the context object and the environment", () => {
  const source = `exports.handler = async (event, context) => ({
  functionName: context.functionName,
  functionVersion: context.functionVersion,
  invokedFunctionArn: context.invokedFunctionArn,
  awsRequestId: context.awsRequestId,
  memoryLimitInMB: context.memoryLimitInMB,
  logGroupName: context.logGroupName,
  remaining: context.getRemainingTimeInMillis(),
  env: {
    name: process.env.AWS_LAMBDA_FUNCTION_NAME,
    version: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memory: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    region: process.env.AWS_REGION,
    defaultRegion: process.env.AWS_DEFAULT_REGION,
    endpoint: process.env.AWS_ENDPOINT_URL,
    handler: process.env._HANDLER,
    own: process.env.MY_SETTING,
    other: process.env.OTHER,
  },
});
`;

  before(async () => {
    await deploy(h, "ctx", source, { MemorySize: 256, Timeout: 7, Environment: { Variables: { MY_SETTING: "on", OTHER: "a=b c" } } });
    await h.lambda.send(new PublishVersionCommand({ FunctionName: "ctx" }));
    await h.lambda.send(new CreateAliasCommand({ FunctionName: "ctx", Name: "prod", FunctionVersion: "1" }));
  });

  test("unqualified: $LATEST, the unqualified ARN, the request id of the response, memory and time left", async () => {
    const { json, requestId, out } = await invoke(h, "ctx");
    assert.equal(out.ExecutedVersion, "$LATEST");
    assert.equal(json.functionName, "ctx");
    assert.equal(json.functionVersion, "$LATEST");
    assert.equal(json.invokedFunctionArn, functionArn("ctx"));
    assert.match(requestId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(json.awsRequestId, requestId);
    assert.equal(json.memoryLimitInMB, "256");
    assert.equal(json.logGroupName, "/aws/lambda/ctx");
    assert.ok(json.remaining > 5_000 && json.remaining <= 7_000, `getRemainingTimeInMillis() = ${json.remaining}`);
    assert.deepEqual(json.env, {
      name: "ctx",
      version: "$LATEST",
      memory: "256",
      region: REGION,
      defaultRegion: REGION,
      endpoint: h.server.endpoint,
      handler: "index.handler",
      own: "on",
      other: "a=b c",
    });
  });

  test("through an alias or a version: the qualified ARN as invoked, and the version that runs", async () => {
    const viaAlias = await invoke(h, "ctx", undefined, { Qualifier: "prod" });
    assert.equal(viaAlias.out.ExecutedVersion, "1");
    assert.equal(viaAlias.json.functionVersion, "1");
    assert.equal(viaAlias.json.env.version, "1");
    assert.equal(viaAlias.json.invokedFunctionArn, functionArn("ctx", "prod"));
    assert.equal(viaAlias.json.awsRequestId, viaAlias.requestId);

    const viaVersion = await invoke(h, functionArn("ctx", "1"));
    assert.equal(viaVersion.out.ExecutedVersion, "1");
    assert.equal(viaVersion.json.invokedFunctionArn, functionArn("ctx", "1"));

    const viaLatest = await invoke(h, "ctx", undefined, { Qualifier: "$LATEST" });
    assert.equal(viaLatest.json.invokedFunctionArn, functionArn("ctx", "$LATEST"));
    assert.equal(viaLatest.out.ExecutedVersion, "$LATEST");
  });
});

describe("a handler using the AWS SDK without bundling it", () => {
  test("sends to SQS with no endpoint in its code (AWS_ENDPOINT_URL), and the message arrives", async () => {
    const sqs = sqsClient(h.server);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "from-lambda" }));
    await deploy(
      h,
      "sqs-sender",
      `const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");
const sqs = new SQSClient({});
exports.handler = async (event) => {
  const out = await sqs.send(new SendMessageCommand({ QueueUrl: event.queueUrl, MessageBody: event.body }));
  return { messageId: out.MessageId };
};
`,
    );
    const { messageId } = await invokeOk(h, "sqs-sender", { queueUrl: QueueUrl, body: "hello from a handler" });
    assert.match(messageId, /^[0-9a-f-]{36}$/);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    assert.equal(received.Messages?.length, 1);
    assert.equal(received.Messages![0].Body, "hello from a handler");
    assert.equal(received.Messages![0].MessageId, messageId);
  });
});

describe("InvocationType", () => {
  test("DryRun answers 204 without running; Event answers 202 and runs the event", async () => {
    await deploy(h, "bg", "exports.handler = async (event) => { console.log('background', JSON.stringify(event)); };\n");
    const dry = await h.lambda.send(new InvokeCommand({ FunctionName: "bg", InvocationType: "DryRun" }));
    assert.equal(dry.StatusCode, 204);
    assert.equal(dry.$metadata.httpStatusCode, 204);
    const event = await h.lambda.send(new InvokeCommand({ FunctionName: "bg", InvocationType: "Event", Payload: Buffer.from('{"job":7}') }));
    assert.equal(event.StatusCode, 202);
    assert.equal(event.$metadata.httpStatusCode, 202);
    assert.equal(event.Payload?.length ?? 0, 0);
    const id = event.$metadata.requestId!;
    const lines = await eventually(async () => {
      const { body } = await functionLogs(h, "bg");
      return (body.lines as string[]).some((l) => l.startsWith(`REPORT RequestId: ${id}`)) && (body.lines as string[]);
    }, 10_000, "the Event invocation to run");
    assert.ok(lines.some((l) => consoleLinePattern(id, "INFO", 'background {"job":7}').test(l)), lines.join("\n"));
    // The DryRun ran nothing: the only START is the Event's.
    assert.deepEqual(lines.filter((l) => l.startsWith("START ")), [`START RequestId: ${id} Version: $LATEST`]);
  });

  test("an Event payload over 1 MB is refused in AWS's words; a DryRun still checks the function exists", async () => {
    const big = Buffer.from(JSON.stringify("b".repeat(1_048_576)));
    const err = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: "echo", InvocationType: "Event", Payload: big })));
    assert.equal(err.name, "RequestEntityTooLargeException");
    assert.equal(err.$metadata.httpStatusCode, 413);
    assert.equal(err.message, `${big.length} byte payload is too large for the Event invocation type (limit 1048576 bytes)`);
    const missing = await rejection(h.lambda.send(new InvokeCommand({ FunctionName: "nobody", InvocationType: "DryRun" })));
    assert.equal(missing.name, "ResourceNotFoundException");
  });
});

describe("reserved concurrency", () => {
  test("1: of two invocations at once, exactly one is throttled (429); afterwards the function runs again", async () => {
    await deploy(h, "one-at-a-time", "exports.handler = async () => { await new Promise((r) => setTimeout(r, 500)); return 'done'; };\n");
    await h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "one-at-a-time", ReservedConcurrentExecutions: 1 }));
    const results = await Promise.allSettled([invoke(h, "one-at-a-time"), invoke(h, "one-at-a-time")]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    assert.equal(ok.length, 1);
    assert.equal(refused.length, 1);
    assert.equal(ok[0].value.text, '"done"');
    const err = refused[0].reason;
    assert.equal(err.name, "TooManyRequestsException");
    assert.equal(err.$metadata.httpStatusCode, 429);
    assert.equal(err.Reason, "ReservedFunctionConcurrentInvocationLimitExceeded");
    assert.equal(err.message, "Rate Exceeded.");
    assert.equal((await invoke(h, "one-at-a-time")).text, '"done"');
  });

  test("0: every invocation is throttled", async () => {
    await deploy(h, "switched-off", "exports.handler = async () => 'ran';\n");
    await h.lambda.send(new PutFunctionConcurrencyCommand({ FunctionName: "switched-off", ReservedConcurrentExecutions: 0 }));
    for (let i = 0; i < 3; i++) {
      const err = await rejection(invoke(h, "switched-off"));
      assert.equal(err.name, "TooManyRequestsException");
      assert.equal(err.$metadata.httpStatusCode, 429);
      assert.equal(err.Reason, "ReservedFunctionConcurrentInvocationLimitExceeded");
      assert.equal(err.message, "Rate Exceeded.");
    }
    const { body } = await functionLogs(h, "switched-off");
    assert.deepEqual(body.lines, [], "nothing ran");
  });
});

describe("stratus logs (GET /_stratus/lambda/logs)", () => {
  test("returns the function's lines with START/END/REPORT; `since` returns only newer ones", async () => {
    await deploy(h, "logged", "exports.handler = async (event) => { console.warn('careful', event.n); return event.n; };\n");
    const first = await invoke(h, "logged", { n: 1 });
    const { status, body } = await functionLogs(h, "logged");
    assert.equal(status, 200);
    assert.equal(body.function, functionArn("logged"));
    const lines = body.lines as string[];
    const id = first.requestId;
    const at = lines.indexOf(`START RequestId: ${id} Version: $LATEST`);
    assert.ok(at >= 0, lines.join("\n"));
    assert.match(lines[at + 1], consoleLinePattern(id, "WARN", "careful 1"));
    assert.equal(lines[at + 2], `END RequestId: ${id}`);
    assert.match(lines[at + 3], reportPattern(id));
    assert.equal(body.next, lines.length);

    const second = await invoke(h, "logged", { n: 2 });
    const newer = await functionLogs(h, functionArn("logged"), body.next);
    assert.deepEqual(newer.body.lines.slice(0, 1), [`START RequestId: ${second.requestId} Version: $LATEST`]);
    assert.equal(newer.body.lines.length, 4);
    assert.equal(newer.body.next, body.next + 4);
    assert.equal((await functionLogs(h, "no-such-function")).status, 404);
  });
});
