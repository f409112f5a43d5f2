import { test } from "node:test";
import assert from "node:assert/strict";
import { compileRetry, decideRetry, initialRetryCounts, retryDelayMs, type Retrier, type RetryCounts } from "./retry.js";

const never = () => {
  throw new Error("random read for JitterStrategy NONE");
};

function retriers(raw: unknown): readonly Retrier[] {
  const compiled = compileRetry(raw, "/States/X");
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

function diagnostics(raw: unknown): [string, string][] {
  const compiled = compileRetry(raw, "/States/X");
  return compiled.ok ? [] : compiled.diagnostics.map((d) => [d.message, d.location]);
}

test("defaults: IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0, no cap, no jitter", () => {
  assert.deepEqual(retriers([{ ErrorEquals: ["States.ALL"] }]), [{ errorEquals: ["States.ALL"], intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, jitterStrategy: "NONE" }]);
  assert.deepEqual(retriers(undefined), []);
  const r = retriers([{ ErrorEquals: ["E"] }]);
  let counts: RetryCounts = initialRetryCounts(r);
  const delays: number[] = [];
  for (;;) {
    const d = decideRetry(r, counts, "E", never);
    if (d.kind !== "retry") {
      assert.deepEqual(d, { kind: "exhausted", retrier: 0 });
      break;
    }
    delays.push(d.delayMs);
    counts = d.counts;
  }
  assert.deepEqual(delays, [1000, 2000, 4000]);
});

test("the documented examples: 3 s then 4.5 s; and the five-error scenario", () => {
  const r = retriers([{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 3, MaxAttempts: 2, BackoffRate: 1.5 }]);
  const first = decideRetry(r, initialRetryCounts(r), "States.Timeout", never);
  assert.deepEqual(first, { kind: "retry", retrier: 0, delayMs: 3000, counts: [1] });
  const second = decideRetry(r, [1], "States.Timeout", never);
  assert.deepEqual(second, { kind: "retry", retrier: 0, delayMs: 4500, counts: [2] });
  assert.deepEqual(decideRetry(r, [2], "States.Timeout", never), { kind: "exhausted", retrier: 0 });

  // The spec's scenario: ErrorA, ErrorB, ErrorC, ErrorB wait 1, 2 and 5 s, and the fourth error
  // finds the first retrier spent (MaxAttempts 2), so Catch takes over. (An older AWS page told
  // it with a fifth error and a 4 s wait, which contradicts MaxAttempts 2.)
  const x = retriers([
    { ErrorEquals: ["ErrorA", "ErrorB"], IntervalSeconds: 1, BackoffRate: 2.0, MaxAttempts: 2 },
    { ErrorEquals: ["ErrorC"], IntervalSeconds: 5 },
  ]);
  let counts = initialRetryCounts(x);
  const seen: unknown[] = [];
  for (const error of ["ErrorA", "ErrorB", "ErrorC", "ErrorB"]) {
    const d = decideRetry(x, counts, error, never);
    seen.push(d.kind === "retry" ? d.delayMs : d.kind);
    if (d.kind === "retry") counts = d.counts;
  }
  assert.deepEqual(seen, [1000, 2000, 5000, "exhausted"]);
  assert.deepEqual(counts, [2, 1]);
});

test("the first matching retrier decides alone; MaxAttempts 0 never retries", () => {
  const r = retriers([{ ErrorEquals: ["States.Timeout"], MaxAttempts: 0 }, { ErrorEquals: ["States.ALL"] }]);
  assert.deepEqual(decideRetry(r, [0, 0], "States.Timeout", never), { kind: "exhausted", retrier: 0 });
  assert.deepEqual(decideRetry(r, [0, 0], "Custom", never), { kind: "retry", retrier: 1, delayMs: 1000, counts: [0, 1] });
  assert.deepEqual(decideRetry(r, [0, 0], "States.Runtime", never), { kind: "unmatched" });
  const s = retriers([{ ErrorEquals: ["A"], MaxAttempts: 1 }, { ErrorEquals: ["A", "B"], MaxAttempts: 5 }]);
  assert.deepEqual(decideRetry(s, [1, 0], "A", never), { kind: "exhausted", retrier: 0 });
  assert.deepEqual(decideRetry(s, [1, 0], "B", never), { kind: "retry", retrier: 1, delayMs: 1000, counts: [1, 1] });
  assert.deepEqual(decideRetry(s, [0, 0], "C", never), { kind: "unmatched" });
});

test("MaxDelaySeconds caps the backoff; BackoffRate 1 keeps the interval", () => {
  const capped: Retrier = { errorEquals: ["E"], intervalSeconds: 1, backoffRate: 3, maxAttempts: 5, maxDelaySeconds: 2, jitterStrategy: "NONE" };
  assert.deepEqual([0, 1, 2, 3].map((n) => retryDelayMs(capped, n, never)), [1000, 2000, 2000, 2000]);
  const flat: Retrier = { ...capped, backoffRate: 1, maxDelaySeconds: undefined, intervalSeconds: 7 };
  assert.deepEqual([0, 1, 10].map((n) => retryDelayMs(flat, n, never)), [7000, 7000, 7000]);
  const zero: Retrier = { ...flat, intervalSeconds: 0, backoffRate: 2 };
  assert.equal(retryDelayMs(zero, 3, never), 0);
  const huge: Retrier = { ...flat, backoffRate: 10, intervalSeconds: 99_999_999 };
  assert.equal(retryDelayMs(huge, 400, never), Number.MAX_SAFE_INTEGER);
  assert.equal(retryDelayMs({ ...huge, maxDelaySeconds: 31_622_400 }, 400, never), 31_622_400_000);
  assert.equal(retryDelayMs({ ...flat, intervalSeconds: 3, backoffRate: 1.5 }, 2, never), 6750);
});

test("JitterStrategy FULL: a random point between 0 and the capped delay", () => {
  const r: Retrier = { errorEquals: ["E"], intervalSeconds: 2, backoffRate: 2, maxAttempts: 3, maxDelaySeconds: 5, jitterStrategy: "FULL" };
  assert.equal(retryDelayMs(r, 0, () => 0), 0);
  assert.equal(retryDelayMs(r, 0, () => 0.5), 1000);
  assert.equal(retryDelayMs(r, 0, () => 0.9999999999), 2000);
  assert.equal(retryDelayMs(r, 1, () => 0.25), 1000);
  assert.equal(retryDelayMs(r, 2, () => 0.5), 2500); // 8 s capped to 5 s, then jittered
  const compiled = retriers([{ ErrorEquals: ["E"], IntervalSeconds: 2, JitterStrategy: "FULL" }]);
  assert.deepEqual(decideRetry(compiled, [0], "E", () => 0.75), { kind: "retry", retrier: 0, delayMs: 1500, counts: [1] });
});

test("definition checks: ErrorEquals, States.ALL placement and the numeric fields", () => {
  assert.deepEqual(diagnostics({}), [["Expected value of type Array", "/States/X/Retry"]]);
  assert.deepEqual(diagnostics([5]), [["Expected value of type Object", "/States/X/Retry[0]"]]);
  assert.deepEqual(diagnostics([{ MaxAttempts: 1 }]), [["These fields are required: [ErrorEquals]", "/States/X/Retry[0]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: [] }]), [["Value cannot be empty", "/States/X/Retry[0]/ErrorEquals"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: "States.ALL" }]), [["Expected value of type Array", "/States/X/Retry[0]/ErrorEquals"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A", 1] }]), [["Expected value of type String", "/States/X/Retry[0]/ErrorEquals[1]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["States.ALL", "CustomError"], MaxAttempts: 1 }]), [["States.ALL must appear alone and at end of list", "/States/X/Retry[0]/ErrorEquals[0]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["CustomError", "States.ALL"] }]), [["States.ALL must appear alone and at end of list", "/States/X/Retry[0]/ErrorEquals[1]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["States.ALL"], MaxAttempts: 1 }, { ErrorEquals: ["CustomError"], MaxAttempts: 1 }]), [
    ["States.ALL must appear alone and at end of list", "/States/X/Retry[0]/ErrorEquals[0]"],
  ]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A"] }, { ErrorEquals: ["States.ALL"] }]), []);
  const field = (name: string, value: unknown) => diagnostics([{ ErrorEquals: ["E"], [name]: value }]);
  assert.deepEqual(field("IntervalSeconds", 1.5), [["Expected value of type Integer", "/States/X/Retry[0]/IntervalSeconds"]]);
  assert.deepEqual(field("IntervalSeconds", -1), [["Minimum value is 0", "/States/X/Retry[0]/IntervalSeconds"]]);
  assert.deepEqual(field("IntervalSeconds", 100_000_000), [["Maximum value is 99999999", "/States/X/Retry[0]/IntervalSeconds"]]);
  assert.deepEqual(field("MaxAttempts", -1), [["Minimum value is 0", "/States/X/Retry[0]/MaxAttempts"]]);
  assert.deepEqual(field("MaxAttempts", "3"), [["Expected value of type Integer", "/States/X/Retry[0]/MaxAttempts"]]);
  assert.deepEqual(field("MaxAttempts", 100_000_000), [["Maximum value is 99999999", "/States/X/Retry[0]/MaxAttempts"]]);
  assert.deepEqual(field("BackoffRate", 0.5), [["Minimum value is 1.0", "/States/X/Retry[0]/BackoffRate"]]);
  assert.deepEqual(field("BackoffRate", "2"), [["Expected value of type Number", "/States/X/Retry[0]/BackoffRate"]]);
  assert.deepEqual(field("MaxDelaySeconds", 0), [["Minimum value is 1", "/States/X/Retry[0]/MaxDelaySeconds"]]);
  assert.deepEqual(field("MaxDelaySeconds", 31_622_401), [["Maximum value is 31622400", "/States/X/Retry[0]/MaxDelaySeconds"]]);
  assert.deepEqual(field("JitterStrategy", "SAMPLE"), [["Value should be one of the following: [NONE, FULL]", "/States/X/Retry[0]/JitterStrategy"]]);
  assert.deepEqual(field("Next", "Y"), [["Field 'Next' is not supported", "/States/X/Retry[0]"]]);
  for (const [name, value] of [["IntervalSeconds", 0], ["MaxAttempts", 0], ["MaxAttempts", 99_999_999], ["BackoffRate", 1], ["BackoffRate", 1.5], ["MaxDelaySeconds", 31_622_400], ["JitterStrategy", "NONE"], ["Comment", "x"]] as const) {
    assert.deepEqual(field(name, value), [], `${name} ${value}`);
  }
});
