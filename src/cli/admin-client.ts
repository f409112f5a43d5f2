/**
 * Talks to a running server's `/_stratus/` endpoints for `status` and `reset`. Turns "nothing
 * is listening" and "that is not a Stratus server" into one-line errors.
 */
import { oneLine, runtimeError, usageError } from "./cli-error.js";
import type { Env } from "./start-options.js";

export const DEFAULT_ENDPOINT = "http://127.0.0.1:4566";
/** A local server answers in milliseconds; waiting longer only delays the error. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface AdminResponse {
  status: number;
  body: unknown;
}

/** `--endpoint`, then STRATUS_ENDPOINT, then the default; without a trailing slash. */
export function resolveEndpoint(flag: string | undefined, env: Env): string {
  const raw = flag ?? (env.STRATUS_ENDPOINT || DEFAULT_ENDPOINT);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw usageError(`invalid endpoint '${raw}': expected a URL such as ${DEFAULT_ENDPOINT}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw usageError(`invalid endpoint '${raw}': expected http:// or https://`);
  return url.href.replace(/\/+$/, "");
}

export async function callStratus(endpoint: string, method: "GET" | "POST", path: string): Promise<AdminResponse> {
  let res: Response;
  try {
    res = await fetch(endpoint + path, { method, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (err) {
    // fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`.
    const cause = (err as { cause?: unknown }).cause;
    throw runtimeError(`cannot reach Stratus at ${endpoint}: ${oneLine(cause ?? err)}`);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw runtimeError(`${endpoint} answered ${method} ${path} with HTTP ${res.status} and no JSON: is it a Stratus server?`);
  }
}

/** The server's own explanation from an error body (`{ message }`), else the HTTP status. */
export function errorMessage(res: AdminResponse): string {
  const message = (res.body as { message?: unknown } | null)?.message;
  return typeof message === "string" ? message : `HTTP ${res.status}`;
}
