import assert from "node:assert/strict";
import { test } from "node:test";
import { validateDefinition } from "../definition/index.js";
import type { ParsedDefinition } from "../definition/model.js";
import type { JsonValue } from "../jsonpath/json.js";
import { newSnapshot, step } from "./step.js";
import { taskResult } from "./task-state.js";
import type { HistoryEvent, Snapshot, StepEnv, TaskCall } from "./types.js";

const T0 = Date.UTC(2026, 0, 1);
const env = (now = T0): StepEnv => ({
  now,
  executionArn: "arn:aws:states:us-east-1:000000000000:execution:m:e",
  executionName: "e",
  stateMachineArn: "arn:aws:states:us-east-1:000000000000:stateMachine:m",
  stateMachineName: "m",
  roleArn: "arn:aws:iam::000000000000:role/r",
  startTime: new Date(T0).toISOString(),
  region: "us-east-1",
  accountId: "000000000000",
  random: () => 0.5,
  newToken: () => "token-1",
  newUuid: () => `uuid-${++uuids}`,
});
let uuids = 0;

function parse(def: object): ParsedDefinition {
  const r = validateDefinition(JSON.stringify(def));
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.definition;
}

function start(def: object, input: JsonValue): { snapshot: Snapshot; events: HistoryEvent[]; parsed: ParsedDefinition; commands: unknown[] } {
  const parsed = parse(def);
  const r = step(parsed, newSnapshot(input), { kind: "start" }, env());
  return { ...r, parsed };
}

const types = (events: HistoryEvent[]) => events.map((e) => e.type);

test("a Pass chain: InputPath, Result, Parameters with paths and intrinsics, ResultPath, OutputPath; AWS's events", () => {
  const { snapshot, events } = start(
    {
      StartAt: "First",
      States: {
        First: { Type: "Pass", InputPath: "$.order", Result: { ok: true }, ResultPath: "$.check", Next: "Second" },
        // ResultPath merges into the state's raw input, not what InputPath selected.
        Second: { Type: "Pass", Parameters: { "id.$": "$.order.id", "ok.$": "$.check.ok", "label.$": "States.Format('order {}', $.order.id)", "exec.$": "$$.Execution.Name" }, OutputPath: "$", Next: "Done" },
        Done: { Type: "Succeed" },
      },
    },
    { order: { id: 7 } },
  );
  assert.deepEqual(types(events), ["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"]);
  assert.deepEqual(events.map((e) => [e.id, e.previousEventId]), [[1, 0], [2, 1], [3, 2], [4, 3], [5, 4], [6, 5], [7, 6], [8, 7]]);
  assert.deepEqual(events[0].executionStartedEventDetails, { input: '{"order":{"id":7}}', inputDetails: { truncated: false }, roleArn: "arn:aws:iam::000000000000:role/r" });
  assert.deepEqual(events[2].stateExitedEventDetails, { name: "First", output: '{"order":{"id":7},"check":{"ok":true}}', outputDetails: { truncated: false } });
  assert.equal(snapshot.status, "SUCCEEDED");
  assert.deepEqual(snapshot.output, { id: 7, ok: true, label: "order 7", exec: "e" });
  assert.deepEqual(events[7].executionSucceededEventDetails, { output: JSON.stringify(snapshot.output), outputDetails: { truncated: false } });
});

test("Choice picks the first matching rule, else Default; no match and no Default fails with States.Runtime", () => {
  const def = {
    StartAt: "Route",
    States: {
      Route: { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: 10, Next: "Big" }], Default: "Small" },
      Big: { Type: "Pass", Result: "big", End: true },
      Small: { Type: "Pass", Result: "small", End: true },
    },
  };
  assert.equal(start(def, { n: 11 }).snapshot.output, "big");
  const small = start(def, { n: 3 });
  assert.equal(small.snapshot.output, "small");
  assert.deepEqual(types(small.events).slice(1, 3), ["ChoiceStateEntered", "ChoiceStateExited"]);
  const noDefault = start({ StartAt: "R", States: { R: { Type: "Choice", Choices: [{ Variable: "$.n", NumericEquals: 1, Next: "X" }] }, X: { Type: "Succeed" } } }, { n: 2 });
  assert.equal(noDefault.snapshot.status, "FAILED");
  assert.equal(noDefault.snapshot.error, "States.Runtime");
  assert.equal(noDefault.snapshot.cause, "An error occurred while executing the state 'R' (entered at the event id #2). Failed to transition out of the state. The state does not point to a next state.");
  assert.deepEqual(types(noDefault.events), ["ExecutionStarted", "ChoiceStateEntered", "ExecutionFailed"]);
});

test("Wait asks for a timer and resumes when it fires", () => {
  const def = { StartAt: "Pause", States: { Pause: { Type: "Wait", SecondsPath: "$.delay", Next: "After" }, After: { Type: "Pass", End: true } } };
  const first = start(def, { delay: 30 });
  assert.deepEqual(first.commands, [{ kind: "timer", dueAt: T0 + 30_000, timerId: 1 }]);
  assert.deepEqual(types(first.events), ["ExecutionStarted", "WaitStateEntered"]);
  assert.equal(first.snapshot.status, "RUNNING");
  const resumed = step(first.parsed, JSON.parse(JSON.stringify(first.snapshot)), { kind: "timer" }, env(T0 + 30_000));
  assert.deepEqual(types(resumed.events), ["WaitStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  assert.equal(resumed.events[0].id, 3);
  assert.equal(resumed.events[0].timestamp, new Date(T0 + 30_000).toISOString());
  assert.deepEqual(resumed.snapshot.output, { delay: 30 });
  const bad = start(def, { delay: "soon" });
  assert.equal(bad.snapshot.status, "FAILED");
  assert.equal(bad.snapshot.error, "States.Runtime");
});

test("Fail ends the execution with its Error and Cause (literal or from paths); a missing path fails with States.Runtime", () => {
  const literal = start({ StartAt: "F", States: { F: { Type: "Fail", Error: "Oops", Cause: "it broke" } } }, {});
  assert.deepEqual([literal.snapshot.status, literal.snapshot.error, literal.snapshot.cause], ["FAILED", "Oops", "it broke"]);
  assert.deepEqual(literal.events.at(-1)!.executionFailedEventDetails, { error: "Oops", cause: "it broke" });
  assert.deepEqual(types(literal.events), ["ExecutionStarted", "FailStateEntered", "ExecutionFailed"]);
  const fromPath = start({ StartAt: "F", States: { F: { Type: "Fail", ErrorPath: "$.e", CausePath: "$.c" } } }, { e: "E1", c: "C1" });
  assert.deepEqual([fromPath.snapshot.error, fromPath.snapshot.cause], ["E1", "C1"]);
  const missing = start({ StartAt: "P", States: { P: { Type: "Pass", InputPath: "$.nope", End: true } } }, {});
  assert.equal(missing.snapshot.error, "States.Runtime");
  assert.match(missing.snapshot.cause!, /^An error occurred while executing the state 'P' \(entered at the event id #2\)\. /);
});

test("stop aborts a waiting execution", () => {
  const first = start({ StartAt: "W", States: { W: { Type: "Wait", Seconds: 100, End: true } } }, {});
  const stopped = step(first.parsed, first.snapshot, { kind: "stop", error: "Halt", cause: "by test" }, env(T0 + 5));
  assert.equal(stopped.snapshot.status, "ABORTED");
  assert.deepEqual(stopped.events.map((e) => [e.type, e.executionAbortedEventDetails]), [["ExecutionAborted", { error: "Halt", cause: "by test" }]]);
  assert.deepEqual(step(first.parsed, stopped.snapshot, { kind: "timer" }, env(T0 + 100_000)).events, [], "a stopped execution ignores its timer");
});

const FN = "arn:aws:lambda:us-east-1:000000000000:function:work";

test("Task with a function ARN: a call command, LambdaFunction* events, the result through ResultSelector and ResultPath", () => {
  const def = { StartAt: "T", States: { T: { Type: "Task", Resource: FN, ResultSelector: { "v.$": "$.value" }, ResultPath: "$.r", End: true } } };
  const first = start(def, { x: 1 });
  assert.deepEqual(first.commands, [{ kind: "task", call: { kind: "lambda", style: "arn", functionName: FN, payload: { x: 1 } }, callId: 3 }]);
  assert.deepEqual(types(first.events), ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted"]);
  assert.deepEqual(first.events[2].lambdaFunctionScheduledEventDetails, { resource: FN, input: '{"x":1}', inputDetails: { truncated: false } });
  const done = step(first.parsed, first.snapshot, { kind: "taskSucceeded", output: { value: 42 } }, env());
  assert.deepEqual(types(done.events), ["LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  assert.deepEqual(done.snapshot.output, { x: 1, r: { v: 42 } });
});

test("lambda:invoke: Task* events and the response envelope", () => {
  const def = { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "work", "Payload.$": "$" }, End: true } } };
  const first = start(def, { x: 2 });
  assert.deepEqual(first.commands, [{ kind: "task", call: { kind: "lambda", style: "invoke", functionName: "work", payload: { x: 2 } }, callId: 3 }]);
  assert.deepEqual(types(first.events).slice(2), ["TaskScheduled", "TaskStarted"]);
  assert.deepEqual(first.events[2].taskScheduledEventDetails, { resourceType: "lambda", resource: "invoke", region: "us-east-1", parameters: '{"FunctionName":"work","Payload":{"x":2}}' });
  const call = first.snapshot.current!.waiting!.kind === "task" ? first.snapshot.current!.waiting!.call : undefined;
  assert.equal(call?.kind, "lambda");
  const done = step(first.parsed, first.snapshot, { kind: "taskSucceeded", output: taskResult(call as Extract<TaskCall, { kind: "lambda" }>, { payload: "ok", executedVersion: "$LATEST", requestId: "rid" }) }, env());
  assert.deepEqual(types(done.events), ["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  const out = done.snapshot.output as Record<string, unknown>;
  assert.equal(out.Payload, "ok");
  assert.equal(out.StatusCode, 200);
  assert.equal(out.ExecutedVersion, "$LATEST");
});

test("Retry waits IntervalSeconds × BackoffRate^n on a timer and calls again; then Catch routes the error output", () => {
  const def = {
    StartAt: "T",
    States: {
      T: { Type: "Task", Resource: FN, Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 2 }], Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.err", Next: "Recover" }], End: true },
      Recover: { Type: "Pass", End: true },
    },
  };
  let r = start(def, { a: 1 });
  let snap = r.snapshot;
  const fail = (now: number) => step(r.parsed, snap, { kind: "taskFailed", error: "Flaky", cause: "try again" }, env(now));
  let f = fail(T0);
  assert.deepEqual(f.commands, [{ kind: "timer", dueAt: T0 + 2_000, timerId: 1 }]);
  assert.deepEqual(types(f.events), ["LambdaFunctionFailed"]);
  assert.deepEqual(f.events[0].lambdaFunctionFailedEventDetails, { error: "Flaky", cause: "try again" });
  snap = f.snapshot;
  let t = step(r.parsed, snap, { kind: "timer" }, env(T0 + 2_000));
  assert.deepEqual(types(t.events), ["LambdaFunctionScheduled", "LambdaFunctionStarted"]);
  snap = t.snapshot;
  f = fail(T0 + 2_000);
  assert.deepEqual(f.commands.map((c) => (c as { dueAt: number }).dueAt), [T0 + 2_000 + 6_000], "the second retry waits 2 × 3 s");
  snap = f.snapshot;
  t = step(r.parsed, snap, { kind: "timer" }, env(T0 + 8_000));
  snap = t.snapshot;
  f = fail(T0 + 8_000);
  assert.deepEqual(types(f.events), ["LambdaFunctionFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"], "retries exhausted: caught");
  assert.deepEqual(f.snapshot.output, { a: 1, err: { Error: "Flaky", Cause: "try again" } });
  r = start(def, {});
  snap = r.snapshot;
  const other = step(r.parsed, snap, { kind: "taskFailed", error: "Lambda.ResourceNotFoundException", cause: "no such function" }, env());
  assert.equal(other.snapshot.status, "SUCCEEDED", "caught at once: no retrier matches");
});

test("an uncaught Task error fails the execution with the function's error and cause", () => {
  const def = { StartAt: "T", States: { T: { Type: "Task", Resource: FN, End: true } } };
  const r = start(def, {});
  const f = step(r.parsed, r.snapshot, { kind: "taskFailed", error: "Error", cause: '{"errorType":"Error","errorMessage":"boom"}' }, env());
  assert.deepEqual([f.snapshot.status, f.snapshot.error, f.snapshot.cause], ["FAILED", "Error", '{"errorType":"Error","errorMessage":"boom"}']);
  assert.deepEqual(types(f.events), ["LambdaFunctionFailed", "ExecutionFailed"]);
});

test("Parallel runs every branch on the same input; the result is their outputs in order, with AWS's events", () => {
  const { snapshot, events } = start(
    {
      StartAt: "Both",
      States: {
        Both: {
          Type: "Parallel",
          ResultPath: "$.results",
          Branches: [
            { StartAt: "A", States: { A: { Type: "Pass", Parameters: { "double.$": "States.MathAdd($.n, $.n)" }, End: true } } },
            { StartAt: "B", States: { B: { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: 1, Next: "Big" }], Default: "Small" }, Big: { Type: "Pass", Result: "big", End: true }, Small: { Type: "Succeed" } } },
          ],
          End: true,
        },
      },
    },
    { n: 4 },
  );
  assert.equal(snapshot.status, "SUCCEEDED");
  assert.deepEqual(snapshot.output, { n: 4, results: [{ double: 8 }, "big"] });
  assert.deepEqual(types(events), [
    "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted",
    "PassStateEntered", "PassStateExited",
    "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited",
    "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded",
  ]);
});

test("inline Map: ItemsPath, ItemSelector with $$.Map.Item, one iteration per item; a failing iteration is caught", () => {
  const def = {
    StartAt: "Each",
    States: {
      Each: {
        Type: "Map",
        ItemsPath: "$.items",
        ItemSelector: { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tax.$": "$.tax" },
        ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Check", States: { Check: { Type: "Choice", Choices: [{ Variable: "$.value", NumericLessThan: 0, Next: "Bad" }], Default: "Ok" }, Bad: { Type: "Fail", Error: "Negative", Cause: "no" }, Ok: { Type: "Pass", End: true } } },
        Catch: [{ ErrorEquals: ["Negative"], ResultPath: "$.error", Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    },
  };
  const ok = start(def, { items: [10, 20], tax: 0.2 });
  assert.deepEqual(ok.snapshot.output, [{ value: 10, index: 0, tax: 0.2 }, { value: 20, index: 1, tax: 0.2 }]);
  const t = types(ok.events);
  assert.deepEqual(t.slice(0, 4), ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted"]);
  assert.deepEqual(ok.events[2].mapStateStartedEventDetails, { length: 2 });
  assert.deepEqual(ok.events[3].mapIterationStartedEventDetails, { name: "Each", index: 0 });
  assert.deepEqual(t.slice(-4), ["MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]);
  const caught = start(def, { items: [1, -1, 2], tax: 0 });
  assert.equal(caught.snapshot.status, "SUCCEEDED");
  assert.deepEqual((caught.snapshot.output as { error: unknown }).error, { Error: "Negative", Cause: "no" });
  assert.ok(types(caught.events).includes("MapIterationFailed"));
  assert.ok(types(caught.events).includes("MapStateFailed"));
  const notArray = start(def, { items: "nope" });
  assert.equal(notArray.snapshot.error, "States.Runtime");
});

test("branches wait: a Wait and a Task in Parallel branches, each answered by its own timer and call; the state ends when both have", () => {
  const def = {
    StartAt: "P",
    States: {
      P: {
        Type: "Parallel",
        Branches: [
          { StartAt: "W", States: { W: { Type: "Wait", Seconds: 5, Next: "After" }, After: { Type: "Pass", Result: "waited", End: true } } },
          { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:f", End: true } } },
        ],
        End: true,
      },
    },
  };
  const first = start(def, { n: 1 });
  const timer = first.commands.find((c) => (c as { kind: string }).kind === "timer") as { timerId: number };
  const task = first.commands.find((c) => (c as { kind: string }).kind === "task") as { callId: number };
  assert.ok(timer && task, "both branches wait");
  assert.equal(first.snapshot.status, "RUNNING");
  const answered = step(first.parsed, first.snapshot, { kind: "taskSucceeded", output: { got: 2 }, callId: task.callId }, env());
  assert.equal(answered.snapshot.status, "RUNNING", "the other branch still waits");
  assert.deepEqual(step(first.parsed, answered.snapshot, { kind: "timer", timerId: 999 }, env()).events, [], "a stale timer changes nothing");
  const done = step(first.parsed, answered.snapshot, { kind: "timer", timerId: timer.timerId }, env(T0 + 5000));
  assert.equal(done.snapshot.status, "SUCCEEDED");
  assert.deepEqual(done.snapshot.output, ["waited", { got: 2 }]);
  assert.deepEqual(types(done.events).slice(-4), ["PassStateExited", "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"]);
});

test("a Map iteration's Task failure fails the Map (caught there); MaxConcurrency starts iterations as others end", () => {
  const def = {
    StartAt: "M",
    States: {
      M: {
        Type: "Map",
        MaxConcurrency: 1,
        ItemsPath: "$.items",
        ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:000000000000:function:f", End: true } } },
        Catch: [{ ErrorEquals: ["Boom"], ResultPath: "$.error", Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    },
  };
  const first = start(def, { items: [1, 2, 3] });
  const tasks = first.commands.filter((c) => (c as { kind: string }).kind === "task") as Array<{ callId: number }>;
  assert.equal(tasks.length, 1, "one iteration at a time");
  const second = step(first.parsed, first.snapshot, { kind: "taskSucceeded", output: "one", callId: tasks[0].callId }, env());
  const next = second.commands.filter((c) => c.kind === "task") as Array<{ callId: number }>;
  assert.equal(next.length, 1, "the next iteration starts when the first has ended");
  assert.ok(types(second.events).includes("MapIterationSucceeded"));
  const failed = step(first.parsed, second.snapshot, { kind: "taskFailed", error: "Boom", cause: "x", callId: next[0].callId }, env());
  assert.equal(failed.snapshot.status, "SUCCEEDED");
  assert.deepEqual(types(failed.events).filter((t) => t.startsWith("Map")), ["MapIterationFailed", "MapStateFailed", "MapStateExited"]);
  assert.equal((failed.snapshot.output as { error: { Error: string } }).error.Error, "Boom");
});

test(".waitForTaskToken: the token is in $$.Task.Token, TaskSubmitted after the call, TaskSucceeded with the callback's output", () => {
  const def = { StartAt: "Ask", States: { Ask: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", Parameters: { QueueUrl: "http://localhost/000000000000/q", MessageBody: { "token.$": "$$.Task.Token" } }, ResultPath: "$.answer", End: true } } };
  const first = start(def, { q: 1 });
  const cmd = first.commands[0] as { call: { parameters: { MessageBody: { token: string } }; token: string }; callId: number };
  assert.equal(cmd.call.parameters.MessageBody.token, "token-1");
  assert.equal(cmd.call.token, "token-1");
  const sent = step(first.parsed, first.snapshot, { kind: "taskSucceeded", output: { MessageId: "m" }, callId: cmd.callId }, env());
  assert.deepEqual(types(sent.events), ["TaskSubmitted"]);
  assert.equal(sent.events[0].taskSubmittedEventDetails && (sent.events[0].taskSubmittedEventDetails as { resource: string }).resource, "sendMessage.waitForTaskToken");
  assert.deepEqual(step(first.parsed, sent.snapshot, { kind: "taskSucceeded", output: "forged", token: "other" }, env()).events, [], "a wrong token changes nothing");
  const done = step(first.parsed, sent.snapshot, { kind: "taskSucceeded", output: { approved: true }, token: "token-1" }, env());
  assert.deepEqual(types(done.events), ["TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"]);
  assert.deepEqual(done.snapshot.output, { q: 1, answer: { approved: true } });
  const early = step(first.parsed, first.snapshot, { kind: "taskFailed", error: "Rejected", cause: "no", token: "token-1" }, env());
  assert.deepEqual([early.snapshot.status, early.snapshot.error], ["FAILED", "Rejected"], "a callback may arrive before the call has answered");
});

test("Task TimeoutSeconds: the timer times the task out (States.Timeout), caught; a late answer or a stale timer changes nothing", () => {
  const def = { StartAt: "T", States: { T: { Type: "Task", Resource: FN, TimeoutSeconds: 5, Catch: [{ ErrorEquals: ["States.Timeout"], ResultPath: "$.err", Next: "After" }], End: true }, After: { Type: "Pass", End: true } } };
  const first = start(def, {});
  const timer = first.commands.find((c) => (c as { kind: string }).kind === "timer") as { dueAt: number; timerId: number };
  assert.equal(timer.dueAt, T0 + 5_000);
  assert.deepEqual(step(first.parsed, first.snapshot, { kind: "timer", timerId: timer.timerId + 1 }, env(T0 + 5_000)).events, [], "another timer is ignored");
  const out = step(first.parsed, first.snapshot, { kind: "timer", timerId: timer.timerId }, env(T0 + 5_000));
  assert.deepEqual(types(out.events), ["LambdaFunctionTimedOut", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  assert.deepEqual((out.snapshot.output as { err: { Error: string } }).err.Error, "States.Timeout");
  assert.deepEqual(step(first.parsed, out.snapshot, { kind: "taskSucceeded", output: 1, callId: 3 }, env()).events, [], "the late answer is ignored");
});

test("HeartbeatSeconds: a heartbeat moves the deadline; missing one fails with States.HeartbeatTimeout", () => {
  const def = { StartAt: "T", States: { T: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", HeartbeatSeconds: 10, TimeoutSeconds: 100, Parameters: { QueueUrl: "http://x/000000000000/q", "MessageBody.$": "$$.Task.Token" }, End: true } } };
  const first = start(def, {});
  const t1 = first.commands.find((c) => (c as { kind: string }).kind === "timer") as { dueAt: number; timerId: number };
  assert.equal(t1.dueAt, T0 + 10_000);
  const beat = step(first.parsed, first.snapshot, { kind: "heartbeat", token: "token-1" }, env(T0 + 8_000));
  const t2 = beat.commands[0] as { dueAt: number; timerId: number };
  assert.equal(t2.dueAt, T0 + 18_000);
  assert.deepEqual(step(first.parsed, beat.snapshot, { kind: "timer", timerId: t1.timerId }, env(T0 + 10_000)).events, [], "the old deadline no longer applies");
  const out = step(first.parsed, beat.snapshot, { kind: "timer", timerId: t2.timerId }, env(T0 + 18_000));
  assert.deepEqual([out.snapshot.status, out.snapshot.error], ["FAILED", "States.HeartbeatTimeout"]);
  assert.equal(out.events[0].type, "TaskTimedOut");
});

test("the execution's TimeoutSeconds ends it as TIMED_OUT", () => {
  const first = start({ TimeoutSeconds: 60, StartAt: "W", States: { W: { Type: "Wait", Seconds: 3600, End: true } } }, {});
  assert.deepEqual(first.commands.find((c) => (c as { kind: string }).kind === "executionTimeout"), { kind: "executionTimeout", dueAt: T0 + 60_000 });
  const out = step(first.parsed, first.snapshot, { kind: "executionTimeout" }, env(T0 + 60_000));
  assert.equal(out.snapshot.status, "TIMED_OUT");
  assert.deepEqual(types(out.events), ["ExecutionTimedOut"]);
  assert.equal((out.events[0].executionTimedOutEventDetails as { error: string }).error, "States.Timeout");
});

test("an output over 256 KiB fails the execution with States.DataLimitExceeded, which Catch cannot handle", () => {
  const def = { StartAt: "Big", States: { Big: { Type: "Pass", Parameters: { "blob.$": "$.s" }, End: true } } };
  const ok = start(def, { s: "x".repeat(200_000) });
  assert.equal(ok.snapshot.status, "SUCCEEDED");
  const big = start(def, { s: "x".repeat(262_145) });
  assert.deepEqual([big.snapshot.status, big.snapshot.error], ["FAILED", "States.DataLimitExceeded"]);
  // A Task's result over the quota fails too, even when ResultSelector would keep a little of it.
  const task = { StartAt: "T", States: { T: { Type: "Task", Resource: FN, ResultSelector: { "n.$": "$.n" }, Catch: [{ ErrorEquals: ["States.ALL"], Next: "C" }], End: true }, C: { Type: "Succeed" } } };
  const first = start(task, {});
  const done = step(first.parsed, first.snapshot, { kind: "taskSucceeded", output: { n: 1, blob: "x".repeat(262_145) } }, env());
  assert.deepEqual([done.snapshot.status, done.snapshot.error], ["FAILED", "States.DataLimitExceeded"]);
});

test("a retried Task evaluates its Parameters again: $$.State.RetryCount counts the retries", () => {
  const def = { StartAt: "T", States: { T: { Type: "Task", Resource: FN, Parameters: { "retry.$": "$$.State.RetryCount" }, Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2 }], End: true } } };
  const first = start(def, {});
  const payload = (r: { commands: unknown[] }) => ((r.commands.find((c) => (c as { kind: string }).kind === "task") as { call: { payload: unknown } }).call.payload);
  assert.deepEqual(payload(first), { retry: 0 });
  const failed = step(first.parsed, first.snapshot, { kind: "taskFailed", error: "E" }, env());
  const timer = failed.commands[0] as { timerId: number };
  const retried = step(first.parsed, failed.snapshot, { kind: "timer", timerId: timer.timerId }, env(T0 + 1_000));
  assert.deepEqual(payload(retried), { retry: 1 });
});

test("a Distributed Map asks for its children as MaxConcurrency allows, ignores a repeated end, and retries a failed Map Run as a new one", () => {
  const def = {
    StartAt: "Each",
    States: {
      Each: {
        Type: "Map",
        Label: "L",
        MaxConcurrency: 2,
        ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } },
        Retry: [{ ErrorEquals: ["States.ExceedToleratedFailureThreshold"], MaxAttempts: 1, IntervalSeconds: 1 }],
        End: true,
      },
    },
  };
  uuids = 0;
  const first = start(def, ["a", "b", "c"]);
  const mapRunArn = "arn:aws:states:us-east-1:000000000000:mapRun:m/L:uuid-1";
  assert.deepEqual(types(first.events), ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted"]);
  assert.deepEqual(first.events[3].mapRunStartedEventDetails, { mapRunArn });
  assert.deepEqual(
    first.commands.map((c) => (c as { kind: string; index?: number }).kind + ((c as { index?: number }).index ?? "")),
    ["mapRunStarted", "mapChild0", "mapChild1"],
  );
  const ended = (snapshot: Snapshot, index: number, status: "SUCCEEDED" | "FAILED", output?: JsonValue, arn = mapRunArn) => step(first.parsed, snapshot, { kind: "mapChildrenEnded", mapRunArn: arn, ends: [{ index, status, ...(output !== undefined ? { output } : { error: "E" }) }] }, env());
  const a = ended(first.snapshot, 0, "SUCCEEDED", "A");
  assert.deepEqual(a.commands, [{ kind: "mapChild", mapRunArn, index: 2, input: "c" }]);
  assert.deepEqual(ended(a.snapshot, 0, "SUCCEEDED", "again").events, [], "a child's end is counted once");
  const b = ended(a.snapshot, 1, "FAILED");
  assert.deepEqual(types(b.events), ["MapRunFailed", "MapStateFailed"]);
  assert.deepEqual(b.commands.map((c) => c.kind), ["mapRunEnded", "timer"]);
  const retried = step(first.parsed, b.snapshot, { kind: "timer", timerId: 1 }, env(T0 + 1000));
  assert.deepEqual(types(retried.events), ["MapStateStarted", "MapRunStarted"]);
  const second = "arn:aws:states:us-east-1:000000000000:mapRun:m/L:uuid-2";
  assert.deepEqual(retried.events[1].mapRunStartedEventDetails, { mapRunArn: second });
  // The old Map Run's last child ends after the retry began: it is not the new Map Run's.
  assert.deepEqual(ended(retried.snapshot, 0, "SUCCEEDED", "C").events, []);
  let s = retried.snapshot;
  for (const [i, v] of ["x", "y", "z"].entries()) s = ended(s, i, "SUCCEEDED", v, second).snapshot;
  assert.equal(s.status, "SUCCEEDED");
  assert.deepEqual(s.output, ["x", "y", "z"]);
});
