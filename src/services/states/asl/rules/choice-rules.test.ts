import { test } from "node:test";
import assert from "node:assert/strict";
import { compileChoiceRule, compileChoiceState } from "./choice-rules.js";
import { COMPARISON_OPERATORS } from "./choice-operators.js";
import { invalidDefinitionMessage, type Diagnostic } from "./errors.js";

const LIST = COMPARISON_OPERATORS.join(", ");
/** AWS's two sentences for a Data-test with no operator and with several (observed). */
const NONE = `This object should have only one of the following fields: [${LIST}]`;
const MANY = `There should only be one of the following fields: [${LIST}]`;

function stateDiagnostics(raw: { Choices?: unknown; Default?: unknown }): Diagnostic[] {
  const result = compileChoiceState(raw, "/States/Dispatch");
  return result.ok ? [] : [...result.diagnostics];
}

function ruleDiagnostics(raw: unknown, topLevel = false): { message: string; location: string }[] {
  const result = compileChoiceRule(raw, "/R", topLevel);
  return result.ok ? [] : result.diagnostics.map(({ message, location }) => ({ message, location }));
}

test("AWS's list of comparison operators has all 39, each once", () => {
  assert.equal(COMPARISON_OPERATORS.length, 39);
  assert.equal(new Set(COMPARISON_OPERATORS).size, 39);
  assert.ok(LIST.startsWith("StringEquals, IsBoolean, StringLessThan, IsNumeric, BooleanEquals"));
});

test("observed AWS refusals: empty Choices, rule without comparator, two comparators, empty Or, bad Variable", () => {
  assert.deepEqual(stateDiagnostics({ Choices: [], Default: "Fallback" }), [{ code: "SCHEMA_VALIDATION_FAILED", message: "Value cannot be empty", location: "/States/Dispatch/Choices" }]);
  assert.deepEqual(stateDiagnostics({ Choices: [{ Variable: "$.status", Next: "Matched" }] }), [{ code: "SCHEMA_VALIDATION_FAILED", message: NONE, location: "/States/Dispatch/Choices[0]" }]);
  assert.deepEqual(stateDiagnostics({ Choices: [{ Variable: "$.value", StringEquals: "1", NumericGreaterThan: 0, Next: "Matched" }] }), [
    { code: "SCHEMA_VALIDATION_FAILED", message: MANY, location: "/States/Dispatch/Choices[0]" },
  ]);
  assert.deepEqual(stateDiagnostics({ Choices: [{ Not: { Or: [] }, Next: "Matched" }] }), [{ code: "SCHEMA_VALIDATION_FAILED", message: "Value cannot be empty", location: "/States/Dispatch/Choices[0]/Not/Or" }]);
  assert.deepEqual(stateDiagnostics({ Choices: [{ Variable: "status", StringEquals: "READY", Next: "Matched" }] }), [
    { code: "SCHEMA_VALIDATION_FAILED", message: "Value is not a Reference Path: Reference path didn't start with '$'", location: "/States/Dispatch/Choices[0]/Variable" },
  ]);
});

test("Next: required at the top level, refused inside And/Or/Not", () => {
  assert.deepEqual(ruleDiagnostics({ Variable: "$.a", IsNull: true }, true), [{ message: "The field 'Next' is required", location: "/R" }]);
  assert.deepEqual(ruleDiagnostics({ Variable: "$.a", IsNull: true, Next: 5 }, true), [{ message: "Expected value of type String", location: "/R/Next" }]);
  assert.deepEqual(ruleDiagnostics({ And: [{ Variable: "$.a", IsNull: true, Next: "X" }], Next: "Y" }, true), [{ message: "Field 'Next' is not supported", location: "/R/And[0]" }]);
  assert.deepEqual(ruleDiagnostics({ Not: { Variable: "$.a", IsNull: true, Next: "X" } }), [{ message: "Field 'Next' is not supported", location: "/R/Not" }]);
  assert.deepEqual(ruleDiagnostics({ Variable: "$.a", IsNull: true, Assign: { x: 1 } }), [{ message: "Field 'Assign' is not supported", location: "/R" }]);
  assert.deepEqual(ruleDiagnostics({ Variable: "$.a", IsNull: true, Next: "X", Assign: { x: 1 }, Comment: "c" }, true), []);
});

test("Data-test rules need a Variable that is a path, and exactly one operator", () => {
  assert.deepEqual(ruleDiagnostics({ StringEquals: "x" }), [{ message: "The field 'Variable' is required", location: "/R" }]);
  assert.deepEqual(ruleDiagnostics({ Variable: 5, StringEquals: "x" }), [{ message: "Expected value of type String", location: "/R/Variable" }]);
  assert.deepEqual(ruleDiagnostics({}), [{ message: NONE, location: "/R" }, { message: "The field 'Variable' is required", location: "/R" }]);
  assert.deepEqual(ruleDiagnostics({ Variable: "$.a", IsNull: true, IsPresent: true }), [{ message: MANY, location: "/R" }]);
  assert.deepEqual(ruleDiagnostics({ Variable: "$.a", StringEqual: "typo" }), [{ message: "Field 'StringEqual' is not supported", location: "/R" }, { message: NONE, location: "/R" }]);
});

test("operand types per operator", () => {
  const cases: [string, unknown, string | undefined][] = [
    ["StringEquals", "x", undefined], ["StringEquals", 1, "Expected value of type String"], ["StringLessThanEquals", null, "Expected value of type String"],
    ["StringMatches", "a*", undefined], ["StringMatches", 1, "Expected value of type String"],
    ["StringMatches", "a\\b", undefined], // an open escape fails at run time, per the spec
    ["NumericEquals", 1.5, undefined], ["NumericEquals", "1", "Expected value of type Number"], ["NumericGreaterThan", true, "Expected value of type Number"],
    ["BooleanEquals", false, undefined], ["BooleanEquals", "true", "Expected value of type Boolean"],
    ["TimestampEquals", "2001-01-01T12:00:00Z", undefined], ["TimestampLessThan", "2001-01-01T12:00:00+05:00", undefined],
    ["TimestampEquals", "not-a-timestamp", "String does not match RFC3339 timestamp"], ["TimestampGreaterThan", "2001-01-01", "String does not match RFC3339 timestamp"],
    ["TimestampEquals", 978350400, "Expected value of type String"],
    ["IsNull", true, undefined], ["IsPresent", false, undefined], ["IsTimestamp", "true", "Expected value of type Boolean"], ["IsString", 1, "Expected value of type Boolean"],
    ["StringEqualsPath", "$.b", undefined], ["NumericEqualsPath", "b", "Value is not a Reference Path: Reference path didn't start with '$'"],
    ["TimestampEqualsPath", "$$.Execution.StartTime", undefined], ["BooleanEqualsPath", true, "Expected value of type String"],
  ];
  for (const [op, operand, message] of cases) {
    const expected = message === undefined ? [] : [{ message, location: `/R/${op}` }];
    assert.deepEqual(ruleDiagnostics({ Variable: "$.a", [op]: operand }), expected, `${op} ${JSON.stringify(operand)}`);
  }
});

test("And/Or take a non-empty array of rules, Not a single rule; the three do not mix", () => {
  assert.deepEqual(ruleDiagnostics({ And: { Variable: "$.a", IsNull: true } }), [{ message: "Expected value of type Array", location: "/R/And" }]);
  assert.deepEqual(ruleDiagnostics({ Or: [] }), [{ message: "Value cannot be empty", location: "/R/Or" }]);
  assert.deepEqual(ruleDiagnostics({ Not: [{ Variable: "$.a", IsNull: true }] }), [{ message: "Expected value of type Object", location: "/R/Not" }]);
  assert.deepEqual(ruleDiagnostics({ And: [{ Variable: "$.a", IsNull: true }], Or: [{ Variable: "$.a", IsNull: true }] }), [{ message: "There should only be one of the following fields: [And, Or, Not]", location: "/R" }]);
  assert.deepEqual(ruleDiagnostics({ Not: { Variable: "$.a", IsNull: true }, Variable: "$.a", IsNull: true }), [
    { message: "Field 'Variable' is not supported", location: "/R" },
    { message: "Field 'IsNull' is not supported", location: "/R" },
  ]);
  // Every problem in a nested tree is reported, each at its own location.
  assert.deepEqual(ruleDiagnostics({ Or: [{ Variable: "$.a", NumericEquals: "1" }, { And: [{ Variable: "b", IsNull: true }, 3] }] }), [
    { message: "Expected value of type Number", location: "/R/Or[0]/NumericEquals" },
    { message: "Value is not a Reference Path: Reference path didn't start with '$'", location: "/R/Or[1]/And[0]/Variable" },
    { message: "Expected value of type Object", location: "/R/Or[1]/And[1]" },
  ]);
});

test("Choices and Default fields of the state", () => {
  assert.deepEqual(stateDiagnostics({}).map((d) => d.message), ["The field 'Choices' is required"]);
  assert.deepEqual(stateDiagnostics({ Choices: {} }).map((d) => [d.message, d.location]), [["Expected value of type Array", "/States/Dispatch/Choices"]]);
  assert.deepEqual(stateDiagnostics({ Choices: [{ Variable: "$.a", IsNull: true, Next: "X" }], Default: 3 }).map((d) => [d.message, d.location]), [["Expected value of type String", "/States/Dispatch/Default"]]);
  const ok = compileChoiceState({ Choices: [{ Variable: "$.a", IsNull: true, Next: "X" }], Default: "D" }, "/States/S");
  assert.ok(ok.ok);
  assert.equal(ok.ok && ok.value.default, "D");
  assert.equal(ok.ok && ok.value.choices[0].next, "X");
});

test("an injected path checker decides what a valid path is", () => {
  const result = compileChoiceRule({ Variable: "$.a[", StringEqualsPath: "$.b" }, "/R", false, {
    checkPath: (path, kind) => (path.endsWith("[") ? `bad ${kind} path` : undefined),
  });
  assert.deepEqual(result.ok ? [] : result.diagnostics.map((d) => [d.message, d.location]), [["bad reference path", "/R/Variable"]]);
});

test("diagnostics render as CreateStateMachine's InvalidDefinition message", () => {
  const result = compileChoiceState({ Choices: [{ Variable: "$.v", NumericEquals: "x", Next: "A" }, { Or: [], Next: "B" }] }, "/States/C");
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(
    invalidDefinitionMessage(result.diagnostics),
    "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Expected value of type Number at /States/C/Choices[0]/NumericEquals, SCHEMA_VALIDATION_FAILED: Value cannot be empty at /States/C/Choices[1]/Or'",
  );
});
