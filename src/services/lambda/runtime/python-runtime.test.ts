// Python handlers as AWS's python3.* runtimes run them: results, the context object, error
// documents, import errors, logging, layers.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { RuntimeHarness } from "../../../../test/fixtures/lambda/runtime-harness.js";

let h: RuntimeHarness;
before(async () => (h = await RuntimeHarness.create()));
after(() => h.cleanup());

const APP = `
import json, logging, os
logger = logging.getLogger()
logger.setLevel(logging.INFO)
count = 0

def handler(event, context):
    global count
    count += 1
    print("printed", json.dumps(event))
    logger.info("logged %s", event.get("n"))
    return {
        "count": count,
        "pid": os.getpid(),
        "remaining": context.get_remaining_time_in_millis(),
        "ctx": [context.function_name, context.function_version, context.invoked_function_arn, context.memory_limit_in_mb,
                context.aws_request_id, context.log_group_name, context.log_stream_name],
        "identity": context.identity.cognito_identity_id,
        "custom": context.client_context.custom if context.client_context else None,
        "env": {k: v for k, v in os.environ.items() if k.startswith(("AWS_", "LAMBDA_", "_HANDLER", "_X_AMZN", "PYTHONPATH", "STRATUS_"))},
    }

def fails(event, context):
    raise ValueError("bad value")

def unserializable(event, context):
    return {1, 2}
`;

test("a Python handler: result, warm state, print and logging lines, context and environment", async () => {
  const dir = await h.dir({ "app.py": APP });
  const spec = h.spec(dir, { runtime: "python3.12", handler: "app.handler", timeoutSeconds: 5 });
  const clientContext = Buffer.from(JSON.stringify({ custom: { a: 1 } })).toString("base64");
  const r = await h.invoke(spec, { n: 7 }, { requestId: "py-req-1", clientContext, cognitoIdentity: JSON.stringify({ cognitoIdentityId: "cid" }) });
  assert.equal(r.functionError, undefined, r.payload.toString());
  assert.equal(r.json.count, 1);
  assert.ok(r.json.remaining > 4000 && r.json.remaining <= 5000);
  assert.deepEqual(r.json.ctx, [spec.functionName, "$LATEST", spec.functionArn, "128", "py-req-1", spec.logGroupName, r.json.env.AWS_LAMBDA_LOG_STREAM_NAME]);
  assert.equal(r.json.identity, "cid");
  assert.deepEqual(r.json.custom, { a: 1 });
  assert.equal(r.json.env._HANDLER, "app.handler");
  assert.equal(r.json.env.AWS_EXECUTION_ENV, "AWS_Lambda_python3.12");
  assert.match(r.json.env._X_AMZN_TRACE_ID, /^Root=1-/);
  assert.ok(r.json.env.PYTHONPATH.includes("/python/lib/python3.12/site-packages"));
  assert.match(r.log, /^printed \{"n": 7\}$/m);
  assert.match(r.log, /^\[INFO\]\t\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\tpy-req-1\tlogged 7$/m);

  const again = await h.invoke(spec, { n: 8 });
  assert.equal(again.json.count, 2, "the warm environment keeps module state");
  assert.equal(again.json.pid, r.json.pid);
  assert.equal(again.initDurationMs, undefined);
});

test("Python errors: exception document, marshal error, import error, missing handler", async () => {
  const dir = await h.dir({ "app.py": APP, "pkg/__init__.py": "", "pkg/mod.py": "def handler(e, c):\n    return 'nested'\n" });
  const failed = await h.invoke(h.spec(dir, { runtime: "python3.11", handler: "app.fails" }), {}, { requestId: "py-err" });
  assert.equal(failed.functionError, "Unhandled");
  assert.equal(failed.errorType, "ValueError");
  assert.equal(failed.json.errorType, "ValueError");
  assert.equal(failed.json.errorMessage, "bad value");
  assert.equal(failed.json.requestId, "py-err");
  assert.match(failed.json.stackTrace[0], /File ".*app\.py", line \d+, in fails\n {4}raise ValueError\("bad value"\)/);
  assert.match(failed.log, /^\[ERROR\] ValueError: bad value\rTraceback \(most recent call last\):\r/m);

  const marshal = await h.invoke(h.spec(dir, { runtime: "python3.11", handler: "app.unserializable" }));
  assert.equal(marshal.errorType, "Runtime.MarshalError");
  assert.match(marshal.json.errorMessage, /^Unable to marshal response: Object of type set is not JSON serializable/);

  const nested = await h.invoke(h.spec(dir, { runtime: "python3.13", handler: "pkg.mod.handler" }));
  assert.equal(nested.json, "nested");

  const noModule = await h.invoke(h.spec(dir, { runtime: "python3.12", handler: "nope.handler" }));
  assert.equal(noModule.errorType, "Runtime.ImportModuleError");
  assert.deepEqual(noModule.json, { errorMessage: "Unable to import module 'nope': No module named 'nope'", errorType: "Runtime.ImportModuleError", requestId: "", stackTrace: [] });
  assert.match(noModule.log, /INIT_REPORT .*Error Type: Runtime.ImportModuleError/);

  const noHandler = await h.invoke(h.spec(dir, { runtime: "python3.9", handler: "app.missing" }));
  assert.equal(noHandler.errorType, "Runtime.HandlerNotFound");
  assert.equal(noHandler.json.errorMessage, "Handler 'missing' missing on module 'app'");
});

test("Python layers: <opt>/python and its site-packages are importable", async () => {
  const layer = await h.dir({ "python/helper.py": "VALUE = 'from layer'\n", "python/lib/python3.12/site-packages/sitepkg.py": "VALUE = 'site'\n" });
  const dir = await h.dir({ "app.py": "import helper, sitepkg\ndef handler(e, c):\n    return [helper.VALUE, sitepkg.VALUE]\n" });
  const r = await h.invoke(h.spec(dir, { runtime: "python3.12", handler: "app.handler", layerDirs: [layer] }));
  assert.deepEqual(r.json, ["from layer", "site"]);
});

test("no usable interpreter, or no code directory, is an init failure, not an exception", async (t) => {
  const broken = await RuntimeHarness.create({ pythonCommand: "stratus-no-such-python" });
  t.after(() => broken.cleanup());
  const dir = await broken.dir({ "app.py": "def handler(e, c):\n    return 1\n" });
  const r = await broken.invoke(broken.spec(dir, { runtime: "python3.12", handler: "app.handler" }), {}, { requestId: "no-py" });
  assert.equal(r.functionError, "Unhandled");
  assert.equal(r.errorType, "Runtime.Unknown");
  assert.match(r.json.errorMessage, /^RequestId: no-py Error: No python3 interpreter on this machine/);
  const gone = await h.invoke(h.spec(`${dir}-missing`, { runtime: "python3.12", handler: "app.handler" }));
  assert.equal(gone.functionError, "Unhandled");
  assert.equal(gone.errorType, "Runtime.InvalidEntrypoint");
});
