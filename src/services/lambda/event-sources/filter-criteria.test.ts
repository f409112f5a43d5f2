/**
 * Lambda's FilterCriteria through the shared event-pattern engine (core/event-patterns,
 * eventbridge mode): the cases Lambda's own matcher was tested with, and Lambda's single error
 * message for any refused pattern.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern } from "../../../core/event-patterns/index.js";
import { isServiceError } from "../../../core/errors.js";
import { createLogger } from "../../../core/logger.js";
import { compileFilters, normalizeFilterCriteria } from "./mapping-config.js";

const m = (pattern: unknown, value: unknown) => compilePattern(JSON.stringify(pattern), { mode: "eventbridge" }).matches(value);

test("exact values: strings, numbers (numerically), booleans, null and empty strings", () => {
  assert.equal(m({ body: { kind: ["order"] } }, { body: { kind: "order" } }), true);
  assert.equal(m({ body: { kind: ["order"] } }, { body: { kind: "Order" } }), false);
  assert.equal(m({ body: { n: [5] } }, { body: { n: 5.0 } }), true);
  assert.equal(m({ body: { n: [5] } }, { body: { n: "5" } }), false);
  assert.equal(m({ body: { ok: [true] } }, { body: { ok: true } }), true);
  assert.equal(m({ body: { v: [null] } }, { body: { v: null } }), true);
  assert.equal(m({ body: { v: [null] } }, { body: {} }), false, "null does not match a missing field");
  assert.equal(m({ body: { v: [""] } }, { body: { v: "" } }), true);
});

test("alternatives are ORed, keys are ANDed, arrays match any element", () => {
  const p = { body: { kind: ["a", "b"], region: ["eu"] } };
  assert.equal(m(p, { body: { kind: "b", region: "eu" } }), true);
  assert.equal(m(p, { body: { kind: "b", region: "us" } }), false);
  assert.equal(m({ body: { tags: ["x"] } }, { body: { tags: ["w", "x"] } }), true);
});

test("a nested pattern does not match a missing or scalar parent", () => {
  assert.equal(m({ body: { a: { b: ["c"] } } }, { body: { a: "c" } }), false);
  assert.equal(m({ body: { a: { b: ["c"] } } }, { body: {} }), false);
  assert.equal(m({ body: { a: { b: ["c"] } } }, { body: { a: { b: "c" } } }), true);
});

test("prefix and suffix, also case-insensitive", () => {
  assert.equal(m({ k: [{ prefix: "us-" }] }, { k: "us-east-1" }), true);
  assert.equal(m({ k: [{ prefix: "us-" }] }, { k: "eu-west-1" }), false);
  assert.equal(m({ k: [{ prefix: "us-" }] }, { k: 5 }), false);
  assert.equal(m({ k: [{ suffix: ".png" }] }, { k: "a.png" }), true);
  assert.equal(m({ k: [{ prefix: { "equals-ignore-case": "US-" } }] }, { k: "us-east-1" }), true);
  assert.equal(m({ k: [{ suffix: { "equals-ignore-case": ".PNG" } }] }, { k: "a.png" }), true);
});

test("equals-ignore-case and wildcard", () => {
  assert.equal(m({ k: [{ "equals-ignore-case": "HeLLo" }] }, { k: "hello" }), true);
  assert.equal(m({ k: [{ wildcard: "img/*.png" }] }, { k: "img/a/b.png" }), true);
  assert.equal(m({ k: [{ wildcard: "img/*.png" }] }, { k: "img/a.jpg" }), false);
  assert.equal(m({ k: [{ wildcard: "a.b" }] }, { k: "axb" }), false, "only * is special");
});

test("anything-but: a value, a list, a prefix; never a missing field", () => {
  assert.equal(m({ k: [{ "anything-but": "x" }] }, { k: "y" }), true);
  assert.equal(m({ k: [{ "anything-but": "x" }] }, { k: "x" }), false);
  assert.equal(m({ k: [{ "anything-but": ["x", "y"] }] }, { k: "y" }), false);
  assert.equal(m({ k: [{ "anything-but": [1, 2] }] }, { k: 3 }), true);
  assert.equal(m({ k: [{ "anything-but": { prefix: "tmp" } }] }, { k: "tmp-1" }), false);
  assert.equal(m({ k: [{ "anything-but": { prefix: "tmp" } }] }, { k: "prod-1" }), true);
  assert.equal(m({ k: [{ "anything-but": "x" }] }, {}), false);
});

test("numeric comparisons and ranges apply to JSON numbers only", () => {
  const range = { price: [{ numeric: [">", 0, "<=", 150.5] }] };
  assert.equal(m(range, { price: 100 }), true);
  assert.equal(m(range, { price: 150.5 }), true);
  assert.equal(m(range, { price: 0 }), false);
  assert.equal(m(range, { price: 200 }), false);
  assert.equal(m(range, { price: "100" }), false);
  assert.equal(m({ n: [{ numeric: ["=", 3] }] }, { n: 3 }), true);
  assert.equal(m({ n: [{ numeric: ["<", 100] }] }, { n: 93 }), true);
  assert.equal(m({ n: [{ numeric: [">=", 100, "<", 200] }] }, { n: 200 }), false);
});

test("exists true and false", () => {
  assert.equal(m({ body: { email: [{ exists: true }] } }, { body: { email: "a@b" } }), true);
  assert.equal(m({ body: { email: [{ exists: true }] } }, { body: { phone: "1" } }), false);
  assert.equal(m({ body: { email: [{ exists: false }] } }, { body: { phone: "1" } }), true);
  assert.equal(m({ body: { email: [{ exists: false }] } }, { body: { email: null } }), false);
  assert.equal(m({ body: { email: [{ exists: false }] } }, { body: "plain text" }), true);
});

test("$or matches when any sub-pattern does", () => {
  const p = { body: { $or: [{ a: ["1"] }, { b: [{ exists: true }] }] } };
  assert.equal(m(p, { body: { a: "1" } }), true);
  assert.equal(m(p, { body: { b: 0 } }), true);
  assert.equal(m(p, { body: { a: "2" } }), false);
});

test("leaf patterns on a plain-string body match the string", () => {
  assert.equal(m({ body: ["hello"] }, { body: "hello" }), true);
  assert.equal(m({ body: [{ prefix: "he" }] }, { body: "hello" }), true);
  assert.equal(m({ body: ["hello"] }, { body: { hello: 1 } }), false);
});

test("invalid patterns are refused with Lambda's message", () => {
  for (const bad of ["", "not json", "[]", "\"s\"", "{}", '{"a":"b"}', '{"a":[]}', '{"a":[{"nope":1}]}', '{"a":[{"prefix":1}]}', '{"a":[{"numeric":[">"]}]}', '{"a":[{"numeric":["!",1]}]}', '{"a":[{"exists":"yes"}]}', '{"a":[{"prefix":"x","suffix":"y"}]}', '{"$or":[{"a":["1"]}]}', '{"a":[[1]]}']) {
    assert.throws(
      () => normalizeFilterCriteria({ Filters: [{ Pattern: '{"ok":["x"]}' }, { Pattern: bad }] }),
      (err: unknown) => isServiceError(err) && err.code === "InvalidParameterValueException" && err.message === "Invalid filter pattern definition.",
      bad,
    );
  }
  assert.throws(() => normalizeFilterCriteria({ Filters: [{}] }), /Invalid filter pattern definition\./);
  assert.deepEqual(normalizeFilterCriteria({ Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] }), { Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }] });
  assert.equal(normalizeFilterCriteria({ Filters: [] }), undefined);
});

test("stored filters compile for the pollers; one that no longer compiles matches nothing", () => {
  const logged: string[] = [];
  const logger = createLogger("error", (line) => logged.push(line));
  const [ok, broken] = compileFilters({ Filters: [{ Pattern: '{"body":{"kind":["a"]}}' }, { Pattern: '{"a":[{"anything-but":null}]}' }] }, logger, "uuid-1");
  assert.equal(ok.matches({ body: { kind: "a" } }), true);
  assert.equal(ok.matches({ body: { kind: "b" } }), false);
  assert.equal(broken.matches({ a: "x" }), false);
  assert.equal(logged.length, 1);
  assert.match(logged[0], /uuid-1 has a filter that no longer compiles/);
  assert.deepEqual(compileFilters(undefined, logger, "uuid-2"), []);
});
