import assert from "node:assert/strict";
import { test } from "node:test";
import { LOG_RING_MAX_CHARS, LOG_RING_MAX_LINES, LOG_TAIL_BYTES, MAX_LOG_LINE_BYTES } from "./limits.js";
import { LineSplitter, LogRing, TailCollector, platformLines } from "./log-buffer.js";
import { newLogStreamName, buildEnvironment } from "./runtime-env.js";
import type { FunctionRuntimeSpec } from "./types.js";

test("LineSplitter joins chunks, keeps \\r inside a line, flushes a partial line", () => {
  const lines: string[] = [];
  const s = new LineSplitter((l) => lines.push(l));
  s.push("a\tb\nmulti\rline");
  s.push(" end\nc");
  assert.deepEqual(lines, ["a\tb", "multi\rline end"]);
  s.flush();
  assert.deepEqual(lines, ["a\tb", "multi\rline end", "c"]);
  s.push("x".repeat(MAX_LOG_LINE_BYTES + 5));
  assert.equal(lines.length, 4, "a runaway line is cut at the CloudWatch event size");
});

test("LogRing keeps the newest lines under absolute indexes", () => {
  const ring = new LogRing();
  for (let i = 0; i < LOG_RING_MAX_LINES + 10; i++) ring.append(`line ${i}`);
  const all = ring.read();
  assert.equal(all.lines.length, LOG_RING_MAX_LINES);
  assert.equal(all.lines[0], "line 10");
  assert.equal(all.next, LOG_RING_MAX_LINES + 10);
  assert.deepEqual(ring.read(all.next - 2).lines, [`line ${LOG_RING_MAX_LINES + 8}`, `line ${LOG_RING_MAX_LINES + 9}`]);
  assert.deepEqual(ring.read(all.next).lines, []);
  // Past the point where the dropped lines are cut off, and again, nothing changes for readers.
  for (let i = LOG_RING_MAX_LINES + 10; i < 3 * LOG_RING_MAX_LINES + 7; i++) ring.append(`line ${i}`);
  const later = ring.read(5);
  assert.equal(later.lines.length, LOG_RING_MAX_LINES);
  assert.equal(later.lines[0], `line ${2 * LOG_RING_MAX_LINES + 7}`);
  assert.equal(later.next, 3 * LOG_RING_MAX_LINES + 7);
  assert.deepEqual(ring.read(later.next - 1).lines, [`line ${3 * LOG_RING_MAX_LINES + 6}`]);
});

test("LogRing keeps at most LOG_RING_MAX_CHARS characters, and always the newest line", () => {
  const ring = new LogRing();
  const half = "h".repeat(LOG_RING_MAX_CHARS / 2 - 1); // two lines fill the ring exactly
  for (let i = 0; i < 5; i++) ring.append(`${i}${half}`);
  assert.deepEqual(ring.read().lines.map((l) => l[0]), ["3", "4"]);
  ring.append("x".repeat(LOG_RING_MAX_CHARS + 1));
  assert.deepEqual(ring.read(), { lines: ["x".repeat(LOG_RING_MAX_CHARS + 1)], next: 6 });
  ring.append("y");
  assert.deepEqual(ring.read(6), { lines: ["y"], next: 7 });
});

test("TailCollector returns base64 of the last 4 KB", () => {
  const tail = new TailCollector();
  tail.add("first");
  tail.add("y".repeat(LOG_TAIL_BYTES));
  const text = Buffer.from(tail.tailBase64(), "base64").toString();
  assert.equal(text.length, LOG_TAIL_BYTES);
  assert.ok(text.endsWith("y\n"));
});

test("REPORT and INIT_REPORT lines follow AWS's format", () => {
  assert.equal(
    platformLines.report({ requestId: "r", durationMs: 12.345, billedDurationMs: 13, memoryMb: 128, maxMemoryUsedMb: 40, initDurationMs: 100 }),
    "REPORT RequestId: r\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tInit Duration: 100.00 ms",
  );
  assert.equal(
    platformLines.report({ requestId: "r", durationMs: 1000, billedDurationMs: 1000, memoryMb: 128, maxMemoryUsedMb: 40, status: "timeout" }),
    "REPORT RequestId: r\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\tMemory Size: 128 MB\tMax Memory Used: 40 MB\tStatus: timeout",
  );
  assert.equal(platformLines.initReport(5, "error", "Runtime.ExitError"), "INIT_REPORT Init Duration: 5.00 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError");
});

test("log stream names and the environment follow AWS's conventions", () => {
  assert.match(newLogStreamName(Date.UTC(2026, 0, 5), "$LATEST"), /^2026\/01\/05\/\[\$LATEST\][0-9a-f]{32}$/);
  const spec: FunctionRuntimeSpec = {
    poolKey: "k", accountId: "123456789012", region: "eu-west-1", functionName: "f", functionArn: "arn:aws:lambda:eu-west-1:123456789012:function:f",
    version: "3", runtime: "python3.12", handler: "app.handler", codeDir: "/code", layerDirs: [], memoryMb: 256, timeoutSeconds: 3,
    logGroupName: "/aws/lambda/f", endpointUrl: "http://127.0.0.1:4566",
    environment: { AWS_REGION: "us-west-2", TZ: "Europe/Paris", MY_VAR: "x", LANG: "C.UTF-8", AWS_ENDPOINT_URL: "http://elsewhere" },
  };
  const inputs = { spec, info: { family: "python", version: "3.12" }, runtimeApi: "127.0.0.1:1234", optDir: "/opt-x", runtimeDir: "/rt", logStreamName: "s" } as const;
  const env = buildEnvironment(inputs);
  assert.equal(env.AWS_REGION, "eu-west-1", "reserved keys cannot be overridden");
  assert.equal(env.TZ, ":UTC");
  assert.equal(env.MY_VAR, "x");
  assert.equal(env.LANG, "C.UTF-8", "unreserved keys can");
  assert.equal(env.AWS_ENDPOINT_URL, "http://elsewhere");
  assert.equal(env.AWS_EXECUTION_ENV, "AWS_Lambda_python3.12");
  assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, "256");
  assert.equal(env.PYTHONPATH, "/rt:/code:/opt-x/python/lib/python3.12/site-packages:/opt-x/python");
  assert.equal(env.PYTHONDONTWRITEBYTECODE, "1");
  assert.ok(env.PATH.endsWith(":/opt-x/bin"));
  assert.ok(env.LD_LIBRARY_PATH.endsWith(":/opt-x/lib"));
  assert.equal(env.NODE_PATH, undefined);
  assert.deepEqual([env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN], ["123456789012", "test", "test"]);
  const signed = buildEnvironment({ ...inputs, credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s3cret" } });
  assert.deepEqual([signed.AWS_ACCESS_KEY_ID, signed.AWS_SECRET_ACCESS_KEY, signed.AWS_SESSION_TOKEN], ["AKIDEXAMPLE", "s3cret", undefined]);
  const provided = buildEnvironment({ ...inputs, spec: { ...spec, runtime: "provided.al2023" }, info: { family: "provided", version: "" } });
  assert.equal(provided.AWS_EXECUTION_ENV, undefined, "not defined for OS-only runtimes");
});
