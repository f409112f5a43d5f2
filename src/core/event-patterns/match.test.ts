/**
 * How whole patterns match events: AND across keys, nesting, `$or`, arrays (including arrays of
 * objects and AWS's array consistency), dotted keys. EventBridge mode; SNS shares the code.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, flattenEvent } from "./index.js";

const p = (pattern: unknown) => compilePattern(JSON.stringify(pattern), { mode: "eventbridge" });

const EC2 = {
  version: "0",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "012345679012",
  region: "us-east-1",
  resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"],
  detail: { "c-count": 5, "d-count": 3, "x-limit": 301.8, "source-ip": "10.0.0.33", "instance-id": "i-000000aaaaaa00000", state: "running" },
};

test("keys are ANDed, nested objects descend, the event's other fields are ignored", () => {
  const cases: [unknown, boolean][] = [
    [{ source: ["aws.ec2"], detail: { state: ["initializing", "running"] } }, true],
    [{ source: ["aws.ec2"], detail: { state: ["initializing"] } }, false],
    [{ resources: ["arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000"] }, true],
    [{ detail: { "c-count": [{ numeric: [">", 0, "<=", 5] }], "x-limit": [{ numeric: ["=", 3.018e2] }], "source-ip": [{ cidr: "10.0.0.0/24" }] } }, true],
    [{ detail: { "c-count": [{ numeric: [">", 5] }] } }, false],
    [{ detail: { missing: [{ exists: false }], state: [{ "anything-but": "initializing" }] } }, true],
    [{ detail: { state: { nested: ["running"] } } }, false],
    [{ time: [{ prefix: "2017" }] }, false],
  ];
  for (const [pattern, expected] of cases) assert.equal(p(pattern).matches(EC2), expected, JSON.stringify(pattern));
});

test("$or: any alternative, nested inside keys, combined with AND, and nested $or", () => {
  const pattern = {
    source: ["aws.cloudwatch"],
    $or: [{ metricName: ["CPUUtilization", "ReadLatency"] }, { metricType: ["MetricType"], namespace: ["AWS/EC2", "AWS/ES"], $or: [{ metricId: [1234] }, { spaceId: [1000] }] }, { scope: ["Service"] }],
  };
  const cases: [unknown, boolean][] = [
    [{ source: "aws.cloudwatch", metricName: "ReadLatency" }, true],
    [{ source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/ES", spaceId: 1000 }, true],
    [{ source: "aws.cloudwatch", metricType: "MetricType", namespace: "AWS/ES" }, false],
    [{ source: "aws.cloudwatch", scope: "Service" }, true],
    [{ source: "aws.ec2", scope: "Service" }, false],
    [{ source: "aws.cloudwatch" }, false],
  ];
  for (const [event, expected] of cases) assert.equal(p(pattern).matches(event), expected, JSON.stringify(event));
  const inside = p({ detail: { $or: [{ "c-count": [{ numeric: [">", 10] }] }, { state: ["running"] }] } });
  assert.equal(inside.matches(EC2), true);
  assert.equal(inside.matches({ detail: { "c-count": 1, state: "stopped" } }), false);
  assert.equal(p({ detail: { $or: [{ a: ["1"] }, { b: ["2"] }] } }).branches.length, 2);
});

test("arrays: any element; arrays of objects are crushed into their parent's path", () => {
  assert.equal(p({ tags: ["b"] }).matches({ tags: ["a", "b"] }), true);
  assert.equal(p({ tags: ["c"] }).matches({ tags: ["a", "b"] }), false);
  assert.equal(p({ tags: ["b"] }).matches({ tags: [["a"], ["b"]] }), true);
  assert.equal(p({ employees: { firstName: ["Anna"] } }).matches({ employees: [{ firstName: "John" }, { firstName: "Anna" }] }), true);
  assert.equal(p({ employees: { firstName: ["Anna"] } }).matches({ employees: [[{ firstName: "John" }], [{ firstName: "Anna" }]] }), true);
  assert.equal(p({ tags: [{ exists: true }] }).matches({ tags: [] }), false);
  assert.equal(p({ tags: [null] }).matches({ tags: [] }), false);
});

test("array consistency: fields matched in one array of objects must come from the same element", () => {
  const event = { employees: [{ firstName: "John", lastName: "Doe" }, { firstName: "Anna", lastName: "Smith" }, { firstName: "Peter", lastName: "Jones" }] };
  assert.equal(p({ employees: { firstName: ["Anna"], lastName: ["Smith"] } }).matches(event), true);
  assert.equal(p({ employees: { firstName: ["Anna"], lastName: ["Jones"] } }).matches(event), false);
  assert.equal(p({ employees: { firstName: ["Anna", "Peter"], lastName: ["Jones"] } }).matches(event), true);
  assert.equal(p({ employees: { firstName: [{ prefix: "J" }], lastName: [{ exists: true }] } }).matches(event), true);
  // Fields outside the array constrain nothing; nested arrays keep their outer element.
  assert.equal(p({ dept: ["x"], employees: { firstName: ["Peter"] } }).matches({ ...event, dept: "x" }), true);
  const nested = { teams: [{ name: "a", members: [{ id: 1 }, { id: 2 }] }, { name: "b", members: [{ id: 3 }] }] };
  assert.equal(p({ teams: { name: ["a"], members: { id: [2] } } }).matches(nested), true);
  assert.equal(p({ teams: { name: ["a"], members: { id: [3] } } }).matches(nested), false);
});

test("dotted keys: the pattern key a.b and the nesting {a: {b}} reach the same values", () => {
  for (const pattern of [{ "detail.state": ["running"] }, { detail: { state: ["running"] } }]) {
    assert.equal(p(pattern).matches({ detail: { state: "running" } }), true, JSON.stringify(pattern));
    assert.equal(p(pattern).matches({ "detail.state": "running" }), true, JSON.stringify(pattern));
    assert.equal(p(pattern).matches({ detail: { state: "stopped" } }), false, JSON.stringify(pattern));
  }
});

test("keys are case-sensitive; only JSON objects are events", () => {
  assert.equal(p({ Source: ["aws.ec2"] }).matches(EC2), false);
  for (const notAnObject of [null, "x", 5, [EC2], undefined]) assert.equal(p({ source: [{ exists: false }] }).matches(notAnObject), false);
});

test("flattenEvent: leaf values by dotted path, optionally limited to some paths", () => {
  const flat = flattenEvent({ a: { b: [1, { c: "x" }] }, d: null, e: [], f: {} });
  assert.deepEqual([...flat.fields.keys()], ["a.b", "a.b.c", "d"]);
  assert.deepEqual(flat.fields.get("a.b")?.values, [1]);
  assert.equal(flat.hasTrails, true);
  assert.deepEqual([...flattenEvent({ a: { b: 1, c: 2 }, z: 3 }, new Set(["a", "a.c"])).fields.keys()], ["a.c"]);
  assert.equal(flattenEvent({ tags: ["a", "b"] }).hasTrails, false);
  let deep: unknown = "x";
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(p({ a: ["x"] }).matches({ a: deep }), false, "values nested deeper than 1,000 levels are not seen (and do not overflow the stack)");
  let shallow: unknown = "x";
  for (let i = 0; i < 900; i++) shallow = [shallow];
  assert.equal(p({ a: ["x"] }).matches({ a: shallow }), true);
});
