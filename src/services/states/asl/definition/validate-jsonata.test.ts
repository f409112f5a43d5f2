import { test } from "node:test";
import assert from "node:assert/strict";
import type { ChoiceState, FailState, MapState, PassState, TaskState, WaitState } from "./model.js";
import { errors, only, parse, schemaErrors } from "./test-support.js";

const JSONATA = { QueryLanguage: "JSONata" };
const onlyJsonata = (s: Record<string, unknown>) => only(s, JSONATA);
const wrong = (language: "JSONPath" | "JSONata", field: string) =>
  `The QueryLanguage is set to '${language}', but field '${field}' is only supported for the '${language === "JSONPath" ? "JSONata" : "JSONPath"}' QueryLanguage`;

test("the machine's QueryLanguage", () => {
  assert.equal(parse(only({ Type: "Pass", End: true })).queryLanguage, "JSONPath");
  assert.equal(parse(only({ Type: "Pass", End: true }, { QueryLanguage: "JSONPath" })).queryLanguage, "JSONPath");
  const def = parse(onlyJsonata({ Type: "Pass", Output: { v: "{% 1 + 1 %}" }, End: true }));
  assert.equal(def.queryLanguage, "JSONata");
  const s = def.states.get("S") as PassState;
  assert.equal(s.queryLanguage, "JSONata");
  assert.deepEqual(s.output, { v: "{% 1 + 1 %}" });
});

test("a QueryLanguage outside the enum: reported, and the machine is JSONata", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass", Output: { v: 1 }, End: true }, { QueryLanguage: "jsonata" })), [
    ["Value should be one of the following: [JSONPath, JSONata]", "/QueryLanguage"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", InputPath: "$.a", End: true }, { QueryLanguage: "jsonpath" })), [
    ["Value should be one of the following: [JSONPath, JSONata]", "/QueryLanguage"],
    [wrong("JSONata", "InputPath"), "/States/S"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", End: true }, { QueryLanguage: 5 })), [["Expected value of type String", "/QueryLanguage"]]);
});

test("a state may opt into JSONata under a JSONPath machine", () => {
  const def = parse({
    StartAt: "A",
    States: { A: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% $states.input %}", Next: "B" }, B: { Type: "Pass", InputPath: "$.x", End: true } },
  });
  assert.equal(def.states.get("A")?.queryLanguage, "JSONata");
  assert.equal(def.states.get("B")?.queryLanguage, "JSONPath");
  assert.equal(def.queryLanguage, "JSONPath");
});

test("a state cannot go back to JSONPath under a JSONata machine (recorded)", () => {
  // Recorded against AWS (ValidateStateMachineDefinition).
  assert.deepEqual(errors(onlyJsonata({ Type: "Pass", QueryLanguage: "JSONPath", End: true })), [
    ["SCHEMA_VALIDATION_FAILED", "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/S"],
  ]);
  // The downgrade is the whole answer about fields: Output is not reported on top of it.
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Pass", QueryLanguage: "JSONPath", Output: { v: 1 }, End: true })), [
    ["'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/S"],
  ]);
  // Other checks still run.
  const map = { Type: "Map", QueryLanguage: "JSONPath", MaxConcurrency: -1, ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true };
  assert.deepEqual(schemaErrors(onlyJsonata(map)), [
    ["'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/S"],
    ["Minimum value is 0", "/States/S/MaxConcurrency"],
  ]);
});

test("a state's QueryLanguage outside the enum makes it JSONata, and is reported after its fields", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Pass", QueryLanguage: "jsonata", Output: { v: 1 }, InputPath: "$.a", End: true })), [
    [wrong("JSONata", "InputPath"), "/States/S"],
    ["Value should be one of the following: [JSONPath, JSONata]", "/States/S/QueryLanguage"],
  ]);
  assert.deepEqual(schemaErrors(only({ Type: "Pass", QueryLanguage: 5, InputPath: "$.a", End: true })), [
    [wrong("JSONata", "InputPath"), "/States/S"],
    ["Expected value of type String", "/States/S/QueryLanguage"],
  ]);
  // "jsonpath" is not a downgrade: only the spelling is reported.
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Pass", QueryLanguage: "jsonpath", End: true })), [
    ["Value should be one of the following: [JSONPath, JSONata]", "/States/S/QueryLanguage"],
  ]);
});

test("JSONPath-only fields in a JSONata state, in a fixed order, at the state", () => {
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Pass", ResultPath: "$.c", OutputPath: "$.b", InputPath: "$.a", End: true })), [
    [wrong("JSONata", "InputPath"), "/States/S"],
    [wrong("JSONata", "OutputPath"), "/States/S"],
    [wrong("JSONata", "ResultPath"), "/States/S"],
  ]);
  const task = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: {}, ResultSelector: {}, TimeoutSecondsPath: "$.t", End: true };
  assert.deepEqual(schemaErrors(onlyJsonata(task)).map(([m]) => m), [wrong("JSONata", "Parameters"), wrong("JSONata", "ResultSelector"), wrong("JSONata", "TimeoutSecondsPath")]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Wait", SecondsPath: "$.s", End: true })), [[wrong("JSONata", "SecondsPath"), "/States/S"]]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Fail", ErrorPath: "$.e" })), [[wrong("JSONata", "ErrorPath"), "/States/S"]]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Pass", Result: 1, End: true })), [[wrong("JSONata", "Result"), "/States/S"]]);
});

test("JSONata-only fields in a JSONPath state", () => {
  assert.deepEqual(schemaErrors(only({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Output: { v: 1 }, Arguments: { p: "x" }, End: true })), [
    [wrong("JSONPath", "Output"), "/States/S"],
    [wrong("JSONPath", "Arguments"), "/States/S"],
  ]);
  const map = { Type: "Map", Items: [{ n: 1 }], ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true };
  assert.deepEqual(schemaErrors(only(map)), [[wrong("JSONPath", "Items"), "/States/S"]]);
  // Assign belongs to both languages.
  assert.deepEqual(errors(only({ Type: "Pass", Assign: { counter: 1 }, End: true })), []);
});

test("nested states take the machine's language, not their Parallel's or Map's", () => {
  const def = {
    QueryLanguage: "JSONPath",
    StartAt: "PAR",
    States: {
      PAR: {
        Type: "Parallel",
        QueryLanguage: "JSONata",
        Branches: [{ StartAt: "P", States: { P: { Type: "Pass", Output: { doubled: "{% $states.input.n * 2 %}" }, End: true } } }],
        End: true,
      },
    },
  };
  assert.deepEqual(schemaErrors(def), [[wrong("JSONPath", "Output"), "/States/PAR/Branches[0]/States/P"]]);
  // Declaring JSONata on the nested state itself works at any depth.
  const branch = def.States.PAR.Branches[0].States.P as Record<string, unknown>;
  branch.QueryLanguage = "JSONata";
  assert.equal(parse(def).allStates.get("P")?.queryLanguage, "JSONata");
});

test("JSONata Task: Arguments, expressions for numbers", () => {
  const s = parse(onlyJsonata({
    Type: "Task",
    Resource: "arn:aws:states:::lambda:invoke",
    Arguments: { FunctionName: "f", Payload: "{% $states.input %}" },
    TimeoutSeconds: "{% $states.input.timeout %}",
    HeartbeatSeconds: 5,
    Output: "{% $states.result.Payload %}",
    Assign: { last: "{% $states.result %}" },
    Catch: [{ ErrorEquals: ["States.ALL"], Output: "{% $states.errorOutput %}", Assign: { failed: true }, Next: "S" }],
    End: true,
  })).states.get("S") as TaskState;
  assert.deepEqual(s.arguments, { FunctionName: "f", Payload: "{% $states.input %}" });
  assert.deepEqual(s.timeoutSeconds, { kind: "jsonata", expression: "$states.input.timeout" });
  assert.deepEqual(s.heartbeatSeconds, { kind: "value", value: 5 });
  assert.equal(s.output, "{% $states.result.Payload %}");
  assert.deepEqual(s.catch[0], { errorEquals: ["States.ALL"], next: "S", resultPath: "$", assign: { failed: true }, output: "{% $states.errorOutput %}" });
});

test("JSONata values: numbers given as strings must be expressions", () => {
  const task = (fields: Record<string, unknown>) => onlyJsonata({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true, ...fields });
  assert.deepEqual(schemaErrors(task({ TimeoutSeconds: "10" })), [["The value must be a JSONata expression enclosed in '{%' and '%}'", "/States/S/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors(task({ Arguments: "{% $x" })), [["The value must be a JSONata expression enclosed in '{%' and '%}'", "/States/S/Arguments"]]);
  assert.deepEqual(schemaErrors(task({ Arguments: [1] })), [["Expected value of type Object", "/States/S/Arguments"]]);
  assert.deepEqual(schemaErrors(task({ TimeoutSeconds: 0 })), [["Minimum value is 1", "/States/S/TimeoutSeconds"]]);
  assert.deepEqual(schemaErrors(task({ Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.e", Next: "S" }] })), [[wrong("JSONata", "ResultPath"), "/States/S/Catch[0]"]]);
});

test("JSONata Choice: Condition rules", () => {
  const def = {
    QueryLanguage: "JSONata",
    StartAt: "C",
    States: {
      C: {
        Type: "Choice",
        Choices: [
          { Condition: "{% $states.input.n > 1 %}", Next: "Big", Assign: { big: true }, Output: { n: "{% $states.input.n %}" } },
          { Condition: true, Next: "Small" },
        ],
        Default: "Small",
      },
      Big: { Type: "Succeed" },
      Small: { Type: "Succeed" },
    },
  };
  const s = parse(def).states.get("C") as ChoiceState;
  assert.equal(s.choices.language, "JSONata");
  if (s.choices.language !== "JSONata") return;
  assert.deepEqual(s.choices.choices, [
    { condition: "$states.input.n > 1", next: "Big", assign: { big: true }, output: { n: "{% $states.input.n %}" } },
    { condition: true, next: "Small" },
  ]);
  assert.equal(s.default, "Small");
  const bad = (choices: unknown) => ({ ...def, States: { ...def.States, C: { Type: "Choice", Choices: choices, Default: "Small" } } });
  assert.deepEqual(schemaErrors(bad([{ Next: "Big" }])), [["The field 'Condition' is required", "/States/C/Choices[0]"]]);
  assert.deepEqual(schemaErrors(bad([{ Condition: "$states.input.n", Next: "Big" }])), [["The value must be a JSONata expression enclosed in '{%' and '%}'", "/States/C/Choices[0]/Condition"]]);
  assert.deepEqual(schemaErrors(bad([{ Variable: "$.n", IsPresent: true, Condition: true, Next: "Big" }])), [
    ["Field 'Variable' is not supported", "/States/C/Choices[0]"],
    ["Field 'IsPresent' is not supported", "/States/C/Choices[0]"],
  ]);
  assert.deepEqual(schemaErrors(bad([{ Condition: true }])), [["The field 'Next' is required", "/States/C/Choices[0]"]]);
  assert.deepEqual(schemaErrors(bad([])), [["Value cannot be empty", "/States/C/Choices"]]);
  assert.deepEqual(schemaErrors(bad([1])), [["Expected value of type Object", "/States/C/Choices[0]"]]);
});

test("JSONata Wait", () => {
  const wait = (fields: Record<string, unknown>) => parse(onlyJsonata({ Type: "Wait", End: true, ...fields })).states.get("S") as WaitState;
  assert.deepEqual(wait({ Seconds: 5 }).wait, { language: "JSONata", seconds: { kind: "value", value: 5 } });
  assert.deepEqual(wait({ Seconds: "{% $states.input.s %}" }).wait, { language: "JSONata", seconds: { kind: "jsonata", expression: "$states.input.s" } });
  assert.deepEqual(wait({ Timestamp: "2025-01-01T00:00:00Z" }).wait, { language: "JSONata", timestamp: { kind: "value", value: "2025-01-01T00:00:00Z" } });
  assert.deepEqual(wait({ Timestamp: "{% $states.input.t %}" }).wait, { language: "JSONata", timestamp: { kind: "jsonata", expression: "$states.input.t" } });
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Wait", End: true })), [["This object should have only one of the following fields: [Seconds, Timestamp]", "/States/S"]]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Wait", Seconds: 1, Timestamp: "2025-01-01T00:00:00Z", End: true })), [
    ["There should only be one of the following fields: [Seconds, Timestamp]", "/States/S"],
  ]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Wait", Timestamp: "tomorrow", End: true })), [["String does not match RFC3339 timestamp", "/States/S/Timestamp"]]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Wait", Seconds: -1, End: true })), [["Minimum value is 0", "/States/S/Seconds"]]);
});

test("JSONata Map: Items, ItemSelector, expressions", () => {
  const processor = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
  const s = parse(onlyJsonata({
    Type: "Map",
    Items: "{% $states.input.list %}",
    ItemSelector: { v: "{% $states.context.Map.Item.Value %}" },
    MaxConcurrency: "{% $states.input.limit %}",
    ToleratedFailurePercentage: 5,
    ItemProcessor: processor,
    Output: { count: "{% $count($states.result) %}" },
    End: true,
  })).states.get("S") as MapState;
  assert.equal(s.items, "{% $states.input.list %}");
  assert.deepEqual(s.itemSelector, { v: "{% $states.context.Map.Item.Value %}" });
  assert.deepEqual(s.maxConcurrency, { kind: "jsonata", expression: "$states.input.limit" });
  assert.deepEqual(s.toleratedFailurePercentage, { kind: "value", value: 5 });
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Map", Items: { a: 1 }, ItemProcessor: processor, End: true })), [["Expected value of type Array", "/States/S/Items"]]);
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Map", ItemsPath: "$.a", MaxConcurrencyPath: "$.m", ItemProcessor: processor, End: true })), [
    [wrong("JSONata", "ItemsPath"), "/States/S"],
    [wrong("JSONata", "MaxConcurrencyPath"), "/States/S"],
  ]);
  assert.deepEqual(errors(onlyJsonata({ Type: "Map", Items: [1, 2], ItemProcessor: processor, End: true })), []);
});

test("JSONata Fail: Error and Cause may be expressions", () => {
  const s = parse(onlyJsonata({ Type: "Fail", Error: "{% $states.input.code %}", Cause: "plain" })).states.get("S") as FailState;
  assert.deepEqual(s.error, { kind: "jsonata", expression: "$states.input.code" });
  assert.deepEqual(s.cause, { kind: "value", value: "plain" });
});

test("JSONata Assign keeps values as written; names are still checked", () => {
  const s = parse(onlyJsonata({ Type: "Pass", Assign: { x: "{% 1 %}" }, End: true })).states.get("S") as PassState;
  assert.deepEqual(s.assign, { x: "{% 1 %}" });
  // In JSONata ".$" is not special: "x.$" is not a valid variable name.
  assert.deepEqual(schemaErrors(onlyJsonata({ Type: "Pass", Assign: { "x.$": "$.a" }, End: true })), [
    ["The variable name 'x.$' is not valid: it must start with a letter or '_' and contain only letters, digits and '_'", "/States/S/Assign"],
  ]);
});
