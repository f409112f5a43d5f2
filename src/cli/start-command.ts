/**
 * `stratus start`: runs the server in the foreground until SIGINT or SIGTERM, then shuts down
 * gracefully (stop accepting, let in-flight requests finish, commit and close storage).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { StartOptions, StratusServer } from "../server/start.js";
import { VERSION } from "../version.js";
import { EXIT_RUNTIME, oneLine, runtimeError, usageError } from "./cli-error.js";
import { ensureUsableDataDir, errnoCode } from "./data-dir.js";
import { parseStartOptions, type Env } from "./start-options.js";
import { START_USAGE } from "./usage.js";

type ServerModule = typeof import("../server/start.js");

/** Resolves with the exit code once the server has stopped. */
export async function startCommand(args: string[], env: Env): Promise<number> {
  const parsed = parseStartOptions(args, env);
  if (!parsed) {
    process.stdout.write(START_USAGE);
    return 0;
  }
  // Loaded here rather than imported at the top so that `status`, `reset` and `--version` never
  // load storage and services, and a broken install (e.g. better-sqlite3's native addon not
  // built) is reported as one line like any other failure.
  let server: ServerModule;
  try {
    server = await import("../server/start.js");
  } catch (err) {
    throw runtimeError(`cannot load the server: ${oneLine(err)}`);
  }
  const { sfnMockConfigPath, ...rest } = parsed;
  const options: StartOptions = { ...rest, dataDir: parsed.dataDir ?? resolve(server.DEFAULT_DATA_DIR) };
  if (sfnMockConfigPath !== undefined) options.states = { mockConfig: readMockConfig(sfnMockConfigPath) };
  if (!options.inMemory && options.dataDir) ensureUsableDataDir(options.dataDir);

  let running: StratusServer;
  try {
    running = await server.start(options);
  } catch (err) {
    throw runtimeError(describeStartFailure(err, options, server));
  }
  const data = running.dataPath === ":memory:" ? "in-memory" : running.dataPath;
  process.stdout.write(`Stratus ${VERSION} ready on ${running.endpoint} (data: ${data})\n`);
  return waitForSignalThenStop(running);
}

function readMockConfig(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw usageError(`cannot read the Step Functions mock config ${path}: ${oneLine(err)}`);
  }
}

function waitForSignalThenStop(server: StratusServer): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second Ctrl-C means "now": the user chose not to wait for in-flight requests.
        process.stderr.write(`stratus: ${signal} again, exiting without waiting\n`);
        process.exit(EXIT_RUNTIME);
      }
      stopping = true;
      server.stop().then(
        () => resolve(0),
        (err: unknown) => {
          process.stderr.write(`stratus: error while stopping: ${oneLine(err)}\n`);
          resolve(EXIT_RUNTIME);
        },
      );
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}

/** One line a user can act on, from whatever start() threw. */
function describeStartFailure(err: unknown, options: StartOptions, defaults: Pick<ServerModule, "DEFAULT_HOST" | "DEFAULT_PORT">): string {
  const host = options.host ?? defaults.DEFAULT_HOST;
  const port = options.port ?? defaults.DEFAULT_PORT;
  const syscall = (err as { syscall?: unknown } | null)?.syscall;
  switch (errnoCode(err)) {
    case "EADDRINUSE":
      return `port ${port} on ${host} is already in use (choose another with --port)`;
    case "EADDRNOTAVAIL":
      return `cannot listen on ${host}: no such local address`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot listen on ${host}: unknown host`;
    case "EACCES":
      if (syscall === "listen") return `not permitted to listen on ${host}:${port}`;
  }
  // Anything else before the listener is storage: mkdir of the data dir or SQLite opening it.
  const isStorage = syscall === "mkdir" || syscall === "open" || (err instanceof Error && err.name === "SqliteError");
  if (isStorage && !options.inMemory) return `cannot use data directory ${options.dataDir}: ${oneLine(err)}`;
  return `failed to start: ${oneLine(err)}`;
}
