/**
 * RedriveExecution through the SFN SDK: an execution that failed in a Task (its queue did not
 * exist yet) runs again from that state once the queue exists; its history shows
 * ExecutionRedriven; Describe reports the redrive; a Fail state's failure is not redrivable.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, DescribeMapRunCommand, GetExecutionHistoryCommand, ListExecutionsCommand, ListMapRunsCommand, RedriveExecutionCommand, SFNClient, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { ManualClock } from "../../src/index.js";
import { fails, sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
const ROLE = "arn:aws:iam::000000000000:role/sfn";
before(async () => {
  server = await startStratus();
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
});
after(() => server.stop());

async function settled(executionArn: string) {
  for (let i = 0; i < 500; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error("still running");
}

test("a failed Task runs again after RedriveExecution and the execution succeeds", async () => {
  const queueUrl = `${server.endpoint}/000000000000/later`;
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: "redrivable",
    roleArn: ROLE,
    definition: JSON.stringify({ StartAt: "Prep", States: { Prep: { Type: "Pass", Result: "ready", ResultPath: "$.prep", Next: "Send" }, Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: queueUrl, "MessageBody.$": "$.prep" }, End: true } } }),
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
  const failed = await settled(executionArn!);
  assert.deepEqual([failed.status, failed.error, failed.redriveStatus], ["FAILED", "SQS.QueueDoesNotExistException", "REDRIVABLE"]);
  await sqsClient(server).send(new CreateQueueCommand({ QueueName: "later" }));
  const r = await sfn.send(new RedriveExecutionCommand({ executionArn }));
  assert.ok(r.redriveDate instanceof Date);
  const done = await settled(executionArn!);
  assert.deepEqual([done.status, done.redriveCount], ["SUCCEEDED", 1]);
  assert.ok(done.redriveDate instanceof Date);
  const listed = (await sfn.send(new ListExecutionsCommand({ stateMachineArn }))).executions!.find((e) => e.executionArn === executionArn)!;
  assert.deepEqual([listed.redriveCount, listed.redriveDate?.getTime()], [1, done.redriveDate!.getTime()]);
  assert.equal((await sqsClient(server).send(new ReceiveMessageCommand({ QueueUrl: queueUrl }))).Messages?.[0]?.Body, "ready");
  const types = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
  const at = types.indexOf("ExecutionRedriven");
  assert.ok(at > types.indexOf("ExecutionFailed"));
  assert.deepEqual(types.slice(at), ["ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  await fails(sfn.send(new RedriveExecutionCommand({ executionArn })), "ExecutionNotRedrivable", /SUCCEEDED/);
});

test("a failure in a Fail state is not redrivable", async () => {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "final", roleArn: ROLE, definition: JSON.stringify({ StartAt: "F", States: { F: { Type: "Fail", Error: "E" } } }) }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
  assert.equal((await settled(executionArn!)).redriveStatus, "NOT_REDRIVABLE");
  await fails(sfn.send(new RedriveExecutionCommand({ executionArn })), "ExecutionNotRedrivable", /cannot be redriven/);
});

/** A Map whose items with `send: true` send to `queueUrl` (failing while it does not exist); the others pass. */
async function sendingMap(name: string, queueUrl: string, processor: object): Promise<string> {
  const States = {
    Route: { Type: "Choice", Choices: [{ Variable: "$.send", BooleanEquals: true, Next: "Send" }], Default: "Keep" },
    Keep: { Type: "Pass", Parameters: { "kept.$": "$.id" }, End: true },
    Send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: queueUrl, MessageBody: "x" }, ResultSelector: { "sent.$": "$.MessageId" }, End: true },
  };
  const definition = { StartAt: "Each", States: { Each: { Type: "Map", ItemsPath: "$.items", ItemProcessor: { ...processor, StartAt: "Route", States }, End: true } } };
  return (await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }))).stateMachineArn!;
}

test("a redriven Map runs again only the iterations that failed; the others keep their results", async () => {
  const queueUrl = `${server.endpoint}/000000000000/map-later`;
  const stateMachineArn = await sendingMap("redrivable-map", queueUrl, {});
  const items = [{ id: 1, send: false }, { id: 2, send: true }, { id: 3, send: false }];
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }));
  const failed = await settled(executionArn!);
  assert.equal(failed.status, "FAILED");
  await sqsClient(server).send(new CreateQueueCommand({ QueueName: "map-later" }));
  await sfn.send(new RedriveExecutionCommand({ executionArn }));
  const done = await settled(executionArn!);
  assert.equal(done.status, "SUCCEEDED", done.cause);
  const out = JSON.parse(done.output!);
  assert.deepEqual([out[0], out[2]], [{ kept: 1 }, { kept: 3 }]);
  assert.ok(typeof out[1].sent === "string");
  const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!;
  const redriven = events.findIndex((e) => e.type === "ExecutionRedriven");
  const startedAfter = events.slice(redriven).filter((e) => e.type === "MapIterationStarted").map((e) => e.mapIterationStartedEventDetails?.index);
  assert.deepEqual(startedAfter, [1], "only the failed iteration runs again");
});

test("a redriven Distributed Map runs the same Map Run again: its failed children are redriven, the others keep their results", async () => {
  const queueUrl = `${server.endpoint}/000000000000/dist-later`;
  const stateMachineArn = await sendingMap("redrivable-dist", queueUrl, { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" } });
  const items = [{ id: 1, send: false }, { id: 2, send: true }, { id: 3, send: false }];
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items }) }));
  const failed = await settled(executionArn!);
  assert.deepEqual([failed.status, failed.error], ["FAILED", "States.ExceedToleratedFailureThreshold"]);
  await sqsClient(server).send(new CreateQueueCommand({ QueueName: "dist-later" }));
  await sfn.send(new RedriveExecutionCommand({ executionArn }));
  const done = await settled(executionArn!);
  assert.equal(done.status, "SUCCEEDED", done.cause);
  const out = JSON.parse(done.output!);
  assert.deepEqual([out[0], out[2]], [{ kept: 1 }, { kept: 3 }]);
  assert.equal(typeof out[1].sent, "string");
  const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  assert.equal(mapRuns!.length, 1, "the same Map Run");
  const run = await sfn.send(new DescribeMapRunCommand({ mapRunArn: mapRuns![0].mapRunArn }));
  assert.deepEqual([run.status, run.redriveCount, run.executionCounts!.succeeded], ["SUCCEEDED", 1, 3]);
  assert.ok(run.redriveDate instanceof Date);
  const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns![0].mapRunArn }))).executions!;
  assert.deepEqual(children.map((c) => c.redriveCount).sort(), [0, 0, 1], "only the failed child was redriven");
  const redrivenChildren = (await sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns![0].mapRunArn, redriveFilter: "REDRIVEN" }))).executions!;
  assert.deepEqual(redrivenChildren.map((c) => c.redriveCount), [1]);
  assert.equal((await sfn.send(new ListExecutionsCommand({ mapRunArn: mapRuns![0].mapRunArn, redriveFilter: "NOT_REDRIVEN" }))).executions!.length, 2);
  const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!.map((e) => e.type);
  assert.ok(history.includes("MapRunRedriven"));
});

test("an execution stopped more than 14 days ago (on the clock) is no longer redrivable", async () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 1));
  const own = await startStratus({ clock });
  try {
    const client = new SFNClient({ endpoint: own.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "old", roleArn: ROLE, definition: JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 3600, End: true } } }) }));
    const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn }));
    await client.send(new StopExecutionCommand({ executionArn }));
    assert.equal((await client.send(new DescribeExecutionCommand({ executionArn }))).redriveStatus, "REDRIVABLE");
    await clock.advance(15 * 24 * 3600 * 1000);
    const d = await client.send(new DescribeExecutionCommand({ executionArn }));
    assert.deepEqual([d.redriveStatus, d.redriveStatusReason], ["NOT_REDRIVABLE", "Execution redrivable period exceeded"]);
    await fails(client.send(new RedriveExecutionCommand({ executionArn })), "ExecutionNotRedrivable", /redrivable period exceeded/);
  } finally {
    await own.stop();
  }
});
