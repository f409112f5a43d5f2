import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, PatternSet, type CompiledPattern } from "./index.js";

const sns = (p: unknown) => compilePattern(JSON.stringify(p), { mode: "sns", scope: "MessageBody" });

test("a PatternSet answers exactly what trying every pattern answers, in the order patterns were added", () => {
  const shapes = [
    (i: number) => ({ store: [`s${i % 7}`] }),
    (i: number) => ({ store: [`s${i % 7}`, `s${(i + 1) % 7}`], kind: [{ prefix: "o" }] }),
    (i: number) => ({ price: [{ numeric: [">", i % 50] }] }),
    (i: number) => ({ $or: [{ store: [`s${i % 7}`] }, { kind: ["refund"] }] }),
    (i: number) => ({ $or: [{ store: [`s${i % 7}`] }, { price: [{ numeric: ["<", 10] }] }] }),
    (i: number) => ({ order: { lines: { sku: [`k${i % 3}`], qty: [{ numeric: [">", 1] }] } } }),
    (i: number) => ({ store: [{ "anything-but": `s${i % 7}` }], kind: [{ exists: false }] }),
  ];
  const patterns: CompiledPattern[] = [];
  const set = new PatternSet<string>();
  for (let i = 0; i < 140; i++) {
    const c = sns(shapes[i % shapes.length](i));
    patterns.push(c);
    set.add(`p${i}`, c);
  }
  let seed = 7;
  const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  let nonEmpty = 0;
  for (let m = 0; m < 400; m++) {
    const event: Record<string, unknown> = { store: `s${rnd(8)}`, price: rnd(60) };
    if (rnd(2)) event.kind = ["order", "refund", "other"][rnd(3)];
    if (rnd(2)) event.order = { lines: [{ sku: `k${rnd(3)}`, qty: rnd(3) }, { sku: `k${rnd(3)}`, qty: rnd(3) }] };
    const expected = patterns.flatMap((c, i) => (c.matches(event) ? [`p${i}`] : []));
    assert.deepEqual(set.matching(event), expected, JSON.stringify(event));
    if (expected.length > 0) nonEmpty++;
  }
  assert.ok(nonEmpty > 300, "the events exercise matches");
});

test("add replaces the pattern of a key; delete removes it from the index", () => {
  const set = new PatternSet<string>();
  set.add("a", sns({ store: ["x"] }));
  set.add("b", sns({ store: ["x", "y"] }));
  set.add("c", sns({ price: [{ numeric: [">", 0] }] }));
  assert.equal(set.size, 3);
  assert.deepEqual(set.matching({ store: "x", price: 1 }), ["a", "b", "c"]);
  set.add("a", sns({ store: ["z"] }));
  assert.deepEqual(set.matching({ store: "x", price: 1 }), ["b", "c"]);
  assert.deepEqual(set.matching({ store: "z" }), ["a"]);
  assert.equal(set.delete("b"), true);
  assert.equal(set.delete("b"), false);
  assert.deepEqual(set.matching({ store: "y", price: 1 }), ["c"]);
  assert.deepEqual(set.matching("not an object"), []);
  assert.equal(set.size, 2);
});
