/**
 * Lambda's read-only endpoints under `/_stratus/lambda/`:
 * - `code/<hex sha-256>.zip`: a function's or layer's zip as uploaded (GetFunction's Code.Location);
 * - `logs?function=<name or ARN>&since=<cursor>`: recent log lines (`stratus logs`), with the
 *   cursor to ask for the next ones.
 */
import { readFile } from "node:fs/promises";
import type { AdminAnswer } from "../../core/service.js";
import type { LambdaService } from "./lambda-service.js";
import { functionArn } from "./names.js";

export async function lambdaAdminGet(lambda: LambdaService, path: string, query: URLSearchParams): Promise<AdminAnswer | undefined> {
  const code = /^code\/([0-9a-f]{64})\.zip$/.exec(path);
  if (code) {
    const file = lambda.code.zipPathOf(code[1]);
    return file ? { status: 200, contentType: "application/zip", body: await readFile(file) } : undefined;
  }
  if (path === "logs") {
    const name = query.get("function") ?? "";
    const fn = lambda.functions.all().find((f) => f.name === name || functionArn(f) === name);
    if (!fn) return undefined;
    const since = Number(query.get("since") ?? 0);
    const { lines, next } = lambda.engine.logs(functionArn(fn), Number.isFinite(since) ? since : 0);
    return { status: 200, contentType: "application/json", body: JSON.stringify({ function: functionArn(fn), lines, next }) };
  }
  return undefined;
}
