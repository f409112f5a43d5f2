/** `stratus reset`: makes a running server forget every resource (admin API only). */
import { runtimeError } from "./cli-error.js";
import { callStratus, errorMessage, resolveEndpoint } from "./admin-client.js";
import { parseFlags } from "./parse-args.js";
import type { Env } from "./start-options.js";
import { RESET_USAGE } from "./usage.js";

export async function resetCommand(args: string[], env: Env): Promise<number> {
  const flags = parseFlags("reset", args, { endpoint: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (flags.help) {
    process.stdout.write(RESET_USAGE);
    return 0;
  }
  const endpoint = resolveEndpoint(flags.endpoint, env);
  const res = await callStratus(endpoint, "POST", "/_stratus/reset");
  // A 404 here usually means the admin API is off; the server's message says how to turn it on.
  if (res.status !== 200) throw runtimeError(`reset failed: ${errorMessage(res)}`);
  process.stdout.write(`Stratus at ${endpoint} was reset: every resource in every service is gone.\n`);
  return 0;
}
