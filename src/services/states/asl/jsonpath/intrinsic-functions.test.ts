import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { JsonValue } from "./json.js";
import { evaluateIntrinsic } from "./processing.js";
import { JavaRandom } from "./java-random.js";
import { javaRound } from "./intrinsic-functions.js";
import { assertStatesError } from "./test-helpers.js";

const run = (expression: string, input: JsonValue = {}, field?: string) => evaluateIntrinsic(expression, input, {}, field);
const one = (value: JsonValue) => ({ v: value });
const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe("the AWS documentation's examples", () => {
  // https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
  const cases: Array<[string, JsonValue, JsonValue]> = [
    ["States.Format('Hello, my name is {}.', $.name)", { name: "Arnav", template: "Hello, my name is {}." }, "Hello, my name is Arnav."],
    ["States.Format($.template, $.name)", { name: "Arnav", template: "Hello, my name is {}." }, "Hello, my name is Arnav."],
    ["States.StringToJson($.escapedJsonString)", { escapedJsonString: '{"foo": "bar"}' }, { foo: "bar" }],
    ["States.JsonToString($.unescapedJson)", { unescapedJson: { foo: "bar" } }, '{"foo":"bar"}'],
    ["States.Array($.Id)", { Id: 123456 }, [123456]],
    ["States.ArrayPartition($.inputArray,4)", { inputArray: nine }, [[1, 2, 3, 4], [5, 6, 7, 8], [9]]],
    ["States.ArrayContains($.inputArray, $.lookingFor)", { inputArray: nine, lookingFor: 5 }, true],
    ["States.ArrayRange(1, 9, 2)", {}, [1, 3, 5, 7, 9]],
    ["States.ArrayGetItem($.inputArray, $.index)", { inputArray: nine, index: 5 }, 6],
    ["States.ArrayLength($.inputArray)", { inputArray: nine }, 9],
    ["States.ArrayUnique($.inputArray)", { inputArray: [1, 2, 3, 3, 3, 3, 3, 3, 4] }, [1, 2, 3, 4]],
    ["States.Base64Encode($.input)", { input: "Data to encode" }, "RGF0YSB0byBlbmNvZGU="],
    ["States.Base64Decode($.base64)", { base64: "RGF0YSB0byBlbmNvZGU=" }, "Data to encode"],
    ["States.Hash($.Data, $.Algorithm)", { Data: "input data", Algorithm: "SHA-1" }, "aaff4a450a104cd177d28d18d74485e8cae074b7"],
    [
      "States.JsonMerge($.json1, $.json2, false)",
      { json1: { a: { a1: 1, a2: 2 }, b: 2 }, json2: { a: { a3: 1, a4: 2 }, c: 3 } },
      { a: { a3: 1, a4: 2 }, b: 2, c: 3 },
    ],
    ["States.MathAdd($.value1, $.step)", { value1: 111, step: -1 }, 110],
    ["States.StringSplit($.inputString, $.splitter)", { inputString: "1,2,3,4,5", splitter: "," }, ["1", "2", "3", "4", "5"]],
    ["States.StringSplit($.inputString, $.splitter)", { inputString: "This.is+a,test=string", splitter: ".+,=" }, ["This", "is", "a", "test", "string"]],
  ];
  for (const [expression, input, expected] of cases) {
    test(expression, () => assert.deepEqual(run(expression, input), expected));
  }

  test("States.MathRandom($.start, $.end) draws between start and end", () => {
    for (let i = 0; i < 200; i++) {
      const n = run("States.MathRandom($.start, $.end)", { start: 1, end: 999 });
      assert.ok(typeof n === "number" && Number.isInteger(n) && n >= 1 && n < 999, String(n));
    }
  });

  test("States.UUID() is a version 4 UUID", () => {
    assert.match(String(run("States.UUID()")), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test("nested calls: the documentation's ARN example (with a placeholder per value)", () => {
    const text =
      "States.Format('{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), " +
      "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))";
    const input = { ImageRecipe: { Arn: "arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/recipe/1.2.3" } };
    assert.equal(run(text, input), "1.2");
  });
});

describe("behaviour recorded against AWS (LocalStack's validated snapshots)", () => {
  const cases: Array<[string, JsonValue, JsonValue]> = [
    ["States.StringToJson($.v)", one(""), null],
    ["States.StringToJson($.v)", one(" "), null],
    ["States.StringToJson($.v)", one("null"), null],
    ["States.StringToJson($.v)", one("-0"), 0],
    ["States.StringToJson($.v)", one("1.1"), 1.1],
    ["States.StringToJson($.v)", one("true"), true],
    ["States.StringToJson($.v)", one('"HelloWorld"'), "HelloWorld"],
    ["States.StringToJson($.v)", one('[1, 2, "HelloWorld"]'), [1, 2, "HelloWorld"]],
    ["States.StringToJson($.v)", one('{"Arg1": 1, "Arg2": []}'), { Arg1: 1, Arg2: [] }],
    ["States.JsonToString($.v)", one(null), "null"],
    ["States.JsonToString($.v)", one(1.1), "1.1"],
    ["States.JsonToString($.v)", one("HelloWorld"), '"HelloWorld"'],
    ["States.JsonToString($.v)", one([1, 2, "HelloWorld"]), '[1,2,"HelloWorld"]'],
    ["States.JsonToString($.v)", one({ Arg1: 1, Arg2: [] }), '{"Arg1":1,"Arg2":[]}'],
    ["States.Format('Formatting argument {}.', $.v)", one(""), "Formatting argument ."],
    ["States.Format('Formatting argument {}.', $.v)", one(null), "Formatting argument null."],
    ["States.Format('Formatting argument {}.', $.v)", one(1.1), "Formatting argument 1.1."],
    ["States.Format('Formatting argument {}.', $.v)", one('{"Arg1": 1, "Arg2": []}'), 'Formatting argument {"Arg1": 1, "Arg2": []}.'],
    [
      "States.Format('Formatting arguments fst={} and snd={}.', $.v, $.v)",
      one({ Arg1: 1, Arg2: [] }),
      "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}.",
    ],
    ["States.Array($.v, $.v)", one(""), ["", ""]],
    ["States.StringSplit('Hello\nWorld', '\n')", {}, ["Hello", "World"]],
    // Java's Math.round on each argument: (1.49, 1.5) → 1 + 2, (-1.49, -1.5) → -1 + -1.
    ["States.MathAdd(-9, 3)", {}, -6],
    ["States.MathAdd(1.49, 1.50)", {}, 3],
    ["States.MathAdd(1.50, 1.51)", {}, 4],
    ["States.MathAdd(-1.49, -1.50)", {}, -2],
  ];
  for (const [expression, input, expected] of cases) {
    test(`${expression} with ${JSON.stringify(input)}`, () => assert.deepEqual(run(expression, input), expected));
  }

  test("States.JsonMerge with an escaped literal and a context path", () => {
    const expression =
      "States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $$.Execution.Input.input_field, false)";
    const context = { Execution: { Input: { input_field: { constant_input_field: "constant_value" } } } };
    assert.deepEqual(evaluateIntrinsic(expression, {}, { context }), {
      constant_in_literal: "false",
      constant_input_field: "constant_value",
    });
  });
});

describe("each function's results", () => {
  const cases: Array<[string, JsonValue]> = [
    ["States.Format('{} {} {}', 1, true, null)", "1 true null"],
    ["States.Format('{}', $.v)", "[1, a, {b=c}]"],
    ["States.Format('\\{\\}{}', 'x')", "{}x"],
    ["States.Format('no placeholders')", "no placeholders"],
    ["States.Format('{}{}', 'a', 'b')", "ab"],
    ["States.Array()", []],
    ["States.Array(States.Array(1), 'a')", [[1], "a"]],
    ["States.ArrayPartition(States.Array(), 2)", []],
    ["States.ArrayPartition(States.Array(1, 2), 5)", [[1, 2]]],
    ["States.ArrayContains(States.Array(1, States.Array(2)), States.Array(2))", true],
    ["States.ArrayContains($.objs, $.probe)", true],
    ["States.ArrayContains(States.Array(true), false)", false],
    ["States.ArrayContains(States.Array(), null)", false],
    ["States.ArrayRange(0, 9, 3)", [0, 3, 6, 9]],
    ["States.ArrayRange(0, 10, 3)", [0, 3, 6, 9]],
    ["States.ArrayRange(1, 9, 9)", [1]],
    ["States.ArrayRange(5, 1, -2)", [5, 3, 1]],
    ["States.ArrayRange(1, 5, -1)", []],
    ["States.ArrayRange(0, 999, 1)", Array.from({ length: 1000 }, (_, i) => i)],
    ["States.ArrayGetItem(States.Array('a', 'b'), 1)", "b"],
    ["States.ArrayLength(States.Array())", 0],
    ["States.ArrayUnique($.objs)", [{ a: 1, b: 2 }, { a: 1 }]],
    ["States.ArrayUnique(States.Array(null, null, 1, '1', true))", [null, 1, "1", true]],
    ["States.Base64Encode('')", ""],
    ["States.Base64Encode('héllo ✓')", "aMOpbGxvIOKckw=="],
    ["States.Base64Decode('aMOpbGxvIOKckw==')", "héllo ✓"],
    ["States.Base64Decode('YQ')", "a"],
    ["States.Hash('', 'MD5')", "d41d8cd98f00b204e9800998ecf8427e"],
    ["States.Hash('abc', 'SHA-256')", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
    ["States.Hash('abc', 'SHA-384')", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"],
    [
      "States.Hash('abc', 'SHA-512')",
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
    ],
    ["States.JsonMerge($.objs[0], $.probe, false)", { a: 1, b: 2 }],
    ["States.MathAdd(0.5, 0)", 1],
    ["States.MathAdd(-0.5, 0)", 0],
    ["States.MathAdd(2.5, -2.5)", 1],
    ["States.MathAdd(2147483647, 0)", 2147483647],
    ["States.StringSplit('', ',')", []],
    ["States.StringSplit(',,a,,b,', ',')", ["a", "b"]],
    ["States.StringSplit('abc', '')", ["abc"]],
  ];
  const input: JsonValue = { v: [1, "a", { b: "c" }], objs: [{ a: 1, b: 2 }, { a: 1 }, { b: 2, a: 1 }], probe: { b: 2, a: 1 } };
  for (const [expression, expected] of cases) {
    test(expression, () => assert.deepEqual(run(expression, input), expected));
  }

  test("a key order difference does not make objects differ", () => {
    assert.deepEqual(run("States.ArrayContains($.objs, $.probe)", input), true);
  });

  test("States.MathRandom with a seed is deterministic and in range", () => {
    const a = run("States.MathRandom(0, 999, 3)");
    assert.equal(run("States.MathRandom(0, 999, 3)"), a);
    assert.ok(typeof a === "number" && a >= 0 && a < 999);
    assert.equal(run("States.MathRandom(10, 11, 7)"), 10);
  });

  test("States.MathRandom and States.UUID use the injected sources", () => {
    assert.equal(evaluateIntrinsic("States.MathRandom(10, 20)", {}, { random: () => 0 }), 10);
    assert.equal(evaluateIntrinsic("States.MathRandom(10, 20)", {}, { random: () => 0.999999 }), 19);
    assert.equal(evaluateIntrinsic("States.MathRandom(12.5, 44.51)", {}, { random: () => 0 }), 13);
    assert.equal(evaluateIntrinsic("States.UUID()", {}, { uuid: () => "fixed" }), "fixed");
  });

  test("States.ArrayPartition's chunks are copies, not views", () => {
    const source = { a: [1, 2, 3] };
    const chunks = run("States.ArrayPartition($.a, 2)", source) as JsonValue[][];
    chunks[0].push(99);
    assert.deepEqual(source.a, [1, 2, 3]);
  });
});

describe("argument and data errors: States.IntrinsicFailure", () => {
  const failure = "States.IntrinsicFailure";
  const cases: Array<[string, string]> = [
    ["States.Format($.n, 1)", "Invalid arguments in States.Format: the first argument must be a string, not number"],
    ["States.Format('{} {}', 1)", "Invalid arguments in States.Format: the format string has 2 placeholder(s) but 1 value(s) were given"],
    ["States.Format('x', 1)", "Invalid arguments in States.Format: the format string has 0 placeholder(s) but 1 value(s) were given"],
    ["States.StringToJson($.n)", "Invalid arguments in States.StringToJson: the first argument must be a string, not number"],
    ["States.StringToJson('{bad')", "Invalid arguments in States.StringToJson: the argument is not a valid JSON string"],
    ["States.ArrayPartition($.s, 1)", "Invalid arguments in States.ArrayPartition: the first argument must be an array, not string"],
    ["States.ArrayPartition($.a, 0)", "Invalid arguments in States.ArrayPartition: the chunk size must be a positive, non-zero integer"],
    ["States.ArrayPartition($.a, 1.5)", "Invalid arguments in States.ArrayPartition: the chunk size must be a positive, non-zero integer"],
    ["States.ArrayContains($.o, 1)", "Invalid arguments in States.ArrayContains: the first argument must be an array, not object"],
    ["States.ArrayRange(1, 9, 0)", "Invalid arguments in States.ArrayRange: the step (third argument) must not be zero"],
    ["States.ArrayRange(1.5, 9, 1)", "Invalid arguments in States.ArrayRange: the first argument must be an integer, not number"],
    ["States.ArrayRange(1, '9', 1)", "Invalid arguments in States.ArrayRange: the second argument must be an integer, not string"],
    ["States.ArrayRange(0, 1000, 1)", "Invalid arguments in States.ArrayRange: the array would contain 1001 items; it can't contain more than 1000"],
    ["States.ArrayGetItem($.a, 3)", "Invalid arguments in States.ArrayGetItem: the index 3 is out of bounds for an array of 3 item(s)"],
    ["States.ArrayGetItem($.a, -1)", "Invalid arguments in States.ArrayGetItem: the index -1 is out of bounds for an array of 3 item(s)"],
    ["States.ArrayGetItem($.a, 1.5)", "Invalid arguments in States.ArrayGetItem: the second argument must be an integer, not number"],
    ["States.ArrayLength($.n)", "Invalid arguments in States.ArrayLength: the first argument must be an array, not number"],
    ["States.ArrayUnique(null)", "Invalid arguments in States.ArrayUnique: the first argument must be an array, not null"],
    ["States.Base64Encode($.n)", "Invalid arguments in States.Base64Encode: the first argument must be a string, not number"],
    ["States.Base64Encode($.long)", "Invalid arguments in States.Base64Encode: the input string must not exceed 10000 characters"],
    ["States.Base64Decode($.long)", "Invalid arguments in States.Base64Decode: the input string must not exceed 10000 characters"],
    ["States.Base64Decode('not base64!')", "Invalid arguments in States.Base64Decode: the input string is not valid Base64"],
    ["States.Base64Decode('abcde')", "Invalid arguments in States.Base64Decode: the input string is not valid Base64"],
    ["States.Base64Decode('YQ=')", "Invalid arguments in States.Base64Decode: the input string is not valid Base64"],
    ["States.Hash($.long, 'MD5')", "Invalid arguments in States.Hash: the input string must not exceed 10000 characters"],
    ["States.Hash('x', 'SHA-224')", "Invalid arguments in States.Hash: the hashing algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, not 'SHA-224'"],
    ["States.Hash('x', 'sha-1')", "Invalid arguments in States.Hash: the hashing algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, not 'sha-1'"],
    ["States.Hash('x', 'constructor')", "Invalid arguments in States.Hash: the hashing algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512, not 'constructor'"],
    ["States.Hash($.o, 'MD5')", "Invalid arguments in States.Hash: the first argument must be a string, not object"],
    ["States.JsonMerge($.o, $.o, true)", "Invalid arguments in States.JsonMerge: only a shallow merge is supported: the third argument must be false"],
    ["States.JsonMerge($.o, $.a, false)", "Invalid arguments in States.JsonMerge: the second argument must be an object, not array"],
    ["States.JsonMerge($.o, $.o, 'false')", "Invalid arguments in States.JsonMerge: the third argument must be a boolean, not string"],
    ["States.MathRandom(5, 5)", "Invalid arguments in States.MathRandom: the end number must be greater than the start number"],
    ["States.MathRandom('1', 5)", "Invalid arguments in States.MathRandom: the first argument must be a number, not string"],
    ["States.MathRandom(1, 5, 'seed')", "Invalid arguments in States.MathRandom: the third argument must be a number, not string"],
    ["States.MathAdd(2147483648, 0)", "Invalid arguments in States.MathAdd: the first argument must be between -2147483648 and 2147483647"],
    ["States.MathAdd(1, $.s)", "Invalid arguments in States.MathAdd: the second argument must be a number, not string"],
    ["States.StringSplit($.n, ',')", "Invalid arguments in States.StringSplit: the first argument must be a string, not number"],
    ["States.StringSplit('a', 1)", "Invalid arguments in States.StringSplit: the second argument must be a string, not number"],
  ];
  const input = { n: 1, s: "text", a: [1, 2, 3], o: { k: 1 }, long: "x".repeat(10_001) };
  for (const [expression, cause] of cases) {
    test(expression, () => assertStatesError(() => run(expression, input), failure, cause));
  }

  test("10,000 characters are accepted where the limit is 10,000", () => {
    const input10k = { s: "x".repeat(10_000) };
    assert.equal(typeof run("States.Base64Encode($.s)", input10k), "string");
    assert.equal(typeof run("States.Hash($.s, 'MD5')", input10k), "string");
  });
});

describe("a path argument that selects nothing: States.Runtime", () => {
  test("with the field it belongs to, worded as AWS words a payload template's miss", () => {
    assertStatesError(
      () => run("States.Format('{}', $.missing)", { other: 1 }, "greeting.$"),
      "States.Runtime",
      "The JSONPath '$.missing' specified for the field 'greeting.$' could not be found in the input '{\"other\":1}'",
    );
  });
  test("without a field, as an invalid path", () => {
    assertStatesError(() => run("States.Array($.missing)", {}), "States.Runtime", "Invalid path '$.missing' : No results for path: $['missing']");
  });
  test("a syntax error is reported for the field", () => {
    assertStatesError(
      () => run("States.Nope()", {}, "x.$"),
      "States.Runtime",
      "The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call",
    );
  });
  test("variables and the context object are readable from arguments", () => {
    assert.equal(
      evaluateIntrinsic("States.Format('{} {}', $greeting, $$.State.Name)", {}, { variables: { greeting: "hi" }, context: { State: { Name: "S1" } } }),
      "hi S1",
    );
  });
});

describe("java.util.Random and Math.round, the Java behaviour AWS's implementation has", () => {
  test("new Random(42).nextInt() and nextInt(10)", () => {
    assert.equal(new JavaRandom(42).nextInt(), -1170105035);
    assert.equal(new JavaRandom(42).nextIntBounded(10), 0);
    assert.equal(new JavaRandom(0).nextInt(), -1155484576);
  });
  test("bounded draws stay in range for every kind of bound", () => {
    const r = new JavaRandom(7);
    for (const bound of [1, 2, 3, 16, 1000, 2 ** 30 + 1]) {
      for (let i = 0; i < 50; i++) {
        const n = r.nextIntBounded(bound);
        assert.ok(n >= 0 && n < bound);
      }
    }
  });
  test("Math.round rounds halves up", () => {
    assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 1.49, -1.51].map(javaRound), [1, 2, 3, 0, -1, -2, 1, -2]);
  });
});
