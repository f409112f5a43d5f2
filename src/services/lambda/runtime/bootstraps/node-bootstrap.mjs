/* global process, console, setImmediate, URL */
// Stratus's runtime client for the nodejs* runtimes: the program an environment runs. It speaks
// the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API) and behaves like AWS's Node.js runtime
// interface client as handlers see it: handler loading, the context object, callbacks and
// callbackWaitsForEmptyEventLoop, error documents, and console lines.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html
//
// Plain JavaScript with no dependencies (node-errors.mjs, node-handler-loader.mjs,
// node-runtime-api-client.mjs and node-esm-resolve.mjs beside it), loaded by path, never
// bundled or compiled, so the same files serve Stratus run from src/ (tsx) and from dist/.

import { register } from "node:module";
import { loadHandler } from "./node-handler-loader.mjs";
import { RuntimeApiClient } from "./node-runtime-api-client.mjs";
import { NodeJsExit, UnhandledPromiseRejection, logError, patchConsole, setRequestId, toRapidResponse } from "./node-errors.mjs";

const API = process.env.AWS_LAMBDA_RUNTIME_API ?? "127.0.0.1:9001";
const HOST = API.slice(0, API.lastIndexOf(":"));
const PORT = Number(API.slice(API.lastIndexOf(":") + 1));
const BASE = "/2018-06-01/runtime";
// Stratus also serves the Runtime API on a Unix socket; the handler never sees the variable.
const SOCKET = process.env.STRATUS_RUNTIME_API_SOCKET;
delete process.env.STRATUS_RUNTIME_API_SOCKET;
const client = new RuntimeApiClient(HOST, PORT, SOCKET);

// ---------------------------------------------------------------------------------------------
// Runtime API client.

const call = (method, urlPath, body, headers) => client.request(method, urlPath, body, headers);

/** Without its Runtime API the environment is gone: exit rather than linger as an orphan. */
function lostPlatform() {
  process.exit(1);
}

const postInitError = (error) => {
  const doc = toRapidResponse(error);
  return call("POST", `${BASE}/init/error`, JSON.stringify(doc), { "Lambda-Runtime-Function-Error-Type": doc.errorType });
};

/** `[method, path, body, headers]` of an invocation's error post. */
const errorPost = (id, error) => {
  const doc = toRapidResponse(error);
  return ["POST", `${BASE}/invocation/${encodeURIComponent(id)}/error`, JSON.stringify(doc), { "Lambda-Runtime-Function-Error-Type": doc.errorType }];
};

const postError = (id, error) => call(...errorPost(id, error));

const NEXT = ["GET", `${BASE}/invocation/next`];

// ---------------------------------------------------------------------------------------------
// Invocations.

let beforeExitAction = undefined;
process.on("beforeExit", () => {
  const action = beforeExitAction;
  beforeExitAction = undefined;
  if (action) action();
});

const errorCallbacks = {
  uncaughtException: (error) => postInitError(error).finally(() => process.exit(129)),
  unhandledRejection: (error) => postInitError(error).finally(() => process.exit(128)),
};

process.on("uncaughtException", (error) => {
  logError("Uncaught Exception", error);
  errorCallbacks.uncaughtException(error);
});
process.on("unhandledRejection", (reason) => {
  const error = new UnhandledPromiseRejection(reason);
  logError("Unhandled Promise Rejection", error);
  errorCallbacks.unhandledRejection(error);
});

function parseJsonHeader(value, name) {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

/** Runs the invocation `next` (a pending `GET /next`) brings, once it comes. */
function runNext(handler, isAsync, next) {
  next.then((res) => (res.status === 200 ? handleInvocation(handler, isAsync, res) : lostPlatform()), lostPlatform);
}

function handleInvocation(handler, isAsync, { headers, body }) {
  const id = headers["lambda-runtime-aws-request-id"];
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  setRequestId(id);
  if (headers["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = headers["lambda-runtime-trace-id"];
  else delete process.env._X_AMZN_TRACE_ID;

  // The answer and the next `GET /next` go out together (see RuntimeApiClient.pipeline).
  const answer = (post) => {
    const [answered, next] = client.pipeline([post, NEXT]);
    answered.catch(lostPlatform);
    runNext(handler, isAsync, next);
  };
  let finished = false; // only the first of callback / done / succeed / fail counts
  let reported = false;
  let waitForEmptyEventLoop = true;

  errorCallbacks.uncaughtException = (error) => postError(id, error).finally(() => process.exit(129));
  errorCallbacks.unhandledRejection = (error) => postError(id, error).finally(() => process.exit(128));

  const reportError = (err) => {
    if (reported) return;
    reported = true;
    beforeExitAction = undefined;
    logError("Invoke Error", err);
    answer(errorPost(id, err));
  };
  const reportResult = (result) => {
    if (reported) {
      console.error("Invocation has already been reported as done. Cannot call complete more than once per invocation.");
      return;
    }
    let text;
    try {
      text = JSON.stringify(result === undefined ? null : result);
    } catch {
      return reportError(new Error("Unable to stringify response body"));
    }
    reported = true;
    beforeExitAction = undefined;
    answer(["POST", `${BASE}/invocation/${encodeURIComponent(id)}/response`, text === undefined ? "null" : text]);
  };
  const once =
    (fn) =>
    (...args) => {
      if (finished) return;
      finished = true;
      fn(...args);
    };
  const done = (err, result) => (err !== undefined && err !== null ? reportError(err) : reportResult(result));
  const callback = once((err, result) => {
    if (err !== undefined && err !== null) return reportError(err);
    if (!waitForEmptyEventLoop) return reportResult(result);
    // Answer once the event loop is empty, as AWS does for callback handlers.
    beforeExitAction = () => setImmediate(() => reportResult(result));
  });

  // Neither callback nor promise settled by the time the loop empties: sync handlers answer
  // null, async ones fail with Runtime.NodeJsExit.
  beforeExitAction = () => {
    finished = true;
    if (isAsync) reportError(new NodeJsExit());
    else reportResult(null);
  };

  try {
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value) {
        waitForEmptyEventLoop = value;
      },
      succeed: once((result) => done(null, result)),
      fail: once((err) => done(err === undefined || err === null ? "handled" : err, null)),
      done: once(done),
      functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
      functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
      memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      clientContext: parseJsonHeader(headers["lambda-runtime-client-context"], "ClientContext"),
      identity: parseJsonHeader(headers["lambda-runtime-cognito-identity"], "CognitoIdentity"),
      invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
      awsRequestId: id,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    const result = handler(JSON.parse(body), context, callback);
    if (result && typeof result.then === "function") {
      result.then(context.succeed, context.fail);
    }
  } catch (err) {
    callback(err);
  }
}

// ---------------------------------------------------------------------------------------------
// INIT.

/**
 * Node ignores NODE_PATH for `import`, but AWS's Node 18+ runtimes resolve layer packages and
 * the bundled SDK from ES modules too. A resolve hook retries bare specifiers from each
 * NODE_PATH directory when the normal lookup fails.
 */
function registerNodePathForEsm() {
  if (typeof register !== "function" || !process.env.NODE_PATH) return;
  register(new URL("./node-esm-resolve.mjs", import.meta.url).href);
}

async function main() {
  patchConsole();
  registerNodePathForEsm();
  let handler;
  try {
    handler = await loadHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER);
  } catch (error) {
    logError("Uncaught Exception", error);
    await postInitError(error).catch(() => {});
    process.exit(129);
  }
  const isAsync = handler.constructor?.name === "AsyncFunction";
  runNext(handler, isAsync, call(...NEXT));
}

main();
