/**
 * `stratus logs <function> [--follow]`: prints a function's recent log lines (START, the
 * handler's output, END, REPORT) from a running server; with --follow, keeps printing new
 * ones until interrupted.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { runtimeError, usageError } from "./cli-error.js";
import { callStratus, errorMessage, resolveEndpoint } from "./admin-client.js";
import { parseFlagsAndPositionals } from "./parse-args.js";
import type { Env } from "./start-options.js";
import { LOGS_USAGE } from "./usage.js";

/** How often --follow asks for new lines. */
const FOLLOW_INTERVAL_MS = 1000;

export async function logsCommand(args: string[], env: Env): Promise<number> {
  const { values: flags, positionals } = parseFlagsAndPositionals("logs", args, {
    endpoint: { type: "string" },
    follow: { type: "boolean", short: "f" },
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    process.stdout.write(LOGS_USAGE);
    return 0;
  }
  const [fn, extra] = positionals;
  if (!fn) throw usageError("name the function: stratus logs <function> (see 'stratus logs --help')");
  if (extra !== undefined) throw usageError(`unexpected argument '${extra}' (see 'stratus logs --help')`);
  const endpoint = resolveEndpoint(flags.endpoint, env);
  let since = 0;
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  for (;;) {
    const res = await callStratus(endpoint, "GET", `/_stratus/lambda/logs?function=${encodeURIComponent(fn)}&since=${since}`);
    if (res.status === 404) throw runtimeError(`no function '${fn}' on ${endpoint}`);
    if (res.status !== 200) throw runtimeError(`logs failed: ${errorMessage(res)}`);
    const body = res.body as { lines: string[]; next: number };
    for (const line of body.lines) process.stdout.write(line.endsWith("\n") ? line : `${line}\n`);
    since = body.next;
    if (!flags.follow) return 0;
    try {
      await sleep(FOLLOW_INTERVAL_MS, undefined, { signal: stop.signal });
    } catch {
      return 0;
    }
  }
}
