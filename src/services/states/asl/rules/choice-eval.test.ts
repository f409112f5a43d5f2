import { test } from "node:test";
import assert from "node:assert/strict";
import { compileChoiceRule, compileChoiceState } from "./choice-rules.js";
import { chooseTransition, evaluateChoiceRule, invalidChoicePathCause, NO_TRANSITION_CAUSE } from "./choice-eval.js";
import { readerFor } from "./test-support.js";
import type { Outcome } from "./errors.js";

function rule(raw: unknown) {
  const compiled = compileChoiceRule(raw, "/rule", false);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

function evalRule(raw: unknown, input: unknown): Outcome<boolean> {
  return evaluateChoiceRule(rule(raw), readerFor(input));
}

function state(raw: { Choices: unknown; Default?: string }) {
  const compiled = compileChoiceState(raw, "/States/Check");
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

const MISSING = Symbol("missing");

/**
 * The values and expectations LocalStack recorded against AWS for the Is* operators
 * (tests/aws/services/stepfunctions/v2/choice_operators, TYPE_COMPARISONS): each value is
 * tested with operand true and with operand false.
 */
const IS_VALUES: { value: unknown; is: string[] }[] = [
  { value: null, is: ["IsNull", "IsPresent"] },
  { value: 0, is: ["IsNumeric", "IsPresent"] },
  { value: 1, is: ["IsNumeric", "IsPresent"] },
  { value: 1.1, is: ["IsNumeric", "IsPresent"] },
  { value: -0.5e-10, is: ["IsNumeric", "IsPresent"] },
  { value: "", is: ["IsString", "IsPresent"] },
  { value: " ", is: ["IsString", "IsPresent"] },
  { value: "HelloWorld", is: ["IsString", "IsPresent"] },
  { value: "true", is: ["IsString", "IsPresent"] },
  { value: "2012-10-09T19:00:55", is: ["IsString", "IsPresent"] },
  { value: "2012-10-09T19:00:55Z", is: ["IsString", "IsTimestamp", "IsPresent"] },
  { value: "2012-10-09T19:00:55+01:00", is: ["IsString", "IsTimestamp", "IsPresent"] },
  { value: "2012-10-09T19:00:55.123456Z", is: ["IsString", "IsTimestamp", "IsPresent"] },
  { value: "2023-02-24", is: ["IsString", "IsPresent"] },
  { value: "2025-01-01T00%3A00%3A00Z", is: ["IsString", "IsPresent"] },
  { value: [], is: ["IsPresent"] },
  { value: [""], is: ["IsPresent"] },
  { value: {}, is: ["IsPresent"] },
  { value: { A: 0 }, is: ["IsPresent"] },
  { value: true, is: ["IsBoolean", "IsPresent"] },
  { value: false, is: ["IsBoolean", "IsPresent"] },
  { value: MISSING, is: [] },
];

test("type tests (Is*) with operand true and false", () => {
  for (const { value, is } of IS_VALUES) {
    const input = value === MISSING ? { other: 1 } : { v: value };
    for (const op of ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"]) {
      for (const operand of [true, false]) {
        const result = evalRule({ Variable: "$.v", [op]: operand }, input);
        if (value === MISSING && op !== "IsPresent") {
          assert.deepEqual(result, { ok: false, failure: { error: "States.Runtime", cause: invalidChoicePathCause("$.v") } }, `${op} on a missing path`);
          continue;
        }
        assert.deepEqual(result, { ok: true, value: is.includes(op) === operand }, `${JSON.stringify(value)} ${op} ${operand}`);
      }
    }
  }
});

test("a missing Variable fails with States.Runtime and AWS's sentence (every operator but IsPresent)", () => {
  const expected = { ok: false, failure: { error: "States.Runtime", cause: "Invalid path '$.missing': The choice state's condition path references an invalid value." } };
  for (const [op, operand] of [["StringEquals", "x"], ["NumericEquals", 1], ["BooleanEquals", true], ["TimestampEquals", "2012-10-09T19:00:55Z"], ["StringMatches", "*"], ["IsNull", true], ["IsTimestamp", true], ["StringEqualsPath", "$.v"]] as const) {
    assert.deepEqual(evalRule({ Variable: "$.missing", [op]: operand }, { v: "x" }), expected, op);
  }
  assert.deepEqual(evalRule({ Variable: "$.a.b", StringEquals: "x" }, { a: "not an object" }), { ok: false, failure: { error: "States.Runtime", cause: invalidChoicePathCause("$.a.b") } });
});

test("a ...Path operand that selects nothing fails naming that path", () => {
  assert.deepEqual(evalRule({ Variable: "$.left", NumericLessThanEqualsPath: "$.right" }, { left: 8 }), {
    ok: false,
    failure: { error: "States.Runtime", cause: "Invalid path '$.right': The choice state's condition path references an invalid value." },
  });
  // The Variable is read first.
  assert.deepEqual(evalRule({ Variable: "$.left", BooleanEqualsPath: "$.right" }, {}), { ok: false, failure: { error: "States.Runtime", cause: invalidChoicePathCause("$.left") } });
});

test("a present null is not missing: comparisons are false, IsNull true", () => {
  assert.deepEqual(evalRule({ Variable: "$.v", StringEquals: "null" }, { v: null }), { ok: true, value: false });
  assert.deepEqual(evalRule({ Variable: "$.v", NumericEqualsPath: "$.w" }, { v: 1, w: null }), { ok: true, value: false });
});

test("And, Or and Not nest and stop as soon as the result is known", () => {
  const mightNotExist = { And: [{ Variable: "$.k", IsPresent: true }, { Variable: "$.k", StringEquals: "foo" }] };
  assert.deepEqual(evalRule(mightNotExist, {}), { ok: true, value: false });
  assert.deepEqual(evalRule(mightNotExist, { k: "foo" }), { ok: true, value: true });
  assert.deepEqual(evalRule({ Or: [{ Variable: "$.k", IsPresent: false }, { Variable: "$.k", StringEquals: "foo" }] }, {}), { ok: true, value: true });
  // Without the guard, the missing path is read and fails.
  assert.equal(evalRule({ Or: [{ Variable: "$.a", IsPresent: false }, { Variable: "$.k", StringEquals: "foo" }] }, { a: 1 }).ok, false);
  assert.deepEqual(evalRule({ Not: { Variable: "$.type", StringEquals: "Private" } }, { type: "Public" }), { ok: true, value: true });
  assert.deepEqual(evalRule({ Not: { Not: { Variable: "$.n", NumericEquals: 1 } } }, { n: 1 }), { ok: true, value: true });
  const twenties = { And: [{ Variable: "$.value", NumericGreaterThanEquals: 20 }, { Variable: "$.value", NumericLessThan: 30 }] };
  for (const [value, expected] of [[19, false], [20, true], [22, true], [29.99, true], [30, false], ["22", false]] as const) {
    assert.deepEqual(evalRule(twenties, { value }), { ok: true, value: expected }, String(value));
  }
  const deep = { Or: [{ And: [{ Variable: "$.a", BooleanEquals: true }, { Not: { Variable: "$.b", IsNull: true } }] }, { Variable: "$.c", StringMatches: "x*" }] };
  assert.deepEqual(evalRule(deep, { a: true, b: 1, c: "y" }), { ok: true, value: true });
  assert.deepEqual(evalRule(deep, { a: true, b: null, c: "xy" }), { ok: true, value: true });
  assert.deepEqual(evalRule(deep, { a: false, b: null, c: "y" }), { ok: true, value: false });
  assert.equal(evalRule({ And: [{ Variable: "$.a", BooleanEquals: true }, { Variable: "$.zz", IsNull: true }] }, { a: true }).ok, false);
  assert.deepEqual(evalRule({ And: [{ Variable: "$.a", BooleanEquals: false }, { Variable: "$.zz", IsNull: true }] }, { a: true }), { ok: true, value: false });
});

test("an error inside Not propagates instead of being negated", () => {
  assert.deepEqual(evalRule({ Not: { Variable: "$.x", IsNull: true } }, {}), { ok: false, failure: { error: "States.Runtime", cause: invalidChoicePathCause("$.x") } });
});

test("Choices are tried in order; the first match wins; later rules are not read", () => {
  const s = state({
    Choices: [
      { Not: { Variable: "$.type", StringEquals: "Private" }, Next: "Public" },
      { Variable: "$.value", NumericEquals: 0, Next: "ValueIsZero" },
      { And: [{ Variable: "$.value", NumericGreaterThanEquals: 20 }, { Variable: "$.value", NumericLessThan: 30 }], Next: "ValueInTwenties", Assign: { range: "twenties" } },
      { Variable: "$.never", IsNull: true, Next: "Never" },
    ],
    Default: "DefaultState",
  });
  assert.deepEqual(chooseTransition(s, readerFor({ type: "Private", value: 22 })), { ok: true, value: { next: "ValueInTwenties", matched: 2, assign: { range: "twenties" } } });
  assert.deepEqual(chooseTransition(s, readerFor({ type: "Public" })), { ok: true, value: { next: "Public", matched: 0 } });
  assert.deepEqual(chooseTransition(s, readerFor({ type: "Private", value: 0 })), { ok: true, value: { next: "ValueIsZero", matched: 1 } });
  // No rule before the fourth matches, so the fourth reads its missing path and fails.
  assert.deepEqual(chooseTransition(s, readerFor({ type: "Private", value: 5 })), { ok: false, failure: { error: "States.Runtime", cause: invalidChoicePathCause("$.never") } });
  assert.deepEqual(chooseTransition(s, readerFor({ type: "Private", value: 5, never: 1 })), { ok: true, value: { next: "DefaultState", matched: "Default" } });
  // A missing $.type fails the execution (the documented example's note).
  assert.equal(chooseTransition(s, readerFor({ value: 22 })).ok, false);
});

test("no match and no Default: States.Runtime, 'Failed to transition out of the state'", () => {
  const s = state({ Choices: [{ Variable: "$.status", StringEquals: "READY", Next: "Ready" }] });
  assert.deepEqual(chooseTransition(s, readerFor({ status: "PENDING" })), {
    ok: false,
    failure: { error: "States.Runtime", cause: "Failed to transition out of the state. The state does not point to a next state." },
  });
  assert.equal(NO_TRANSITION_CAUSE, "Failed to transition out of the state. The state does not point to a next state.");
  assert.deepEqual(chooseTransition(s, readerFor({ status: "READY" })), { ok: true, value: { next: "Ready", matched: 0 } });
});

test("StringMatches with an open escape fails at run time, and only when evaluated on a string", () => {
  const r = rule({ Variable: "$.v", StringMatches: "a\\b" });
  const failed = evaluateChoiceRule(r, readerFor({ v: "ab" }));
  assert.equal(failed.ok, false);
  assert.equal(!failed.ok && failed.failure.error, "States.Runtime");
  assert.deepEqual(evaluateChoiceRule(r, readerFor({ v: 5 })), { ok: true, value: false });
});

test("reads only through the injected reader, with the rule's paths", () => {
  const seen: string[] = [];
  const r = rule({ Variable: "$$.Execution.Name", StringEqualsPath: "$varName" });
  const result = evaluateChoiceRule(r, (path) => {
    seen.push(path);
    return { found: true, value: "same" };
  });
  assert.deepEqual(result, { ok: true, value: true });
  assert.deepEqual(seen, ["$$.Execution.Name", "$varName"]);
});
