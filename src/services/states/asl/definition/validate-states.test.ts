import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChoiceState, FailState, PassState, SucceedState, TaskState, WaitState } from "./model.js";
import { errors, only, parse, problems, schemaErrors } from "./test-support.js";

const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:Hello";
const task = (fields: Record<string, unknown> = {}) => ({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...fields });

function state<T>(def: Record<string, unknown>, name = "S"): T {
  return parse(def).allStates.get(name) as T;
}

// ------------------------------------------------------------------------------------------ Pass

test("Pass: every field, normalised", () => {
  const s = state<PassState>(only({
    Type: "Pass",
    Comment: "c",
    InputPath: "$.in",
    OutputPath: null,
    ResultPath: "$.out",
    Parameters: { "a.$": "$.x", b: 1, "c.$": "States.Format('{}', $.y)", "ctx.$": "$$.Execution.Id" },
    Result: { r: 1 },
    Assign: { total: 1, "copy.$": "$.x" },
    End: true,
  }));
  assert.equal(s.type, "Pass");
  assert.equal(s.comment, "c");
  assert.equal(s.inputPath, "$.in");
  assert.equal(s.outputPath, null);
  assert.equal(s.resultPath, "$.out");
  assert.deepEqual(s.result, { r: 1 });
  assert.deepEqual(s.parameters, { "a.$": "$.x", b: 1, "c.$": "States.Format('{}', $.y)", "ctx.$": "$$.Execution.Id" });
  assert.deepEqual(s.assign, { total: 1, "copy.$": "$.x" });
  assert.equal(s.queryLanguage, "JSONPath");
});

test("Pass: ResultPath null and defaults left unset", () => {
  const s = state<PassState>(only({ Type: "Pass", ResultPath: null, End: true }));
  assert.equal(s.resultPath, null);
  assert.equal(s.inputPath, undefined);
  assert.equal(s.parameters, undefined);
});

test("Pass: refuses fields of other types", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass", End: true, Resource: "x", Retry: [], Catch: [], TimeoutSeconds: 5 })), [
    ["Field 'Resource' is not supported", "/States/S"],
    ["Field 'Retry' is not supported", "/States/S"],
    ["Field 'Catch' is not supported", "/States/S"],
    ["Field 'TimeoutSeconds' is not supported", "/States/S"],
  ]);
});

test("Paths: InputPath, OutputPath, ResultPath through the JSONPath validator", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass", InputPath: "in", End: true })), [["The value for the field 'InputPath' must be a valid JSONPath", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", OutputPath: 5, End: true })), [["The value for the field 'OutputPath' must be a valid JSONPath", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", ResultPath: "$.a[*]", End: true })), [["The value for the field 'ResultPath' must be a valid ReferencePath", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", ResultPath: "$$.Execution", End: true })), [["The value for the field 'ResultPath' must be a valid ReferencePath", "/States/S"]]);
  // Full paths are fine in InputPath / OutputPath.
  assert.deepEqual(errors(only({ Type: "Pass", InputPath: "$.items[?(@.x > 1)]", OutputPath: "$..name", End: true })), []);
});

test("Payload templates: .$ fields must be paths or intrinsic calls", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Parameters: { "a.$": "x" }, End: true })), [
    ["The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/Parameters"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Parameters: { nested: { "a.$": "States.Nope()" } }, End: true })), [
    ["The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/Parameters/nested"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Parameters: { "a.$": 1 }, End: true })), [
    ["The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/Parameters"],
  ]);
});

test("Warnings: NO_DOLLAR and PASS_RESULT_IS_STATIC", () => {
  const def = only({ Type: "Pass", Parameters: { a: "$.x", b: "States.UUID()", c: "$5", d: { e: "$$.Execution.Id" } }, Result: { "r.$": "$.x" }, End: true });
  assert.deepEqual(problems(def).map(([code, , location]) => [code, location]), [
    ["PASS_RESULT_IS_STATIC", "/States/S/Result/r.$"],
    ["NO_DOLLAR", "/States/S/Parameters/a"],
    ["NO_DOLLAR", "/States/S/Parameters/b"],
    ["NO_DOLLAR", "/States/S/Parameters/d/e"],
  ]);
});

test("Assign: variable names and JSONPath templates", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Assign: [], End: true })), [["Expected value of type Object", "/States/S/Assign"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Assign: { "1x": 1 }, End: true })), [
    ["The variable name '1x' is not valid: it must start with a letter or '_' and contain only letters, digits and '_'", "/States/S/Assign"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Assign: { "x.$": "nope" }, End: true })), [
    ["The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call", "/States/S/Assign"],
  ]);
  assert.deepEqual(errors(only({ Type: "Pass", Assign: { _ok: { "deep.$": "$.a" }, "v.$": "$var.x" }, End: true })), []);
});

// ------------------------------------------------------------------------------------------ Task

test("Task: resource, timeouts, parameters, selectors, retry and catch", () => {
  const def = {
    StartAt: "S",
    States: {
      S: {
        Type: "Task",
        Resource: LAMBDA,
        Parameters: { "input.$": "$" },
        ResultSelector: { "body.$": "$.Payload" },
        ResultPath: "$.result",
        TimeoutSeconds: 30,
        HeartbeatSeconds: 10,
        Credentials: { RoleArn: "arn:aws:iam::123456789012:role/R" },
        Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 1.5, MaxDelaySeconds: 10, JitterStrategy: "FULL" }],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "Handle" }],
        Next: "Done",
      },
      Handle: { Type: "Pass", Next: "Done" },
      Done: { Type: "Succeed" },
    },
  };
  const s = state<TaskState>(def);
  assert.equal(s.resource.kind, "lambda");
  assert.deepEqual(s.timeoutSeconds, { kind: "value", value: 30 });
  assert.deepEqual(s.heartbeatSeconds, { kind: "value", value: 10 });
  assert.deepEqual(s.parameters, { "input.$": "$" });
  assert.deepEqual(s.resultSelector, { "body.$": "$.Payload" });
  assert.equal(s.resultPath, "$.result");
  assert.deepEqual(s.credentials, { RoleArn: "arn:aws:iam::123456789012:role/R" });
  assert.deepEqual(s.retry, [{ errorEquals: ["States.Timeout"], intervalSeconds: 2, maxAttempts: 5, backoffRate: 1.5, maxDelaySeconds: 10, jitterStrategy: "FULL" }]);
  assert.deepEqual(s.catch, [{ errorEquals: ["States.ALL"], next: "Handle", resultPath: "$.error" }]);
  assert.equal(s.next, "Done");
});

test("Task: Retry defaults are filled in", () => {
  const s = state<TaskState>(only(task({ Retry: [{ ErrorEquals: ["States.ALL"] }] })));
  assert.deepEqual(s.retry, [{ errorEquals: ["States.ALL"], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, jitterStrategy: "NONE" }]);
  assert.deepEqual(s.catch, []);
});

test("Task: Resource is required and must be a known ARN", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Task", End: true })), [["The field 'Resource' is required", "/States/S"]]);
  assert.deepEqual(schemaErrors(only(task({ Resource: 5 }))), [["Expected value of type String", "/States/S/Resource"]]);
  assert.deepEqual(errors(only(task({ Resource: "create" }))), [
    ["INVALID_RESOURCE", "The resource provided create is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.", "/States/S/Resource"],
  ]);
  const sdk = "arn:aws:states:::aws-sdk:s3:getObject.sync";
  assert.deepEqual(errors(only(task({ Resource: sdk }))), [
    ["SCHEMA_VALIDATION_FAILED", `The resource provided ${sdk} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`, "/States/S/Resource"],
  ]);
});

test("Task: Express machines refuse .sync and .waitForTaskToken (observed sentence)", () => {
  const wait = only(task({ Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken" }));
  assert.deepEqual(errors(wait, { type: "EXPRESS" }), [
    ["SCHEMA_VALIDATION_FAILED", "Express state machine does not support '.waitForTaskToken' service integration ", "/States/S/Resource"],
  ]);
  assert.deepEqual(errors(wait, { type: "STANDARD" }), []);
  assert.deepEqual(errors(wait), []);
  assert.deepEqual(errors(only(task({ Resource: "arn:aws:states:::states:startExecution.sync:2" })), { type: "EXPRESS" }), [
    ["SCHEMA_VALIDATION_FAILED", "Express state machine does not support '.sync:2' service integration ", "/States/S/Resource"],
  ]);
  assert.deepEqual(errors(only(task()), { type: "EXPRESS" }), []);
  // Activities are Standard-only too.
  const activity = only(task({ Resource: "arn:aws:states:us-east-1:123456789012:activity:work" }));
  assert.deepEqual(errors(activity, { type: "EXPRESS" }), [["SCHEMA_VALIDATION_FAILED", "Express state machine does not support Activity ARN", "/States/S/Resource"]]);
  assert.deepEqual(errors(activity, { type: "STANDARD" }), []);
});

test("Task: timeouts and heartbeats", () => {
  assert.deepEqual(schemaErrors(only(task({ TimeoutSeconds: 0 }))), [["Minimum value is 1", "/States/S/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors(only(task({ TimeoutSeconds: 2.5 }))), [["Expected value of type Integer", "/States/S/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors(only(task({ TimeoutSeconds: 100_000_000 }))), [["Maximum value is 99999999", "/States/S/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors(only(task({ HeartbeatSeconds: -1 }))), [["Minimum value is 1", "/States/S/HeartbeatSeconds"]]);
  assert.deepEqual(schemaErrors(only(task({ TimeoutSeconds: 10, HeartbeatSeconds: 10 }))), [["HeartbeatSeconds must be smaller than TimeoutSeconds", "/States/S/HeartbeatSeconds"]]);
  assert.deepEqual(schemaErrors(only(task({ TimeoutSeconds: 5, TimeoutSecondsPath: "$.t" }))), [
    ["There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]", "/States/S/TimeoutSeconds"],
  ]);
  assert.deepEqual(schemaErrors(only(task({ TimeoutSecondsPath: "t" }))), [
    ["Value is not a Reference Path: Reference path didn't start with '$'", "/States/S/TimeoutSecondsPath"],
  ]);
  assert.deepEqual(schemaErrors(only(task({ HeartbeatSecondsPath: "$.a[*]" }))), [
    ["Value is not a Reference Path: A Reference Path can only use single names and indexes (no '..', '*', filters, slices or lists)", "/States/S/HeartbeatSecondsPath"],
  ]);
  const s = state<TaskState>(only(task({ TimeoutSecondsPath: "$.timeout", HeartbeatSecondsPath: "$$.Execution.Input.hb" })));
  assert.deepEqual(s.timeoutSeconds, { kind: "path", path: "$.timeout" });
  assert.deepEqual(s.heartbeatSeconds, { kind: "path", path: "$$.Execution.Input.hb" });
});

test("Task: ResultSelector must be an object; Credentials must name a role", () => {
  assert.deepEqual(schemaErrors(only(task({ ResultSelector: "$.x" }))), [["Expected value of type Object", "/States/S/ResultSelector"]]);
  assert.deepEqual(schemaErrors(only(task({ Credentials: { Other: 1 } }))), [["The field 'RoleArn' is required", "/States/S/Credentials"]]);
  assert.deepEqual(errors(only(task({ Credentials: { "RoleArn.$": "$.role" } }))), []);
});

test("Retry and Catch: the rules module's checks with full locations", () => {
  assert.deepEqual(schemaErrors(only(task({ Retry: [{ ErrorEquals: ["States.ALL", "X"] }] }))), [
    ["States.ALL must appear alone and at end of list", "/States/S/Retry[0]/ErrorEquals[0]"],
  ]);
  assert.deepEqual(schemaErrors(only(task({ Retry: [{}] }))), [["These fields are required: [ErrorEquals]", "/States/S/Retry[0]"]]);
  assert.deepEqual(schemaErrors(only(task({ Retry: [{ ErrorEquals: ["X"], BackoffRate: 0.5 }] }))), [["Minimum value is 1.0", "/States/S/Retry[0]/BackoffRate"]]);
  assert.deepEqual(schemaErrors(only(task({ Catch: [{ ErrorEquals: ["X"] }] }))), [["These fields are required: [Next]", "/States/S/Catch[0]"]]);
  assert.deepEqual(schemaErrors({ StartAt: "S", States: { S: task({ Catch: [{ ErrorEquals: ["X"], Next: "S", ResultPath: "x" }] }) } }), [
    ["The value for the field 'ResultPath' must be a valid ReferencePath", "/States/S/Catch[0]/ResultPath"],
  ]);
  assert.deepEqual(schemaErrors({ StartAt: "S", States: { S: task({ Catch: [{ ErrorEquals: ["X"], Next: "S", Output: {} }] }) } }), [
    ["The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/S/Catch[0]"],
  ]);
  assert.deepEqual(schemaErrors({ StartAt: "S", States: { S: task({ Catch: [{ ErrorEquals: ["X"], Next: "S", Assign: { "bad name": 1 } }] }) } }), [
    ["The variable name 'bad name' is not valid: it must start with a letter or '_' and contain only letters, digits and '_'", "/States/S/Catch[0]/Assign"],
  ]);
});

// ---------------------------------------------------------------------------------------- Choice

test("Choice: compiled rules and Default", () => {
  const def = {
    StartAt: "C",
    States: {
      C: {
        Type: "Choice",
        Choices: [
          { Variable: "$.n", NumericGreaterThan: 1, Next: "Big" },
          { And: [{ Variable: "$$.Execution.Input.x", IsPresent: true }, { Not: { Variable: "$x", StringEquals: "a" } }], Next: "Big", Assign: { "seen.$": "$.n" } },
        ],
        Default: "Small",
      },
      Big: { Type: "Succeed" },
      Small: { Type: "Fail" },
    },
  };
  const s = state<ChoiceState>(def, "C");
  assert.equal(s.default, "Small");
  assert.equal(s.choices.language, "JSONPath");
  if (s.choices.language !== "JSONPath") return;
  assert.equal(s.choices.rules.choices.length, 2);
  assert.equal(s.choices.rules.choices[0].rule.kind, "Test");
  assert.equal(s.choices.rules.choices[1].rule.kind, "And");
  assert.deepEqual(s.choices.rules.choices[1].assign, { "seen.$": "$.n" });
  assert.equal(s.next, undefined);
  assert.equal(s.end, false);
});

test("Choice: the rules module's diagnostics, located in the machine", () => {
  const choice = (choices: unknown) => ({ StartAt: "C", States: { C: { Type: "Choice", Choices: choices, Default: "D" }, D: { Type: "Succeed" } } });
  assert.deepEqual(schemaErrors({ StartAt: "C", States: { C: { Type: "Choice", Default: "D" }, D: { Type: "Succeed" } } }), [["The field 'Choices' is required", "/States/C"]]);
  assert.deepEqual(schemaErrors(choice([])), [["Value cannot be empty", "/States/C/Choices"]]);
  assert.deepEqual(schemaErrors(choice([{ Variable: "x", IsPresent: true, Next: "D" }])), [
    ["Value is not a Reference Path: Reference path didn't start with '$'", "/States/C/Choices[0]/Variable"],
  ]);
  assert.deepEqual(schemaErrors(choice([{ Variable: "$.a[?(@.x", IsPresent: true, Next: "D" }])).length, 1);
  assert.deepEqual(schemaErrors(choice([{ Variable: "$.x", NumericEquals: "1", Next: "D" }])), [["Expected value of type Number", "/States/C/Choices[0]/NumericEquals"]]);
  assert.deepEqual(schemaErrors(choice([{ Variable: "$.x", IsPresent: true, Next: "D", Assign: { "a.$": "nope" } }])), [
    ["The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call", "/States/C/Choices[0]/Assign"],
  ]);
});

// ------------------------------------------------------------------------------------------ Wait

test("Wait: every timing field", () => {
  const wait = (fields: Record<string, unknown>) => state<WaitState>(only({ Type: "Wait", End: true, ...fields }));
  assert.deepEqual(wait({ Seconds: 10 }).wait, { language: "JSONPath", timing: { kind: "Seconds", seconds: 10 } });
  assert.deepEqual(wait({ Timestamp: "2016-03-14T01:59:00Z" }).wait, { language: "JSONPath", timing: { kind: "Timestamp", timestamp: "2016-03-14T01:59:00Z" } });
  assert.deepEqual(wait({ SecondsPath: "$.s" }).wait, { language: "JSONPath", timing: { kind: "SecondsPath", path: "$.s" } });
  assert.deepEqual(wait({ TimestampPath: "$$.Execution.Input.t" }).wait, { language: "JSONPath", timing: { kind: "TimestampPath", path: "$$.Execution.Input.t" } });
});

test("Wait: the rules module's diagnostics", () => {
  const fields = "[SecondsPath, Seconds, TimestampPath, Timestamp]";
  assert.deepEqual(schemaErrors(only({ Type: "Wait", End: true })), [[`This object should have only one of the following fields: ${fields}`, "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Wait", Seconds: 1, SecondsPath: "$.s", End: true })), [[`There should only be one of the following fields: ${fields}`, "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Wait", Seconds: 100_000_000, End: true })), [["Maximum value is 99999999", "/States/S/Seconds"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Wait", SecondsPath: "$.a..b", End: true })), [
    ["Value is not a Reference Path: A Reference Path can only use single names and indexes (no '..', '*', filters, slices or lists)", "/States/S/SecondsPath"],
  ]);
});

// -------------------------------------------------------------------------------- Succeed / Fail

test("Succeed: InputPath and OutputPath only", () => {
  const s = state<SucceedState>(only({ Type: "Succeed", InputPath: "$.a", OutputPath: "$.b" }));
  assert.deepEqual([s.type, s.end, s.inputPath, s.outputPath], ["Succeed", true, "$.a", "$.b"]);
  assert.deepEqual(schemaErrors(only({ Type: "Succeed", ResultPath: "$.x", Assign: {} })), [
    ["Field 'ResultPath' is not supported", "/States/S"],
    ["Field 'Assign' is not supported", "/States/S"],
  ]);
});

test("Fail: Error and Cause, literal or from a path or intrinsic", () => {
  const fail = (fields: Record<string, unknown>) => state<FailState>(only({ Type: "Fail", ...fields }));
  const literal = fail({ Error: "E", Cause: "C" });
  assert.deepEqual([literal.error, literal.cause, literal.end], [{ kind: "value", value: "E" }, { kind: "value", value: "C" }, true]);
  const paths = fail({ ErrorPath: "$.err", CausePath: "States.Format('bad {}', $.x)" });
  assert.deepEqual([paths.error, paths.cause], [{ kind: "path", path: "$.err" }, { kind: "path", path: "States.Format('bad {}', $.x)" }]);
  assert.deepEqual(fail({}).error, undefined);
});

test("Fail: problems", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Fail", Error: "E", ErrorPath: "$.e" })), [["There should only be one of the following fields: [Error, ErrorPath]", "/States/S"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Fail", Cause: 5 })), [["Expected value of type String", "/States/S/Cause"]]);
  assert.deepEqual(schemaErrors(only({ Type: "Fail", CausePath: "nope" })), [
    ["The value for the field 'CausePath' must be a valid JSONPath or a valid intrinsic function call", "/States/S/CausePath"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Fail", InputPath: "$", OutputPath: "$", Assign: {} })), [
    ["Field 'InputPath' is not supported", "/States/S"],
    ["Field 'OutputPath' is not supported", "/States/S"],
    ["Field 'Assign' is not supported", "/States/S"],
  ]);
});

// ------------------------------------------------------------------------ fields per state type

test("which state types accept which fields", () => {
  const minimal: Record<string, Record<string, unknown>> = {
    Pass: { Type: "Pass", End: true },
    Task: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true },
    Choice: { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "S" }] },
    Wait: { Type: "Wait", Seconds: 1, End: true },
    Succeed: { Type: "Succeed" },
    Fail: { Type: "Fail" },
    Parallel: { Type: "Parallel", Branches: [{ StartAt: "B", States: { B: { Type: "Pass", End: true } } }], End: true },
    Map: { Type: "Map", ItemProcessor: { StartAt: "M", States: { M: { Type: "Pass", End: true } } }, End: true },
  };
  // Field → the types that accept it (documented per state type in the Developer Guide).
  const accepted: Record<string, [string[], unknown]> = {
    Retry: [["Task", "Parallel", "Map"], [{ ErrorEquals: ["States.ALL"] }]],
    Catch: [["Task", "Parallel", "Map"], [{ ErrorEquals: ["States.ALL"], Next: "S" }]],
    TimeoutSeconds: [["Task"], 5],
    HeartbeatSeconds: [["Task"], 1],
    ResultPath: [["Pass", "Task", "Parallel", "Map"], "$.r"],
    Parameters: [["Pass", "Task", "Parallel", "Map"], {}],
    ResultSelector: [["Task", "Parallel", "Map"], {}],
    InputPath: [["Pass", "Task", "Choice", "Wait", "Succeed", "Parallel", "Map"], "$"],
    OutputPath: [["Pass", "Task", "Choice", "Wait", "Succeed", "Parallel", "Map"], "$"],
    Assign: [["Pass", "Task", "Choice", "Wait", "Parallel", "Map"], { v: 1 }],
    Result: [["Pass"], 1],
    Resource: [["Task"], "arn:aws:states:::lambda:invoke"],
    Credentials: [["Task"], { RoleArn: "arn:aws:iam::123456789012:role/R" }],
    Branches: [["Parallel"], [{ StartAt: "B2", States: { B2: { Type: "Pass", End: true } } }]],
    ItemsPath: [["Map"], "$.items"],
    MaxConcurrency: [["Map"], 1],
    Error: [["Fail"], "E"],
    Cause: [["Fail"], "C"],
    Default: [["Choice"], "S"],
    Seconds: [["Wait"], 1],
  };
  for (const [field, [types, value]] of Object.entries(accepted)) {
    for (const [type, state] of Object.entries(minimal)) {
      if (Object.prototype.hasOwnProperty.call(state, field)) continue;
      const found = schemaErrors(only({ ...state, [field]: value })).some(([m]) => m === `Field '${field}' is not supported`);
      assert.equal(found, !types.includes(type), `${field} on ${type}`);
    }
  }
});
