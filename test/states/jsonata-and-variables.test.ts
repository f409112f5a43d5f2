/**
 * JSONata states and workflow variables through the SFN SDK: Arguments / Output with
 * `$states`, Assign in both query languages (values from state entry, seen from the next state
 * on), JSONata Choice conditions with rule-level Output, a Lambda Task whose result and caught
 * error go through Output and Assign, Map Items / ItemSelector, Parallel Arguments, variable
 * scopes of branches, AWS's extra functions, and States.QueryEvaluationError.
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
let counter = 0;

before(async () => {
  h = await startLambda();
  sfn = new SFNClient({ endpoint: h.server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true });
  await deploy(h, "price", "exports.handler = async (e) => ({ total: e.qty * e.unit, currency: 'EUR' });\n");
  await deploy(h, "refuses", "exports.handler = async () => { const e = new Error('out of stock'); e.name = 'OutOfStock'; throw e; };\n");
});
after(() => h.server.stop());

/** Runs a Standard execution to its end. */
async function run(definition: object, input: unknown) {
  const name = `m${++counter}`;
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name: `run-${name}` }));
  return eventually(async () => {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return d.status !== "RUNNING" && d;
  }, 20_000, `${name} to finish`);
}

const output = (d: { output?: string }) => JSON.parse(d.output!);

test("JSONata Pass states: Output from $states.input and $states.context, Assign seen from the next state on", async () => {
  const done = await run(
    {
      QueryLanguage: "JSONata",
      StartAt: "Prepare",
      States: {
        Prepare: {
          Type: "Pass",
          Assign: { customer: "{% $states.input.customer %}", items: "{% $count($states.input.lines) %}", fixed: 7 },
          Output: { lines: "{% $states.input.lines %}", seen: "{% $exists($customer) %}" },
          Next: "Use",
        },
        Use: {
          Type: "Pass",
          Output: {
            greeting: "{% 'hello ' & $customer %}",
            items: "{% $items %}",
            fixed: "{% $fixed %}",
            total: "{% $sum($states.input.lines.price) %}",
            execution: "{% $states.context.Execution.Name %}",
            literal: "no {% here",
            parts: "{% $partition([1,2,3,4,5], 2) %}",
            hash: "{% $hash('abc', 'MD5') %}",
          },
          End: true,
        },
      },
    },
    { customer: "Ada", lines: [{ price: 3 }, { price: 4.5 }] },
  );
  assert.equal(done.status, "SUCCEEDED", done.cause);
  const out = output(done);
  assert.equal(out.greeting, "hello Ada");
  assert.equal(out.items, 2);
  assert.equal(out.fixed, 7);
  assert.equal(out.total, 7.5);
  assert.equal(out.execution, `run-m${counter}`);
  assert.equal(out.literal, "no {% here");
  assert.deepEqual(out.parts, [[1, 2], [3, 4], [5]]);
  assert.equal(out.hash, "900150983cd24fb0d6963f7d28e17f72");
});

test("Assign values are evaluated against the variables at state entry", async () => {
  const done = await run(
    {
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: {
        A: { Type: "Pass", Assign: { x: 1 }, Next: "B" },
        B: { Type: "Pass", Assign: { x: "{% $x + 10 %}", y: "{% $x %}" }, Next: "C" },
        C: { Type: "Pass", Output: { x: "{% $x %}", y: "{% $y %}" }, End: true },
      },
    },
    {},
  );
  assert.equal(done.status, "SUCCEEDED", done.cause);
  assert.deepEqual(output(done), { x: 11, y: 1 });
  const exited = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: done.executionArn }))).events!.find((e) => e.type === "PassStateExited" && e.stateExitedEventDetails?.name === "B")!;
  assert.deepEqual(exited.stateExitedEventDetails?.assignedVariables, { x: "11", y: "1" });
});

test("JSONPath Assign: `.$` keys read the state's result, `$name` reads a variable later", async () => {
  const done = await run(
    {
      StartAt: "Keep",
      States: {
        Keep: { Type: "Pass", Parameters: { "picked.$": "$.order.id" }, Assign: { "orderId.$": "$.picked", "source.$": "$$.State.Name", constant: "c" }, ResultPath: null, Next: "Later" },
        Later: { Type: "Pass", Parameters: { "id.$": "$orderId", "from.$": "$source", "c.$": "$constant", "input.$": "$.order.id" }, End: true },
      },
    },
    { order: { id: "o-1" } },
  );
  assert.equal(done.status, "SUCCEEDED", done.cause);
  assert.deepEqual(output(done), { id: "o-1", from: "Keep", c: "c", input: "o-1" });
});

test("JSONata Choice: the first true Condition wins, its own Output replaces the state's", async () => {
  const machine = {
    QueryLanguage: "JSONata",
    StartAt: "Route",
    States: {
      Route: {
        Type: "Choice",
        Choices: [
          { Condition: "{% $states.input.amount > 100 %}", Next: "Big", Output: { size: "big", amount: "{% $states.input.amount %}" }, Assign: { route: "big" } },
          { Condition: "{% $states.input.amount > 10 %}", Next: "Done" },
        ],
        Default: "Done",
        Assign: { route: "state-level" },
      },
      Big: { Type: "Pass", Output: { size: "{% $states.input.size %}", route: "{% $route %}" }, End: true },
      Done: { Type: "Pass", Output: { passed: "{% $states.input %}", route: "{% $route %}" }, End: true },
    },
  };
  const big = await run(machine, { amount: 500 });
  assert.equal(big.status, "SUCCEEDED", big.cause);
  assert.deepEqual(output(big), { size: "big", route: "big" });
  const small = await run(machine, { amount: 50 });
  assert.equal(small.status, "SUCCEEDED", small.cause);
  assert.deepEqual(output(small), { passed: { amount: 50 }, route: "state-level" });
  const none = await run({ ...machine, States: { ...machine.States, Route: { ...machine.States.Route, Default: undefined } } }, { amount: 1 });
  assert.equal(none.status, "FAILED");
  assert.equal(none.error, "States.Runtime");
});

test("a JSONata Lambda Task: Arguments build the payload, Output and Assign see $states.result; a caught error's $states.errorOutput", async () => {
  const done = await run(
    {
      QueryLanguage: "JSONata",
      StartAt: "Price",
      States: {
        Price: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "price", Payload: { qty: "{% $states.input.qty %}", unit: 2.5 } },
          Output: { total: "{% $states.result.Payload.total %}", status: "{% $states.result.StatusCode %}" },
          Assign: { currency: "{% $states.result.Payload.currency %}" },
          Next: "Reserve",
        },
        Reserve: {
          Type: "Task",
          Resource: functionArn("refuses"),
          Catch: [{ ErrorEquals: ["OutOfStock"], Output: { total: "{% $states.input.total %}", failed: "{% $states.errorOutput.Error %}" }, Assign: { reason: "{% $parse($states.errorOutput.Cause).errorMessage %}" }, Next: "Report" }],
          End: true,
        },
        Report: { Type: "Pass", Output: { total: "{% $states.input.total %}", failed: "{% $states.input.failed %}", currency: "{% $currency %}", reason: "{% $reason %}" }, End: true },
      },
    },
    { qty: 4 },
  );
  assert.equal(done.status, "SUCCEEDED", done.cause);
  assert.deepEqual(output(done), { total: 10, failed: "OutOfStock", currency: "EUR", reason: "out of stock" });
});

test("JSONata Map (Items, ItemSelector with $states.context.Map.Item) and Parallel (Arguments); branch variables stay in their branch", async () => {
  const done = await run(
    {
      QueryLanguage: "JSONata",
      StartAt: "Setup",
      States: {
        Setup: { Type: "Pass", Assign: { factor: 3, outer: "kept" }, Next: "Each" },
        Each: {
          Type: "Map",
          Items: "{% $states.input.values %}",
          ItemSelector: { value: "{% $states.context.Map.Item.Value %}", index: "{% $states.context.Map.Item.Index %}" },
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "Times",
            States: {
              Times: { Type: "Pass", Assign: { outer: "changed inside" }, Output: { r: "{% $states.input.value * $factor %}", i: "{% $states.input.index %}" }, Next: "Check" },
              Check: { Type: "Pass", Output: { r: "{% $states.input.r %}", i: "{% $states.input.i %}", inner: "{% $outer %}" }, End: true },
            },
          },
          Assign: { mapped: "{% $count($states.result) %}" },
          Next: "Both",
        },
        Both: {
          Type: "Parallel",
          Arguments: { rows: "{% $states.input %}" },
          Branches: [
            { StartAt: "Sum", States: { Sum: { Type: "Pass", Output: "{% $sum($states.input.rows.r) %}", End: true } } },
            { StartAt: "Outer", States: { Outer: { Type: "Pass", Output: "{% $outer & '/' & $string($mapped) %}", End: true } } },
          ],
          End: true,
        },
      },
    },
    { values: [1, 2, 4] },
  );
  assert.equal(done.status, "SUCCEEDED", done.cause);
  assert.deepEqual(output(done), [21, "kept/3"]);
});

test("an expression that returns nothing fails the state with States.QueryEvaluationError naming the field; Catch sees it in a Task", async () => {
  const failed = await run({ QueryLanguage: "JSONata", StartAt: "E", States: { E: { Type: "Pass", Output: { v: "{% $states.input.missing %}" }, End: true } } }, {});
  assert.equal(failed.status, "FAILED");
  const events = (await sfn.send(new GetExecutionHistoryCommand({ executionArn: failed.executionArn }))).events!;
  assert.deepEqual(events.map((e) => e.type), ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"]);
  assert.deepEqual(events[2].evaluationFailedEventDetails, { state: "E", error: "States.QueryEvaluationError", cause: "The JSONata expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).", location: "Output/v" });
  assert.equal(failed.error, "States.QueryEvaluationError");
  assert.equal(failed.cause, "An error occurred while executing the state 'E' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).");

  const threw = await run({ QueryLanguage: "JSONata", StartAt: "E", States: { E: { Type: "Pass", Output: "{% $abs('x') %}", End: true } } }, {});
  assert.equal(threw.error, "States.QueryEvaluationError");
  assert.match(threw.cause!, /The JSONata expression '\$abs\('x'\)' specified for the field 'Output' threw an error during evaluation\. T0410: Argument 1 of function "abs" does not match function signature/);

  const caught = await run(
    {
      QueryLanguage: "JSONata",
      StartAt: "T",
      States: {
        T: { Type: "Task", Resource: functionArn("price"), Arguments: { qty: "{% $states.input.nope %}" }, Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Next: "Caught" }], End: true },
        Caught: { Type: "Pass", Output: { error: "{% $states.input.Error %}" }, End: true },
      },
    },
    {},
  );
  assert.equal(caught.status, "SUCCEEDED", caught.cause);
  assert.deepEqual(output(caught), { error: "States.QueryEvaluationError" });
});

test("JSONata Wait Seconds and Fail Error/Cause; Express machines run JSONata too", async () => {
  const failed = await run(
    {
      QueryLanguage: "JSONata",
      StartAt: "Pause",
      States: {
        Pause: { Type: "Wait", Seconds: "{% $states.input.delay %}", Assign: { why: "{% 'code ' & $string($states.input.code) %}" }, Next: "Stop" },
        Stop: { Type: "Fail", Error: "{% 'E' & $string($states.input.code) %}", Cause: "{% $why %}" },
      },
    },
    { delay: 0, code: 42 },
  );
  assert.equal(failed.status, "FAILED");
  assert.equal(failed.error, "E42");
  assert.equal(failed.cause, "code 42");

  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: "express-jsonata", type: "EXPRESS", roleArn: ROLE, definition: JSON.stringify({ QueryLanguage: "JSONata", StartAt: "P", States: { P: { Type: "Pass", Output: "{% $uppercase($states.input.word) %}", End: true } } }) }),
  );
  const sync = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify({ word: "quiet" }) }));
  assert.equal(sync.status, "SUCCEEDED");
  assert.equal(JSON.parse(sync.output!), "QUIET");
});
