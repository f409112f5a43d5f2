// Node.js handlers as AWS's nodejs runtimes run them: module formats, async and callback
// styles, the context object, error documents, init errors, console lines, layers, the SDK.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { RuntimeHarness } from "../../../../test/fixtures/lambda/runtime-harness.js";

let h: RuntimeHarness;
before(async () => (h = await RuntimeHarness.create()));
after(() => h.cleanup());

const ISO = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

test("CommonJS async handler: result, console lines with the request id, START/END/REPORT", async () => {
  const dir = await h.dir({ "index.js": `exports.handler = async (event) => { console.log("got", event.n); console.warn("careful\\nsecond line"); return { twice: event.n * 2 }; };` });
  const spec = h.spec(dir, { runtime: "nodejs18.x" });
  const r = await h.invoke(spec, { n: 21 }, { requestId: "11111111-2222-3333-4444-555555555555" });
  assert.equal(r.functionError, undefined);
  assert.deepEqual(r.json, { twice: 42 });
  const lines = r.log.trimEnd().split("\n");
  assert.equal(lines[0], "START RequestId: 11111111-2222-3333-4444-555555555555 Version: $LATEST");
  assert.match(lines[1], new RegExp(`^${ISO}\\t11111111-2222-3333-4444-555555555555\\tINFO\\tgot 21$`));
  assert.match(lines[2], new RegExp(`^${ISO}\\t11111111-2222-3333-4444-555555555555\\tWARN\\tcareful\\rsecond line$`));
  assert.equal(lines[3], "END RequestId: 11111111-2222-3333-4444-555555555555");
  assert.match(lines[4], /^REPORT RequestId: 11111111-2222-3333-4444-555555555555\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\tInit Duration: [\d.]+ ms$/);
  assert.ok(r.initDurationMs !== undefined && r.initDurationMs > 0);
});

test("ES modules: .mjs, and .js under package.json type=module, with top-level await and nested paths", async () => {
  const mjs = await h.dir({ "index.mjs": `const ready = await Promise.resolve("esm"); export const handler = async () => ready;` });
  assert.equal((await h.invoke(h.spec(mjs))).json, "esm");
  const typed = await h.dir({ "package.json": `{"type":"module"}`, "src/app.js": `export async function main(e) { return { kind: typeof require, e }; }` });
  const r = await h.invoke(h.spec(typed, { handler: "src/app.main", runtime: "nodejs22.x" }), { a: 1 });
  assert.deepEqual(r.json, { kind: "undefined", e: { a: 1 } });
  const cjs = await h.dir({ "lib/handler.cjs": `module.exports.nested = { fn: (e, ctx, cb) => cb(null, "cjs") };` });
  assert.equal((await h.invoke(h.spec(cjs, { handler: "lib/handler.nested.fn" }))).json, "cjs");
});

test("callback handlers wait for the empty event loop unless told not to; legacy succeed works", async () => {
  const dir = await h.dir({
    "index.js": `
      exports.waits = (event, context, callback) => { const t0 = Date.now(); setTimeout(() => { globalThis.late = Date.now() - t0; }, 300); callback(null, "early"); };
      exports.noWait = (event, context, callback) => { context.callbackWaitsForEmptyEventLoop = false; setTimeout(() => {}, 300); callback(null, "now"); };
      exports.legacy = (event, context) => { context.succeed({ legacy: true }); };
      exports.sync = () => { /* never answers: a sync handler answers null when the loop empties */ };`,
  });
  let t0 = performance.now();
  assert.equal((await h.invoke(h.spec(dir, { handler: "index.waits" }))).json, "early");
  assert.ok(performance.now() - t0 >= 280, "the answer waited for the pending timer");
  t0 = performance.now();
  assert.equal((await h.invoke(h.spec(dir, { handler: "index.noWait" }))).json, "now");
  assert.ok(performance.now() - t0 < 1000);
  assert.deepEqual((await h.invoke(h.spec(dir, { handler: "index.legacy" }))).json, { legacy: true });
  const sync = await h.invoke(h.spec(dir, { handler: "index.sync" }));
  assert.equal(sync.functionError, undefined);
  assert.equal(sync.payload.toString(), "null");
});

test("errors: thrown Error, thrown string, custom error, callback error, unserializable result", async () => {
  const dir = await h.dir({
    "index.js": `
      class ValidationError extends Error { constructor(m) { super(m); this.name = "ValidationError"; } }
      exports.throws = async () => { throw new Error("boom"); };
      exports.string = async () => { throw "just a string"; };
      exports.custom = async () => { throw new ValidationError("bad input"); };
      exports.cb = (e, c, callback) => callback(new TypeError("typed"));
      exports.circular = async () => { const o = {}; o.self = o; return o; };
      exports.undef = async () => undefined;`,
  });
  const thrown = await h.invoke(h.spec(dir, { handler: "index.throws" }));
  assert.equal(thrown.functionError, "Unhandled");
  assert.equal(thrown.errorType, "Error");
  assert.equal(thrown.json.errorType, "Error");
  assert.equal(thrown.json.errorMessage, "boom");
  assert.equal(thrown.json.trace[0], "Error: boom");
  assert.match(thrown.json.trace[1], /at .*index\.js/);
  assert.match(thrown.log, /\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"boom"/);

  const str = await h.invoke(h.spec(dir, { handler: "index.string" }));
  assert.deepEqual(str.json, { errorType: "string", errorMessage: "just a string", trace: [] });
  const custom = await h.invoke(h.spec(dir, { handler: "index.custom" }));
  assert.equal(custom.json.errorType, "ValidationError");
  assert.equal(custom.errorType, "ValidationError");
  const cb = await h.invoke(h.spec(dir, { handler: "index.cb" }));
  assert.equal(cb.json.errorType, "TypeError");
  const circular = await h.invoke(h.spec(dir, { handler: "index.circular" }));
  assert.equal(circular.functionError, "Unhandled");
  assert.equal(circular.json.errorMessage, "Unable to stringify response body");
  const undef = await h.invoke(h.spec(dir, { handler: "index.undef" }));
  assert.equal(undef.payload.toString(), "null");
});

test("an unhandled rejection fails the invocation and ends the environment, as on AWS", async () => {
  const dir = await h.dir({
    "index.js": `exports.handler = async () => { Promise.reject(new Error("nobody catches")); await new Promise((r) => setTimeout(r, 200)); return "late"; };`,
  });
  const spec = h.spec(dir);
  const r = await h.invoke(spec);
  assert.equal(r.functionError, "Unhandled");
  assert.equal(r.json.errorType, "Runtime.UnhandledPromiseRejection");
  assert.equal(r.json.errorMessage, "Error: nobody catches");
  assert.match(r.log, /\tERROR\tUnhandled Promise Rejection \t/);
  assert.ok((await h.invoke(spec)).initDurationMs !== undefined, "the runtime exited; a new environment starts");
});

test("init errors: missing module, missing export, syntax error, throwing at load; the environment is discarded", async () => {
  const empty = await h.dir({ "other.js": "" });
  const missing = await h.invoke(h.spec(empty));
  assert.equal(missing.functionError, "Unhandled");
  assert.equal(missing.errorType, "Runtime.ImportModuleError");
  assert.match(missing.json.errorMessage, /^Error: Cannot find module 'index'\nRequire stack:/);
  assert.match(missing.log, /^INIT_REPORT Init Duration: [\d.]+ ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError$/m);
  assert.match(missing.log, /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.ImportModuleError"/);
  assert.match(missing.log, /^REPORT .*\tStatus: error\tError Type: Runtime.ImportModuleError$/m);

  const dir = await h.dir({ "index.js": "exports.handler = async () => 1;", "broken.js": "exports.handler = async () => {;", "throws.js": "throw new Error('at load');" });
  const noExport = await h.invoke(h.spec(dir, { handler: "index.nope" }));
  assert.equal(noExport.errorType, "Runtime.HandlerNotFound");
  assert.equal(noExport.json.errorMessage, "index.nope is undefined or not exported");
  const syntax = await h.invoke(h.spec(dir, { handler: "broken.handler" }));
  assert.equal(syntax.errorType, "Runtime.UserCodeSyntaxError");
  assert.match(syntax.json.errorMessage, /^SyntaxError: /);
  const atLoad = await h.invoke(h.spec(dir, { handler: "throws.handler" }));
  assert.equal(atLoad.errorType, "Error");
  assert.equal(atLoad.json.errorMessage, "at load");

  // A failed INIT leaves nothing warm: the next invocation starts a new environment.
  const spec = h.spec(empty);
  await h.invoke(spec);
  const again = await h.invoke(spec);
  assert.ok(again.initDurationMs !== undefined);
});

test("the context object and the environment variables AWS defines", async () => {
  const dir = await h.dir({
    "index.js": `exports.handler = async (event, context) => ({
      remaining: context.getRemainingTimeInMillis(),
      ctx: { functionName: context.functionName, functionVersion: context.functionVersion, invokedFunctionArn: context.invokedFunctionArn,
             memoryLimitInMB: context.memoryLimitInMB, awsRequestId: context.awsRequestId, logGroupName: context.logGroupName,
             logStreamName: context.logStreamName, identity: context.identity, clientContext: context.clientContext,
             waits: context.callbackWaitsForEmptyEventLoop, legacy: [typeof context.done, typeof context.succeed, typeof context.fail] },
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => /^(AWS_|LAMBDA_|_HANDLER|_X_AMZN|TZ|LANG|NODE_PATH|STRATUS_|MY_)/.test(k))),
      cwd: process.cwd(),
    });`,
  });
  const spec = h.spec(dir, { timeoutSeconds: 7, memoryMb: 512, environment: { MY_SETTING: "on", AWS_LAMBDA_FUNCTION_NAME: "hijack" } });
  const clientContext = Buffer.from(JSON.stringify({ custom: { tenant: "t1" }, env: { platform: "x" } })).toString("base64");
  const r = await h.invoke(spec, {}, { requestId: "req-ctx", clientContext, cognitoIdentity: JSON.stringify({ cognitoIdentityId: "cid", cognitoIdentityPoolId: "pool" }) });
  const { ctx, env, remaining } = r.json;
  assert.ok(remaining > 6000 && remaining <= 7000, `remaining ${remaining}`);
  assert.deepEqual(ctx, {
    functionName: spec.functionName, functionVersion: "$LATEST", invokedFunctionArn: spec.functionArn, memoryLimitInMB: "512", awsRequestId: "req-ctx",
    logGroupName: spec.logGroupName, logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME, identity: { cognitoIdentityId: "cid", cognitoIdentityPoolId: "pool" },
    clientContext: { custom: { tenant: "t1" }, env: { platform: "x" } }, waits: true, legacy: ["function", "function", "function"],
  });
  assert.match(env.AWS_LAMBDA_LOG_STREAM_NAME, /^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
  assert.match(env.AWS_LAMBDA_RUNTIME_API, /^127\.0\.0\.1:\d+$/);
  assert.equal(env.STRATUS_RUNTIME_API_SOCKET, undefined, "the bootstrap's Unix socket stays out of the handler's environment");
  assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, spec.functionName, "reserved variables cannot be overridden");
  assert.equal(env.MY_SETTING, "on");
  assert.equal(env._HANDLER, "index.handler");
  assert.equal(env.LAMBDA_TASK_ROOT, dir);
  assert.equal(r.json.cwd, dir);
  assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, "$LATEST");
  assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, "512");
  assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, spec.logGroupName);
  assert.equal(env.AWS_REGION, "eu-west-1");
  assert.equal(env.AWS_DEFAULT_REGION, "eu-west-1");
  assert.equal(env.AWS_ACCESS_KEY_ID, "123456789012");
  assert.ok(env.AWS_SECRET_ACCESS_KEY && env.AWS_SESSION_TOKEN);
  assert.equal(env.AWS_EXECUTION_ENV, "AWS_Lambda_nodejs20.x");
  assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, "on-demand");
  assert.equal(env.AWS_ENDPOINT_URL, "http://127.0.0.1:4566");
  assert.equal(env.TZ, ":UTC");
  assert.equal(env.LANG, "en_US.UTF-8");
  assert.ok(env.LAMBDA_RUNTIME_DIR && env.STRATUS_OPT_DIR);
  assert.match(env._X_AMZN_TRACE_ID, /^Root=1-/);
  assert.match(env.NODE_PATH, /nodejs\/node20\/node_modules:.*nodejs\/node_modules:.*node_modules/);
});

test("@aws-sdk/client-sqs resolves without bundling, from CommonJS and from ES modules", async () => {
  const dir = await h.dir({
    "cjs.js": `const { SQSClient } = require("@aws-sdk/client-sqs"); exports.handler = async () => typeof SQSClient;`,
    "esm.mjs": `import { LambdaClient } from "@aws-sdk/client-lambda"; import { SQSClient } from "@aws-sdk/client-sqs"; export const handler = async () => [typeof LambdaClient, typeof SQSClient];`,
  });
  assert.equal((await h.invoke(h.spec(dir, { handler: "cjs.handler" }))).json, "function");
  assert.deepEqual((await h.invoke(h.spec(dir, { handler: "esm.handler" }))).json, ["function", "function"]);
});

test("layers: modules from <opt>/nodejs/node_modules for require and import; a later layer wins", async () => {
  const layer1 = await h.dir({ "nodejs/node_modules/greeting/index.js": `module.exports = "from layer 1";`, "nodejs/node_modules/only1/index.js": `module.exports = 1;` });
  const layer2 = await h.dir({ "nodejs/node_modules/greeting/index.js": `module.exports = "from layer 2";`, "bin/tool": "#!/bin/sh\n" });
  const dir = await h.dir({
    "index.js": `exports.handler = async () => ({ greeting: require("greeting"), only1: require("only1"), opt: process.env.STRATUS_OPT_DIR, path: process.env.PATH });`,
    "esm.mjs": `import greeting from "greeting"; export const handler = async () => greeting;`,
  });
  const spec = h.spec(dir, { layerDirs: [layer1, layer2] });
  const r = await h.invoke(spec);
  assert.equal(r.json.greeting, "from layer 2");
  assert.equal(r.json.only1, 1);
  assert.ok(r.json.path.split(":").includes(`${r.json.opt}/bin`));
  assert.ok(r.json.opt.startsWith(h.root), "the /opt equivalent lives in the work dir");
  assert.equal((await h.invoke({ ...spec, poolKey: spec.poolKey + "-esm", handler: "esm.handler" })).json, "from layer 2");
});
