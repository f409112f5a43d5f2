// Environments over time: reuse, concurrency, timeouts (real and manual clock), crashes,
// retirement, idle reaping, INIT limits, oversized responses, logs, and stop().
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { ManualClock } from "../../../core/clock.js";
import { RuntimeHarness, decorate } from "../../../../test/fixtures/lambda/runtime-harness.js";

/** True while a process exists and is not a zombie waiting for a reaper. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!check()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

const COUNTER = `
let n = 0;
exports.handler = async (event) => {
  n++;
  if (event.wait) await new Promise((r) => setTimeout(r, event.wait));
  if (event.exit !== undefined) process.exit(event.exit);
  if (event.kill) process.kill(process.pid, "SIGKILL");
  if (event.big) return "x".repeat(7 * 1024 * 1024);
  return { pid: process.pid, n };
};`;

test("warm reuse, concurrent invocations in separate environments, busy counts", async (t) => {
  const h = await RuntimeHarness.create();
  t.after(() => h.cleanup());
  const spec = h.spec(await h.dir({ "index.js": COUNTER }));
  const first = await h.invoke(spec);
  const second = await h.invoke(spec);
  assert.equal(second.json.pid, first.json.pid);
  assert.deepEqual([first.json.n, second.json.n], [1, 2]);
  assert.ok(first.initDurationMs !== undefined && second.initDurationMs === undefined);

  const a = h.invoke(spec, { wait: 400 });
  const b = h.invoke(spec, { wait: 400 });
  await until("two busy environments", () => h.engine.busy(spec.functionArn) === 2);
  assert.equal(h.engine.busy(`${spec.functionArn}:$LATEST`), 2, "a qualified ARN counts the same function");
  const [ra, rb] = await Promise.all([a, b]);
  assert.notEqual(ra.json.pid, rb.json.pid);
  assert.ok([ra.json.pid, rb.json.pid].includes(first.json.pid));
  assert.equal(h.engine.busy(spec.functionArn), 0);
});

test("an invocation past its timeout kills the environment and its children (real clock)", async (t) => {
  const h = await RuntimeHarness.create();
  t.after(() => h.cleanup());
  const dir = await h.dir({
    "index.js": `const { spawn } = require("node:child_process");
      exports.handler = async () => { const c = spawn("sleep", ["30"]); console.log("pids", process.pid, c.pid); await new Promise((r) => setTimeout(r, 10000)); };`,
  });
  const spec = h.spec(dir, { timeoutSeconds: 1 });
  const r = await h.invoke(spec, {}, { requestId: "slow-1" });
  assert.equal(r.functionError, "Unhandled");
  assert.equal(r.errorType, "Sandbox.Timedout");
  assert.deepEqual(r.json, { errorType: "Sandbox.Timedout", errorMessage: "RequestId: slow-1 Error: Task timed out after 1.00 seconds" });
  assert.equal(r.durationMs, 1000);
  assert.match(r.log, /Z slow-1 Task timed out after 1\.00 seconds\n/);
  assert.match(r.log, /^REPORT RequestId: slow-1\tDuration: 1000\.00 ms\t.*\tStatus: timeout$/m);
  const [, pid, grandchild] = /pids (\d+) (\d+)/.exec(r.log)!.map(Number);
  assert.equal(alive(pid), false, "the runtime was killed");
  await until("the handler's child to die with its process group", () => !alive(grandchild));
  const next = await h.invoke({ ...spec, timeoutSeconds: 3 }, {}, {});
  assert.ok(next.initDurationMs !== undefined, "a new environment replaces the killed one");
});

test("timeouts, INIT limits and idle reaping run on the injected clock (manual clock)", async (t) => {
  const clock = new ManualClock();
  const h = await RuntimeHarness.create({ clock, idleTimeoutMs: 60_000 });
  t.after(() => h.cleanup());
  const hang = h.spec(await h.dir({ "index.js": `exports.handler = async () => { console.log("started"); setInterval(() => {}, 1000); await new Promise(() => {}); };` }), { timeoutSeconds: 3 });
  const pending = h.invoke(hang, {}, { requestId: "manual-1" });
  await until("the handler to start", () => h.engine.logs(hang.functionArn).lines.some((l) => l.endsWith("\tstarted")));
  await clock.advance(3000);
  const r = await pending;
  assert.equal(r.errorType, "Sandbox.Timedout");
  assert.equal(r.json.errorMessage, "RequestId: manual-1 Error: Task timed out after 3.00 seconds");
  assert.equal(h.engine.busy(hang.functionArn), 0);

  // A runtime that never asks for its first event hits the 10 s INIT limit.
  const stuck = h.spec(await h.dir({ bootstrap: "#!/bin/sh\nexec sleep 30\n" }, ["bootstrap"]), { runtime: "provided.al2023", handler: undefined });
  const stuckResult = h.invoke(stuck);
  await until("INIT to start", () => clock.pendingTimers() > 0);
  await sleep(50);
  await clock.advance(10_000);
  const init = await stuckResult;
  assert.equal(init.functionError, "Unhandled");
  assert.equal(init.errorType, "Runtime.Unknown");
  assert.match(init.log, /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: timeout$/m);

  // Idle environments are stopped after the idle timeout.
  const idle = h.spec(await h.dir({ "index.js": COUNTER }));
  const warm = await h.invoke(idle);
  assert.ok(alive(warm.json.pid));
  await clock.advance(59_000);
  assert.ok(alive(warm.json.pid), "not idle long enough yet");
  await clock.advance(1_000);
  await until("the idle environment to stop", () => !alive(warm.json.pid));
  assert.ok((await h.invoke(idle)).initDurationMs !== undefined);
});

test("a runtime exiting mid-invocation is Runtime.ExitError; oversized responses are Function.ResponseSizeTooLarge", async (t) => {
  const h = await RuntimeHarness.create();
  t.after(() => h.cleanup());
  const spec = h.spec(await h.dir({ "index.js": COUNTER }));
  const warm = await h.invoke(spec);
  const exit = await h.invoke(spec, { exit: 1 }, { requestId: "exit-1" });
  assert.equal(exit.functionError, "Unhandled");
  assert.deepEqual(exit.json, { errorType: "Runtime.ExitError", errorMessage: "RequestId: exit-1 Error: Runtime exited with error: exit status 1" });
  assert.match(exit.log, /\tStatus: error\tError Type: Runtime.ExitError$/m);
  assert.equal(alive(warm.json.pid), false);
  const killed = await h.invoke(spec, { kill: true }, { requestId: "kill-1" });
  assert.equal(killed.json.errorMessage, "RequestId: kill-1 Error: Runtime exited with error: signal: killed");
  const big = await h.invoke(spec, { big: true });
  assert.equal(big.functionError, "Unhandled");
  assert.deepEqual(big.json, { errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes).", errorType: "Function.ResponseSizeTooLarge" });
  assert.equal((await h.invoke(spec)).functionError, undefined, "the environment survives an oversized response");
});

test("provided runtimes: a bootstrap speaking the Runtime API, from the code or a layer; missing bootstraps", async (t) => {
  const h = await RuntimeHarness.create();
  t.after(() => h.cleanup());
  const nodeBootstrap = `#!/usr/bin/env node
const http = require("node:http");
const api = process.env.AWS_LAMBDA_RUNTIME_API;
const call = (method, path, body) => new Promise((resolve, reject) => {
  const req = http.request("http://" + api + "/2018-06-01/runtime" + path, { method }, (res) => {
    let data = ""; res.on("data", (c) => (data += c)); res.on("end", () => resolve({ headers: res.headers, body: data }));
  });
  req.on("error", reject); req.end(body);
});
(async () => { for (;;) {
  const next = await call("GET", "/invocation/next");
  const id = next.headers["lambda-runtime-aws-request-id"];
  console.log("custom runtime got " + next.body);
  await call("POST", "/invocation/" + id + "/response", JSON.stringify({ echo: JSON.parse(next.body), handler: process.env._HANDLER, execEnv: process.env.AWS_EXECUTION_ENV ?? null }));
} })();
`;
  const spec = h.spec(await h.dir({ bootstrap: nodeBootstrap }, ["bootstrap"]), { runtime: "provided.al2023", handler: "my.handler" });
  const r = await h.invoke(spec, { hello: "custom" });
  assert.deepEqual(r.json, { echo: { hello: "custom" }, handler: "my.handler", execEnv: null });
  assert.match(r.log, /^custom runtime got \{"hello":"custom"\}$/m);

  const pyBootstrap = `#!/usr/bin/env python3
import json, os, urllib.request
api = os.environ["AWS_LAMBDA_RUNTIME_API"]
while True:
    with urllib.request.urlopen("http://%s/2018-06-01/runtime/invocation/next" % api) as res:
        rid = res.headers["Lambda-Runtime-Aws-Request-Id"]
        res.read()
    doc = json.dumps({"errorType": "CustomError", "errorMessage": "from python bootstrap"}).encode()
    req = urllib.request.Request("http://%s/2018-06-01/runtime/invocation/%s/error" % (api, rid), data=doc, method="POST",
                                 headers={"Lambda-Runtime-Function-Error-Type": "Unhandled"})
    urllib.request.urlopen(req).read()
`;
  const layer = await h.dir({ bootstrap: pyBootstrap }, ["bootstrap"]);
  const fromLayer = await h.invoke(h.spec(await h.dir({ "README": "code without a bootstrap" }), { runtime: "provided.al2", layerDirs: [layer] }));
  assert.equal(fromLayer.functionError, "Unhandled");
  assert.equal(fromLayer.errorType, "CustomError");
  assert.deepEqual(fromLayer.json, { errorType: "CustomError", errorMessage: "from python bootstrap" });

  const crashes = await h.invoke(h.spec(await h.dir({ bootstrap: "#!/bin/sh\necho 'starting up'\nexit 3\n" }, ["bootstrap"]), { runtime: "provided.al2023" }), {}, { requestId: "crash-1" });
  assert.deepEqual(crashes.json, { errorType: "Runtime.ExitError", errorMessage: "RequestId: crash-1 Error: Runtime exited with error: exit status 3" });
  assert.match(crashes.log, /^starting up\nINIT_REPORT .*Status: error\tError Type: Runtime.ExitError\n/);

  const none = await h.dir({ "README": "nothing to run" });
  const missing = await h.invoke(h.spec(none, { runtime: "provided.al2023" }), {}, { requestId: "no-boot" });
  assert.equal(missing.errorType, "Runtime.InvalidEntrypoint");
  assert.match(missing.json.errorMessage, /^RequestId: no-boot Error: Couldn't find valid bootstrap\(s\): \[.*\/bootstrap .*\/bootstrap\]$/);
  const notExecutable = await h.invoke(h.spec(await h.dir({ bootstrap: "#!/bin/sh\n" }), { runtime: "provided.al2023" }));
  assert.equal(notExecutable.errorType, "Runtime.InvalidEntrypoint");
  assert.match(notExecutable.json.errorMessage, /permission denied/);
});

test("retire stops a pool (in-flight invocations finish first); logs() keeps recent lines; stop() kills everything", async (t) => {
  const h = await RuntimeHarness.create();
  t.after(() => h.cleanup());
  const spec = h.spec(await h.dir({ "index.js": COUNTER }), { poolKey: "fn-retire:1" });
  const two = await Promise.all([h.invoke(spec, { wait: 100 }), h.invoke(spec, { wait: 100 })]);
  const inFlight = h.invoke(spec, { wait: 300 });
  await until("one environment to be busy", () => h.engine.busy(spec.functionArn) === 1);
  await h.engine.retire("fn-retire:");
  const stillBusy = two.filter((r) => alive(r.json.pid));
  assert.equal(stillBusy.length, 1, "the idle environment stops at once, the busy one keeps running");
  const finished = await inFlight;
  assert.equal(finished.functionError, undefined, "the in-flight invocation completes");
  assert.equal(finished.json.pid, stillBusy[0].json.pid);
  await until("the busy environment to stop after its invocation", () => !alive(finished.json.pid));
  const fresh = await h.invoke(spec);
  assert.ok(fresh.initDurationMs !== undefined);

  const log = h.engine.logs(spec.functionArn);
  assert.equal(log.lines.filter((l) => l.startsWith("START RequestId:")).length, 4);
  assert.equal(log.lines.filter((l) => l.startsWith("REPORT RequestId:")).length, 4);
  assert.deepEqual(h.engine.logs(`${spec.functionArn}:$LATEST`, log.next), { lines: [], next: log.next });
  await h.invoke(spec);
  const more = h.engine.logs(spec.functionArn, log.next);
  assert.ok(more.lines[0].startsWith("START RequestId:") && more.next > log.next);

  const pending = h.invoke(spec, { wait: 5000 });
  await until("a busy environment", () => h.engine.busy(spec.functionArn) === 1);
  await h.engine.stop();
  const cut = decorate(await pending);
  assert.equal(cut.errorType, "Runtime.ExitError", "stop() ends in-flight invocations");
  assert.equal(alive(fresh.json.pid), false);
  await assert.rejects(h.engine.invoke(spec, h.request(spec)), /stopped/);
});
