/**
 * Distributed Map through the SFN SDK: child executions of the ItemProcessor, the Map Run
 * (DescribeMapRun, ListMapRuns, UpdateMapRun, ListExecutions by mapRunArn), ItemBatcher,
 * tolerated failures, MaxConcurrency, stopping, JSONata, and a restart mid-run (manual clock).
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
  type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { ManualClock } from "../../src/index.js";
import { fails, startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
const ROLE = "arn:aws:iam::000000000000:role/sfn";

function client(server: Server): SFNClient {
  return new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true });
}

async function until<T>(check: () => Promise<T | false | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 3000; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function machine(sfn: SFNClient, name: string, definition: object, type?: "EXPRESS"): Promise<string> {
  return (await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition), ...(type ? { type } : {}) }))).stateMachineArn!;
}

async function finished(sfn: SFNClient, executionArn: string): Promise<DescribeExecutionCommandOutput> {
  return until(async () => {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return d.status !== "RUNNING" && d;
  }, `${executionArn} to finish`);
}

async function historyTypes(sfn: SFNClient, executionArn: string): Promise<string[]> {
  return (await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events!.map((e) => e.type!);
}

async function run(sfn: SFNClient, stateMachineArn: string, input: unknown) {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return { executionArn: executionArn!, done: await finished(sfn, executionArn!) };
}

/** A Distributed Map over `$.items` whose children run `states`. */
function distributed(states: object, extra: object = {}, startAt = Object.keys(states)[0]) {
  return {
    StartAt: "Each",
    States: {
      Each: { Type: "Map", ItemsPath: "$.items", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: startAt, States: states }, End: true, ...extra },
    },
  };
}

/** Children that fail when their item has `fail: true`. */
const FAILING_CHILD = {
  Check: { Type: "Choice", Choices: [{ And: [{ Variable: "$.fail", IsPresent: true }, { Variable: "$.fail", BooleanEquals: true }], Next: "Boom" }], Default: "Fine" },
  Boom: { Type: "Fail", Error: "Item.Bad", Cause: "bad item" },
  Fine: { Type: "Pass", Parameters: { "id.$": "$.id" }, End: true },
};

describe("Distributed Map", () => {
  let server: Server;
  let sfn: SFNClient;
  let clock: ManualClock;
  before(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 27, 12));
    server = await startStratus({ clock });
    sfn = client(server);
  });
  after(() => server.stop());

  test("each item runs as a child execution of the ItemProcessor; the Map Run is described and listed", async () => {
    const arn = await machine(
      sfn,
      "dist-basic",
      distributed({ Add: { Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.n, $.offset)", "index.$": "$.index" }, End: true } }, { Label: "Adder", MaxConcurrency: 2, ItemSelector: { "n.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "offset.$": "$.offset" }, ResultPath: "$.sums" }),
    );
    const { executionArn, done } = await run(sfn, arn, { offset: 10, items: [1, 2, 3, 4, 5] });
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!).sums, [11, 12, 13, 14, 15].map((sum, index) => ({ sum, index })));
    const types = await historyTypes(sfn, executionArn);
    assert.deepEqual(types, ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]);

    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    assert.equal(mapRuns!.length, 1);
    const mapRunArn = mapRuns![0].mapRunArn!;
    assert.match(mapRunArn, /^arn:aws:states:us-east-1:000000000000:mapRun:dist-basic\/Adder:[0-9a-f-]{36}$/);
    assert.equal(mapRuns![0].stateMachineArn, arn);
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    assert.equal(described.status, "SUCCEEDED");
    assert.equal(described.executionArn, executionArn);
    assert.equal(described.maxConcurrency, 2);
    assert.deepEqual([described.toleratedFailureCount, described.toleratedFailurePercentage], [0, 0]);
    assert.deepEqual(described.executionCounts, { pending: 0, running: 0, succeeded: 5, failed: 0, timedOut: 0, aborted: 0, total: 5, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 });
    assert.ok(described.stopDate);

    const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!;
    assert.equal(children.length, 5);
    for (const c of children) {
      assert.equal(c.status, "SUCCEEDED");
      assert.deepEqual([c.mapRunArn, c.itemCount], [mapRunArn, 1]);
      assert.match(c.executionArn!, /:execution:dist-basic\/Adder:[0-9a-f-]{36}$/);
      assert.equal(c.stateMachineArn, `${arn}/Adder`);
    }
    const child = await sfn.send(new DescribeExecutionCommand({ executionArn: children[0].executionArn }));
    assert.equal(child.mapRunArn, mapRunArn);
    const childInput = JSON.parse(child.input!);
    assert.equal(childInput.offset, 10);
    assert.deepEqual(await historyTypes(sfn, children[0].executionArn!), ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
    const forChild = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn: children[0].executionArn }));
    assert.deepEqual([forChild.mapRunArn, forChild.label], [mapRunArn, "Adder"]);
    assert.deepEqual(Object.keys(JSON.parse(forChild.definition!).States), ["Add"]);
    // The machine's own executions do not include the children.
    assert.deepEqual((await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn }))).executions!.map((e) => e.executionArn), [executionArn]);
  });

  test("many children ending together: every one counted once, the results in item order", async () => {
    const arn = await machine(sfn, "dist-many", distributed({ Echo: { Type: "Pass", End: true } }));
    const items = Array.from({ length: 300 }, (_, i) => i);
    const { executionArn, done } = await run(sfn, arn, { items });
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!), items);
    const mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0].mapRunArn!;
    assert.equal((await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!.succeeded, 300);
  });

  test("a Distributed Map inside a Parallel branch, and one inside a child execution", async () => {
    const inner = { Type: "Map", Label: "Inner", ItemsPath: "$.xs", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Leaf", States: { Leaf: { Type: "Pass", End: true } } }, End: true };
    const arn = await machine(sfn, "dist-nested", {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          Branches: [
            { StartAt: "Outer", States: { Outer: { Type: "Map", Label: "Outer", ItemsPath: "$.groups", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Inner", States: { Inner: inner } }, End: true } } },
            { StartAt: "Plain", States: { Plain: { Type: "Pass", Result: "side", End: true } } },
          ],
          End: true,
        },
      },
    });
    const { executionArn, done } = await run(sfn, arn, { groups: [{ xs: [1, 2] }, { xs: [3] }] });
    assert.equal(done.status, "SUCCEEDED", done.cause);
    assert.deepEqual(JSON.parse(done.output!), [[[1, 2], [3]], "side"]);
    const outer = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns!;
    assert.equal(outer.length, 1);
    const children = (await sfn.send(new ListExecutionsCommand({ mapRunArn: outer[0].mapRunArn }))).executions!;
    const innerRuns = (await sfn.send(new ListMapRunsCommand({ executionArn: children[0].executionArn }))).mapRuns!;
    assert.match(innerRuns[0].mapRunArn!, /:mapRun:dist-nested\/Outer\/Inner:/);
    assert.equal((await sfn.send(new DescribeMapRunCommand({ mapRunArn: innerRuns[0].mapRunArn }))).status, "SUCCEEDED");
  });

  test("ItemBatcher: children get { BatchInput, Items } of at most MaxItemsPerBatch items; counts are per item and per child", async () => {
    const arn = await machine(
      sfn,
      "dist-batches",
      distributed({ Count: { Type: "Pass", Parameters: { "size.$": "States.ArrayLength($.Items)", "tag.$": "$.BatchInput.tag", "first.$": "$.Items[0]" }, End: true } }, { ItemBatcher: { MaxItemsPerBatch: 3, BatchInput: { "tag.$": "$.tag" } } }),
    );
    const { executionArn, done } = await run(sfn, arn, { tag: "t", items: [1, 2, 3, 4, 5, 6, 7] });
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!), [
      { size: 3, tag: "t", first: 1 },
      { size: 3, tag: "t", first: 4 },
      { size: 1, tag: "t", first: 7 },
    ]);
    const mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0].mapRunArn!;
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    assert.deepEqual([described.itemCounts!.total, described.itemCounts!.succeeded, described.executionCounts!.total, described.executionCounts!.succeeded], [7, 7, 3, 3]);
  });

  test("MaxInputBytesPerBatch splits batches by their JSON size", async () => {
    const arn = await machine(sfn, "dist-bytes", distributed({ Count: { Type: "Pass", Parameters: { "size.$": "States.ArrayLength($.Items)" }, End: true } }, { ItemBatcher: { MaxInputBytesPerBatch: 32 } }));
    // {"Items":[]} is 12 bytes; each "xxxx" item 6, plus a comma between items: three fit in 32.
    const { done } = await run(sfn, arn, { items: ["xxxx", "xxxx", "xxxx", "xxxx", "xxxx"] });
    assert.deepEqual(JSON.parse(done.output!), [{ size: 3 }, { size: 2 }]);
  });

  test("failures within ToleratedFailureCount are left out of the result; past it the Map fails with States.ExceedToleratedFailureThreshold", async () => {
    const arn = await machine(sfn, "dist-tolerant", {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          ToleratedFailureCount: 1,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Check", States: FAILING_CHILD },
          Catch: [{ ErrorEquals: ["States.ExceedToleratedFailureThreshold"], ResultPath: "$.error", Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
    });
    const one = await run(sfn, arn, { items: [{ id: 1 }, { id: 2, fail: true }, { id: 3 }] });
    assert.equal(one.done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(one.done.output!), [{ id: 1 }, { id: 3 }]);
    const mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn: one.executionArn }))).mapRuns![0].mapRunArn!;
    const counts = (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!;
    assert.deepEqual([counts.succeeded, counts.failed, counts.failuresNotRedrivable, counts.total], [2, 1, 1, 3]);
    const failedChild = (await sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: "FAILED" }))).executions!;
    assert.equal(failedChild.length, 1);
    assert.equal((await sfn.send(new DescribeExecutionCommand({ executionArn: failedChild[0].executionArn }))).error, "Item.Bad");

    const two = await run(sfn, arn, { items: [{ id: 1, fail: true }, { id: 2, fail: true }, { id: 3 }] });
    assert.equal(two.done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(two.done.output!).error, { Error: "States.ExceedToleratedFailureThreshold", Cause: "The specified tolerated failure threshold was exceeded" });
    const history = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: two.executionArn }))).events!;
    const failed = history.find((e) => e.type === "MapRunFailed")!;
    assert.equal(failed.mapRunFailedEventDetails?.error, "States.ExceedToleratedFailureThreshold");
    assert.ok(history.some((e) => e.type === "MapStateFailed"));
  });

  test("by default no failure is tolerated; ToleratedFailurePercentage counts failed items over all items", async () => {
    const strict = await machine(sfn, "dist-strict", distributed(FAILING_CHILD));
    const { done } = await run(sfn, strict, { items: [{ id: 1 }, { id: 2, fail: true }] });
    assert.equal(done.status, "FAILED");
    assert.equal(done.error, "States.ExceedToleratedFailureThreshold");

    const percent = await machine(sfn, "dist-percent", distributed(FAILING_CHILD, { ToleratedFailurePercentagePath: "$.pct" }));
    assert.equal((await run(sfn, percent, { pct: 50, items: [{ id: 1 }, { id: 2, fail: true }] })).done.status, "SUCCEEDED");
    assert.equal((await run(sfn, percent, { pct: 49.5, items: [{ id: 1 }, { id: 2, fail: true }] })).done.status, "FAILED");
  });

  test("MaxConcurrency holds children back until UpdateMapRun raises it; StopExecution aborts the Map Run and its children", async () => {
    const arn = await machine(sfn, "dist-slow", distributed({ Sleep: { Type: "Wait", Seconds: 3600, End: true } }, { MaxConcurrency: 1 }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ items: [1, 2, 3] }) }));
    const mapRunArn = await until(async () => (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0]?.mapRunArn, "the Map Run");
    const running = () => sfn.send(new ListExecutionsCommand({ mapRunArn, statusFilter: "RUNNING" })).then((r) => r.executions!.length);
    await until(async () => (await running()) === 1, "one child");
    let counts = (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!;
    assert.deepEqual([counts.running, counts.pending], [1, 2]);

    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 3, toleratedFailureCount: 2 }));
    await until(async () => (await running()) === 3, "three children");
    const updated = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    assert.deepEqual([updated.maxConcurrency, updated.toleratedFailureCount], [3, 2]);

    await sfn.send(new StopExecutionCommand({ executionArn }));
    await until(async () => (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).status === "ABORTED", "the Map Run to be aborted");
    await until(async () => (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!.aborted === 3, "the children to be aborted");
    counts = (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!;
    assert.equal(counts.running, 0);
  });

  test("JSONata: Items, ItemSelector and MaxItemsPerBatch as expressions; children inherit the query language", async () => {
    const arn = await machine(sfn, "dist-jsonata", {
      QueryLanguage: "JSONata",
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          Items: "{% $states.input.list %}",
          ItemSelector: { v: "{% $states.context.Map.Item.Value * 10 %}" },
          ItemBatcher: { MaxItemsPerBatch: "{% $states.input.per %}" },
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "Sum", States: { Sum: { Type: "Pass", Output: "{% $sum($states.input.Items.v) %}", End: true } } },
          Output: "{% $states.result %}",
          End: true,
        },
      },
    });
    const { done } = await run(sfn, arn, { list: [1, 2, 3, 4], per: 2 });
    assert.deepEqual(JSON.parse(done.output!), [30, 70]);
  });

  test("EXPRESS children run as Express executions: counted by the Map Run, not listed, no history kept", async () => {
    const arn = await machine(sfn, "dist-express-children", {
      StartAt: "Each",
      States: {
        Each: {
          Type: "Map",
          ItemsPath: "$.items",
          ToleratedFailurePercentage: 50,
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }, StartAt: "Check", States: FAILING_CHILD },
          End: true,
        },
      },
    });
    const { executionArn, done } = await run(sfn, arn, { items: [{ id: 1 }, { id: 2, fail: true }, { id: 3 }, { id: 4 }] });
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!), [{ id: 1 }, { id: 3 }, { id: 4 }]);
    const mapRunArn = (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0].mapRunArn!;
    const counts = (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!;
    assert.deepEqual([counts.succeeded, counts.failed, counts.total], [3, 1, 4]);
    assert.deepEqual((await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions, []);
  });

  test("an Express machine cannot have a Distributed Map", async () => {
    await fails(machine(sfn, "dist-express", distributed({ P: { Type: "Pass", End: true } }), "EXPRESS"), "InvalidDefinition", /SCHEMA_VALIDATION_FAILED: Express state machine does not support Map state in DISTRIBUTED mode at \/States\/Each\/ItemProcessor\/ProcessorConfig\/Mode/);
  });

  test("Map Run operations check their ARNs and arguments", async () => {
    await fails(sfn.send(new DescribeMapRunCommand({ mapRunArn: "arn:aws:states:us-east-1:000000000000:mapRun:nope/x:1" })), "ResourceNotFound", /Resource not found/, 404);
    await fails(sfn.send(new DescribeMapRunCommand({ mapRunArn: "not-an-arn" })), "InvalidArn", /Invalid Arn/);
    await fails(sfn.send(new ListMapRunsCommand({ executionArn: "arn:aws:states:us-east-1:000000000000:execution:nope:x" })), "ExecutionDoesNotExist", /Execution Does Not Exist/);
    await fails(sfn.send(new ListExecutionsCommand({})), "ValidationException", /Must provide a StateMachine ARN or MapRun ARN/);
    await fails(
      sfn.send(new ListExecutionsCommand({ stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:a", mapRunArn: "arn:aws:states:us-east-1:000000000000:mapRun:a/b:c" })),
      "ValidationException",
      /Only one of/,
    );
    await fails(sfn.send(new UpdateMapRunCommand({ mapRunArn: "arn:aws:states:us-east-1:000000000000:mapRun:nope/x:1", maxConcurrency: 1 })), "ResourceNotFound", /Resource not found/, 404);
  });
});

describe("Distributed Map across a restart", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-sfn-dist-"));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("children waiting when the server stops finish after it starts again, and the Map Run with them", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 12));
    let server = await startStratus({ inMemory: false, dataDir, clock });
    let sfn = client(server);
    const arn = await machine(sfn, "dist-durable", distributed({ Sleep: { Type: "Wait", Seconds: 60, Next: "Echo" }, Echo: { Type: "Pass", End: true } }, { MaxConcurrency: 2 }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ items: ["a", "b", "c"] }) }));
    const mapRunArn = await until(async () => (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0]?.mapRunArn, "the Map Run");
    await until(async () => (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!.length === 2, "two children");
    await server.stop();

    server = await startStratus({ inMemory: false, dataDir, clock });
    sfn = client(server);
    assert.equal((await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).status, "RUNNING");
    await clock.advance(61_000);
    await until(async () => (await sfn.send(new ListExecutionsCommand({ mapRunArn }))).executions!.length === 3, "the third child");
    await clock.advance(61_000);
    const done = await finished(sfn, executionArn!);
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!), ["a", "b", "c"]);
    assert.equal((await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).status, "SUCCEEDED");
    await server.stop();
  });

  test("EXPRESS children running when the server stops run again after it starts (Express runs at least once)", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 27, 12));
    let server = await startStratus({ inMemory: false, dataDir, clock });
    let sfn = client(server);
    const definition = distributed({ Sleep: { Type: "Wait", Seconds: 60, Next: "Echo" }, Echo: { Type: "Pass", End: true } });
    (definition.States.Each.ItemProcessor.ProcessorConfig as { ExecutionType: string }).ExecutionType = "EXPRESS";
    const arn = await machine(sfn, "dist-durable-express", definition);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: JSON.stringify({ items: ["x", "y"] }) }));
    const mapRunArn = await until(async () => (await sfn.send(new ListMapRunsCommand({ executionArn }))).mapRuns![0]?.mapRunArn, "the Map Run");
    await until(async () => (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!.running === 2, "two running children");
    await server.stop();

    server = await startStratus({ inMemory: false, dataDir, clock });
    sfn = client(server);
    await until(async () => (await sfn.send(new DescribeMapRunCommand({ mapRunArn }))).executionCounts!.running === 2, "the children to run again");
    await clock.advance(61_000);
    const done = await finished(sfn, executionArn!);
    assert.equal(done.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(done.output!), ["x", "y"]);
    await server.stop();
  });
});
