/**
 * AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`) through the SFN SDK:
 * operations of the services Stratus runs, called in process with their own validation, output
 * as the service answers it, errors named `<Service>.<Error>Exception` and caught by that name.
 */
import { createHash } from "node:crypto";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { StratusServer } from "../../src/index.js";
import { eventually } from "../lambda/invoke-support.js";
import { sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

let server: StratusServer;
let sfn: SFNClient;
let queueUrl: string;
const ROLE = "arn:aws:iam::000000000000:role/sfn";
let counter = 0;

before(async () => {
  server = await startStratus();
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  queueUrl = (await sqsClient(server).send(new CreateQueueCommand({ QueueName: "sdk-target" }))).QueueUrl!;
});
after(() => server.stop());

async function run(definition: object, input: unknown = {}) {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: `sdk-${++counter}`, definition: JSON.stringify(definition), roleArn: ROLE }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  const done = await eventually(async () => {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return d.status !== "RUNNING" && d;
  }, 10_000, "the execution to finish");
  return { done, history: (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events! };
}

test("aws-sdk:sqs:sendMessage and getQueueAttributes: the service's own output, the message on the queue", async () => {
  const { done, history } = await run({
    StartAt: "Send",
    States: {
      Send: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sqs:sendMessage", Parameters: { QueueUrl: queueUrl, "MessageBody.$": "States.JsonToString($)" }, ResultPath: "$.sent", Next: "Count" },
      Count: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sqs:getQueueAttributes", Parameters: { QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }, ResultSelector: { "n.$": "$.Attributes.ApproximateNumberOfMessages" }, ResultPath: "$.count", End: true },
    },
  }, { order: 7 });
  assert.equal(done.status, "SUCCEEDED", done.cause);
  const out = JSON.parse(done.output!);
  assert.match(out.sent.MessageId, /^[0-9a-f-]{36}$/);
  assert.equal(out.sent.MD5OfMessageBody, createHash("md5").update(JSON.stringify({ order: 7 })).digest("hex"));
  assert.equal(out.count.n, "1");
  const got = await sqsClient(server).send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
  assert.equal(got.Messages?.[0]?.Body, JSON.stringify({ order: 7 }));
  const scheduled = history.find((e) => e.type === "TaskScheduled")!;
  assert.equal(scheduled.taskScheduledEventDetails?.resourceType, "aws-sdk:sqs");
  assert.equal(scheduled.taskScheduledEventDetails?.resource, "sendMessage");
});

test("a service error is <Service>.<Error>Exception and can be caught by that name", async () => {
  const { done } = await run({
    StartAt: "Lookup",
    States: {
      Lookup: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sqs:getQueueUrl", Parameters: { QueueName: "no-such-queue" }, Catch: [{ ErrorEquals: ["Sqs.QueueDoesNotExistException"], ResultPath: "$.error", Next: "Missing" }], End: true },
      Missing: { Type: "Pass", End: true },
    },
  });
  assert.equal(done.status, "SUCCEEDED", done.cause);
  const out = JSON.parse(done.output!);
  assert.equal(out.error.Error, "Sqs.QueueDoesNotExistException");
  assert.equal(out.error.Cause, "The specified queue does not exist.");
});

test("input the operation's model refuses fails the task; Step Functions itself (sfn) is reachable", async () => {
  const bad = await run({ StartAt: "Send", States: { Send: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sqs:sendMessage", Parameters: { QueueUrl: queueUrl }, End: true } } });
  assert.equal(bad.done.status, "FAILED");
  assert.match(bad.done.error!, /^Sqs\./);

  // Step Functions' API is camelCase; its SDK integration speaks PascalCase both ways.
  const self = await run({
    QueryLanguage: "JSONata",
    StartAt: "List",
    States: {
      List: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sfn:listStateMachines", Output: "{% $count($states.result.StateMachines) %}", Next: "Describe" },
      Describe: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:sfn:describeStateMachine", Arguments: { StateMachineArn: "{% $states.context.StateMachine.Id %}" }, Output: { count: "{% $states.input %}", name: "{% $states.result.Name %}", type: "{% $states.result.Type %}" }, End: true },
    },
  });
  assert.equal(self.done.status, "SUCCEEDED", self.done.cause);
  const out = JSON.parse(self.done.output!);
  assert.ok(out.count >= 3);
  assert.deepEqual([out.name, out.type], [`sdk-${counter}`, "STANDARD"]);
});

test("a service Stratus does not run fails with States.Runtime", async () => {
  const { done } = await run({ StartAt: "Get", States: { Get: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:dynamodb:getItem", Parameters: { TableName: "t", Key: {} }, End: true } } });
  assert.equal(done.status, "FAILED");
  assert.equal(done.error, "States.Runtime");
  assert.match(done.cause!, /The service dynamodb is not emulated by Stratus/);
});
