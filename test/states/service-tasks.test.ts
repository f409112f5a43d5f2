/**
 * The SQS and SNS request-response integrations (`arn:aws:states:::sqs:sendMessage`,
 * `arn:aws:states:::sns:publish`) through the SFN SDK, checked where the messages land.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { CreateTopicCommand, SubscribeCommand } from "@aws-sdk/client-sns";
import { ManualClock } from "../../src/index.js";
import { TEST_CREDENTIALS } from "../helpers/stratus.js";
import { drain, queue, startSns, type SnsHarness } from "../sns/support.js";

let h: SnsHarness;
let sfn: SFNClient;
before(async () => {
  h = await startSns();
  sfn = new SFNClient({ endpoint: h.server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
});
after(() => h.server.stop());

async function run(name: string, definition: object, input: object) {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: "arn:aws:iam::000000000000:role/sfn" }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  for (let i = 0; i < 200; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return { d, history: (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events! };
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`${name} did not finish`);
}

test("sqs:sendMessage sends the message; a JSON MessageBody is sent as its text; the output carries MessageId and MD5", async () => {
  const q = await queue(h, "from-sfn");
  const { d, history } = await run("send", { StartAt: "Send", States: { Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: q.url, "MessageBody.$": "$.order" }, End: true } } }, { order: { id: 9 } });
  assert.equal(d.status, "SUCCEEDED");
  const out = JSON.parse(d.output!);
  const [m] = await drain(h, q.url);
  assert.equal(m.Body, '{"id":9}');
  assert.equal(out.MessageId, m.MessageId);
  assert.equal(out.MD5OfMessageBody, m.MD5OfBody);
  assert.ok(out.SdkResponseMetadata.RequestId);
  assert.deepEqual(history.map((e) => e.type), ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  assert.equal(history[2].taskScheduledEventDetails?.resourceType, "sqs");
  assert.equal(history[2].taskScheduledEventDetails?.resource, "sendMessage");
});

test("a missing queue fails the task as SQS.QueueDoesNotExistException (catchable)", async () => {
  const url = `${h.server.endpoint}/000000000000/nowhere`;
  const { d } = await run("send-missing", { StartAt: "Send", States: { Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: url, MessageBody: "x" }, Catch: [{ ErrorEquals: ["SQS.QueueDoesNotExistException"], Next: "Handled" }], End: true }, Handled: { Type: "Succeed" } } }, {});
  assert.equal(d.status, "SUCCEEDED");
  assert.equal(JSON.parse(d.output!).Error, "SQS.QueueDoesNotExistException");
});

test("sns:publish publishes to the topic's subscribers", async () => {
  const { TopicArn } = await h.sns.send(new CreateTopicCommand({ Name: "from-sfn" }));
  const q = await queue(h, "from-sfn-topic");
  await h.sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: q.arn, Attributes: { RawMessageDelivery: "true" } }));
  const { d } = await run("publish", { StartAt: "Publish", States: { Publish: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { TopicArn, "Message.$": "$" }, End: true } } }, { hello: "world" });
  assert.equal(d.status, "SUCCEEDED");
  const [m] = await drain(h, q.url);
  assert.equal(m.Body, '{"hello":"world"}');
  assert.match(JSON.parse(d.output!).MessageId, /^[0-9a-f-]{36}$/);
});

test("sqs:sendMessage honours DelaySeconds (on the clock); a FIFO queue refuses it as SQS does", async () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 27, 12));
  const own = await startSns({ clock });
  try {
    const client = new SFNClient({ endpoint: own.server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const q = await queue(own, "later");
    const send = (QueueUrl: string) => ({ StartAt: "Send", States: { Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl, MessageBody: "soon", DelaySeconds: 30 }, End: true } } });
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "delayed", definition: JSON.stringify(send(q.url)), roleArn: "arn:aws:iam::000000000000:role/sfn" }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));
    let status = "RUNNING";
    for (let i = 0; i < 200 && status === "RUNNING"; i++) {
      status = (await client.send(new DescribeExecutionCommand({ executionArn }))).status!;
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(status, "SUCCEEDED");
    assert.deepEqual(await drain(own, q.url), [], "not visible during its delay");
    await clock.advance(31_000);
    assert.deepEqual((await drain(own, q.url)).map((m) => m.Body), ["soon"]);

    const fifo = await queue(own, "later.fifo", { FifoQueue: "true", ContentBasedDeduplication: "true" });
    const def = send(fifo.url);
    (def.States.Send.Parameters as Record<string, unknown>).MessageGroupId = "g";
    (def.States.Send as Record<string, unknown>).Catch = [{ ErrorEquals: ["SQS.InvalidParameterValueException"], Next: "Refused" }];
    (def.States as Record<string, unknown>).Refused = { Type: "Succeed" };
    const made = await client.send(new CreateStateMachineCommand({ name: "delayed-fifo", definition: JSON.stringify(def), roleArn: "arn:aws:iam::000000000000:role/sfn" }));
    const started = await client.send(new StartExecutionCommand({ stateMachineArn: made.stateMachineArn }));
    let d = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    for (let i = 0; i < 200 && d.status === "RUNNING"; i++) {
      await new Promise((r) => setImmediate(r));
      d = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    }
    assert.equal(d.status, "SUCCEEDED");
    assert.equal(JSON.parse(d.output!).Error, "SQS.InvalidParameterValueException");
  } finally {
    await own.server.stop();
  }
});
