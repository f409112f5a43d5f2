/**
 * Which program an environment runs for each Lambda runtime identifier, and where our own
 * bootstraps live.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
 *
 * - `nodejs<N>.x` run on this machine's Node (process.execPath) with bootstraps/node-bootstrap.mjs.
 * - `python3.<N>` run on this machine's `python3` with bootstraps/python-bootstrap.py.
 * - `provided`, `provided.al2`, `provided.al2023` run the function's own `bootstrap` executable,
 *   or a layer's (`/opt/bootstrap`), exactly as AWS looks for them.
 */
import { execFile } from "node:child_process";
import { constants, accessSync, existsSync, readFileSync } from "node:fs";
import { access, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type RuntimeFamily = "node" | "python" | "provided";

export interface RuntimeInfo {
  family: RuntimeFamily;
  /** Node major (`20`) or Python `3.12`; empty for provided runtimes. */
  version: string;
}

export function runtimeInfo(runtime: string): RuntimeInfo | undefined {
  let m = /^nodejs(\d+)\.x$/.exec(runtime);
  if (m) return { family: "node", version: m[1] };
  m = /^python(3\.\d+)$/.exec(runtime);
  if (m) return { family: "python", version: m[1] };
  if (runtime === "provided" || runtime.startsWith("provided.")) return { family: "provided", version: "" };
  return undefined;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const BOOTSTRAP_MARKER = "node-bootstrap.mjs";
const BOOTSTRAPS_FROM_ROOT = join("src", "services", "lambda", "runtime", "bootstraps");

let bootstrapsDir: string | undefined;

/**
 * The directory holding node-bootstrap.mjs and python-bootstrap.py (LAMBDA_RUNTIME_DIR).
 * Running from src/ (tsx) it sits next to this file. Running from dist/ after `tsc` it does
 * not (tsc copies no .mjs/.py), so we walk up to Stratus's package root and use the copy under
 * src/, which package.json's `files` ships with the package.
 */
export function bootstrapDir(): string {
  if (bootstrapsDir) return bootstrapsDir;
  const beside = join(HERE, "bootstraps");
  if (existsSync(join(beside, BOOTSTRAP_MARKER))) return (bootstrapsDir = beside);
  for (let dir = HERE; ; dir = dirname(dir)) {
    const candidate = join(dir, BOOTSTRAPS_FROM_ROOT);
    if (isStratusRoot(dir) && existsSync(join(candidate, BOOTSTRAP_MARKER))) return (bootstrapsDir = candidate);
    if (dirname(dir) === dir) break;
  }
  throw new Error(`Lambda bootstraps not found (looked in ${beside} and under Stratus's package root)`);
}

function isStratusRoot(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string }).name === "stratus";
  } catch {
    return false;
  }
}

let stratusModules: string | null | undefined;

/**
 * The node_modules directory Stratus's own dependencies resolve from, put last on NODE_PATH so
 * handlers can import `@aws-sdk/client-sqs`, `@aws-sdk/client-lambda`… unbundled, as AWS's
 * Node 18+ runtimes ship SDK v3. Found the way Node itself would look from this file, so it
 * also works when Stratus is installed as a (hoisted) dependency.
 */
export function stratusNodeModules(): string | undefined {
  if (stratusModules !== undefined) return stratusModules ?? undefined;
  const paths = createRequire(import.meta.url).resolve.paths("@aws-sdk/client-sqs") ?? [];
  const existing = paths.filter((p) => existsSync(p));
  stratusModules = existing.find((p) => existsSync(join(p, "@aws-sdk", "client-sqs"))) ?? existing[0] ?? null;
  return stratusModules ?? undefined;
}

export interface Command {
  command: string;
  args: string[];
}

export type CommandResult = { ok: true; command: Command } | { ok: false; errorType: string; message: string };

/** The program to start for `runtime`; a provided runtime without a usable bootstrap is AWS's Runtime.InvalidEntrypoint. */
export async function resolveCommand(info: RuntimeInfo, codeDir: string, optDir: string, python: () => Promise<string>): Promise<CommandResult> {
  switch (info.family) {
    case "node":
      return { ok: true, command: { command: process.execPath, args: [join(bootstrapDir(), BOOTSTRAP_MARKER)] } };
    case "python": {
      let exe: string;
      try {
        exe = await python();
      } catch (err) {
        return { ok: false, errorType: "Runtime.Unknown", message: `No python3 interpreter on this machine: ${(err as Error).message}` };
      }
      // -u: unbuffered, so print() reaches the log at once, as AWS's runtime makes it.
      return { ok: true, command: { command: exe, args: ["-u", join(bootstrapDir(), "python-bootstrap.py")] } };
    }
    case "provided":
      return providedBootstrap(codeDir, optDir);
  }
}

/** https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html#runtimes-custom-build */
async function providedBootstrap(codeDir: string, optDir: string): Promise<CommandResult> {
  const candidates = [join(codeDir, "bootstrap"), join(optDir, "bootstrap")];
  for (const file of candidates) {
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) continue;
    try {
      await access(file, constants.X_OK);
    } catch {
      return { ok: false, errorType: "Runtime.InvalidEntrypoint", message: `fork/exec ${file}: permission denied` };
    }
    return { ok: true, command: { command: file, args: [] } };
  }
  return { ok: false, errorType: "Runtime.InvalidEntrypoint", message: `Couldn't find valid bootstrap(s): [${candidates.join(" ")}]` };
}

/** Finds the real interpreter behind `python3` once (a pyenv shim needs the caller's environment). */
export function findPython(command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, ["-c", "import sys; print(sys.executable)"], { timeout: 10_000 }, (err, stdout) => {
      const exe = stdout.trim();
      if (err) return reject(err);
      try {
        accessSync(exe, constants.X_OK);
        resolve(exe);
      } catch {
        resolve(command);
      }
    });
  });
}
