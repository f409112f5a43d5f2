/**
 * The clients the Lambda benchmark drives Stratus with (the real AWS SDK v3, as users run it),
 * the handlers it deploys, and small helpers around them: zips, CreateFunction → Active, and
 * reading START/END/REPORT lines out of a `LogType: Tail` answer.
 */
import { Agent } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  type CreateFunctionCommandInput,
  type InvokeCommandOutput,
} from "@aws-sdk/client-lambda";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import yazl from "yazl";

const REGION = "us-east-1";
const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench" };
export const ROLE = "arn:aws:iam::000000000000:role/bench";

export interface Closable<T> {
  client: T;
  close(): void;
}

/**
 * A LambdaClient over a keep-alive agent with `sockets` connections: no retries (an error is
 * never hidden), middleware stacks resolved once per command class (`cacheMiddleware`).
 */
export function lambdaClient(endpoint: string, sockets: number): Closable<LambdaClient> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const client = new LambdaClient({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    cacheMiddleware: true,
    requestHandler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 5_000, requestTimeout: 60_000 }),
  });
  return {
    client,
    close: () => {
      client.destroy();
      agent.destroy();
    },
  };
}

/** The same for SQS (filling the event-source queue and watching it drain). */
export function sqsClient(endpoint: string, sockets: number): Closable<SQSClient> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const client = new SQSClient({
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    maxAttempts: 1,
    cacheMiddleware: true,
    requestHandler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 5_000, requestTimeout: 60_000 }),
  });
  return {
    client,
    close: () => {
      client.destroy();
      agent.destroy();
    },
  };
}

// ---- handlers ----

/** The trivial handler. */
export const ECHO_NODE = "exports.handler = async (e) => e;\n";

/**
 * The same handler, timing itself: epoch milliseconds (performance.timeOrigin + now(), the
 * same clock the load generator reads, to a few microseconds) when it was entered and when it
 * returned, so the client can split each call's latency into "before the handler", "in the
 * handler" and "after the handler".
 */
export const SPANS_NODE = `const { performance } = require("node:perf_hooks");
const now = () => performance.timeOrigin + performance.now();
exports.handler = async (e) => {
  const entered = now();
  return { e, entered, left: now() };
};
`;

export const ECHO_PYTHON = "def handler(event, context):\n    return event\n";

/** A zip of the given files, with a fixed timestamp. */
export async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name, { mtime: new Date(Date.UTC(2024, 0, 1)) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type RuntimeKind = "node" | "python";

export function functionInput(name: string, runtime: RuntimeKind, zip: Buffer): CreateFunctionCommandInput {
  return {
    FunctionName: name,
    Runtime: runtime === "node" ? "nodejs20.x" : "python3.12",
    Handler: "index.handler",
    Role: ROLE,
    Code: { ZipFile: zip },
    MemorySize: 128,
    Timeout: 30,
  };
}

/** Polls GetFunctionConfiguration (every `everyMs`) until State is Active; bounded by `timeoutMs`. */
export async function waitActive(lambda: LambdaClient, name: string, everyMs = 1, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const c = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (c.State === "Active") return;
    if (c.State === "Failed") throw new Error(`${name}: State Failed (${c.StateReasonCode}: ${c.StateReason})`);
    if (performance.now() > deadline) throw new Error(`${name}: still ${c.State} after ${timeoutMs} ms`);
    if (everyMs > 0) await sleep(everyMs);
  }
}

export async function createActive(lambda: LambdaClient, input: CreateFunctionCommandInput): Promise<void> {
  await lambda.send(new CreateFunctionCommand(input));
  await waitActive(lambda, input.FunctionName!, 5);
}

export async function deleteFunction(lambda: LambdaClient, name: string): Promise<void> {
  await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
}

/** Invoke (RequestResponse) and fail on anything but a 200 without a function error. */
export async function invokeOk(lambda: LambdaClient, name: string, payload: Uint8Array, tail = false): Promise<InvokeCommandOutput> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload, LogType: tail ? "Tail" : undefined }));
  if (out.StatusCode !== 200 || out.FunctionError) {
    const text = out.Payload ? Buffer.from(out.Payload).toString("utf8").slice(0, 300) : "";
    throw new Error(`Invoke ${name}: status ${out.StatusCode}, FunctionError ${out.FunctionError ?? "-"} ${text}`);
  }
  return out;
}

export interface ReportLine {
  durationMs: number;
  initDurationMs?: number;
  maxMemoryUsedMb?: number;
}

/** The REPORT line of a `LogType: Tail` answer (the last 4 KB of the invocation's log). */
export function reportOf(logResult: string | undefined): ReportLine | undefined {
  if (!logResult) return undefined;
  const text = Buffer.from(logResult, "base64").toString("utf8");
  const line = text.split("\n").find((l) => l.startsWith("REPORT "));
  if (!line) return undefined;
  const num = (label: string) => {
    const m = new RegExp(`${label}: ([0-9.]+)`).exec(line);
    return m ? Number(m[1]) : undefined;
  };
  const durationMs = num("\\tDuration") ?? num(" Duration");
  if (durationMs === undefined) return undefined;
  return { durationMs, initDurationMs: num("Init Duration"), maxMemoryUsedMb: num("Max Memory Used") };
}

/** A ~`bytes`-long JSON event that differs per call. */
export function eventPayload(n: number, bytes: number): Uint8Array {
  const head = `{"n":${n},"pad":"`;
  return Buffer.from(`${head}${"x".repeat(Math.max(0, bytes - head.length - 2))}"}`);
}
