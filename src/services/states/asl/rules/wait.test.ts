import { test } from "node:test";
import assert from "node:assert/strict";
import { compileWait, computeWaitDue, type WaitTiming } from "./wait.js";
import { readerFor } from "./test-support.js";

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0); // 2025-01-01T00:00:00Z

function timing(fields: Record<string, unknown>): WaitTiming {
  const compiled = compileWait(fields, "/States/WaitHere");
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

function diagnostics(fields: Record<string, unknown>): [string, string][] {
  const compiled = compileWait(fields, "/States/WaitHere");
  return compiled.ok ? [] : compiled.diagnostics.map((d) => [d.message, d.location]);
}

test("definition checks with AWS's sentences", () => {
  const fields = "[SecondsPath, Seconds, TimestampPath, Timestamp]";
  assert.deepEqual(diagnostics({}), [[`This object should have only one of the following fields: ${fields}`, "/States/WaitHere"]]);
  assert.deepEqual(diagnostics({ Seconds: 1, Timestamp: "2025-01-01T00:00:10.000Z" }), [[`There should only be one of the following fields: ${fields}`, "/States/WaitHere"]]);
  assert.deepEqual(diagnostics({ Seconds: -1 }), [["Minimum value is 0", "/States/WaitHere/Seconds"]]);
  assert.deepEqual(diagnostics({ Seconds: 1.5 }), [["Expected value of type Integer", "/States/WaitHere/Seconds"]]);
  assert.deepEqual(diagnostics({ Seconds: "10" }), [["Expected value of type Integer", "/States/WaitHere/Seconds"]]);
  assert.deepEqual(diagnostics({ Seconds: 100_000_000 }), [["Maximum value is 99999999", "/States/WaitHere/Seconds"]]);
  assert.deepEqual(diagnostics({ Timestamp: "not-a-timestamp" }), [["String does not match RFC3339 timestamp", "/States/WaitHere/Timestamp"]]);
  assert.deepEqual(diagnostics({ Timestamp: "2016-03-14T01:59:00" }), [["String does not match RFC3339 timestamp", "/States/WaitHere/Timestamp"]]);
  assert.deepEqual(diagnostics({ Timestamp: 1 }), [["Expected value of type String", "/States/WaitHere/Timestamp"]]);
  assert.deepEqual(diagnostics({ SecondsPath: "waitSeconds" }), [["Value is not a Reference Path: Reference path didn't start with '$'", "/States/WaitHere/SecondsPath"]]);
  assert.deepEqual(diagnostics({ TimestampPath: 5 }), [["Expected value of type String", "/States/WaitHere/TimestampPath"]]);
  for (const ok of [{ Seconds: 0 }, { Seconds: 99_999_999 }, { Timestamp: "2016-03-14T01:59:00Z" }, { Timestamp: "2016-03-14T01:59:00.5+02:00" }, { SecondsPath: "$.s" }, { TimestampPath: "$$.Execution.StartTime" }]) {
    assert.deepEqual(diagnostics(ok), [], JSON.stringify(ok));
  }
});

test("Seconds and SecondsPath are counted from now", () => {
  assert.deepEqual(computeWaitDue(timing({ Seconds: 10 }), readerFor({}), NOW), { ok: true, value: { dueAt: NOW + 10_000, delayMs: 10_000 } });
  assert.deepEqual(computeWaitDue(timing({ Seconds: 0 }), readerFor({}), NOW), { ok: true, value: { dueAt: NOW, delayMs: 0 } });
  assert.deepEqual(computeWaitDue(timing({ SecondsPath: "$.input.waitSeconds" }), readerFor({ input: { waitSeconds: 1 } }), NOW), { ok: true, value: { dueAt: NOW + 1000, delayMs: 1000 } });
  assert.deepEqual(computeWaitDue(timing({ SecondsPath: "$.s" }), readerFor({ s: 0 }), NOW), { ok: true, value: { dueAt: NOW, delayMs: 0 } });
  assert.deepEqual(computeWaitDue(timing({ SecondsPath: "$.s" }), readerFor({ s: 99_999_999_999 }), NOW), { ok: true, value: { dueAt: NOW + 99_999_999_999_000, delayMs: 99_999_999_999_000 } });
});

test("Timestamp and TimestampPath: to the second, offsets applied, the past is due at once", () => {
  const at = (fields: Record<string, unknown>, input: unknown = {}) => computeWaitDue(timing(fields), readerFor(input), NOW);
  assert.deepEqual(at({ Timestamp: "2025-01-01T00:00:10.000Z" }), { ok: true, value: { dueAt: NOW + 10_000, delayMs: 10_000 } });
  assert.deepEqual(at({ Timestamp: "2025-01-01T00:00:10.999Z" }), { ok: true, value: { dueAt: NOW + 10_000, delayMs: 10_000 } });
  assert.deepEqual(at({ Timestamp: "2025-01-01T01:00:10+01:00" }), { ok: true, value: { dueAt: NOW + 10_000, delayMs: 10_000 } });
  assert.deepEqual(at({ TimestampPath: "$.resumeAt" }, { resumeAt: "2025-01-01T00:00:20.000Z" }), { ok: true, value: { dueAt: NOW + 20_000, delayMs: 20_000 } });
  assert.deepEqual(at({ TimestampPath: "$.t" }, { t: "2025-01-01T00:00:00.0000000Z" }), { ok: true, value: { dueAt: NOW, delayMs: 0 } });
  assert.deepEqual(at({ Timestamp: "2024-12-31T23:59:55Z" }), { ok: true, value: { dueAt: NOW - 5000, delayMs: 0 } });
});

test("SecondsPath failures: States.Runtime with AWS's sentences", () => {
  const fail = (input: unknown) => computeWaitDue(timing({ SecondsPath: "$.waitSeconds" }), readerFor(input), NOW);
  const runtime = (cause: string) => ({ ok: false, failure: { error: "States.Runtime", cause } });
  assert.deepEqual(fail({ requestId: "r" }), runtime("The SecondsPath parameter does not reference an input value: $.waitSeconds"));
  assert.deepEqual(fail({ waitSeconds: { raw: "3" } }), runtime('The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == {"raw":"3"}'));
  assert.deepEqual(fail({ waitSeconds: 1.5 }), runtime("The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == 1.5"));
  assert.deepEqual(fail({ waitSeconds: -1.5 }), runtime("The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == -1.5"));
  assert.deepEqual(fail({ waitSeconds: -1 }), runtime("The SecondsPath parameter references a negative value: $.waitSeconds == -1"));
  assert.deepEqual(fail({ waitSeconds: "3" }), runtime("The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == 3"));
  assert.deepEqual(fail({ waitSeconds: null }), runtime("The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == null"));
  assert.deepEqual(fail({ waitSeconds: true }), runtime("The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == true"));
  assert.deepEqual(fail({ waitSeconds: 1e19 }), runtime("The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == 10000000000000000000"));
});

test("TimestampPath failures: States.Runtime with AWS's sentences", () => {
  const fail = (input: unknown) => computeWaitDue(timing({ TimestampPath: "$.resumeAt" }), readerFor(input), NOW);
  const runtime = (cause: string) => ({ ok: false, failure: { error: "States.Runtime", cause } });
  const invalid = "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.resumeAt == ";
  assert.deepEqual(fail({}), runtime("The TimestampPath parameter does not reference an input value: $.resumeAt"));
  assert.deepEqual(fail({ resumeAt: 1735689600000 }), runtime(`${invalid}1735689600000`));
  assert.deepEqual(fail({ resumeAt: "2023-12-11T22:05:59" }), runtime(`${invalid}2023-12-11T22:05:59`));
  assert.deepEqual(fail({ resumeAt: "2023-12-11T22:05:59.000000" }), runtime(`${invalid}2023-12-11T22:05:59.000000`));
  assert.deepEqual(fail({ resumeAt: null }), runtime(`${invalid}null`));
  assert.deepEqual(fail({ resumeAt: ["2025-01-01T00:00:00Z"] }), runtime(`${invalid}["2025-01-01T00:00:00Z"]`));
});
