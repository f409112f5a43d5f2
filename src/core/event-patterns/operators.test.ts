/**
 * One table per operator: the alternatives of one field, values that match, values that do not.
 * `MISSING` stands for an event without the field. Expectations follow AWS's documented rules
 * and the cases LocalStack recorded against EventBridge (tests/aws/services/events/
 * event_pattern_templates), e.g. anything-but matches null and numbers but not a missing field.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, type PatternMode } from "./index.js";

const MISSING = Symbol("missing");
type Value = unknown;

interface Row {
  alts: unknown[];
  match: Value[];
  miss: Value[];
  mode?: PatternMode;
}

function run(name: string, rows: Row[]): void {
  test(name, () => {
    for (const { alts, match, miss, mode = "eventbridge" } of rows) {
      const p = compilePattern(JSON.stringify({ f: alts }), { mode });
      for (const v of match) assert.equal(p.matches(v === MISSING ? {} : { f: v }), true, `${JSON.stringify(alts)} should match ${String(JSON.stringify(v) ?? "missing")}`);
      for (const v of miss) assert.equal(p.matches(v === MISSING ? {} : { f: v }), false, `${JSON.stringify(alts)} should not match ${String(JSON.stringify(v) ?? "missing")}`);
    }
  });
}

run("exact strings: case-sensitive, strings only, any element of an array", [
  { alts: ["x"], match: ["x", ["a", "x"]], miss: ["X", "xy", "", 1, null, true, MISSING, [], ["a"]] },
  { alts: [""], match: [""], miss: [null, MISSING, " "] },
  { alts: ["true", "5"], match: ["true", "5"], miss: [true, 5] },
  { alts: ["a", "b"], match: ["a", "b", ["c", "b"]], miss: ["c"] },
]);

run("exact numbers compare numerically, within six decimals", [
  { alts: [300], match: [300, 3e2, 300.0, 300.0000001], miss: ["300", 301, 300.5, null] },
  { alts: [3.0e2], match: [300], miss: [-300] },
  { alts: [-1.5], match: [-1.5], miss: [1.5] },
  { alts: [0], match: [0, 0.0000001], miss: [0.000001, "0", false] },
]);

run("true, false and null match themselves only", [
  { alts: [true], match: [true], miss: ["true", 1, false, null] },
  { alts: [false], match: [false], miss: ["false", 0, null, MISSING] },
  { alts: [null], match: [null, [null, "a"]], miss: ["null", MISSING, [], ""] },
]);

run("prefix", [
  { alts: [{ prefix: "us-" }], match: ["us-east-1", "us-", ["eu", "us-x"]], miss: ["eu-west-1", "US-east-1", "xus-", 5, null, MISSING] },
  { alts: [{ prefix: "" }], match: ["", "anything"], miss: [1, null] },
  { alts: [{ prefix: { "equals-ignore-case": "US-" } }], match: ["us-east-1", "Us-x", "US-"], miss: ["eu-us-", 1] },
]);

run("suffix", [
  { alts: [{ suffix: ".png" }], match: ["a.png", ".png"], miss: ["a.PNG", "a.png ", "png", 5, MISSING] },
  { alts: [{ suffix: { "equals-ignore-case": ".PNG" } }], match: ["a.png", "B.Png"], miss: ["a.jpg"] },
]);

run("equals-ignore-case", [
  { alts: [{ "equals-ignore-case": "HeLLo" }], match: ["hello", "HELLO", "hElLo"], miss: ["hello!", "hell", 5, null, MISSING] },
  { alts: [{ "equals-ignore-case": "" }], match: [""], miss: ["a"] },
]);

run("wildcard: * is any run of characters, \\* a literal star", [
  { alts: [{ wildcard: "img/*.png" }], match: ["img/a.png", "img/a/b.png", "img/.png"], miss: ["img/a.jpg", "xmg/a.png", "IMG/a.png", 5] },
  { alts: [{ wildcard: "*" }], match: ["", "anything"], miss: [1, null, true] },
  { alts: [{ wildcard: "a\\*b" }], match: ["a*b"], miss: ["axb", "ab"] },
  { alts: [{ wildcard: "a.b" }], match: ["a.b"], miss: ["axb"] },
  { alts: [{ wildcard: "*-*-1" }], match: ["us-east-1", "--1"], miss: ["us-east-2"] },
]);

run("anything-but: any present value except the ones named, whatever its type", [
  { alts: [{ "anything-but": "x" }], match: ["y", "", null, 5, true, ["x", "y"]], miss: ["x", MISSING, ["x"]] },
  { alts: [{ "anything-but": ["x", "y"] }], match: ["z", 1], miss: ["x", "y"] },
  { alts: [{ "anything-but": 5 }], match: [6, "5", null], miss: [5, 5.0, 5.0000001, MISSING] },
  { alts: [{ "anything-but": [100, 200] }], match: [300, "100"], miss: [100, 2e2] },
  { alts: [{ "anything-but": { prefix: "tmp" } }], match: ["prod-1", "TMP-1", 12, null], miss: ["tmp", "tmp-1", MISSING] },
]);

run("anything-but with suffix, equals-ignore-case, wildcard and prefix lists (EventBridge)", [
  { alts: [{ "anything-but": { suffix: ".png" } }], match: ["a.jpg", 1], miss: ["a.png"] },
  { alts: [{ "anything-but": { suffix: [".png", ".gif"] } }], match: ["a.jpg"], miss: ["a.gif", "b.png"] },
  { alts: [{ "anything-but": { prefix: ["a", "b"] } }], match: ["c"], miss: ["a1", "b2"] },
  { alts: [{ "anything-but": { "equals-ignore-case": "Init" } }], match: ["running", null], miss: ["INIT", "init"] },
  { alts: [{ "anything-but": { "equals-ignore-case": ["A", "b"] } }], match: ["c"], miss: ["a", "B"] },
  { alts: [{ "anything-but": { wildcard: "*/lib/*" } }], match: ["src/a.js", 5], miss: ["x/lib/y", "/lib/"] },
  { alts: [{ "anything-but": { wildcard: ["*.png", "*.gif"] } }], match: ["a.jpg"], miss: ["a.png", "b.gif"] },
]);

run("numeric: =, <, <=, >, >= and ranges, on JSON numbers only", [
  { alts: [{ numeric: [">", 0, "<=", 5] }], match: [5, 0.5, 0.000001], miss: [0, 5.1, -1, "3", null, MISSING] },
  { alts: [{ numeric: [">=", 10, "<", 20] }], match: [10, 19.999], miss: [20, 9.99] },
  { alts: [{ numeric: ["=", 3.018e2] }], match: [301.8], miss: [301.81, "301.8"] },
  { alts: [{ numeric: ["<", 0] }], match: [-1, -0.5], miss: [0, 1] },
  { alts: [{ numeric: ["<=", -1.5] }], match: [-1.5, -100], miss: [-1.4] },
  { alts: [{ numeric: [">", 0] }], match: [1, [0, 1]], miss: [[0, -1], 6e9] },
  { alts: [{ numeric: [">", 0] }], match: [1e9], miss: [2e9], mode: "sns" },
]);

run("exists looks at leaf values: null is one, an empty array or an object is none", [
  { alts: [{ exists: true }], match: ["x", null, 0, false, [1]], miss: [MISSING, [], {}, { a: 1 }] },
  { alts: [{ exists: false }], match: [MISSING, [], {}, { a: 1 }], miss: ["x", null, [null]] },
]);

run("cidr: IPv4 and IPv6 string literals inside the block", [
  { alts: [{ cidr: "10.0.0.0/24" }], match: ["10.0.0.0", "10.0.0.7", "10.0.0.255"], miss: ["10.0.1.1", "9.255.255.255", "hello", 10, "10.0.0", MISSING] },
  { alts: [{ cidr: "10.0.0.5/24" }], match: ["10.0.0.5", "10.0.0.200"], miss: ["10.0.0.4"] },
  { alts: [{ cidr: "0.0.0.0/0" }], match: ["255.1.2.3"], miss: ["::1"] },
  { alts: [{ cidr: "2001:db8::/32" }], match: ["2001:db8::1", "2001:0db8:ffff::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"], miss: ["2001:db9::1", "10.0.0.1", "::1"] },
  { alts: [{ cidr: "::ffff:10.0.0.0/120" }], match: ["::ffff:10.0.0.9"], miss: ["::ffff:10.0.1.9"] },
]);

run("alternatives of one field are ORed", [
  { alts: ["a", { prefix: "b" }, { numeric: [">", 10] }, null], match: ["a", "bcd", 11, null], miss: ["c", 10, MISSING] },
  { alts: [{ exists: false }, "x"], match: [MISSING, "x"], miss: ["y"] },
]);
