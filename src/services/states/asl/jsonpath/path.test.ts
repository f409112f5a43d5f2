import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { JsonValue } from "./json.js";
import { evaluatePath } from "./processing.js";
import { isValidPath, parsePath } from "./path-parser.js";
import { PathSyntaxError } from "./path-ast.js";
import { assertStatesError } from "./test-helpers.js";

// Goessner's bookstore, the document Jayway's README answers its examples against.
const store: JsonValue = {
  store: {
    book: [
      { category: "reference", author: "Nigel Rees", title: "Sayings of the Century", price: 8.95 },
      { category: "fiction", author: "Evelyn Waugh", title: "Sword of Honour", price: 12.99 },
      { category: "fiction", author: "Herman Melville", title: "Moby Dick", isbn: "0-553-21311-3", price: 8.99 },
      { category: "fiction", author: "J. R. R. Tolkien", title: "The Lord of the Rings", isbn: "0-395-19395-8", price: 22.99 },
    ],
    bicycle: { color: "red", price: 19.95 },
  },
  expensive: 10,
};
const books = ((store as { store: { book: JsonValue[] } }).store.book);

describe("definite paths select one value", () => {
  const cases: Array<[string, JsonValue, JsonValue]> = [
    ["$", { a: 1 }, { a: 1 }],
    ["$", "text", "text"],
    ["$.a", { a: 1 }, 1],
    ["$.a.b.c", { a: { b: { c: [1] } } }, [1]],
    ["$['a b']", { "a b": 2 }, 2],
    ['$["a b"]', { "a b": 2 }, 2],
    ["$['it\\'s']", { "it's": 3 }, 3],
    ["$.a[0]", { a: [7, 8] }, 7],
    ["$.a[-1]", { a: [7, 8] }, 8],
    ["$[1]", [7, 8], 8],
    ["$.a[0][1]", { a: [[1, 2]] }, 2],
    ["$.a-b", { "a-b": 4 }, 4],
    ["$.ünï", { ünï: 5 }, 5],
    ["$.a.null", { a: { null: null } }, null],
    ["$.x", { x: false }, false],
    ["$['a','b']", { a: 1, b: 2, c: 3 }, { a: 1, b: 2 }],
    ["$['a','z']", { a: 1 }, { a: 1 }],
    ["$.store.bicycle.color", store, "red"],
    ["$.store.book[2].isbn", store, "0-553-21311-3"],
  ];
  for (const [path, doc, expected] of cases) {
    test(`${path} on ${JSON.stringify(doc).slice(0, 40)}`, () => {
      assert.deepEqual(evaluatePath(path, doc), expected);
      assert.equal(parsePath(path).definite, true);
    });
  }
});

describe("indefinite paths select an array of every match (Jayway's README examples)", () => {
  const cases: Array<[string, JsonValue]> = [
    ["$.store.book[*].author", ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]],
    ["$..author", ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]],
    ["$.store..price", [8.95, 12.99, 8.99, 22.99, 19.95]],
    ["$..book[2]", [books[2]]],
    ["$..book[-2]", [books[2]]],
    ["$..book[0,1]", [books[0], books[1]]],
    ["$..book[:2]", [books[0], books[1]]],
    ["$..book[1:2]", [books[1]]],
    ["$..book[-2:]", [books[2], books[3]]],
    ["$..book[2:]", [books[2], books[3]]],
    ["$..book[?(@.isbn)]", [books[2], books[3]]],
    ["$.store.book[?(@.price < 10)]", [books[0], books[2]]],
    ["$..book[?(@.price <= $['expensive'])]", [books[0], books[2]]],
    ["$..book[?(@.author =~ /.*REES/i)]", [books[0]]],
    ["$.store.book[*].isbn", ["0-553-21311-3", "0-395-19395-8"]],
    ["$.store.book[?(@.category == 'fiction' && @.price > 20)].title", ["The Lord of the Rings"]],
    ["$.store.book[?(@.price < 9 || @.price > 20)].price", [8.95, 8.99, 22.99]],
    ["$.store.book[?(!(@.isbn))].title", ["Sayings of the Century", "Sword of Honour"]],
    ["$.store.book[?(@.missing)]", []],
    ["$.store.book[5:9]", []],
  ];
  for (const [path, expected] of cases) {
    test(path, () => {
      assert.deepEqual(evaluatePath(path, store), expected);
      assert.equal(parsePath(path).definite, false);
    });
  }

  test("$.store.* gives the values of an object", () => {
    const s = (store as { store: Record<string, JsonValue> }).store;
    assert.deepEqual(evaluatePath("$.store.*", store), [s.book, s.bicycle]);
  });

  test("$..* gives every node below the root, parents before children", () => {
    assert.deepEqual(evaluatePath("$..*", { a: { b: 1 }, c: [2] }), [{ b: 1 }, [2], 1, 2]);
  });

  test("a filter after .. tests each object once", () => {
    const doc: JsonValue = { items: [{ x: 1 }, { x: 5, inner: { x: 9 } }] };
    assert.deepEqual(evaluatePath("$..[?(@.x > 2)]", doc), [{ x: 5, inner: { x: 9 } }, { x: 9 }]);
  });

  test("[*][*] flattens an array of arrays", () => {
    assert.deepEqual(evaluatePath("$[*][*]", [[1, 2], [3]]), [1, 2, 3]);
  });

  test("a filter on an object tests the object itself", () => {
    assert.deepEqual(evaluatePath("$.o[?(@.x == 1)]", { o: { x: 1 } }), [{ x: 1 }]);
    assert.deepEqual(evaluatePath("$.o[?(@.x == 2)]", { o: { x: 1 } }), []);
  });

  test("a missing property after an indefinite step is skipped", () => {
    assert.deepEqual(evaluatePath("$.a[*].b", { a: [{ b: 1 }, { c: 2 }, 3] }), [1]);
  });

  test("['a','b'] before more segments iterates each property", () => {
    assert.deepEqual(evaluatePath("$['a','b'].v", { a: { v: 1 }, b: { v: 2 } }), [1, 2]);
  });
});

describe("filter operators", () => {
  const items: JsonValue = [
    { n: 1, s: "abc", t: ["x", "y"], b: true },
    { n: 2, s: "b", t: [], b: false, z: null },
    { n: "2", s: "ABC" },
  ];
  const cases: Array<[string, number[]]> = [
    ["@.n == 2", [1, 2]], // "2" == 2 as in Jayway
    ["@.n != 2", [0]],
    ["@.n > 1", [1]],
    ["@.n >= 1", [0, 1]],
    ["@.s < 'b'", [0, 2]],
    ["@.s == 'abc'", [0]],
    ['@.s == "abc"', [0]],
    ["@.s =~ /a.c/", [0]],
    ["@.s =~ /a.c/i", [0, 2]],
    ["@.s =~ /b/", [1]],
    ["@.n in [1, 3]", [0]],
    ["@.n nin [1, 3]", [1, 2]],
    ["@.t subsetof ['x', 'y', 'z']", [0, 1]],
    ["@.t anyof ['y']", [0]],
    ["@.t noneof ['y']", [1]],
    ["@.t size 2", [0]],
    ["@.s size 1", [1]],
    ["@.t empty true", [1]],
    ["@.t empty false", [0]],
    ["@.t contains 'x'", [0]],
    ["@.s contains 'bc'", [0]],
    ["@.b == true", [0]],
    ["@.b", [0, 1]],
    ["@.z", [1]],
    ["@.z == null", [1]],
    ["!@.b", [2]],
    ["@.n == 1 || @.s == 'ABC'", [0, 2]],
    ["(@.n == 1 || @.n == 2) && @.b == false", [1]],
    ["@.missing != 1", [0, 1, 2]],
    ["@.missing == 1", []],
    ["@.t == ['x', 'y']", [0]],
  ];
  for (const [expr, indexes] of cases) {
    test(expr, () => {
      const arr = items as JsonValue[];
      assert.deepEqual(evaluatePath(`$[?(${expr})]`, items), indexes.map((i) => arr[i]));
    });
  }
});

describe("a definite path that selects nothing fails with Jayway's message, as AWS reports it", () => {
  const cases: Array<[string, JsonValue, string]> = [
    // Recorded on AWS: "Invalid path '$.Payload' : No results for path: $['Payload']".
    ["$.Payload", { ExecutedVersion: "$LATEST" }, "Invalid path '$.Payload' : No results for path: $['Payload']"],
    ["$.a.b", { a: {} }, "Invalid path '$.a.b' : No results for path: $['a']['b']"],
    ["$.a.b.c", { a: {} }, "Invalid path '$.a.b.c' : Missing property in path $['a']['b']"],
    ["$.a[5]", { a: [1] }, "Invalid path '$.a[5]' : No results for path: $['a'][5]"],
    ["$.a[5].b", { a: [1] }, "Invalid path '$.a[5].b' : No results for path: $['a'][5]['b']"],
    ["$.a[0]", { a: null }, "Invalid path '$.a[0]' : The path $['a'] is null"],
    ["$.a[0]", { a: { x: 1 } }, "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: {\"x\":1}"],
    [
      "$.a.b",
      { a: "s" },
      "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.String'. " +
        "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
    ],
    ["$.missing[*]", {}, "Invalid path '$.missing[*]' : Missing property in path $['missing']"],
    ["$.constructor", {}, "Invalid path '$.constructor' : No results for path: $['constructor']"],
    ["$.__proto__", {}, "Invalid path '$.__proto__' : No results for path: $['__proto__']"],
  ];
  for (const [path, doc, cause] of cases) {
    test(`${path} on ${JSON.stringify(doc)}`, () => assertStatesError(() => evaluatePath(path, doc), "States.Runtime", cause));
  }
});

describe("context object ($$) and variables ($name)", () => {
  const context = { Execution: { Id: "arn:aws:states:us-east-1:123456789012:execution:sm:ex", Input: { k: "v" } }, Map: { Item: { Index: 2 } } };
  test("$$ paths read the context object", () => {
    assert.equal(evaluatePath("$$.Execution.Id", {}, { context }), "arn:aws:states:us-east-1:123456789012:execution:sm:ex");
    assert.deepEqual(evaluatePath("$$.Execution.Input", {}, { context }), { k: "v" });
    assert.equal(evaluatePath("$$['Map']['Item'].Index", {}, { context }), 2);
    assert.deepEqual(evaluatePath("$$", {}, { context }), context);
  });
  test("a missing context field fails like any definite path", () => {
    assertStatesError(() => evaluatePath("$$.Task.Token", {}, { context }), "States.Runtime", "Invalid path '$$.Task.Token' : Missing property in path $['Task']");
  });
  test("variables are read by name and can be navigated", () => {
    const variables = { count: 42, order: { items: [{ sku: "a" }, { sku: "b" }] }, _x1: "y" };
    assert.equal(evaluatePath("$count", { count: 0 }, { variables }), 42);
    assert.deepEqual(evaluatePath("$order.items[*].sku", {}, { variables }), ["a", "b"]);
    assert.equal(evaluatePath("$order.items[1].sku", {}, { variables }), "b");
    assert.equal(evaluatePath("$_x1", {}, { variables }), "y");
  });
  test("an unknown variable fails with States.Runtime", () => {
    assertStatesError(() => evaluatePath("$nope", {}, { variables: {} }), "States.Runtime", "Invalid path '$nope' : No results for path: $nope");
    assertStatesError(() => evaluatePath("$toString", {}, { variables: {} }), "States.Runtime", /No results for path: \$toString/);
  });
  test("the parser tells the three roots apart", () => {
    assert.deepEqual(parsePath("$").root, { kind: "input" });
    assert.deepEqual(parsePath("$.a").root, { kind: "input" });
    assert.deepEqual(parsePath("$[0]").root, { kind: "input" });
    assert.deepEqual(parsePath("$$.a").root, { kind: "context" });
    assert.deepEqual(parsePath("$abc.d").root, { kind: "variable", name: "abc" });
  });
});

describe("paths that do not parse", () => {
  const invalid = [
    "",
    "a.b",
    "$.",
    "$..",
    "$.a b",
    "$.a.length()",
    "$[",
    "$['a'",
    "$['a]",
    "$[1:2:3]",
    "$[a]",
    "$[?(@.a == )]",
    "$[?(@.a > 1]",
    "$[?(@.a =~ 'x')]",
    "$[?(@.a =~ /(/)]",
    "$[?(1)]",
    "$[?($$.a)]",
    "$a b",
    "$$$",
  ];
  for (const path of invalid) {
    test(JSON.stringify(path), () => {
      assert.equal(isValidPath(path), false);
      assert.throws(() => parsePath(path), PathSyntaxError);
      assertStatesError(() => evaluatePath(path, {}), "States.Runtime", /^Invalid path /);
    });
  }
});

describe("Reference Paths", () => {
  for (const path of ["$", "$.a", "$['a b'].c", "$.a[0].b", "$.a[-1]"]) {
    test(`${path} is one`, () => assert.equal(parsePath(path).reference, true));
  }
  for (const path of ["$..a", "$.a[*]", "$.*", "$.a[0,1]", "$.a[1:]", "$['a','b']", "$.a[?(@.x)]"]) {
    test(`${path} is not one`, () => assert.equal(parsePath(path).reference, false));
  }
});

test("hostile keys are data, never the prototype", () => {
  const doc = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1}') as JsonValue;
  assert.deepEqual(evaluatePath("$.__proto__", doc), { polluted: true });
  assert.deepEqual(evaluatePath("$['__proto__'].polluted", doc), true);
  assert.equal(evaluatePath("$.constructor", doc), 1);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("deeply nested filters are refused instead of overflowing the stack", () => {
  const deep = "$[?(" + "(".repeat(400) + "@.a" + ")".repeat(400) + ")]";
  assert.equal(isValidPath(deep), false);
});
