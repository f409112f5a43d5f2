/**
 * The callback pattern (`.waitForTaskToken`) through the SFN and SQS SDKs: the token travels in
 * an SQS message, SendTaskSuccess / SendTaskFailure complete the task, bad tokens get AWS's
 * errors, and a waiting task survives a restart.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { rejection, sqsClient, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";
import { drain, queue, type SnsHarness } from "../sns/support.js";
import { snsClient } from "../sns/support.js";

type Server = Awaited<ReturnType<typeof startStratus>>;

function harness(server: Server): { h: SnsHarness; sfn: SFNClient } {
  return { h: { server, sns: snsClient(server), sqs: sqsClient(server) }, sfn: new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 }) };
}

function approval(queueUrl: string): string {
  return JSON.stringify({
    StartAt: "Ask",
    States: {
      Ask: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { QueueUrl: queueUrl, MessageBody: { "token.$": "$$.Task.Token", "order.$": "$.order" } }, ResultPath: "$.decision", Catch: [{ ErrorEquals: ["Rejected"], ResultPath: "$.rejection", Next: "Rejected" }], End: true },
      Rejected: { Type: "Fail", Error: "OrderRejected" },
    },
  });
}

async function settle(sfn: SFNClient, executionArn: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== "RUNNING") return status!;
    await new Promise((r) => setImmediate(r));
  }
  return "RUNNING";
}

test("the token travels in the message; SendTaskSuccess completes the task, SendTaskFailure fails it into its Catch", async (t) => {
  const server = await startStratus();
  t.after(() => server.stop());
  const { h, sfn } = harness(server);
  const q = await queue(h, "approvals");
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "approve", definition: approval(q.url), roleArn: "arn:aws:iam::000000000000:role/r" }));

  const ok = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order": 1}' }));
  const [m] = await drain(h, q.url);
  const { token, order } = JSON.parse(m.Body!);
  assert.equal(order, 1);
  await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: ok.executionArn }))).status, "RUNNING");
  await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved": true}' }));
  assert.equal(await settle(sfn, ok.executionArn!), "SUCCEEDED");
  assert.deepEqual(JSON.parse((await sfn.send(new DescribeExecutionCommand({ executionArn: ok.executionArn }))).output!), { order: 1, decision: { approved: true } });
  const types = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: ok.executionArn }))).events!.map((e) => e.type);
  assert.deepEqual(types, ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  const again = await rejection(sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: "{}" })));
  assert.equal(again.name, "TaskDoesNotExist");

  const no = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order": 2}' }));
  const [m2] = await drain(h, q.url);
  await sfn.send(new SendTaskFailureCommand({ taskToken: JSON.parse(m2.Body!).token, error: "Rejected", cause: "too expensive" }));
  assert.equal(await settle(sfn, no.executionArn!), "FAILED");
  const d = await sfn.send(new DescribeExecutionCommand({ executionArn: no.executionArn }));
  assert.equal(d.error, "OrderRejected");

  const bad = await rejection(sfn.send(new SendTaskSuccessCommand({ taskToken: "not-a-token", output: "{}" })));
  assert.equal(bad.name, "InvalidToken");
  assert.equal(bad.message, "Invalid Token: 'Invalid token'");
});

test("a task waiting on its token survives a restart and completes afterwards", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-sfn-callback-"));
  try {
    let server = await startStratus({ dataDir, inMemory: false });
    let { h, sfn } = harness(server);
    const q = await queue(h, "approvals");
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "approve", definition: approval(q.url), roleArn: "arn:aws:iam::000000000000:role/r" }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"order": 3}' }));
    const [m] = await drain(h, q.url);
    for (let i = 0; i < 500; i++) {
      const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
      if (events.some((e) => e.type === "TaskSubmitted")) break;
      await new Promise((r) => setImmediate(r));
    }
    await server.stop();
    server = await startStratus({ dataDir, inMemory: false });
    ({ h, sfn } = harness(server));
    assert.equal((await drain(h, q.url)).length, 0, "the message was not sent twice");
    await sfn.send(new SendTaskSuccessCommand({ taskToken: JSON.parse(m.Body!).token, output: '"yes"' }));
    assert.equal(await settle(sfn, executionArn!), "SUCCEEDED");
    await server.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("on the manual clock: a callback task's TimeoutSeconds and the execution's TimeoutSeconds", async (t) => {
  const server = await startStratus({ clock: "manual" });
  t.after(() => server.stop());
  const clock = server.manualClock!;
  const { h, sfn } = harness(server);
  const q = await queue(h, "slow");
  const role = "arn:aws:iam::000000000000:role/r";
  const taskTimeout = await sfn.send(new CreateStateMachineCommand({ name: "task-timeout", roleArn: role, definition: JSON.stringify({ StartAt: "Ask", States: { Ask: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", TimeoutSeconds: 30, Parameters: { QueueUrl: q.url, "MessageBody.$": "$$.Task.Token" }, End: true } } }) }));
  const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: taskTimeout.stateMachineArn }));
  await drain(h, q.url);
  await clock.advance(29_000);
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: a.executionArn }))).status, "RUNNING");
  await clock.advance(1_000);
  const da = await sfn.send(new DescribeExecutionCommand({ executionArn: a.executionArn }));
  assert.deepEqual([da.status, da.error], ["FAILED", "States.Timeout"]);

  const execTimeout = await sfn.send(new CreateStateMachineCommand({ name: "exec-timeout", roleArn: role, definition: JSON.stringify({ TimeoutSeconds: 60, StartAt: "W", States: { W: { Type: "Wait", Seconds: 3600, End: true } } }) }));
  const b = await sfn.send(new StartExecutionCommand({ stateMachineArn: execTimeout.stateMachineArn }));
  await clock.advance(60_000);
  const db = await sfn.send(new DescribeExecutionCommand({ executionArn: b.executionArn }));
  assert.deepEqual([db.status, db.error], ["TIMED_OUT", "States.Timeout"]);
  const last = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: b.executionArn, reverseOrder: true, maxResults: 1 }))).events![0];
  assert.equal(last.type, "ExecutionTimedOut");
});
