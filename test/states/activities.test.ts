/**
 * Activities through the SFN SDK: a worker long-polls GetActivityTask, gets the task's token
 * and input, and answers; the history shows AWS's Activity* events. On the manual clock an
 * empty long poll answers after 60 seconds.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DeleteActivityCommand,
  DescribeActivityCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListActivitiesCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { fails, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
before(async () => {
  server = await startStratus({ clock: "manual" });
  // GetActivityTask long-polls: no client-side timeout shorter than the poll.
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, requestHandler: new NodeHttpHandler({ requestTimeout: 0 }) });
});
after(() => server.stop());

async function status(executionArn: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== "RUNNING") return status!;
    await new Promise((r) => setImmediate(r));
  }
  return "RUNNING";
}

test("a worker takes the task, answers with its token; the history shows Activity* events", async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "review" }));
  assert.equal(activityArn, "arn:aws:states:us-east-1:000000000000:activity:review");
  assert.equal((await sfn.send(new CreateActivityCommand({ name: "review" }))).activityArn, activityArn, "idempotent");
  assert.equal((await sfn.send(new DescribeActivityCommand({ activityArn }))).name, "review");
  assert.ok((await sfn.send(new ListActivitiesCommand({}))).activities!.some((a) => a.activityArn === activityArn));
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "reviewed", roleArn: "arn:aws:iam::000000000000:role/r", definition: JSON.stringify({ StartAt: "Review", States: { Review: { Type: "Task", Resource: activityArn, ResultPath: "$.review", End: true } } }) }));

  const ok = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"doc": 1}' }));
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w1" }));
  assert.equal(task.input, '{"doc":1}');
  await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '"approved"' }));
  assert.equal(await status(ok.executionArn!), "SUCCEEDED");
  const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: ok.executionArn }))).events!;
  assert.deepEqual(events.map((e) => e.type), ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivitySucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  assert.equal(events[2].activityScheduledEventDetails?.resource, activityArn);
  assert.equal(events[3].activityStartedEventDetails?.workerName, "w1");

  const failed = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
  const t2 = await sfn.send(new GetActivityTaskCommand({ activityArn }));
  await sfn.send(new SendTaskFailureCommand({ taskToken: t2.taskToken, error: "Rejected", cause: "typos" }));
  assert.equal(await status(failed.executionArn!), "FAILED");
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: failed.executionArn }))).error, "Rejected");
});

test("an empty long poll answers without a task after 60 s (on the clock); unknown activities are refused", async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "idle" }));
  let answered = false;
  const poll = sfn.send(new GetActivityTaskCommand({ activityArn })).finally(() => (answered = true));
  await server.manualClock!.advance(59_000);
  assert.equal(answered, false);
  await server.manualClock!.advance(1_000);
  assert.equal((await poll).taskToken, undefined);
  await sfn.send(new DeleteActivityCommand({ activityArn }));
  await fails(sfn.send(new DescribeActivityCommand({ activityArn })), "ActivityDoesNotExist", `Activity Does Not Exist: '${activityArn}'`);
});
