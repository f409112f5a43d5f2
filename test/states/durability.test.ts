/**
 * Standard executions survive kill -9: a server in a child process (manual clock, admin API)
 * holds an execution in a Wait state and one waiting on a task token; it is killed with SIGKILL,
 * and a new server on the same data dir finishes both, their histories intact.
 */
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { cleanUpChildren, kill9, startCli, tempDir } from "../helpers/child-server.js";
import { sqsClient, TEST_CREDENTIALS } from "../helpers/stratus.js";

after(cleanUpChildren);

const ROLE = "arn:aws:iam::000000000000:role/sfn";

function sfnClient(endpoint: string): SFNClient {
  return new SFNClient({ endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

async function historyTypes(sfn: SFNClient, executionArn: string): Promise<string[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type!);
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await check()) return;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("a waiting execution and one waiting on its task token survive kill -9 and complete after the restart", { timeout: 120_000 }, async () => {
  const dataDir = tempDir("stratus-sfn-crash-");
  let child = await startCli(dataDir, ["--manual-clock", "--admin"]);
  let sfn = sfnClient(child.endpoint);
  const sqs = sqsClient(child);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "tokens" }));
  const waiter = await sfn.send(new CreateStateMachineCommand({ name: "waiter", roleArn: ROLE, definition: JSON.stringify({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 60, Next: "Done" }, Done: { Type: "Pass", Result: "done", End: true } } }) }));
  const caller = await sfn.send(new CreateStateMachineCommand({ name: "caller", roleArn: ROLE, definition: JSON.stringify({ StartAt: "Ask", States: { Ask: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { QueueUrl, "MessageBody.$": "$$.Task.Token" }, End: true } } }) }));
  const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: waiter.stateMachineArn, name: "a" }));
  const b = await sfn.send(new StartExecutionCommand({ stateMachineArn: caller.stateMachineArn, name: "b" }));
  await until(async () => (await historyTypes(sfn, b.executionArn!)).includes("TaskSubmitted"), "TaskSubmitted");
  const token = (await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages![0].Body!;
  const beforeA = await historyTypes(sfn, a.executionArn!);
  assert.deepEqual(beforeA, ["ExecutionStarted", "WaitStateEntered"]);

  await kill9(child);
  child = await startCli(dataDir, ["--manual-clock", "--admin"]);
  sfn = sfnClient(child.endpoint);
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: a.executionArn }))).status, "RUNNING");
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: b.executionArn }))).status, "RUNNING");

  const res = await fetch(`${child.endpoint}/_stratus/clock`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ advanceSeconds: 61 }) });
  assert.equal(res.status, 200);
  await until(async () => (await sfn.send(new DescribeExecutionCommand({ executionArn: a.executionArn }))).status === "SUCCEEDED", "the Wait to end");
  assert.deepEqual(await historyTypes(sfn, a.executionArn!), ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);

  await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok": true}' }));
  await until(async () => (await sfn.send(new DescribeExecutionCommand({ executionArn: b.executionArn }))).status === "SUCCEEDED", "the callback to complete the task");
  const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: b.executionArn }))).events!;
  assert.deepEqual(events.map((e) => e.id), events.map((_, i) => i + 1), "event ids run on across the crash");
  assert.deepEqual(JSON.parse((await sfn.send(new DescribeExecutionCommand({ executionArn: b.executionArn }))).output!), { ok: true });
});
