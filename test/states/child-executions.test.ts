/**
 * `arn:aws:states:::states:startExecution` through the SFN SDK: request-response (the child's
 * ARN), `.sync` (the child's description, Output as text), `.sync:2` (Output as JSON), a
 * failing child failing the parent's task, and a child waiting on the clock.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
let child: string;
let failing: string;
let waiting: string;
const ROLE = "arn:aws:iam::000000000000:role/sfn";

async function machine(name: string, definition: object): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }))).stateMachineArn!;
}

async function finished(executionArn: string) {
  for (let i = 0; i < 1000; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error("still running");
}

before(async () => {
  server = await startStratus({ clock: "manual" });
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  child = await machine("child", { StartAt: "Double", States: { Double: { Type: "Pass", Parameters: { "twice.$": "States.MathAdd($.n, $.n)" }, End: true } } });
  failing = await machine("failing-child", { StartAt: "F", States: { F: { Type: "Fail", Error: "ChildBroke", Cause: "on purpose" } } });
  waiting = await machine("waiting-child", { StartAt: "W", States: { W: { Type: "Wait", Seconds: 120, Next: "Done" }, Done: { Type: "Pass", Result: "late", End: true } } });
});
after(() => server.stop());

const parent = (resource: string, target: () => string, extra: object = {}) => ({
  StartAt: "Start",
  States: { Start: { Type: "Task", Resource: resource, Parameters: { StateMachineArn: target(), "Input.$": "$" }, ...extra, End: true } },
});

test("request-response: the child's ARN and start date; the child runs", async () => {
  const arn = await machine("parent-fire", parent("arn:aws:states:::states:startExecution", () => child));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"n": 4}' }));
  const out = JSON.parse((await finished(executionArn!)).output!);
  assert.match(out.ExecutionArn, /^arn:aws:states:us-east-1:000000000000:execution:child:/);
  assert.equal(typeof out.StartDate, "number");
  assert.equal((await finished(out.ExecutionArn)).output, '{"twice":8}');
});

test(".sync waits for the child: Output as text; .sync:2 gives it as JSON; TaskSubmitted comes first", async () => {
  const sync = await machine("parent-sync", parent("arn:aws:states:::states:startExecution.sync", () => child));
  const a = await sfn.send(new StartExecutionCommand({ stateMachineArn: sync, input: '{"n": 5}' }));
  const outA = JSON.parse((await finished(a.executionArn!)).output!);
  assert.equal(outA.Status, "SUCCEEDED");
  assert.equal(outA.Output, '{"twice":10}');
  const types = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: a.executionArn }))).events!.map((e) => e.type);
  assert.deepEqual(types, ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);

  const sync2 = await machine("parent-sync2", parent("arn:aws:states:::states:startExecution.sync:2", () => child));
  const b = await sfn.send(new StartExecutionCommand({ stateMachineArn: sync2, input: '{"n": 6}' }));
  assert.deepEqual(JSON.parse((await finished(b.executionArn!)).output!).Output, { twice: 12 });
});

test("a failing child fails the parent's task with States.TaskFailed (catchable); a waiting child holds the parent", async () => {
  const p = await machine("parent-catch", {
    StartAt: "Start",
    States: { Start: { Type: "Task", Resource: "arn:aws:states:::states:startExecution.sync:2", Parameters: { StateMachineArn: failing }, Catch: [{ ErrorEquals: ["States.TaskFailed"], ResultPath: "$.err", Next: "Handled" }], End: true }, Handled: { Type: "Succeed" } },
  });
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: p, input: "{}" }));
  const err = JSON.parse((await finished(executionArn!)).output!).err;
  assert.equal(err.Error, "States.TaskFailed");
  assert.equal(JSON.parse(err.Cause).Error, "ChildBroke");

  const w = await machine("parent-wait", parent("arn:aws:states:::states:startExecution.sync:2", () => waiting));
  const run = await sfn.send(new StartExecutionCommand({ stateMachineArn: w, input: "{}" }));
  await server.manualClock!.advance(60_000);
  assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: run.executionArn }))).status, "RUNNING");
  await server.manualClock!.advance(60_000);
  assert.equal(JSON.parse((await finished(run.executionArn!)).output!).Output, "late");
});

test("Express: a Standard parent starts an Express child (request-response; .sync refused); an Express parent starts a child", async () => {
  const expressChild = (await sfn.send(new CreateStateMachineCommand({ name: "express-child", type: "EXPRESS", definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", End: true } } }), roleArn: ROLE }))).stateMachineArn!;
  const start = (arn: string, resource = "arn:aws:states:::states:startExecution") => ({ StartAt: "Start", States: { Start: { Type: "Task", Resource: resource, Parameters: { StateMachineArn: arn, Input: { n: 1 } }, End: true } } });
  const parent = await machine("starts-express", start(expressChild));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: parent }));
  const done = await finished(executionArn!);
  assert.equal(done.status, "SUCCEEDED");
  assert.match(JSON.parse(done.output!).ExecutionArn, /:express:express-child:/);

  const syncParent = await machine("waits-for-express", start(expressChild, "arn:aws:states:::states:startExecution.sync:2"));
  const failed = await finished((await sfn.send(new StartExecutionCommand({ stateMachineArn: syncParent }))).executionArn!);
  assert.deepEqual([failed.status, failed.error], ["FAILED", "StepFunctions.StateMachineTypeNotSupportedException"]);

  // An Express parent (run in the background, no record of its own) starts a Standard child.
  const expressParent = (await sfn.send(new CreateStateMachineCommand({ name: "express-parent", type: "EXPRESS", definition: JSON.stringify(start(child)), roleArn: ROLE }))).stateMachineArn!;
  const count = async () => (await sfn.send(new ListExecutionsCommand({ stateMachineArn: child }))).executions!.length;
  const before = await count();
  await sfn.send(new StartExecutionCommand({ stateMachineArn: expressParent }));
  let after = before;
  for (let i = 0; i < 1000 && after === before; i++) {
    await new Promise((r) => setImmediate(r));
    after = await count();
  }
  assert.equal(after, before + 1);
});
