/**
 * Task states that invoke real Lambda functions (Node handlers run by Stratus's Lambda) through
 * the SFN SDK: a function ARN, lambda:invoke's envelope, a function error caught, and
 * Retry on the manual clock.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { functionArn, startLambda, type LambdaHarness } from "../lambda/support.js";
import { deploy, eventually } from "../lambda/invoke-support.js";
import { TEST_CREDENTIALS } from "../helpers/stratus.js";

let h: LambdaHarness;
let sfn: SFNClient;
const ROLE = "arn:aws:iam::000000000000:role/sfn";

before(async () => {
  h = await startLambda();
  sfn = new SFNClient({ endpoint: h.server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  await deploy(h, "double", "exports.handler = async (e) => ({ doubled: e.n * 2 });\n");
  await deploy(h, "broken", "exports.handler = async () => { const e = new Error('no luck'); e.name = 'BadLuck'; throw e; };\n");
});
after(() => h.server.stop());

async function run(name: string, definition: object, input: object) {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  const done = await eventually(async () => {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return d.status !== "RUNNING" && d;
  }, 20_000, `${name} to finish`);
  const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
  return { done, history };
}

test("a function ARN Resource: the function's result is the state's result", async () => {
  const { done, history } = await run("double-it", { StartAt: "Double", States: { Double: { Type: "Task", Resource: functionArn("double"), ResultPath: "$.out", End: true } } }, { n: 21 });
  assert.equal(done.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(done.output!), { n: 21, out: { doubled: 42 } });
  assert.deepEqual(history.map((e) => e.type), ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
});

test("lambda:invoke returns the response envelope; a function error is caught by its errorType", async () => {
  const { done, history } = await run(
    "invoke-and-catch",
    {
      StartAt: "Invoke",
      States: {
        Invoke: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "double", "Payload.$": "$" }, ResultSelector: { "value.$": "$.Payload.doubled", "status.$": "$.StatusCode" }, ResultPath: "$.first", Next: "Fails" },
        Fails: { Type: "Task", Resource: functionArn("broken"), Catch: [{ ErrorEquals: ["BadLuck"], ResultPath: "$.error", Next: "Handled" }], End: true },
        Handled: { Type: "Succeed" },
      },
    },
    { n: 5 },
  );
  assert.equal(done.status, "SUCCEEDED");
  const out = JSON.parse(done.output!);
  assert.deepEqual(out.first, { value: 10, status: 200 });
  assert.equal(out.error.Error, "BadLuck");
  assert.equal(JSON.parse(out.error.Cause).errorMessage, "no luck");
  assert.ok(history.some((e) => e.type === "TaskSucceeded"));
  const failed = history.find((e) => e.type === "LambdaFunctionFailed")!;
  assert.equal(failed.lambdaFunctionFailedEventDetails?.error, "BadLuck");
});

test("a missing function fails the execution with Lambda.ResourceNotFoundException", async () => {
  const { done } = await run("missing-fn", { StartAt: "T", States: { T: { Type: "Task", Resource: functionArn("nope"), End: true } } }, {});
  assert.equal(done.status, "FAILED");
  assert.equal(done.error, "Lambda.ResourceNotFoundException");
  assert.match(done.cause!, /Function not found/);
});

test("Tasks inside Map iterations and Parallel branches: real invocations, MaxConcurrency, a Wait beside a Task, Express too", async () => {
  const definition = {
    StartAt: "Each",
    States: {
      Each: {
        Type: "Map",
        ItemsPath: "$.values",
        MaxConcurrency: 2,
        ItemSelector: { "n.$": "$$.Map.Item.Value" },
        ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Double", States: { Double: { Type: "Task", Resource: functionArn("double"), End: true } } },
        ResultPath: "$.doubled",
        Next: "Both",
      },
      Both: {
        Type: "Parallel",
        Branches: [
          { StartAt: "Pause", States: { Pause: { Type: "Wait", Seconds: 1, Next: "Mark" }, Mark: { Type: "Pass", Result: "paused", End: true } } },
          { StartAt: "Again", States: { Again: { Type: "Task", Resource: functionArn("double"), Parameters: { n: 50 }, End: true } } },
        ],
        ResultPath: "$.both",
        End: true,
      },
    },
  };
  const { done, history } = await run("map-of-tasks", definition, { values: [1, 2, 3, 4, 5] });
  assert.equal(done.status, "SUCCEEDED", done.cause);
  const out = JSON.parse(done.output!);
  assert.deepEqual(out.doubled.map((d: { doubled: number }) => d.doubled), [2, 4, 6, 8, 10]);
  assert.deepEqual(out.both, ["paused", { doubled: 100 }]);
  assert.equal(history.filter((e) => e.type === "LambdaFunctionSucceeded").length, 6);
  assert.equal(history.filter((e) => e.type === "MapIterationSucceeded").length, 5);

  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "express-map-tasks", type: "EXPRESS", definition: JSON.stringify({ StartAt: "Each", States: { Each: { ...definition.States.Each, Next: undefined, End: true } } }), roleArn: ROLE }));
  const sync = await new SFNClient({ endpoint: h.server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true }).send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify({ values: [7, 8] }) }));
  assert.equal(sync.status, "SUCCEEDED", sync.cause);
  assert.deepEqual(JSON.parse(sync.output!).doubled, [{ doubled: 14 }, { doubled: 16 }]);
});
