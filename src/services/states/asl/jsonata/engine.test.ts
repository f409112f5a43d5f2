import { test } from "node:test";
import assert from "node:assert/strict";
import { compile, evaluateSync } from "./engine.js";

const run = (expression: string, input: unknown = null, bindings: Record<string, unknown> = {}) => evaluateSync(compile(expression), input, bindings);

test("jsonata 2.0.6's promise-returning evaluate() gives its value synchronously", () => {
  assert.equal(run("$sum(items.price)", { items: [{ price: 1 }, { price: 2.5 }] }), 3.5);
  assert.deepEqual([...(run("$map([1, 2, 3], function($v) { $v * $k })", null, { k: 10 }) as number[])], [10, 20, 30]);
  assert.equal(run("$string($x)", null, { x: { a: [1, "b"] } }), '{"a":[1,"b"]}');
  // $base64encode and $base64decode reach Node's Buffer from the package's own context.
  assert.equal(run('$base64encode("héllo")'), Buffer.from("héllo", "latin1").toString("base64"));
  assert.equal(run('$base64decode("aGk=")'), "hi");
});

test("a registered function runs inside the evaluation; the evaluation's errors are thrown with their codes", () => {
  const expr = compile("$twice(21)");
  expr.registerFunction("twice", (n: number) => n * 2, "<n:n>");
  assert.equal(evaluateSync(expr, null, {}), 42);
  assert.throws(() => run("$nosuch()"), (err: { code?: string }) => err.code === "T1006");
  assert.throws(() => compile("$sum("), (err: { code?: string }) => typeof err.code === "string" && err.code.startsWith("S0"));
  const failing = compile("$boom()");
  failing.registerFunction("boom", () => {
    throw new Error("boom");
  });
  assert.throws(() => evaluateSync(failing, null, {}), /boom/);
});

test("evaluations do not leak into each other", () => {
  const expr = compile("$x + 1");
  assert.equal(evaluateSync(expr, null, { x: 1 }), 2);
  assert.equal(evaluateSync(expr, null, { x: 41 }), 42);
  assert.equal(evaluateSync(expr, null, {}), undefined);
});
