/**
 * Express state machines: StartSyncExecution answers with the outcome (the SDK's `sync-` host
 * prefix turned off with `disableHostPrefix`, as the README says), Wait runs on the clock, and
 * Standard-only / Express-only operations are refused as on AWS.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { CreateQueueCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { rejection, sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
let sqs: SQSClient;
const ROLE = "arn:aws:iam::000000000000:role/sfn";

before(async () => {
  server = await startStratus({ clock: "manual" });
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true });
  sqs = sqsClient(server);
});
after(() => server.stop());

async function machine(name: string, type: "STANDARD" | "EXPRESS", definition: object): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, type, definition: JSON.stringify(definition), roleArn: ROLE }))).stateMachineArn!;
}

test("StartSyncExecution runs an Express machine and answers with its output", async () => {
  const arn = await machine("express-pass", "EXPRESS", { StartAt: "A", States: { A: { Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.a, $.b)" }, End: true } } });
  const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, name: "run-1", input: '{"a": 2, "b": 3}' }));
  assert.equal(r.status, "SUCCEEDED");
  assert.equal(r.output, '{"sum":5}');
  assert.match(r.executionArn!, /^arn:aws:states:us-east-1:000000000000:express:express-pass:run-1:[0-9a-f-]{36}$/);
  assert.equal(r.input, '{"a": 2, "b": 3}');
  assert.ok(r.billingDetails!.billedDurationInMilliseconds! >= 100);
  const failed = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: await machine("express-fail", "EXPRESS", { StartAt: "F", States: { F: { Type: "Fail", Error: "E", Cause: "C" } } }) }));
  assert.deepEqual([failed.status, failed.error, failed.cause, failed.output], ["FAILED", "E", "C", undefined]);
});

test("an Express Wait waits on the clock", async () => {
  const arn = await machine("express-wait", "EXPRESS", { StartAt: "W", States: { W: { Type: "Wait", Seconds: 30, End: true } } });
  let settled = false;
  const pending = sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: "{}" })).finally(() => (settled = true));
  await server.manualClock!.advance(29_000);
  assert.equal(settled, false);
  await server.manualClock!.advance(1_000);
  assert.equal((await pending).status, "SUCCEEDED");
});

test("JSONata's $now() and $millis() read the server's clock (here the manual one), before and after a Wait", async () => {
  const arn = await machine("express-now", "EXPRESS", {
    QueryLanguage: "JSONata",
    StartAt: "Before",
    States: {
      Before: { Type: "Pass", Assign: { before: "{% $millis() %}", iso: "{% $now() %}" }, Next: "W" },
      W: { Type: "Wait", Seconds: 90, Next: "After" },
      After: { Type: "Pass", Output: { before: "{% $before %}", iso: "{% $iso %}", after: "{% $millis() %}" }, End: true },
    },
  });
  const started = server.manualClock!.now();
  const pending = sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: "{}" }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await server.manualClock!.advance(90_000);
  const r = await pending;
  assert.equal(r.status, "SUCCEEDED", r.cause);
  const out = JSON.parse(r.output!);
  assert.equal(out.before, started);
  assert.equal(out.iso, new Date(started).toISOString());
  assert.equal(out.after, started + 90_000);
});

test("StartSyncExecution refuses a Standard machine", async () => {
  const standard = await machine("std-only", "STANDARD", { StartAt: "A", States: { A: { Type: "Succeed" } } });
  const err = await rejection(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard })));
  assert.equal(err.name, "StateMachineTypeNotSupported");
  assert.equal(err.message, "This operation is not supported by this type of state machine");
});

test("StartExecution on an Express machine runs it in the background (its Task really happens)", async () => {
  const q = (await sqs.send(new CreateQueueCommand({ QueueName: "express-async-out" }))).QueueUrl!;
  const express = await machine("express-async", "EXPRESS", { StartAt: "Send", States: { Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: q, "MessageBody.$": "$.note" }, End: true } } });
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: express, input: '{"note": "async express"}' }));
  assert.match(executionArn!, /^arn:aws:states:us-east-1:000000000000:express:express-async:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
  let body: string | undefined;
  for (let i = 0; i < 500 && body === undefined; i++) {
    body = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: q }))).Messages?.[0]?.Body;
    if (body === undefined) await new Promise((r) => setImmediate(r));
  }
  assert.equal(body, "async express");
});
