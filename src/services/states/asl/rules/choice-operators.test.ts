/**
 * One table per comparison operator: an operand, Variable values the rule matches, values it does
 * not. Each literal operator is also run in its `...Path` form with the operand read from the
 * input. Type mismatches are plain non-matches (LocalStack's recordings against AWS, e.g.
 * TimestampEquals against null, 0, "", [], {} and booleans: all ConditionFalse).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileChoiceRule } from "./choice-rules.js";
import { evaluateChoiceRule } from "./choice-eval.js";
import { readerFor } from "./test-support.js";

const OTHER_TYPES: unknown[] = [null, 0, 1.5, true, false, [], [""], {}, { A: 0 }];

function evaluate(operator: string, operand: unknown, input: Record<string, unknown>): boolean {
  const compiled = compileChoiceRule({ Variable: "$.v", [operator]: operand }, "/rule", false);
  assert.ok(compiled.ok, `${operator} ${JSON.stringify(operand)} should compile: ${JSON.stringify(!compiled.ok && compiled.diagnostics)}`);
  if (!compiled.ok) return false;
  const result = evaluateChoiceRule(compiled.value, readerFor(input));
  assert.ok(result.ok, `${operator}: ${JSON.stringify(!result.ok && result.failure)}`);
  return result.ok && result.value;
}

interface Row {
  operand: unknown;
  yes: unknown[];
  no: unknown[];
}

/** Runs the rows for `operator` and, unless `literalOnly`, for `${operator}Path`. */
function table(operator: string, rows: Row[], literalOnly = false): void {
  test(`${operator}${literalOnly ? "" : " and " + operator + "Path"}`, () => {
    for (const { operand, yes, no } of rows) {
      for (const v of yes) {
        assert.equal(evaluate(operator, operand, { v }), true, `${JSON.stringify(v)} ${operator} ${JSON.stringify(operand)}`);
        if (!literalOnly) assert.equal(evaluate(`${operator}Path`, "$.o", { v, o: operand }), true, `${JSON.stringify(v)} ${operator}Path ${JSON.stringify(operand)}`);
      }
      for (const v of no) {
        assert.equal(evaluate(operator, operand, { v }), false, `not ${JSON.stringify(v)} ${operator} ${JSON.stringify(operand)}`);
        if (!literalOnly) assert.equal(evaluate(`${operator}Path`, "$.o", { v, o: operand }), false, `not ${JSON.stringify(v)} ${operator}Path ${JSON.stringify(operand)}`);
      }
    }
  });
}

// Strings compare by UTF-16 code unit (Java's compareTo): U+1F600 (D83D DE00) sorts before
// U+FF5E although its code point is larger; "é" (E9) sorts after "z" (7A); case counts.
table("StringEquals", [
  { operand: "MyString", yes: ["MyString"], no: ["mystring", "MyString ", " MyString", "", "MyStrin", ["MyString"], { v: "MyString" }, ...OTHER_TYPES] },
  { operand: "", yes: [""], no: [" ", null, 0, false] },
  { operand: "2012-10-09T19:00:55Z", yes: ["2012-10-09T19:00:55Z"], no: ["2012-10-09T20:00:55+01:00"] },
  { operand: "é", yes: ["é"], no: ["e\u0301"] }, // no Unicode normalization
  { operand: "1", yes: ["1"], no: [1, 1.0, true] },
]);
table("StringLessThan", [
  { operand: "b", yes: ["a", "", "B", "aZZZ", "Z"], no: ["b", "ba", "c", "é", ...OTHER_TYPES] },
  { operand: "\uFF5E", yes: ["😀", "z"], no: ["\uFF5E", "\uFFFF"] },
  { operand: "z", yes: ["y", "Z"], no: ["é", "z"] },
  { operand: "MyStringABC", yes: ["MyString", "MyStringAB"], no: ["MyStringABC", "MyStringABCD", "MyStringB"] },
]);
table("StringGreaterThan", [
  { operand: "b", yes: ["ba", "c", "é", "😀"], no: ["b", "a", "", "B", ...OTHER_TYPES] },
  { operand: "\uFF5E", yes: ["\uFFFF"], no: ["😀", "\uFF5E"] },
]);
table("StringLessThanEquals", [
  { operand: "b", yes: ["b", "a", ""], no: ["ba", "c", ...OTHER_TYPES] },
]);
table("StringGreaterThanEquals", [
  { operand: "b", yes: ["b", "ba", "c"], no: ["a", "", "B", ...OTHER_TYPES] },
]);

table("NumericEquals", [
  { operand: 1, yes: [1, 1.0, 1e0], no: ["1", true, 2, 1.0000001, 0.9999999, -1, null, [1], { v: 1 }] },
  { operand: 0, yes: [0, -0, 0.0], no: [false, "0", null, "", 1e-300] },
  { operand: -2.25, yes: [-2.25], no: [-2.250001, 2.25] },
  { operand: 0.3, yes: [0.3], no: [0.1 + 0.2] },
  // Beyond 2^53 numbers are doubles, as AWS warns: these two are the same double.
  { operand: 2 ** 53, yes: [JSON.parse("9007199254740993")], no: [2 ** 53 + 2] },
]);
table("NumericLessThan", [
  { operand: 0.3, yes: [0.29999, -1, -1e308], no: [0.3, 0.1 + 0.2, 1, "0", ...OTHER_TYPES.filter((v) => typeof v !== "number")] },
  { operand: 30, yes: [29, 29.999], no: [30, 30.0, 31] },
]);
table("NumericGreaterThan", [
  { operand: -1.5, yes: [-1.4, 0, 1e308], no: [-1.5, -2, "-1", true, null] },
]);
table("NumericLessThanEquals", [
  { operand: 8, yes: [8, 7, -8], no: [9, 8.000001, "8", null] },
  { operand: -2.25, yes: [-2.25, -3], no: [-2.2] },
]);
table("NumericGreaterThanEquals", [
  { operand: 20, yes: [20, 20.5, 22], no: [19.999, -20, "20", null, false] },
]);

table("BooleanEquals", [
  { operand: true, yes: [true], no: [false, "true", 1, null, [true], { v: true }] },
  { operand: false, yes: [false], no: [true, "false", 0, "", null, []] },
]);

const T0 = "2012-10-09T19:00:55Z";
const T1 = "2012-10-09T19:00:56Z";
const NOT_TIMESTAMPS: unknown[] = [null, 0, 0.0, 1, 1.1, "", " ", "2023-02-24 12:15:56.832957", [], [""], {}, { A: 0 }, false, true, "2012-10-09T19:00:55", "2023-02-24", "not-a-timestamp", [T0]];
// T0/T1 rows reproduce LocalStack's recorded results against AWS for (T0,T0), (T0,T1), (T1,T0).
table("TimestampEquals", [
  { operand: T0, yes: [T0, "2012-10-09T19:00:55.000Z", "2012-10-09T20:00:55+01:00", "2012-10-09T14:00:55-05:00"], no: [T1, "2012-10-09T19:00:55.001Z", ...NOT_TIMESTAMPS] },
  { operand: "2025-01-01T12:00:00.000Z", yes: ["2025-01-01T12:00:00Z"], no: ["2025-01-01T12:00:00.000000001Z", "2025-01-01"] },
]);
table("TimestampLessThan", [
  { operand: T0, yes: ["2012-10-09T19:00:54Z", "2012-10-09T19:00:54.999999999Z", "2012-10-09T20:00:54+01:00"], no: [T0, T1, "2012-10-09T19:00:55.000Z", ...NOT_TIMESTAMPS] },
  { operand: T1, yes: [T0], no: [T1] },
]);
table("TimestampGreaterThan", [
  { operand: T0, yes: [T1, "2012-10-09T19:00:55.1Z", "2012-10-09T19:00:56+00:00"], no: [T0, "2012-10-09T20:00:55+01:00", ...NOT_TIMESTAMPS] },
  { operand: T1, yes: [], no: [T0, T1] },
]);
table("TimestampLessThanEquals", [
  { operand: T0, yes: [T0, "2012-10-09T19:00:54Z"], no: [T1, ...NOT_TIMESTAMPS] },
  { operand: T1, yes: [T0, T1], no: [] },
]);
table("TimestampGreaterThanEquals", [
  { operand: T0, yes: [T0, T1], no: ["2012-10-09T19:00:54Z", ...NOT_TIMESTAMPS] },
  { operand: T1, yes: [T1], no: [T0] },
]);

table("StringMatches", [
  { operand: "invoice-*.json", yes: ["invoice-2025.json"], no: ["report-2025.json", 123, null, ["invoice-1.json"]] },
  { operand: "123", yes: ["123"], no: [123] },
  { operand: "file\\*name.txt", yes: ["file*name.txt"], no: ["fileXname.txt"] },
], true);

test("a ...Path operand that selects a value of another type is a non-match", () => {
  assert.equal(evaluate("NumericLessThanEqualsPath", "$.o", { v: 8, o: { value: 8 } }), false);
  assert.equal(evaluate("NumericLessThanEqualsPath", "$.o", { v: "8", o: 8 }), false);
  assert.equal(evaluate("BooleanEqualsPath", "$.o", { v: "true", o: true }), false);
  assert.equal(evaluate("StringEqualsPath", "$.o", { v: "1", o: 1 }), false);
  assert.equal(evaluate("TimestampEqualsPath", "$.o", { v: T0, o: "not-a-timestamp" }), false);
  assert.equal(evaluate("TimestampEqualsPath", "$.o", { v: T0, o: null }), false);
});

test("the Variable may be compared with itself through a path", () => {
  assert.equal(evaluate("StringEqualsPath", "$.v", { v: "x" }), true);
  assert.equal(evaluate("NumericLessThanPath", "$.v", { v: 1 }), false);
});
