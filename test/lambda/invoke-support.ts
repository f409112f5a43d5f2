/**
 * Helpers of the Invoke tests (invoke*.test.ts): zips with file modes, deploying a handler
 * from source, invoking with a parsed answer, the decoded log tail, and `stratus logs`.
 */
import assert from "node:assert/strict";
import { InvokeCommand, type CreateFunctionCommandInput, type FunctionConfiguration, type InvokeCommandInput, type InvokeCommandOutput } from "@aws-sdk/client-lambda";
import yazl from "yazl";
import { createFunction, type LambdaHarness } from "./support.js";

/** A file of a zip: its text, or its text with a Unix mode (0o100755 for an executable). */
export type ZipContent = string | { data: string; mode: number };

/** A zip of these files, with fixed timestamps and, where given, Unix modes. */
export async function zipOf(files: Record<string, ZipContent>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    const { data, mode } = typeof content === "string" ? { data: content, mode: 0o100644 } : content;
    zip.addBuffer(Buffer.from(data), name, { mtime: new Date(Date.UTC(2024, 0, 1)), mode });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Creates a function from source (`index.js` when a string is given) and waits until it is Active. */
export async function deploy(h: LambdaHarness, name: string, files: string | Record<string, ZipContent>, extra: Partial<CreateFunctionCommandInput> = {}): Promise<FunctionConfiguration> {
  const zip = await zipOf(typeof files === "string" ? { "index.js": files } : files);
  return createFunction(h, name, { Code: { ZipFile: zip }, ...extra });
}

export interface Invoked {
  out: InvokeCommandOutput;
  /** The response payload as text. */
  text: string;
  /** The response payload parsed as JSON (undefined when empty). */
  json: any;
  /** x-amzn-RequestId of the answer: the invocation's request id. */
  requestId: string;
}

/** Invoke (RequestResponse unless told); `payload` is sent as JSON, absent when undefined. */
export async function invoke(h: LambdaHarness, name: string, payload?: unknown, extra: Partial<InvokeCommandInput> = {}): Promise<Invoked> {
  const out = await h.lambda.send(new InvokeCommand({ FunctionName: name, ...(payload !== undefined ? { Payload: Buffer.from(JSON.stringify(payload)) } : {}), ...extra }));
  const text = out.Payload ? Buffer.from(out.Payload).toString("utf8") : "";
  return { out, text, json: text ? JSON.parse(text) : undefined, requestId: out.$metadata.requestId! };
}

/** Invokes and asserts a successful (200, no FunctionError) answer; returns the parsed payload. */
export async function invokeOk(h: LambdaHarness, name: string, payload?: unknown, extra: Partial<InvokeCommandInput> = {}): Promise<any> {
  const r = await invoke(h, name, payload, extra);
  assert.equal(r.out.FunctionError, undefined, `unexpected function error: ${r.text}`);
  assert.equal(r.out.StatusCode, 200);
  return r.json;
}

/** The lines of `X-Amz-Log-Result` (LogType: Tail). */
export function tailLines(out: InvokeCommandOutput): string[] {
  assert.ok(out.LogResult, "LogResult is missing");
  return Buffer.from(out.LogResult, "base64").toString("utf8").replace(/\n$/, "").split("\n");
}

/** `stratus logs`: GET /_stratus/lambda/logs?function=…[&since=…]. */
export async function functionLogs(h: LambdaHarness, fn: string, since?: number): Promise<{ status: number; body: any }> {
  const query = new URLSearchParams({ function: fn, ...(since !== undefined ? { since: String(since) } : {}) });
  const res = await fetch(`${h.server.endpoint}/_stratus/lambda/logs?${query}`);
  return { status: res.status, body: await res.json() };
}

/** Polls until `check` answers something truthy, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, what = "the condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A REPORT line as Lambda writes it (durations with two decimals, memory in MB). */
export function reportPattern(requestId: string, memoryMb = 128): RegExp {
  const id = requestId.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  return new RegExp(`^REPORT RequestId: ${id}\\tDuration: \\d+\\.\\d{2} ms\\tBilled Duration: \\d+ ms\\tMemory Size: ${memoryMb} MB\\tMax Memory Used: \\d+ MB`);
}

/** `<ISO time>\t<request id>\t<LEVEL>\t<message>`: a console line of AWS's Node.js runtime. */
export function consoleLinePattern(requestId: string, level: string, message: string): RegExp {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  return new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t${esc(requestId)}\\t${level}\\t${esc(message)}$`);
}
