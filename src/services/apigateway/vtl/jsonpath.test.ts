// JSONPath as $input.path / $input.json evaluate it (Jayway JsonPath semantics).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseJsonToJava } from "./json.js";
import { JsonPathError, compileJsonPath, readJsonPath } from "./jsonpath.js";
import { toJson } from "./java-values.js";

const STORE = parseJsonToJava(`{
  "store": {
    "book": [
      {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
      {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
      {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
      {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395-19395-8", "price": 22.99}
    ],
    "bicycle": {"color": "red", "price": 19.95},
    "odd key": 1
  },
  "expensive": 10
}`);

const json = (path: string) => toJson(readJsonPath(STORE, path));

test("definite paths: dot, bracket, index (negative from the end); missing is null", () => {
  assert.equal(json("$.store.bicycle.color"), '"red"');
  assert.equal(json("$['store']['bicycle']['price']"), "19.95");
  assert.equal(json('$["store"]["odd key"]'), "1");
  assert.equal(json("$.store.book[0].author"), '"Nigel Rees"');
  assert.equal(json("$.store.book[-1].title"), '"The Lord"');
  assert.equal(json("$.store.book[9]"), "null");
  assert.equal(json("$.store.nothing.deeper"), "null");
  assert.equal(json("$.store.book.author"), "null", "a property of a list is no match");
  assert.equal(json("expensive"), "10", "a path without $ gets $. in front");
  assert.equal(json("$"), toJson(STORE));
});

test("indefinite paths give a JSON array: wildcards, unions, slices, deep scan", () => {
  assert.equal(json("$.store.book[*].author"), '["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]');
  assert.equal(json("$.store.bicycle.*"), '["red",19.95]');
  assert.equal(json("$.store.book[0,2].title"), '["Sayings","Moby Dick"]');
  assert.equal(json("$.store.book[1:3].title"), '["Sword","Moby Dick"]');
  assert.equal(json("$.store.book[:2].price"), "[8.95,12.99]");
  assert.equal(json("$.store.book[-2:].price"), "[8.99,22.99]");
  assert.equal(json("$..isbn"), '["0-553-21311-3","0-395-19395-8"]');
  assert.equal(json("$..price"), "[8.95,12.99,8.99,22.99,19.95]");
  assert.equal(json("$..book[2].author"), '["Herman Melville"]');
  assert.equal(json("$..nothing"), "[]");
  assert.equal(json("$.store.bicycle['color','price']"), '{"color":"red","price":19.95}');
});

test("filters: comparisons, existence, &&, ||, !, regex, references to the root", () => {
  assert.equal(json("$.store.book[?(@.price < 10)].title"), '["Sayings","Moby Dick"]');
  assert.equal(json("$.store.book[?(@.isbn)].title"), '["Moby Dick","The Lord"]');
  assert.equal(json("$.store.book[?(!(@.isbn))].title"), '["Sayings","Sword"]');
  assert.equal(json("$.store.book[?(@.category == 'fiction' && @.price > 20)].title"), '["The Lord"]');
  assert.equal(json("$.store.book[?(@.price > 20 || @.author == \"Nigel Rees\")].title"), '["Sayings","The Lord"]');
  assert.equal(json("$.store.book[?(@.author =~ /.*melville/i)].title"), '["Moby Dick"]');
  assert.equal(json("$.store.book[?(@.price <= $['expensive'])].price"), "[8.95,8.99]");
  assert.equal(json("$.store.book[?(@.price == '8.95')].title"), "[]", "a string is not equal to a number");
});

test("functions: length(), min(), max(), sum(), avg()", () => {
  assert.equal(json("$.store.book.length()"), "4");
  assert.equal(json("$.store.book[*].price.length()"), "4", "a function applies to the whole result");
  assert.equal(json("$.store.bicycle.color.length()"), "3");
  const prices = parseJsonToJava("[1, 2.5, 4]");
  assert.equal(toJson(readJsonPath(prices, "$.sum()")), "7.5");
  assert.equal(toJson(readJsonPath(prices, "$.min()")), "1.0");
  assert.equal(toJson(readJsonPath(prices, "$.avg()")), "2.5");
  assert.equal(toJson(readJsonPath(prices, "$[*].max()")), "4.0");
});

test("definite vs indefinite is decided by the path alone", () => {
  assert.equal(compileJsonPath("$.a.b[0]").definite, true);
  assert.equal(compileJsonPath("$.a.length()").definite, true);
  assert.equal(compileJsonPath("$.a['b','c']").definite, true);
  assert.equal(compileJsonPath("$['b','c'].d").definite, false);
  for (const path of ["$..a", "$.a[*]", "$.a[0,1]", "$.a[1:]", "$.a[?(@.x)]", "$.*"]) assert.equal(compileJsonPath(path).definite, false, path);
});

test("invalid paths throw", () => {
  for (const path of ["$.", "$[", "$.a[?(@.x ~ 1)]", "$.a[1:2:3]", "$.a[x]", "$['unterminated"]) {
    assert.throws(() => compileJsonPath(path), JsonPathError, path);
  }
});

test("JSON parsing keeps integers exact and marks fractions as Doubles", () => {
  assert.equal(toJson(parseJsonToJava('{"i": 9007199254740993, "d": 2.50, "e": 1E2, "neg": -0}')), '{"i":9007199254740993,"d":2.5,"e":100.0,"neg":0}');
  assert.equal(toJson(parseJsonToJava('["\\u00e9\\n", "\\/"]')), '["é\\n","/"]');
  for (const bad of ["{", "[1,,2]", "{'a': 1}", '{"a" 1}', "01", '"\u0001"', "[1] x"]) assert.throws(() => parseJsonToJava(bad), bad);
});
