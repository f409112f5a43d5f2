import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { JsonValue } from "./json.js";
import { formatDefinitionProblem } from "./errors.js";
import { intrinsicProblem, validatePath, validateTemplate } from "./validate.js";

describe("validatePath", () => {
  test("InputPath and OutputPath take any Path, or null", () => {
    for (const value of [null, undefined, "$", "$.a", "$.a[*].b", "$..x", "$.a[?(@.x > 1)]"]) {
      assert.equal(validatePath(value, "InputPath"), undefined, String(value));
    }
  });

  test("an invalid Path", () => {
    const problem = validatePath("a.b", "InputPath");
    assert.equal(problem?.message, "The value for the field 'InputPath' must be a valid JSONPath");
    assert.equal(problem && formatDefinitionProblem(problem, "/States/S"), "SCHEMA_VALIDATION_FAILED: The value for the field 'InputPath' must be a valid JSONPath at /States/S");
    assert.equal(validatePath(5, "OutputPath")?.message, "The value for the field 'OutputPath' must be a valid JSONPath");
  });

  test("ResultPath takes a Reference Path only", () => {
    for (const value of ["$", "$.a", "$.a.b", "$['a b']", "$.a[0]"]) {
      assert.equal(validatePath(value, "ResultPath", { reference: true }), undefined, value);
    }
    for (const value of ["$..a", "$.a[*]", "$.a[0:1]", "$.a[?(@.x)]", "$['a','b']", "$$.Execution", "$var", "nope"]) {
      assert.equal(validatePath(value, "ResultPath", { reference: true })?.message, "The value for the field 'ResultPath' must be a valid ReferencePath", value);
    }
  });

  test("the context object and variables only where allowed", () => {
    assert.match(validatePath("$$.Execution.Input", "ItemsPath", { reference: true })?.detail ?? "", /context object/);
    assert.equal(validatePath("$$.Execution.Input", "ItemsPath", { reference: true, context: true }), undefined);
    assert.match(validatePath("$items", "ItemsPath", { reference: true })?.detail ?? "", /Variables/);
    assert.equal(validatePath("$items", "ItemsPath", { reference: true, variables: true }), undefined);
  });
});

describe("validateTemplate", () => {
  test("a valid template has no problems", () => {
    const template: JsonValue = {
      static: { "a.b": 1, list: [1, { "x.$": "$.x" }] },
      "p.$": "$.a[*]",
      "c.$": "$$.Execution.Id",
      "v.$": "$myVar.field",
      "f.$": "States.Format('{}', States.ArrayGetItem($.a, 0))",
      "$": "a key named $ is fine",
      ".$": "so is a key that is only .$",
    };
    assert.deepEqual(validateTemplate(template), []);
  });

  test("every bad .$ field is reported with AWS's message and where it sits", () => {
    const template: JsonValue = {
      "plain.$": "not a path",
      "num.$": 5,
      nested: { deeper: [{ "fn.$": "States.Nope($.a)" }], "ok.$": "$.a" },
      "a/b": { "bad.$": "$.a b" },
    };
    const problems = validateTemplate(template);
    assert.deepEqual(
      problems.map((p) => [p.message, p.location]),
      [
        ["The value for the field 'plain.$' must be a valid JSONPath or a valid intrinsic function call", ""],
        ["The value for the field 'num.$' must be a valid JSONPath or a valid intrinsic function call", ""],
        ["The value for the field 'fn.$' must be a valid JSONPath or a valid intrinsic function call", "/nested/deeper/0"],
        ["The value for the field 'bad.$' must be a valid JSONPath or a valid intrinsic function call", "/a~1b"],
      ],
    );
    assert.match(problems[2].detail ?? "", /Unknown intrinsic function 'States.Nope'/);
    assert.equal(
      formatDefinitionProblem(problems[0], "/States/Notify/Parameters"),
      "SCHEMA_VALIDATION_FAILED: The value for the field 'plain.$' must be a valid JSONPath or a valid intrinsic function call at /States/Notify/Parameters",
    );
  });

  test("rules can forbid intrinsics, the context object and variables", () => {
    const template = { "f.$": "States.UUID()", "c.$": "$$.Execution.Id", "v.$": "$x" };
    assert.deepEqual(validateTemplate(template).length, 0);
    const problems = validateTemplate(template, { intrinsics: false, context: false, variables: false });
    assert.deepEqual(problems.map((p) => p.detail), [
      "Intrinsic functions cannot be used here",
      "The context object ($$) cannot be used here",
      "Variables cannot be used here",
    ]);
  });

  test("calls with the wrong number of arguments or too many calls are rejected when the definition is created", () => {
    assert.match(intrinsicProblem("States.ArrayRange(1, 2)") ?? "", /takes 3 arguments/);
    assert.match(intrinsicProblem("States.Format('a \\n b')") ?? "", /Invalid escape sequence/);
    const eleven = "States.Array(" + Array.from({ length: 10 }, () => "States.UUID()").join(",") + ")";
    assert.match(intrinsicProblem(eleven) ?? "", /at most 10/);
    assert.equal(intrinsicProblem("States.Array(" + Array.from({ length: 9 }, () => "States.UUID()").join(",") + ")"), undefined);
  });
});
