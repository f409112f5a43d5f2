/**
 * Step Functions Local's mock config: an execution of `<ARN>#<test case>` gets the mocked
 * responses of its Task states (Return or Throw, by attempt), calling nothing; without a test
 * case the same machine calls out for real.
 * https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { CreateStateMachineCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

const FN = "arn:aws:lambda:us-east-1:000000000000:function:does-not-exist";
const mockConfig = {
  StateMachines: {
    orders: { TestCases: { HappyPath: { Charge: "ChargeOk" }, RetryPath: { Charge: "ChargeFlaky" } } },
    quick: { TestCases: { Mocked: { Charge: "ChargeOk" } } },
  },
  MockedResponses: {
    ChargeOk: { "0": { Return: { StatusCode: 200, Payload: { charged: 42 } } } },
    ChargeFlaky: { "0-1": { Throw: { Error: "Lambda.TooManyRequestsException", Cause: "busy" } }, "2": { Return: { StatusCode: 200, Payload: { charged: 7 } } } },
  },
};

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
let orders: string;
before(async () => {
  server = await startStratus({ clock: "manual", states: { mockConfig } });
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true });
  const definition = (type: string) => JSON.stringify({
    StartAt: "Charge",
    States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: FN, "Payload.$": "$" }, ...(type === "orders" ? { Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 1, MaxAttempts: 3 }] } : {}), ResultSelector: { "charged.$": "$.Payload.charged" }, End: true } },
  });
  orders = (await sfn.send(new CreateStateMachineCommand({ name: "orders", definition: definition("orders"), roleArn: "arn:aws:iam::000000000000:role/r" }))).stateMachineArn!;
  await sfn.send(new CreateStateMachineCommand({ name: "quick", type: "EXPRESS", definition: definition("quick"), roleArn: "arn:aws:iam::000000000000:role/r" }));
});
after(() => server.stop());

async function finished(executionArn: string) {
  for (let i = 0; i < 500; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error("still running");
}

test("a test case's Task gets the mocked Return instead of calling Lambda", async () => {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${orders}#HappyPath`, input: "{}" }));
  const d = await finished(executionArn!);
  assert.equal(d.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(d.output!), { charged: 42 });
  const types = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
  assert.deepEqual(types, ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
});

test("mocked responses by attempt: two Throws retried on the clock, then a Return", async () => {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${orders}#RetryPath`, input: "{}" }));
  await server.manualClock!.advance(1_000);
  await server.manualClock!.advance(2_000);
  const d = await finished(executionArn!);
  assert.deepEqual(JSON.parse(d.output!), { charged: 7 });
  const failed = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!.filter((e) => e.type === "TaskFailed");
  assert.equal(failed.length, 2);
});

test("without a test case the machine calls Lambda for real; Express executions are mocked too", async () => {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: orders, input: "{}" }));
  const d = await finished(executionArn!);
  assert.deepEqual([d.status, d.error], ["FAILED", "Lambda.ResourceNotFoundException"]);
  const quick = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:quick#Mocked", input: "{}" }));
  assert.deepEqual(JSON.parse(quick.output!), { charged: 42 });
});
