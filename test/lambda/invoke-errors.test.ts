/**
 * Function errors through the real LambdaClient: a failed function still answers 200, with
 * X-Amz-Function-Error "Unhandled" and the error document as the payload. Handler errors
 * (Node, Python), INIT failures, timeouts, a runtime that exits, oversized responses; and code
 * CreateFunction must refuse (zip slip, not a zip).
 * https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
 * https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { CreateFunctionCommand, GetFunctionCommand, ListFunctionsCommand, UpdateFunctionCodeCommand } from "@aws-sdk/client-lambda";
import { buildRawZip } from "../../src/services/lambda/code/test-raw-zip.js";
import { rejection } from "../helpers/stratus.js";
import { baseInput, functionArn, startLambda, type LambdaHarness } from "./support.js";
import { deploy, invoke, invokeOk, reportPattern, tailLines, zipOf, type Invoked } from "./invoke-support.js";

let h: LambdaHarness;
before(async () => {
  h = await startLambda();
});
after(() => h.server.stop());

/** Asserts an Unhandled function error (still HTTP 200) and returns its error document. */
function unhandled(r: Invoked): any {
  assert.equal(r.out.$metadata.httpStatusCode, 200);
  assert.equal(r.out.StatusCode, 200);
  assert.equal(r.out.FunctionError, "Unhandled", r.text);
  return r.json;
}

// The functions of each group are independent: run them side by side.
describe("handler errors", { concurrency: true }, () => {
  test("a thrown Error: errorType Error, its message, and the stack as trace", async () => {
    await deploy(h, "thrower", "exports.handler = async (event) => {\n  throw new Error('boom: ' + event.what);\n};\n");
    const doc = unhandled(await invoke(h, "thrower", { what: "disk full" }));
    assert.deepEqual(Object.keys(doc), ["errorType", "errorMessage", "trace"]);
    assert.equal(doc.errorType, "Error");
    assert.equal(doc.errorMessage, "boom: disk full");
    assert.equal(doc.trace[0], "Error: boom: disk full");
    assert.match(doc.trace[1], /^ {4}at .*index\.js:2:9\)$/);
  });

  test("a custom error class: its name is the errorType", async () => {
    const source = `class OrderNotFound extends Error {
  constructor(message) { super(message); this.name = "OrderNotFound"; }
}
exports.handler = async () => { throw new OrderNotFound("order 42 does not exist"); };
`;
    await deploy(h, "custom-error", source);
    const doc = unhandled(await invoke(h, "custom-error"));
    assert.equal(doc.errorType, "OrderNotFound");
    assert.equal(doc.errorMessage, "order 42 does not exist");
    assert.equal(doc.trace[0], "OrderNotFound: order 42 does not exist");
  });

  test("an error passed to the callback fails the invocation too; the environment stays usable", async () => {
    await deploy(h, "cb-error", "exports.handler = (event, context, callback) => event.fail ? callback(new TypeError('bad input')) : callback(null, 'fine');\n");
    const doc = unhandled(await invoke(h, "cb-error", { fail: true }));
    assert.equal(doc.errorType, "TypeError");
    assert.equal(doc.errorMessage, "bad input");
    assert.equal(await invokeOk(h, "cb-error", { fail: false }), "fine");
  });

  test("a Python exception: errorMessage, errorType, requestId and stackTrace", async () => {
    await deploy(h, "py-raiser", { "app.py": "def handler(event, context):\n    raise ValueError('bad value: %s' % event['v'])\n" }, { Runtime: "python3.12", Handler: "app.handler" });
    const r = await invoke(h, "py-raiser", { v: 7 });
    const doc = unhandled(r);
    assert.deepEqual(Object.keys(doc).sort(), ["errorMessage", "errorType", "requestId", "stackTrace"]);
    assert.equal(doc.errorType, "ValueError");
    assert.equal(doc.errorMessage, "bad value: 7");
    assert.equal(doc.requestId, r.requestId);
    assert.equal(doc.stackTrace.length, 1);
    assert.match(doc.stackTrace[0], /^ {2}File ".*app\.py", line 2, in handler\n {4}raise ValueError\('bad value: %s' % event\['v'\]\)\n$/);
  });

  test("a response over 6 MB is Function.ResponseSizeTooLarge", async () => {
    await deploy(h, "too-big", "exports.handler = async () => 'x'.repeat(7 * 1024 * 1024);\n");
    const doc = unhandled(await invoke(h, "too-big"));
    assert.deepEqual(doc, { errorType: "Function.ResponseSizeTooLarge", errorMessage: "Response payload size exceeded maximum allowed payload size (6291556 bytes)." });
  });
});

describe("INIT failures", { concurrency: true }, () => {
  test("a missing handler module is Runtime.ImportModuleError, at every invocation", async () => {
    await deploy(h, "no-module", "exports.handler = async () => 1;\n", { Handler: "missing.handler" });
    for (let i = 0; i < 2; i++) {
      const doc = unhandled(await invoke(h, "no-module"));
      assert.equal(doc.errorType, "Runtime.ImportModuleError");
      // AWS: "Error: Cannot find module 'missing'\nRequire stack:\n- /var/runtime/index.mjs"
      assert.match(doc.errorMessage, /^Error: Cannot find module 'missing'\nRequire stack:\n- \S+$/);
    }
  });

  test("a missing export is Runtime.HandlerNotFound", async () => {
    await deploy(h, "no-export", "exports.other = async () => 1;\n", { Handler: "index.handler" });
    const doc = unhandled(await invoke(h, "no-export"));
    assert.equal(doc.errorType, "Runtime.HandlerNotFound");
    assert.equal(doc.errorMessage, "index.handler is undefined or not exported");
  });

  test("a syntax error is Runtime.UserCodeSyntaxError; the tail shows INIT_REPORT and REPORT with Status: error", async () => {
    await deploy(h, "bad-syntax", "exports.handler = async () => {\n  return 1;\n");
    const r = await invoke(h, "bad-syntax", undefined, { LogType: "Tail" });
    const doc = unhandled(r);
    assert.equal(doc.errorType, "Runtime.UserCodeSyntaxError");
    assert.equal(doc.errorMessage, "SyntaxError: Unexpected end of input");
    const lines = tailLines(r.out);
    assert.ok(lines.some((l) => /^INIT_REPORT Init Duration: \d+\.\d{2} ms\tPhase: init\tStatus: error\tError Type: Runtime.UserCodeSyntaxError$/.test(l)), lines.join("\n"));
    assert.ok(lines.includes(`START RequestId: ${r.requestId} Version: $LATEST`));
    assert.equal(lines.at(-2), `END RequestId: ${r.requestId}`);
    assert.match(lines.at(-1)!, reportPattern(r.requestId));
    assert.match(lines.at(-1)!, /\tStatus: error\tError Type: Runtime.UserCodeSyntaxError$/);
  });

  test("a Python module that cannot be imported is Runtime.ImportModuleError in AWS's words", async () => {
    await deploy(h, "py-no-module", { "app.py": "def handler(e, c):\n    return 1\n" }, { Runtime: "python3.12", Handler: "nomod.handler" });
    const doc = unhandled(await invoke(h, "py-no-module"));
    assert.equal(doc.errorType, "Runtime.ImportModuleError");
    assert.equal(doc.errorMessage, "Unable to import module 'nomod': No module named 'nomod'");
  });
});

describe("the platform ends an invocation", { concurrency: true }, () => {
  test("past its Timeout: Sandbox.Timedout after 1.00 seconds, and the next invocation gets a fresh environment", async () => {
    const source = `let calls = 0;
exports.handler = async (event) => {
  calls++;
  if (event.sleepMs) await new Promise((r) => setTimeout(r, event.sleepMs));
  return { pid: process.pid, calls };
};
`;
    await deploy(h, "sleepy", source, { Timeout: 1 });
    const before = await invokeOk(h, "sleepy", {});
    assert.equal(before.calls, 1);
    assert.equal((await invokeOk(h, "sleepy", {})).calls, 2, "warm environment reused");

    const started = performance.now();
    const r = await invoke(h, "sleepy", { sleepMs: 3000 }, { LogType: "Tail" });
    const took = performance.now() - started;
    const doc = unhandled(r);
    assert.deepEqual(doc, { errorType: "Sandbox.Timedout", errorMessage: `RequestId: ${r.requestId} Error: Task timed out after 1.00 seconds` });
    assert.ok(took >= 950 && took < 2_900, `the timed-out invocation took ${took} ms`);
    const lines = tailLines(r.out);
    assert.ok(lines.some((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z /.test(l) && l.endsWith(` ${r.requestId} Task timed out after 1.00 seconds`)), lines.join("\n"));
    assert.match(lines.at(-1)!, /^REPORT RequestId: \S+\tDuration: 1000\.00 ms\tBilled Duration: 1000 ms\t.*\tStatus: timeout$/);

    const after = await invokeOk(h, "sleepy", {});
    assert.equal(after.calls, 1, "a new environment starts counting again");
    assert.notEqual(after.pid, before.pid);
  });

  test("process.exit(1) during an invocation is Runtime.ExitError; the next invocation works", async () => {
    await deploy(h, "quitter", "exports.handler = async (event) => { if (event.quit) process.exit(1); return process.pid; };\n");
    const pid = await invokeOk(h, "quitter", { quit: false });
    const r = await invoke(h, "quitter", { quit: true }, { LogType: "Tail" });
    const doc = unhandled(r);
    assert.deepEqual(doc, { errorType: "Runtime.ExitError", errorMessage: `RequestId: ${r.requestId} Error: Runtime exited with error: exit status 1` });
    assert.match(tailLines(r.out).at(-1)!, /\tStatus: error\tError Type: Runtime.ExitError$/);
    const next = await invokeOk(h, "quitter", { quit: false });
    assert.equal(typeof next, "number");
    assert.notEqual(next, pid);
  });
});

describe("code CreateFunction refuses", () => {
  async function refused(name: string, zip: Buffer): Promise<any> {
    const err = await rejection(h.lambda.send(new CreateFunctionCommand({ ...baseInput(h, name), Code: { ZipFile: zip } })));
    assert.equal(err.name, "InvalidParameterValueException");
    assert.equal(err.$metadata.httpStatusCode, 400);
    const missing = await rejection(h.lambda.send(new GetFunctionCommand({ FunctionName: name })));
    assert.equal(missing.name, "ResourceNotFoundException", "nothing was created");
    return err;
  }

  test("a zip with ../evil.js (zip slip): InvalidParameterValueException, and no function", async () => {
    const zip = buildRawZip([
      { name: "index.js", data: "exports.handler = async () => 1;\n" },
      { name: "../evil.js", data: "require('fs').writeFileSync('/tmp/pwned', 'x');\n" },
    ]);
    const err = await refused("zip-slip", zip);
    assert.equal(err.message, "Could not unzip uploaded file: the entry '../evil.js' points outside the code directory.");
  });

  test("bytes that are not a zip: InvalidParameterValueException in AWS's words, and no function", async () => {
    const err = await refused("not-a-zip", Buffer.from("exports.handler = async () => 1;\n"));
    assert.equal(err.message, "Could not unzip uploaded file. Please check your file, then try to upload again.");
    const { Functions } = await h.lambda.send(new ListFunctionsCommand({}));
    assert.ok(!Functions!.some((f) => f.FunctionName === "zip-slip" || f.FunctionName === "not-a-zip"));
  });

  test("UpdateFunctionCode with an unsafe zip is refused and the function keeps its code", async () => {
    await deploy(h, "keeps-code", "exports.handler = async () => 'original';\n");
    const evil = buildRawZip([{ name: "/etc/evil.js", data: "x" }]);
    const err = await rejection(h.lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "keeps-code", ZipFile: evil })));
    assert.equal(err.name, "InvalidParameterValueException");
    assert.equal(await invokeOk(h, "keeps-code"), "original");
    const fn = await h.lambda.send(new GetFunctionCommand({ FunctionName: "keeps-code" }));
    assert.equal(fn.Configuration!.FunctionArn, functionArn("keeps-code"));
    assert.equal(fn.Configuration!.CodeSize, (await zipOf({ "index.js": "exports.handler = async () => 'original';\n" })).length);
  });
});
