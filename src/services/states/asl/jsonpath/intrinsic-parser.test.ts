import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { INTRINSIC_NAMES, IntrinsicSyntaxError, parseIntrinsic, tryParseIntrinsic } from "./intrinsic-parser.js";
import type { IntrinsicArg } from "./intrinsic-parser.js";

/** The arguments of a parsed call, reduced to what a test compares. */
function shape(arg: IntrinsicArg): unknown {
  if (arg.kind === "literal") return arg.value;
  if (arg.kind === "path") return { path: arg.text };
  return { call: arg.name, args: arg.args.map(shape) };
}

describe("calls that parse", () => {
  const cases: Array<[string, string, unknown[]]> = [
    ["States.UUID()", "States.UUID", []],
    ["States.Array()", "States.Array", []],
    ["States.Array($.Id)", "States.Array", [{ path: "$.Id" }]],
    ["States.Format('Hello, my name is {}.', $.name)", "States.Format", ["Hello, my name is {}.", { path: "$.name" }]],
    ["States.Array(1, -2.5, 1e3, true, false, null, 'x')", "States.Array", [1, -2.5, 1000, true, false, null, "x"]],
    ["States.Array( 1 ,  'a'  )", "States.Array", [1, "a"]],
    ["States.Array($$.Execution.Id, $var, $var.a[0])", "States.Array", [{ path: "$$.Execution.Id" }, { path: "$var" }, { path: "$var.a[0]" }]],
    ["States.Array($.a[?(@.x == 'a,b)')])", "States.Array", [{ path: "$.a[?(@.x == 'a,b)')]" }]],
    ["States.Array($['a b'], $[0,1])", "States.Array", [{ path: "$['a b']" }, { path: "$[0,1]" }]],
    ["States.Array('it\\'s', '\\{\\}', 'back\\\\slash')", "States.Array", ["it's", "{}", "back\\slash"]],
    ["States.Array('Hello\nWorld')", "States.Array", ["Hello\nWorld"]],
    ["States.Array('{\"a\": 1}')", "States.Array", ['{"a": 1}']],
    ["States.Array('')", "States.Array", [""]],
    [
      "States.ArrayGetItem(States.StringSplit($.s, ','), 0)",
      "States.ArrayGetItem",
      [{ call: "States.StringSplit", args: [{ path: "$.s" }, ","] }, 0],
    ],
    ["States.MathRandom(1, 2)", "States.MathRandom", [1, 2]],
    ["States.MathRandom(1, 2, 3)", "States.MathRandom", [1, 2, 3]],
    ["States.Format('x')  ", "States.Format", ["x"]],
  ];
  for (const [text, name, args] of cases) {
    test(text, () => {
      const call = parseIntrinsic(text);
      assert.equal(call.name, name);
      assert.deepEqual(call.args.map(shape), args);
    });
  }

  test("the AWS documentation's nine nested calls fit in one field", () => {
    const text =
      "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), " +
      "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    assert.equal(parseIntrinsic(text).args.length, 3);
  });

  test("all 18 functions are known", () => {
    assert.equal(INTRINSIC_NAMES.length, 18);
  });

  test("States.Format's placeholders are the unescaped {} only", () => {
    const arg = parseIntrinsic("States.Format('a{}b\\{\\}c{}', 1, 2)").args[0];
    assert.equal(arg.kind, "literal");
    assert.deepEqual(arg.kind === "literal" && arg.formatParts, ["a", null, "b{}c", null, ""]);
  });
});

describe("calls that do not parse", () => {
  const cases: Array<[string, RegExp]> = [
    ["States.Nope()", /Unknown intrinsic function 'States.Nope'/],
    ["States.format('x')", /Unknown intrinsic function/],
    ["States.Format", /Expected '\('/],
    ["States.Format(", /Expected an argument but the text ended/],
    ["States.Format('x'", /Expected '\)'/],
    ["States.Format('x',)", /Unexpected '\)' where an argument was expected/],
    ["States.Format('x' 'y')", /Expected '\)' but found '''/],
    ["States.Format('unterminated)", /Unterminated string literal/],
    ["States.Format('bad \\n escape')", /Invalid escape sequence '\\n'/],
    ["States.Format('end \\", /Open escape backslash/],
    ["States.Format('x') trailing", /Unexpected 't' after the call/],
    ["States.Format()", /States.Format takes at least 1 argument/],
    ["States.UUID(1)", /States.UUID takes 0 arguments, not 1/],
    ["States.ArrayRange(1, 2)", /States.ArrayRange takes 3 arguments, not 2/],
    ["States.MathRandom(1)", /States.MathRandom takes 2 to 3 arguments, not 1/],
    ["States.StringToJson('a', 'b')", /States.StringToJson takes 1 argument, not 2/],
    ["States.Array(x)", /Unexpected 'x'/],
    ["States.Array(1x)", /Invalid number/],
    ["States.Array(truex)", /Unexpected 't'/],
    ["States.Array($.a b)", /Expected '\)'/],
    ["States.Array($.a..)", /Invalid path '\$\.a\.\.'/],
    ["States.Array(\"double\")", /Unexpected '"'/],
    [
      "States.Array(" + Array.from({ length: 10 }, () => "States.UUID()").join(", ") + ")",
      /at most 10 intrinsic function calls/,
    ],
  ];
  for (const [text, reason] of cases) {
    test(text, () => {
      assert.throws(() => parseIntrinsic(text), IntrinsicSyntaxError);
      const parsed = tryParseIntrinsic(text);
      assert.equal(parsed.ok, false);
      assert.match(parsed.ok ? "" : parsed.reason, reason);
    });
  }
});
