/** `stratus status`: asks a running server what it holds and prints a readable summary. */
import { runtimeError } from "./cli-error.js";
import { callStratus, errorMessage, resolveEndpoint } from "./admin-client.js";
import { formatStatus } from "./format-status.js";
import { parseFlags } from "./parse-args.js";
import type { Env } from "./start-options.js";
import { STATUS_USAGE } from "./usage.js";

export async function statusCommand(args: string[], env: Env): Promise<number> {
  const flags = parseFlags("status", args, { endpoint: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (flags.help) {
    process.stdout.write(STATUS_USAGE);
    return 0;
  }
  const endpoint = resolveEndpoint(flags.endpoint, env);
  const res = await callStratus(endpoint, "GET", "/_stratus/status");
  if (res.status !== 200) throw runtimeError(`status failed: ${errorMessage(res)}`);
  process.stdout.write(formatStatus(res.body, endpoint));
  return 0;
}
