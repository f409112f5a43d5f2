/**
 * Stratus in a child process on a data dir, for crash and shutdown tests: the real CLI or the
 * embeddable API, a ready line naming the endpoint, SIGKILL on demand, and clean-up of every
 * child and temporary directory when the test file ends (call cleanUpChildren in `after`).
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const INDEX_URL = pathToFileURL(join(ROOT, "src/index.ts")).href;
const CLI_MAIN = join(ROOT, "src/cli/main.ts");
const READY_TIMEOUT_MS = 30_000;

export interface Child {
  proc: ChildProcess;
  endpoint: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr: () => string;
}

const children = new Set<Child>();
const dirs: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Spawns `node --import tsx <args>` and waits for the line that names the endpoint. */
function spawnServer(args: string[], readyLine: RegExp): Promise<Child> {
  const proc = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once("exit", (code, signal) => r({ code, signal })));
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      proc.kill("SIGKILL");
      reject(new Error(`server did not start within ${READY_TIMEOUT_MS} ms\nstdout: ${out}\nstderr: ${err}`));
    }, READY_TIMEOUT_MS);
    proc.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = readyLine.exec(out);
      if (m) {
        clearTimeout(timer);
        const child: Child = { proc, endpoint: m[1], exited, stderr: () => err };
        children.add(child);
        void exited.then(() => children.delete(child));
        resolvePromise(child);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready (code ${code}, signal ${signal})\nstdout: ${out}\nstderr: ${err}`));
    });
  });
}

/** A server started through the embeddable API, nothing else: `start({ port: 0, dataDir })`. */
export function startChild(dataDir: string): Promise<Child> {
  const script = [
    `import { start } from ${JSON.stringify(INDEX_URL)};`,
    `const server = await start({ port: 0, dataDir: ${JSON.stringify(dataDir)}, logLevel: "warn" });`,
    `process.stdout.write("READY " + server.endpoint + "\\n");`,
    `process.on("SIGTERM", () => server.stop().then(() => process.exit(0)));`,
  ].join("\n");
  return spawnServer(["--input-type=module", "-e", script], /^READY (\S+)$/m);
}

/** The real CLI: `stratus start --port 0 --data-dir DIR [extra flags]`. */
export function startCli(dataDir: string, extra: string[] = []): Promise<Child> {
  return spawnServer([CLI_MAIN, "start", "--port", "0", "--data-dir", dataDir, "--log-level", "warn", ...extra], /^Stratus \S+ ready on (\S+)/m);
}

export async function kill9(child: Child): Promise<void> {
  child.proc.kill("SIGKILL");
  const { signal } = await child.exited;
  assert.equal(signal, "SIGKILL");
}

export async function cleanUpChildren(): Promise<void> {
  for (const child of [...children]) {
    child.proc.kill("SIGKILL");
    await child.exited;
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
