/**
 * One invocation from the platform's side: take a warm environment or start one (INIT), hand
 * it the event, wait for its answer or a failure, and write START / END / REPORT around it.
 * Function failures are results, never exceptions: the control plane turns them into
 * `X-Amz-Function-Error: Unhandled` with the error document as the payload.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-sync.html
 */
import type { Clock } from "../../../core/clock.js";
import { monotonicMs } from "../../../core/clock.js";
import type { Environment, InitOutcome } from "./environment.js";
import type { EnvironmentPool } from "./environment-pool.js";
import { MAX_RESPONSE_BYTES } from "./limits.js";
import { TailCollector, platformLines } from "./log-buffer.js";
import type { OptDirs } from "./opt-dir.js";
import { buildEnvironment, newLogStreamName, type FunctionCredentials } from "./runtime-env.js";
import type { NextInvocation } from "./runtime-api-server.js";
import { bootstrapDir, resolveCommand, type RuntimeInfo } from "./runtimes.js";
import type { FunctionRuntimeSpec, InvokeRequest, InvokeResult } from "./types.js";

export interface InvocationDeps {
  clock: Clock;
  optDirs: OptDirs;
  python: () => Promise<string>;
  credentials?: FunctionCredentials;
}

/**
 * A warm environment whose runtime dies before taking the event (it exited right after its
 * previous answer) never saw the invocation, so it is run again on another environment; a few
 * attempts bound this against a runtime that keeps dying.
 */
const MAX_ATTEMPTS = 3;

export async function runInvocation(pool: EnvironmentPool, spec: FunctionRuntimeSpec, info: RuntimeInfo, request: InvokeRequest, deps: InvocationDeps): Promise<InvokeResult> {
  for (let attempt = 1; ; attempt++) {
    const { env, cold } = pool.acquire();
    const tail = new TailCollector();
    try {
      let initDurationMs: number | undefined;
      if (cold) {
        const init = await startEnvironment(env, spec, info, deps);
        initDurationMs = init.durationMs;
        if (!init.ok) return initFailure(env, spec, request, init, tail);
      }
      const result = await invokeWarm(env, spec, info, request, tail, initDurationMs, deps.clock, () => attempt < MAX_ATTEMPTS && !pool.stopped);
      if (result) return result;
    } finally {
      env.lineTap = undefined;
      pool.release(env);
    }
  }
}

async function startEnvironment(env: Environment, spec: FunctionRuntimeSpec, info: RuntimeInfo, deps: InvocationDeps): Promise<InitOutcome> {
  const started = monotonicMs();
  let optDir: string;
  try {
    optDir = await deps.optDirs.dirFor(spec.layerDirs);
  } catch (err) {
    return { ok: false, durationMs: monotonicMs() - started, reason: "spawn", errorType: "Runtime.Unknown", message: `Could not prepare the layers: ${(err as Error).message}` };
  }
  const resolved = await resolveCommand(info, spec.codeDir, optDir, deps.python);
  if (!resolved.ok) return { ok: false, durationMs: monotonicMs() - started, reason: "spawn", errorType: resolved.errorType, message: resolved.message };
  const logStreamName = newLogStreamName(deps.clock.now(), spec.version);
  const runtimeDir = bootstrapDir();
  return env.start(resolved.command, (runtimeApi) => buildEnvironment({ spec, info, runtimeApi, optDir, runtimeDir, logStreamName, credentials: deps.credentials }));
}

/** The invocation that met a failed INIT gets the init error; the environment is discarded. */
function initFailure(env: Environment, spec: FunctionRuntimeSpec, request: InvokeRequest, init: Extract<InitOutcome, { ok: false }>, tail: TailCollector): InvokeResult {
  const id = request.requestId;
  for (const line of env.initLines) tail.add(line);
  env.lineTap = (line) => tail.add(line);
  const timedOut = init.reason === "timeout";
  env.emit(platformLines.initReport(init.durationMs, timedOut ? "timeout" : "error", timedOut ? undefined : init.errorType));
  env.emit(platformLines.start(id, spec.version));
  const payload = init.body ?? errorDocument(init.errorType, `RequestId: ${id} Error: ${init.message ?? "Unknown application error occurred"}`);
  if (!init.body) {
    env.emit(`RequestId: ${id} Error: ${init.message ?? "Unknown application error occurred"}`);
    env.emit(init.errorType);
  }
  env.emit(platformLines.end(id));
  const billed = Math.max(1, Math.ceil(init.durationMs));
  env.emit(
    platformLines.report({ requestId: id, durationMs: init.durationMs, billedDurationMs: billed, memoryMb: spec.memoryMb, maxMemoryUsedMb: env.peakMemoryMb, status: timedOut ? "timeout" : "error", errorType: timedOut ? undefined : init.errorType }),
  );
  return {
    payload,
    functionError: "Unhandled",
    errorType: init.errorType,
    logTail: request.tail ? tail.tailBase64() : undefined,
    durationMs: round2(init.durationMs),
    billedDurationMs: billed,
    maxMemoryUsedMb: env.peakMemoryMb,
    initDurationMs: round2(init.durationMs),
  };
}

async function invokeWarm(
  env: Environment,
  spec: FunctionRuntimeSpec,
  info: RuntimeInfo,
  request: InvokeRequest,
  tail: TailCollector,
  initDurationMs: number | undefined,
  clock: Clock,
  canRetry: () => boolean,
): Promise<InvokeResult | undefined> {
  const id = request.requestId;
  const timeoutMs = spec.timeoutSeconds * 1000;
  env.lineTap = (line) => tail.add(line);
  // START is written when the runtime takes the event, so an undelivered attempt leaves no trace.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    env.emit(platformLines.start(id, spec.version));
  };
  const next: NextInvocation = {
    requestId: id,
    // Invoke without a payload gives the handler `{}`.
    payload: request.payload.length > 0 ? request.payload : Buffer.from("{}"),
    deadlineMs: wallClockMs() + timeoutMs,
    invokedFunctionArn: request.invokedFunctionArn,
    traceId: request.traceId,
    clientContext: request.clientContext !== undefined ? Buffer.from(request.clientContext, "base64").toString("utf8") : undefined,
    cognitoIdentity: request.cognitoIdentity,
  };
  const t0 = monotonicMs();
  const outcome = await env.invoke(next, timeoutMs, start);
  let durationMs = monotonicMs() - t0;
  if (outcome.kind === "undelivered" && canRetry()) return undefined;
  start();

  let payload: Buffer;
  let errorType: string | undefined;
  let status: "timeout" | "error" | undefined;
  switch (outcome.kind) {
    case "response":
      payload = outcome.body;
      break;
    case "error":
      payload = outcome.body;
      errorType = outcome.errorType ?? "Unhandled";
      break;
    case "tooLarge":
      errorType = "Function.ResponseSizeTooLarge";
      payload = errorDocument(errorType, `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`);
      break;
    case "timeout": {
      // Measured on the clock that enforced it, so AWS's figures: "Duration: 3000.00 ms".
      durationMs = timeoutMs;
      status = "timeout";
      errorType = "Sandbox.Timedout";
      const secs = spec.timeoutSeconds.toFixed(2);
      env.emit(`${new Date(clock.now()).toISOString()} ${id} Task timed out after ${secs} seconds`);
      payload = errorDocument(errorType, `RequestId: ${id} Error: Task timed out after ${secs} seconds`);
      break;
    }
    case "exit":
    case "undelivered": {
      status = "error";
      errorType = "Runtime.ExitError";
      const message = outcome.kind === "exit" ? outcome.message : "Runtime exited without providing a reason";
      env.emit(`RequestId: ${id} Error: ${message}`);
      env.emit(errorType);
      payload = errorDocument(errorType, `RequestId: ${id} Error: ${message}`);
      break;
    }
  }
  env.emit(platformLines.end(id));
  // Billing rounds up to the millisecond; OS-only runtimes are also billed for INIT.
  const billed = Math.max(1, Math.ceil(durationMs) + (info.family === "provided" && initDurationMs !== undefined ? Math.ceil(initDurationMs) : 0));
  env.emit(
    platformLines.report({ requestId: id, durationMs, billedDurationMs: billed, memoryMb: spec.memoryMb, maxMemoryUsedMb: env.peakMemoryMb, initDurationMs, status, errorType: status === "error" ? errorType : undefined }),
  );
  return {
    payload,
    functionError: errorType ? "Unhandled" : undefined,
    errorType,
    logTail: request.tail ? tail.tailBase64() : undefined,
    durationMs: round2(durationMs),
    billedDurationMs: billed,
    maxMemoryUsedMb: env.peakMemoryMb,
    initDurationMs: initDurationMs !== undefined ? round2(initDurationMs) : undefined,
  };
}

/** The error document Lambda itself writes for platform-detected failures. */
function errorDocument(errorType: string, errorMessage: string): Buffer {
  return Buffer.from(JSON.stringify({ errorType, errorMessage }));
}

/**
 * Wall-clock epoch ms for `Lambda-Runtime-Deadline-Ms`. The runtime compares the deadline with
 * its own Date.now() (getRemainingTimeInMillis), so it must be real time even when the platform's
 * timers run on a ManualClock; services may not call Date.now() (lint), and the Clock may be
 * virtual, so we read the performance timeline: timeOrigin (epoch ms at process start) + now().
 */
function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
