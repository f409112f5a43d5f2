/**
 * The `stratus` command: picks the subcommand and turns every failure into one `stratus: …`
 * line on stderr with exit code 2 (bad usage) or 1 (runtime failure), never a stack trace.
 * Run through bin/stratus.js (compiled) or directly with `node --import tsx src/cli/main.ts`.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { VERSION } from "../version.js";
import { CliError, EXIT_RUNTIME, EXIT_USAGE, oneLine } from "./cli-error.js";
import { logsCommand } from "./logs-command.js";
import { resetCommand } from "./reset-command.js";
import { startCommand } from "./start-command.js";
import type { Env } from "./start-options.js";
import { statusCommand } from "./status-command.js";
import { MAIN_USAGE } from "./usage.js";

type Command = (args: string[], env: Env) => Promise<number>;

const COMMANDS: Record<string, Command> = { start: startCommand, status: statusCommand, reset: resetCommand, logs: logsCommand };

/** Runs one command line and resolves with the process exit code. */
export async function main(argv: string[], env: Env = process.env): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    process.stdout.write(MAIN_USAGE);
    return 0;
  }
  if (first === undefined) {
    process.stderr.write(MAIN_USAGE);
    return EXIT_USAGE;
  }
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  try {
    if (!command) throw new CliError(`unknown command '${first}' (see 'stratus --help')`, EXIT_USAGE);
    return await command(rest, env);
  } catch (err) {
    process.stderr.write(`stratus: ${oneLine(err)}\n`);
    return err instanceof CliError ? err.exitCode : EXIT_RUNTIME;
  }
}

/** Runs `main` on this process's arguments and sets the exit code. */
export async function run(): Promise<void> {
  const code = await main(process.argv.slice(2));
  process.exitCode = code;
  // Normally the event loop is empty by now and node exits by itself; this unref'd timer only
  // fires if some handle (a stuck socket, a timer) would otherwise keep a stopped server alive.
  setTimeout(() => process.exit(code), 2000).unref();
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Imported by bin/stratus.js, this module only defines `run`; executed directly, it runs.
if (isEntryPoint()) await run();
