import { test } from "node:test";
import assert from "node:assert/strict";
import { compileCatch, errorOutput, selectCatcher, type Catcher } from "./catch.js";
import { handleStateError } from "./handle-error.js";
import { compileRetry, type Retrier } from "./retry.js";

function catchers(raw: unknown): readonly Catcher[] {
  const compiled = compileCatch(raw, "/States/X");
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.diagnostics));
  return compiled.value;
}

function diagnostics(raw: unknown): [string, string][] {
  const compiled = compileCatch(raw, "/States/X");
  return compiled.ok ? [] : compiled.diagnostics.map((d) => [d.message, d.location]);
}

const never = () => {
  throw new Error("random read");
};

test("the first matching catcher wins; ResultPath defaults to $, null keeps the input", () => {
  const c = catchers([
    { ErrorEquals: ["java.lang.Exception"], ResultPath: "$.error-info", Next: "RecoveryState" },
    { ErrorEquals: ["DuplicateError"], ResultPath: null, Next: "First" },
    { ErrorEquals: ["DuplicateError"], Next: "Second" },
    { ErrorEquals: ["States.ALL"], Next: "EndState" },
  ]);
  assert.deepEqual(selectCatcher(c, "java.lang.Exception", "boom"), {
    catcher: 0, next: "RecoveryState", resultPath: "$.error-info", errorOutput: { Error: "java.lang.Exception", Cause: "boom" },
  });
  assert.deepEqual(selectCatcher(c, "DuplicateError", "x"), { catcher: 1, next: "First", resultPath: null, errorOutput: { Error: "DuplicateError", Cause: "x" } });
  assert.deepEqual(selectCatcher(c, "Lambda.Unknown", "oom"), { catcher: 3, next: "EndState", resultPath: "$", errorOutput: { Error: "Lambda.Unknown", Cause: "oom" } });
  assert.equal(selectCatcher(c, "States.Runtime", "x"), undefined);
  assert.equal(selectCatcher(c, "States.DataLimitExceeded", "x"), undefined);
  assert.equal(selectCatcher(catchers([{ ErrorEquals: ["A"], Next: "N" }]), "B"), undefined);
});

test("States.TaskFailed catches task errors but not timeouts", () => {
  const c = catchers([{ ErrorEquals: ["States.TaskFailed"], Next: "Failed" }, { ErrorEquals: ["States.Timeout"], Next: "TimedOut" }]);
  assert.equal(selectCatcher(c, "S3.NoSuchBucketException", "c")?.next, "Failed");
  assert.equal(selectCatcher(c, "States.Timeout", "c")?.next, "TimedOut");
  assert.equal(selectCatcher(c, "States.HeartbeatTimeout", "c")?.next, "TimedOut");
});

test("error output: {Error, Cause}, Cause left out when the error has none; Assign and Output kept", () => {
  assert.deepEqual(errorOutput("E", "c"), { Error: "E", Cause: "c" });
  assert.deepEqual(errorOutput("E", ""), { Error: "E", Cause: "" });
  assert.deepEqual(errorOutput("E"), { Error: "E" });
  assert.deepEqual(Object.keys(errorOutput("E", "c")), ["Error", "Cause"]);
  const c = catchers([{ ErrorEquals: ["States.ALL"], Next: "N", Assign: { failed: true }, Output: "{% $states.errorOutput %}", Comment: "x" }]);
  assert.deepEqual(selectCatcher(c, "E"), { catcher: 0, next: "N", resultPath: "$", errorOutput: { Error: "E" }, assign: { failed: true }, output: "{% $states.errorOutput %}" });
});

test("definition checks", () => {
  assert.deepEqual(diagnostics("nope"), [["Expected value of type Array", "/States/X/Catch"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A"] }]), [["These fields are required: [Next]", "/States/X/Catch[0]"]]);
  assert.deepEqual(diagnostics([{}]), [["These fields are required: [ErrorEquals, Next]", "/States/X/Catch[0]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: [], Next: "N" }]), [["Value cannot be empty", "/States/X/Catch[0]/ErrorEquals"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["States.ALL", "CustomError"], Next: "R" }]), [["States.ALL must appear alone and at end of list", "/States/X/Catch[0]/ErrorEquals[0]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["States.ALL"], Next: "R" }, { ErrorEquals: ["CustomError"], Next: "R" }]), [
    ["States.ALL must appear alone and at end of list", "/States/X/Catch[0]/ErrorEquals[0]"],
  ]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A"], Next: 3 }]), [["Expected value of type String", "/States/X/Catch[0]/Next"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A"], Next: "N", ResultPath: "error" }]), [["Value is not a Reference Path: Reference path didn't start with '$'", "/States/X/Catch[0]/ResultPath"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A"], Next: "N", MaxAttempts: 1 }]), [["Field 'MaxAttempts' is not supported", "/States/X/Catch[0]"]]);
  assert.deepEqual(diagnostics([{ ErrorEquals: ["A"], Next: "N", ResultPath: null }, { ErrorEquals: ["States.ALL"], Next: "M", ResultPath: "$.e" }]), []);
  assert.deepEqual(catchers(undefined), []);
});

test("handleStateError: retriers first, then catchers, else the state fails", () => {
  const retry = compileRetry([{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }], "/States/X");
  assert.ok(retry.ok);
  const r: readonly Retrier[] = retry.ok ? retry.value : [];
  const c = catchers([{ ErrorEquals: ["States.ALL"], ResultPath: "$.retriedError", Next: "Recovered" }]);
  const failure = { error: "SyntheticRetryError", cause: "local retry observation failure" };
  assert.deepEqual(handleStateError(failure, r, [0], c, never), { kind: "retry", retrier: 0, delayMs: 1000, counts: [1] });
  assert.deepEqual(handleStateError(failure, r, [1], c, never), { kind: "retry", retrier: 0, delayMs: 2000, counts: [2] });
  assert.deepEqual(handleStateError(failure, r, [2], c, never), {
    kind: "catch", catcher: 0, next: "Recovered", resultPath: "$.retriedError", errorOutput: { Error: "SyntheticRetryError", Cause: "local retry observation failure" },
  });
  assert.deepEqual(handleStateError({ error: "States.Runtime", cause: "bad" }, r, [0], c, never), { kind: "fail", error: "States.Runtime", cause: "bad" });
  assert.deepEqual(handleStateError({ error: "E" }, [], [], [], never), { kind: "fail", error: "E" });
  const onlyTransient = compileRetry([{ ErrorEquals: ["TransientError"], MaxAttempts: 2 }], "/States/X");
  const validation = catchers([{ ErrorEquals: ["ValidationError"], ResultPath: "$.caught", Next: "Recovered" }]);
  const rt = onlyTransient.ok ? onlyTransient.value : [];
  assert.equal(handleStateError({ error: "TransientError", cause: "1" }, rt, [0], validation, never).kind, "retry");
  assert.deepEqual(handleStateError({ error: "ValidationError", cause: "go" }, rt, [1], validation, never), {
    kind: "catch", catcher: 0, next: "Recovered", resultPath: "$.caught", errorOutput: { Error: "ValidationError", Cause: "go" },
  });
  assert.deepEqual(handleStateError({ error: "TransientError", cause: "3" }, rt, [2], validation, never), { kind: "fail", error: "TransientError", cause: "3" });
});
