/**
 * Each kind of runtime through the real LambdaClient: a Python handler, OS-only runtimes
 * (provided.al2023) whose `bootstrap` speaks the Runtime API itself (in Node and in Python),
 * and the Node.js handler styles (ES module, callback, ClientContext).
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startLambda, type LambdaHarness } from "./support.js";
import { deploy, invoke, invokeOk, tailLines, type ZipContent } from "./invoke-support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
});
after(() => h.server.stop());

const executable = (data: string): ZipContent => ({ data, mode: 0o100755 });

/** A bootstrap in Node: GET /next, then POST /response (or /error when the event asks). */
const NODE_BOOTSTRAP = `#!/usr/bin/env node
const http = require("http");
const base = "http://" + process.env.AWS_LAMBDA_RUNTIME_API + "/2018-06-01/runtime";
function call(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method, headers }, (res) => {
      let data = "";
      res.on("data", (c) => (data += c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on("error", reject);
    req.end(body);
  });
}
(async () => {
  for (;;) {
    const next = await call("GET", "/invocation/next");
    const id = next.headers["lambda-runtime-aws-request-id"];
    const event = JSON.parse(next.body);
    if (event.fail) {
      const doc = JSON.stringify({ errorType: "BootstrapFailure", errorMessage: "asked to fail" });
      await call("POST", "/invocation/" + id + "/error", doc, { "Lambda-Runtime-Function-Error-Type": "BootstrapFailure" });
      continue;
    }
    console.log("bootstrap handling " + id);
    const answer = {
      runtime: "node bootstrap",
      handler: process.env._HANDLER,
      requestId: id,
      invokedArn: next.headers["lambda-runtime-invoked-function-arn"],
      hasDeadline: Number(next.headers["lambda-runtime-deadline-ms"]) > Date.now(),
      event,
    };
    await call("POST", "/invocation/" + id + "/response", JSON.stringify(answer));
  }
})();
`;

const PYTHON_BOOTSTRAP = `#!/usr/bin/env python3
import json, os, urllib.request
base = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
while True:
    with urllib.request.urlopen(base + "/invocation/next") as res:
        request_id = res.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(res.read())
    body = json.dumps({"runtime": "python bootstrap", "requestId": request_id, "event": event}).encode()
    urllib.request.urlopen(urllib.request.Request(base + "/invocation/" + request_id + "/response", data=body, method="POST")).read()
`;

describe("runtimes", { concurrency: true }, () => {
  test("python3.12: the handler's return value, the context, print lines in the tail", async () => {
    const source = `import os

def handler(event, context):
    print("python got", event["n"])
    return {
        "n": event["n"] * 2,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "memory": context.memory_limit_in_mb,
        "request_id": context.aws_request_id,
        "arn": context.invoked_function_arn,
        "remaining_ok": 0 < context.get_remaining_time_in_millis() <= 3000,
        "region": os.environ["AWS_REGION"],
    }
`;
    await deploy(h, "py", { "app.py": source }, { Runtime: "python3.12", Handler: "app.handler" });
    const r = await invoke(h, "py", { n: 21 }, { LogType: "Tail" });
    assert.equal(r.out.FunctionError, undefined, r.text);
    assert.deepEqual(r.json, {
      n: 42,
      function_name: "py",
      function_version: "$LATEST",
      memory: "128",
      request_id: r.requestId,
      arn: `arn:aws:lambda:us-east-1:000000000000:function:py`,
      remaining_ok: true,
      region: "us-east-1",
    });
    const lines = tailLines(r.out);
    const start = lines.indexOf(`START RequestId: ${r.requestId} Version: $LATEST`);
    assert.ok(start >= 0, lines.join("\n"));
    assert.equal(lines[start + 1], "python got 21");
  });

  test("provided.al2023 with a Node.js bootstrap: answers, errors, _HANDLER and its console lines", async () => {
    await deploy(h, "custom-node", { bootstrap: executable(NODE_BOOTSTRAP) }, { Runtime: "provided.al2023", Handler: "my.handler" });
    const r = await invoke(h, "custom-node", { hello: "bootstrap" }, { LogType: "Tail" });
    assert.equal(r.out.FunctionError, undefined, r.text);
    assert.deepEqual(r.json, {
      runtime: "node bootstrap",
      handler: "my.handler",
      requestId: r.requestId,
      invokedArn: "arn:aws:lambda:us-east-1:000000000000:function:custom-node",
      hasDeadline: true,
      event: { hello: "bootstrap" },
    });
    assert.ok(tailLines(r.out).includes(`bootstrap handling ${r.requestId}`));
    // A warm second invocation, then an error the bootstrap reports itself.
    assert.deepEqual((await invokeOk(h, "custom-node", { n: 2 })).event, { n: 2 });
    const failed = await invoke(h, "custom-node", { fail: true });
    assert.equal(failed.out.FunctionError, "Unhandled");
    assert.deepEqual(failed.json, { errorType: "BootstrapFailure", errorMessage: "asked to fail" });
  });

  test("provided.al2023 with a Python bootstrap", async () => {
    await deploy(h, "custom-py", { bootstrap: executable(PYTHON_BOOTSTRAP) }, { Runtime: "provided.al2023", Handler: "unused" });
    const r = await invoke(h, "custom-py", { from: "python" });
    assert.equal(r.out.FunctionError, undefined, r.text);
    assert.deepEqual(r.json, { runtime: "python bootstrap", requestId: r.requestId, event: { from: "python" } });
  });

  test("provided.al2023 without an executable bootstrap is Runtime.InvalidEntrypoint", async () => {
    await deploy(h, "custom-none", { "main.sh": executable("#!/bin/sh\n") }, { Runtime: "provided.al2023", Handler: "x" });
    const r = await invoke(h, "custom-none");
    assert.equal(r.out.FunctionError, "Unhandled");
    assert.equal(r.json.errorType, "Runtime.InvalidEntrypoint");
  });

  test("an ES module handler (index.mjs), importing the SDK without bundling", async () => {
    const source = `import { SQSClient } from "@aws-sdk/client-sqs";
const started = await Promise.resolve("top-level await");
export const handler = async (event, context) => ({ esm: true, started, sdk: typeof SQSClient, name: context.functionName, event });
`;
    await deploy(h, "esm", { "index.mjs": source });
    assert.deepEqual(await invokeOk(h, "esm", { a: 1 }), { esm: true, started: "top-level await", sdk: "function", name: "esm", event: { a: 1 } });
  });

  test("a callback handler answers through the callback, after its timers", async () => {
    const source = `exports.handler = (event, context, callback) => {
  let late = "not yet";
  setTimeout(() => { late = "timer ran"; }, 30);
  setTimeout(() => callback(null, { sum: event.a + event.b, late }), 10);
};
`;
    await deploy(h, "callback", source);
    // The callback's result is what it was given at 10 ms; the answer still waits for the 30 ms timer (empty event loop).
    assert.deepEqual(await invokeOk(h, "callback", { a: 2, b: 3 }), { sum: 5, late: "not yet" });
  });

  test("ClientContext reaches the handler as context.clientContext", async () => {
    await deploy(h, "client-ctx", "exports.handler = async (event, context) => context.clientContext;\n");
    const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: "acme" }, env: { locale: "en-GB" } })).toString("base64");
    assert.deepEqual(await invokeOk(h, "client-ctx", {}, { ClientContext: clientContext }), { custom: { tenant: "acme" }, env: { locale: "en-GB" } });
  });
});
