/**
 * TestState through the SFN SDK (host prefix off): one state on an input, with its output,
 * next state and status; a Task's result or error can be mocked; Catch and Retry show as
 * CAUGHT_ERROR and RETRIABLE.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { SFNClient, TestStateCommand } from "@aws-sdk/client-sfn";
import { startStratus, TEST_CREDENTIALS } from "../helpers/stratus.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let sfn: SFNClient;
const ROLE = "arn:aws:iam::000000000000:role/sfn";
before(async () => {
  server = await startStratus();
  sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: TEST_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true });
});
after(() => server.stop());

const run = (state: object, input: object, extra: object = {}) => sfn.send(new TestStateCommand({ definition: JSON.stringify(state), roleArn: ROLE, input: JSON.stringify(input), ...extra }));

test("a Pass state: its output and next state", async () => {
  const r = await run({ Type: "Pass", Parameters: { "sum.$": "States.MathAdd($.a, $.b)" }, ResultPath: "$.r", Next: "After" }, { a: 1, b: 2 });
  assert.equal(r.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(r.output!), { a: 1, b: 2, r: { sum: 3 } });
  assert.equal(r.nextState, "After");
  assert.equal(r.inspectionData?.input, '{"a":1,"b":2}');
});

test("Choice picks the next state; Wait is not waited out; Fail reports FAILED", async () => {
  const c = await run({ Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: 1, Next: "Big" }], Default: "Small" }, { n: 5 });
  assert.deepEqual([c.status, c.nextState], ["SUCCEEDED", "Big"]);
  const w = await run({ Type: "Wait", Seconds: 3600, Next: "Later" }, { x: 1 });
  assert.deepEqual([w.status, w.nextState, w.output], ["SUCCEEDED", "Later", '{"x":1}']);
  const f = await run({ Type: "Fail", Error: "Nope", Cause: "because" }, {});
  assert.deepEqual([f.status, f.error, f.cause], ["FAILED", "Nope", "because"]);
});

test("a Task with a mocked result or error: SUCCEEDED, CAUGHT_ERROR, RETRIABLE", async () => {
  const task = (extra: object) => ({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "not-called", "Payload.$": "$" }, ResultSelector: { "v.$": "$.Payload.v" }, Next: "Done", ...extra });
  const ok = await run(task({}), {}, { mock: { result: JSON.stringify({ StatusCode: 200, Payload: { v: 9 } }) } });
  assert.deepEqual([ok.status, JSON.parse(ok.output!), ok.nextState], ["SUCCEEDED", { v: 9 }, "Done"]);
  const caught = await run(task({ Catch: [{ ErrorEquals: ["States.ALL"], Next: "Recover" }] }), {}, { mock: { errorOutput: { error: "Boom", cause: "bad" } } });
  assert.deepEqual([caught.status, caught.nextState, JSON.parse(caught.output!)], ["CAUGHT_ERROR", "Recover", { Error: "Boom", Cause: "bad" }]);
  const retriable = await run(task({ Retry: [{ ErrorEquals: ["Other"] }, { ErrorEquals: ["Boom"], IntervalSeconds: 4 }] }), {}, { mock: { errorOutput: { error: "Boom", cause: "bad" } } });
  assert.deepEqual([retriable.status, retriable.error], ["RETRIABLE", "Boom"]);
  assert.deepEqual(retriable.inspectionData?.errorDetails, { retryIndex: 1, retryBackoffIntervalSeconds: 4 });
  assert.deepEqual(caught.inspectionData?.errorDetails, { catchIndex: 0 });
});

test("JSONata states with variables: `variables` in, the variables after the state in inspectionData", async () => {
  const r = await run(
    { QueryLanguage: "JSONata", Type: "Pass", Output: { total: "{% $price * $states.input.qty %}" }, Assign: { price: "{% $price + 1 %}", seen: true }, Next: "After" },
    { qty: 3 },
    { variables: JSON.stringify({ price: 10 }) },
  );
  assert.equal(r.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(r.output!), { total: 30 });
  assert.deepEqual(JSON.parse(r.inspectionData!.variables!), { price: 11, seen: true });
  const w = await run({ Type: "Wait", Seconds: 60, Assign: { "waited.$": "$.x" }, Next: "Later" }, { x: 5 });
  assert.deepEqual(JSON.parse(w.inspectionData!.variables!), { waited: 5 });
});

test("inspectionData carries each step of the data flow: after InputPath, Parameters, ResultSelector, ResultPath; JSONata's Arguments; a Map's items", async () => {
  const task = {
    Type: "Task",
    Resource: "arn:aws:states:::lambda:invoke",
    InputPath: "$.order",
    Parameters: { FunctionName: "not-called", "Payload.$": "$.id" },
    ResultSelector: { "v.$": "$.Payload" },
    ResultPath: "$.order.result",
    End: true,
  };
  const r = await run(task, { order: { id: 7 } }, { mock: { result: JSON.stringify({ StatusCode: 200, Payload: 49 }) } });
  const d = r.inspectionData!;
  assert.deepEqual(
    [d.input, d.afterInputPath, d.afterParameters, d.result, d.afterResultSelector, d.afterResultPath].map((v) => JSON.parse(v!)),
    [{ order: { id: 7 } }, { id: 7 }, { FunctionName: "not-called", Payload: 7 }, { StatusCode: 200, Payload: 49 }, { v: 49 }, { order: { id: 7, result: { v: 49 } } }],
  );

  const jsonata = await run({ Type: "Task", QueryLanguage: "JSONata", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "f", Payload: "{% $states.input.n + 1 %}" }, End: true }, { n: 1 }, { mock: { result: '{"Payload":2}' } });
  assert.deepEqual(JSON.parse(jsonata.inspectionData!.afterArguments!), { FunctionName: "f", Payload: 2 });

  const map = await run({ Type: "Map", ItemsPath: "$.xs", ItemSelector: { "x.$": "$$.Map.Item.Value" }, ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true }, { xs: [1, 2] });
  assert.deepEqual([map.inspectionData!.afterItemsPath, map.inspectionData!.afterItemSelector].map((v) => JSON.parse(v!)), [[1, 2], [{ x: 1 }, { x: 2 }]]);
  // The Pass states inside the iterations do not overwrite the Map's own values.
  assert.equal(map.inspectionData!.afterInputPath, '{"xs":[1,2]}');
});
