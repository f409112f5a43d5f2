/**
 * SNS filter policies: the two scopes, attribute data types, and SNS's policy limits with AWS's
 * messages. https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, EventPatternError, snsAttributesEvent, snsBodyEvent, snsFilterEvent, type FilterPolicyScope, type MessageAttributeInput } from "./index.js";

const policy = (p: unknown, scope: FilterPolicyScope = "MessageAttributes") => compilePattern(JSON.stringify(p), { mode: "sns", scope });
const attrs = (a: Record<string, MessageAttributeInput>) => snsAttributesEvent(a);
const S = (v: string): MessageAttributeInput => ({ DataType: "String", StringValue: v });
const N = (v: string): MessageAttributeInput => ({ DataType: "Number", StringValue: v });
const A = (v: string): MessageAttributeInput => ({ DataType: "String.Array", StringValue: v });
const B: MessageAttributeInput = { DataType: "Binary", BinaryValue: Buffer.from("x") };

function refusal(p: unknown, scope: FilterPolicyScope = "MessageAttributes"): string {
  try {
    compilePattern(typeof p === "string" ? p : JSON.stringify(p), { mode: "sns", scope });
    return "OK";
  } catch (err) {
    if (err instanceof EventPatternError) return err.message;
    throw err;
  }
}

test("attribute data types: String is a string, Number a number, String.Array its elements, Binary nothing", () => {
  const rows: [unknown[], MessageAttributeInput, boolean][] = [
    [["300"], S("300"), true],
    [[300], S("300"), false],
    [[{ numeric: ["=", 300] }], S("300"), false],
    [[{ prefix: "3" }], S("300"), true],
    [[300], N("300"), true],
    [[300], N("3.0e2"), true],
    [["300"], N("300"), false],
    [[{ numeric: [">", 100, "<=", 300] }], N("300"), true],
    [[{ numeric: [">", 300] }], N("300"), false],
    [[{ prefix: "3" }], N("300"), false],
    [[{ "anything-but": [300] }], N("300.0"), false],
    [[{ "anything-but": [300] }], S("300"), true],
    [["b"], A('["a", "b"]'), true],
    [["c"], A('["a", "b"]'), false],
    [[5], A('["a", 5]'), true],
    [["5"], A('["a", 5]'), false],
    [[{ numeric: ["<", 10] }], A("[5, 50]"), true],
    [[true], A("[true]"), true],
    [["not json"], A("not json"), true],
    [["x"], B, false],
    [[{ exists: true }], B, false],
    [[{ exists: false }], B, true],
    [[{ "anything-but": "x" }], B, false],
    [["x"], { DataType: "Binary.png", StringValue: "x", BinaryValue: Buffer.from("x") }, false],
    [[{ cidr: "10.0.0.0/8" }], S("10.1.2.3"), true],
    [[{ "equals-ignore-case": "ABC" }], { DataType: "String.custom", StringValue: "abc" }, true],
    [[7], { DataType: "Number.int", StringValue: "7" }, true],
  ];
  for (const [alts, attribute, expected] of rows) {
    assert.equal(policy({ a: alts }).matches(attrs({ a: attribute })), expected, `${JSON.stringify(alts)} vs ${JSON.stringify(attribute)}`);
  }
});

test("attributes: absent keys, exists, null, and AND across keys", () => {
  const p = policy({ store: ["example_corp"], event: [{ "anything-but": "order_cancelled" }], price_usd: [{ numeric: [">=", 100] }] });
  assert.equal(p.matches(attrs({ store: S("example_corp"), event: S("order_placed"), price_usd: N("210.75") })), true);
  assert.equal(p.matches(attrs({ store: S("example_corp"), event: S("order_cancelled"), price_usd: N("210.75") })), false);
  assert.equal(p.matches(attrs({ store: S("example_corp"), price_usd: N("210.75") })), false, "anything-but does not match an absent attribute");
  assert.equal(p.matches(attrs({ store: S("example_corp"), event: S("order_placed"), price_usd: N("99.99") })), false);
  // AWS, recorded by LocalStack: [null, {"anything-but": "whatever"}] does not match a message without the attribute.
  assert.equal(policy({ attr1: [null, { "anything-but": "whatever" }] }).matches(attrs({})), false);
  assert.equal(policy({ store: [{ exists: true }] }).matches(attrs({ store: N("99"), def: N("99") })), true);
  assert.equal(policy({ store: [{ exists: false }] }).matches(attrs({ def: N("99") })), true);
  assert.equal(policy({ store: [{ exists: false }] }).matches(attrs({ store: N("99") })), false);
  assert.equal(snsAttributesEvent(undefined).constructor, Object);
});

test("$or across attributes", () => {
  const p = policy({ source: ["aws.cloudwatch"], $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { namespace: ["AWS/EC2", "AWS/ES"] }] });
  assert.equal(p.matches(attrs({ source: S("aws.cloudwatch"), metricName: S("ReadLatency") })), true);
  assert.equal(p.matches(attrs({ source: S("aws.cloudwatch"), namespace: S("AWS/ES") })), true);
  assert.equal(p.matches(attrs({ source: S("aws.cloudwatch"), namespace: S("AWS/S3") })), false);
  assert.equal(p.matches(attrs({ source: S("aws.ec2"), metricName: S("ReadLatency") })), false);
});

test("MessageBody: nested keys into the JSON body; a body that is not a JSON object matches nothing", () => {
  // The policy and messages LocalStack ran against AWS (TestSNSFilterPolicyBody).
  const p = policy({ object: { key: [{ prefix: "auto-" }, "hardcodedvalue"], nested_key: [{ exists: false }] }, test: [{ exists: false }] }, "MessageBody");
  const body = (m: unknown) => p.matches(snsBodyEvent(JSON.stringify(m)));
  assert.equal(body({ object: { key: "auto-test" } }), true);
  assert.equal(body({ object: { key: "hardcodedvalue" } }), true);
  for (const m of [{ object: { key: "test-auto" } }, { object: { key: "auto-test" }, test: "just-exists" }, { object: { key: "auto-test", nested_key: "just-exists" } }, { object: { test: "auto-test" } }, { test: "auto-test" }]) {
    assert.equal(body(m), false, JSON.stringify(m));
  }
  assert.equal(p.matches(snsBodyEvent("Regular string message")), false);
  assert.equal(p.matches(snsBodyEvent(JSON.stringify("Regular string message"))), false);
  assert.equal(snsBodyEvent("[1]"), undefined);
  assert.equal(policy({ a: [{ exists: false }] }, "MessageBody").matches(snsBodyEvent("not json")), false);
});

test("MessageBody: numbers match numerically, arrays by element, dotted keys reach nested objects", () => {
  const p = policy({ order: { price: [{ numeric: [">", 100] }], tags: ["gift"] } }, "MessageBody");
  assert.equal(p.matches(snsBodyEvent('{"order": {"price": 150, "tags": ["new", "gift"]}}')), true);
  assert.equal(p.matches(snsBodyEvent('{"order": {"price": "150", "tags": ["gift"]}}')), false);
  const dotted = policy({ "object.nested": ["string.value"] }, "MessageBody");
  assert.equal(dotted.matches(snsBodyEvent('{"object": {"nested": "string.value"}}')), true);
  assert.equal(dotted.matches(snsBodyEvent('{"object.nested": "string.value"}')), true);
  assert.equal(dotted.matches(snsBodyEvent('{"object": {"nested": "other"}}')), false);
});

test("snsFilterEvent picks the scope's view of a message", () => {
  const message = { body: '{"store": "b"}', attributes: { store: S("a") } };
  assert.equal(policy({ store: ["a"] }).matches(snsFilterEvent("MessageAttributes", message)), true);
  assert.equal(policy({ store: ["a"] }, "MessageBody").matches(snsFilterEvent("MessageBody", message)), false);
  assert.equal(policy({ store: ["b"] }, "MessageBody").matches(snsFilterEvent("MessageBody", message)), true);
});

test("limit: at most 5 keys; nested policies count their leaves, $or each alternative", () => {
  const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key_${i}`, ["v"]]));
  const tooMany = "Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys";
  assert.equal(refusal(keys(5)), "OK");
  assert.equal(refusal(keys(6)), tooMany);
  assert.equal(refusal(keys(6), "MessageBody"), tooMany);
  assert.equal(refusal({ a: { b: ["1"], c: ["1"], d: ["1"] }, e: { f: ["1"], g: ["1"], h: ["1"] } }, "MessageBody"), tooMany);
  assert.equal(refusal({ a: { b: ["1"], c: ["1"] }, e: { f: ["1"], g: ["1"], h: ["1"] } }, "MessageBody"), "OK");
  assert.equal(refusal({ a: ["1"], b: ["1"], $or: [{ c: ["1"], d: ["1"], e: ["1"] }, { f: ["1"], g: ["1"], h: ["1"] }] }), "OK");
  assert.equal(refusal({ a: ["1"], b: ["1"], $or: [{ c: ["1"], d: ["1"], e: ["1"], x: ["1"] }, { f: ["1"] }] }), tooMany);
});

test("limit: at most 150 combinations; nested keys multiply by their depth, $or adds its alternatives", () => {
  const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);
  const tooComplex = "Invalid parameter: FilterPolicy: Filter policy is too complex";
  assert.equal(refusal({ store: values(150) }), "OK");
  assert.equal(refusal({ store: values(151) }), tooComplex);
  assert.equal(refusal({ a: values(10), b: values(15) }), "OK");
  assert.equal(refusal({ a: values(10), b: values(16) }), tooComplex);
  // AWS's own example: four values three levels deep and three values two levels deep: 3 × 4 × 2 × 3 = 72.
  assert.equal(refusal({ key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) } }, "MessageBody"), "OK");
  // The case LocalStack recorded against AWS: 72 × 3 = 216.
  assert.equal(refusal({ key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) }, key_f: values(3) }, "MessageBody"), tooComplex);
  // {a: 3 values, $or: [{b: 25}, {c: 25}]} = 3×25 + 3×25 = 150.
  assert.equal(refusal({ a: values(3), $or: [{ b: values(25) }, { c: values(25) }] }), "OK");
  assert.equal(refusal({ a: values(3), $or: [{ b: values(25) }, { c: values(26) }] }), tooComplex);
});

test("limit: 256 KB; nesting is refused in MessageAttributes scope", () => {
  assert.equal(refusal({ a: ["x".repeat(256 * 1024)] }), "Invalid parameter: FilterPolicy: Filter policy is too long");
  assert.equal(refusal({ a: ["x".repeat(256 * 1024 - 20)] }), "OK");
  const nested = { object: { key: [{ prefix: "auto-" }] } };
  assert.equal(refusal(nested), "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
  assert.equal(refusal(nested, "MessageBody"), "OK");
});

test("numbers: numeric conditions within ±1,000,000,000 in SNS, six decimals kept", () => {
  const text = '{"a":[{"numeric":[">",1000000001]}]}';
  assert.equal(refusal(text), `Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive\n at [Source: (String)"${text}"; line: 1, column: 34]`);
  assert.equal(refusal({ a: [{ numeric: ["<=", -1e9] }] }), "OK");
  assert.equal(refusal({ a: [{ "anything-but": [2e9] }] }), `Invalid parameter: FilterPolicy: Value must be between -1.0E9 and 1.0E9, inclusive\n at [Source: (String)"{"a":[{"anything-but":[2000000000]}]}"; line: 1, column: 34]`);
  // An exact number outside the range is accepted and matches the same number only.
  assert.equal(policy({ a: [5e9] }).matches(attrs({ a: N("5000000000") })), true);
  assert.equal(policy({ a: [{ numeric: ["=", 0.00001] }] }).matches(attrs({ a: N("0.00001") })), true);
  assert.equal(policy({ a: [{ numeric: [">", 0.00001] }] }).matches(attrs({ a: N("0.000011") })), true);
  assert.equal(policy({ a: [{ numeric: [">", 0.00001] }] }).matches(attrs({ a: N("0.0000101") })), false, "beyond six decimals the values are equal");
});
