/**
 * Standard executions through the real SFNClient: start, describe, list, history with AWS's
 * event types, Wait on the manual clock, stop, and an execution surviving a restart.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import type { ManualClock } from "../../src/core/clock.js";
import { rejection, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
const ROLE = "arn:aws:iam::000000000000:role/sfn";

function client(server: Server): SFNClient {
  return new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

async function machine(sfn: SFNClient, name: string, definition: object): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }))).stateMachineArn!;
}

const WAIT = { StartAt: "Pause", States: { Pause: { Type: "Wait", SecondsPath: "$.delay", Next: "Done" }, Done: { Type: "Pass", Result: { finished: true }, ResultPath: "$.result", End: true } } };

describe("Standard executions", () => {
  let server: Server;
  let sfn: SFNClient;
  let clock: ManualClock;
  before(async () => {
    server = await startStratus({ clock: "manual" });
    sfn = client(server);
    clock = server.manualClock!;
  });
  after(() => server.stop());

  test("a Pass/Choice machine runs to completion; describe, list and history as AWS reports them", async () => {
    const arn = await machine(sfn, "route", {
      StartAt: "Route",
      States: {
        Route: { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: 10, Next: "Big" }], Default: "Small" },
        Big: { Type: "Pass", Parameters: { "size": "big", "n.$": "$.n" }, End: true },
        Small: { Type: "Fail", Error: "TooSmall", Cause: "n is small" },
      },
    });
    const big = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "big-one", input: '{"n": 11}' }));
    assert.equal(big.executionArn, "arn:aws:states:us-east-1:000000000000:execution:route:big-one");
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn: big.executionArn }));
    assert.equal(d.status, "SUCCEEDED");
    assert.equal(d.output, '{"size":"big","n":11}');
    assert.equal(d.input, '{"n": 11}');
    assert.ok(d.stopDate instanceof Date);
    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: big.executionArn }));
    assert.deepEqual(history.events!.map((e) => e.type), ["ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
    assert.deepEqual(history.events![3].stateEnteredEventDetails, { name: "Big", input: '{"n":11}', inputDetails: { truncated: false } });
    assert.ok(history.events![0].timestamp instanceof Date);
    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn: big.executionArn, reverseOrder: true, maxResults: 2 }));
    assert.deepEqual(reversed.events!.map((e) => e.id), [6, 5]);
    assert.ok(reversed.nextToken);

    const small = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"n": 1}' }));
    const failed = await sfn.send(new DescribeExecutionCommand({ executionArn: small.executionArn }));
    assert.deepEqual([failed.status, failed.error, failed.cause], ["FAILED", "TooSmall", "n is small"]);
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }));
    assert.deepEqual(listed.executions!.map((e) => e.status), ["FAILED", "SUCCEEDED"]);
    assert.deepEqual((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: "SUCCEEDED" }))).executions!.map((e) => e.name), ["big-one"]);
  });

  test("names are unique per machine; bad input is refused", async () => {
    const arn = await machine(sfn, "unique", WAIT);
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "once", input: '{"delay": 5}' }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "once", input: '{"delay": 5}' }));
    assert.equal(again.executionArn, first.executionArn, "the same request while running is idempotent");
    const err = await rejection(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, name: "once", input: '{"delay": 6}' })));
    assert.equal(err.name, "ExecutionAlreadyExists");
    assert.equal(err.message, `Execution Already Exists: '${first.executionArn}'`);
    const bad = await rejection(sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{not json" })));
    assert.equal(bad.name, "InvalidExecutionInput");
    assert.match(bad.message, /^Invalid State Machine Execution Input: '/);
    const missing = await rejection(sfn.send(new DescribeExecutionCommand({ executionArn: `${first.executionArn}-nope` })));
    assert.equal(missing.name, "ExecutionDoesNotExist");
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
  });

  test("Wait runs on the clock: nothing happens before the time, the execution completes after it", async () => {
    const arn = await machine(sfn, "waiter", WAIT);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"delay": 3600}' }));
    await clock.advance(3_599_000);
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, "RUNNING");
    await clock.advance(1_000);
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(d.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(d.output!), { delay: 3600, result: { finished: true } });
    const types = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!.map((e) => e.type);
    assert.deepEqual(types, ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });

  test("StopExecution aborts a waiting execution with its error and cause", async () => {
    const arn = await machine(sfn, "stoppable", WAIT);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"delay": 60}' }));
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: "Halted", cause: "by the test" }));
    assert.ok(stopped.stopDate instanceof Date);
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.deepEqual([d.status, d.error, d.cause], ["ABORTED", "Halted", "by the test"]);
    await clock.advance(120_000);
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    assert.deepEqual(events.map((e) => e.type), ["ExecutionStarted", "WaitStateEntered", "ExecutionAborted"]);
    assert.deepEqual(events[2].executionAbortedEventDetails, { error: "Halted", cause: "by the test" });
  });
});

test("a waiting Standard execution survives a restart and completes, its history intact", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-sfn-restart-"));
  try {
    let server = await startStratus({ dataDir, inMemory: false, clock: "manual" });
    let sfn = client(server);
    const arn = await machine(sfn, "durable", WAIT);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"delay": 60}' }));
    await server.stop();
    server = await startStratus({ dataDir, inMemory: false, clock: "manual" });
    sfn = client(server);
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status, "RUNNING");
    await server.manualClock!.advanceTo(Date.now() + 61_000);
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(d.status, "SUCCEEDED");
    const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    assert.deepEqual(events.map((e) => [e.id, e.previousEventId]), [[1, 0], [2, 1], [3, 2], [4, 3], [5, 4], [6, 5]]);
    await server.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test("DescribeStateMachineForExecution shows the definition the execution started with", async () => {
  const server = await startStratus();
  try {
    const sfn = client(server);
    const first = JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", End: true } } });
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "versioned", definition: first, roleArn: ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: JSON.stringify({ StartAt: "B", States: { B: { Type: "Succeed" } } }) }));
    const d = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    assert.equal(d.definition, first);
    assert.equal(d.stateMachineArn, stateMachineArn);
    assert.equal(d.name, "versioned");
  } finally {
    await server.stop();
  }
});
