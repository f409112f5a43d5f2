/**
 * The `stratus` command as a user runs it: a real child process, its stdout/stderr and exit
 * code. Runs src/cli/main.ts through tsx because dist/ may not be built during tests.
 */
import { test, type TestContext } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateQueueCommand, SQSClient } from "@aws-sdk/client-sqs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
/** Generous: the first tsx compile of the server on a slow CI machine takes seconds. */
const WAIT_MS = 30_000;

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

interface RunningServer {
  child: ChildProcess;
  endpoint: string;
  readyLine: string;
  exited: Promise<Exit>;
}

/** The parent's environment minus STRATUS_*, so a developer's shell settings cannot leak in. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("STRATUS_")) env[k] = v;
  return { ...env, ...extra };
}

function spawnCli(args: string[], env?: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ["ignore", "pipe", "pipe"] });
}

function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once("exit", (code, signal) => resolve({ code, signal }));
  });
}

/** Kills the child if the test left it running (failed assertion, timeout). */
function cleanUp(t: TestContext, child: ChildProcess): void {
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
}

async function runCli(t: TestContext, args: string[], env?: Record<string, string>): Promise<RunResult> {
  const child = spawnCli(args, env);
  cleanUp(t, child);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const timer = setTimeout(() => child.kill("SIGKILL"), WAIT_MS);
  const exit = await exitOf(child);
  clearTimeout(timer);
  return { ...exit, stdout, stderr };
}

/** Starts `stratus start …` and resolves once it printed its ready line. */
function startServer(t: TestContext, args: string[], env?: Record<string, string>): Promise<RunningServer> {
  const child = spawnCli(["start", ...args], env);
  cleanUp(t, child);
  const exited = exitOf(child);
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within ${WAIT_MS} ms; stderr: ${stderr}`)), WAIT_MS);
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      const line = stdout.split("\n").find((l) => l.includes(" ready on "));
      const endpoint = line?.match(/ ready on (http:\/\/\S+) /)?.[1];
      if (line && endpoint) {
        clearTimeout(timer);
        resolve({ child, endpoint, readyLine: line, exited });
      }
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`stratus start exited early (${exit.code ?? exit.signal}); stderr: ${stderr}`));
    });
  });
}

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), "stratus-cli-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A one-line `stratus: …` error with no stack trace. */
function assertOneLineError(stderr: string): void {
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, `expected one stderr line, got:\n${stderr}`);
  assert.match(lines[0], /^stratus: \S/);
  assert.doesNotMatch(stderr, /^\s+at /m);
}

/** A port nothing listens on: bind a free one, then let it go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address && typeof address === "object");
  return address.port;
}

test("--version prints the package version and --help prints usage", async (t) => {
  const version = await runCli(t, ["--version"]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout, `${VERSION}\n`);
  const help = await runCli(t, ["start", "--help"]);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: stratus start/);
  assert.match(help.stdout, /--data-dir/);
});

test("start on port 0 prints one ready line, serves health, refuses reset without --admin, and exits 0 on SIGTERM", { timeout: 60_000 }, async (t) => {
  const dataDir = join(tempDir(t), "data");
  const server = await startServer(t, ["--port", "0", "--data-dir", dataDir, "--log-level", "warn"]);
  assert.match(server.readyLine, new RegExp(`^Stratus ${VERSION.replace(/\./g, "\\.")} ready on http://127\\.0\\.0\\.1:\\d+ \\(data: .+\\)$`));
  assert.ok(server.readyLine.includes(dataDir), "the ready line names the data path");

  for (const path of ["/_stratus/health", "/_localstack/health"]) {
    const res = await fetch(server.endpoint + path);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status?: string }).status, "running");
  }

  const reset = await runCli(t, ["reset", "--endpoint", server.endpoint]);
  assert.equal(reset.code, 1);
  assertOneLineError(reset.stderr);
  assert.match(reset.stderr, /admin/);

  server.child.kill("SIGTERM");
  assert.deepEqual(await server.exited, { code: 0, signal: null });
  assert.ok(existsSync(join(dataDir, "stratus.db")), "the SQLite file is under the data dir");
});

for (const bad of [["--port", "abc"], ["--port", "70000"], ["--port", "-1"], ["--bogus"], ["--log-level", "loud"], ["--access-key-id", "AKID"], ["--lambda-scaling", "fast"], ["--sfn-mock-config", "/nonexistent/mock.json"]]) {
  test(`start ${bad.join(" ")} exits 2 with one stratus: line`, async (t) => {
    const result = await runCli(t, ["start", "--in-memory", ...bad]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assertOneLineError(result.stderr);
  });
}

test("an unknown command exits 2", async (t) => {
  const result = await runCli(t, ["frobnicate"]);
  assert.equal(result.code, 2);
  assertOneLineError(result.stderr);
});

test("--data-dir pointing at a regular file fails with one line", async (t) => {
  const file = join(tempDir(t), "not-a-dir");
  writeFileSync(file, "x");
  for (const dataDir of [file, join(file, "below")]) {
    const result = await runCli(t, ["start", "--port", "0", "--data-dir", dataDir]);
    assert.notEqual(result.code, 0);
    assert.equal(result.stdout, "");
    assertOneLineError(result.stderr);
    assert.ok(result.stderr.includes(dataDir), result.stderr);
  }
});

test("status and reset against a running server; a second server on the same port fails", { timeout: 60_000 }, async (t) => {
  const server = await startServer(t, ["--port", "0", "--in-memory", "--admin", "--log-level", "warn"]);
  assert.match(server.readyLine, /\(data: in-memory\)$/);

  const sqs = new SQSClient({ endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  t.after(() => sqs.destroy());
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "cli-status-orders" }));
  assert.equal(QueueUrl, `${server.endpoint}/000000000000/cli-status-orders`);

  const status = await runCli(t, ["status", "--endpoint", server.endpoint]);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`^Stratus ${VERSION.replace(/\./g, "\\.")} at `));
  assert.match(status.stdout, /^sqs: 1 queue$/m);
  const row = status.stdout.split("\n").find((l) => l.includes("cli-status-orders"));
  assert.ok(row, status.stdout);
  assert.match(row, /us-east-1\s+0\s+0\s+0\s+http:\/\/127\.0\.0\.1:\d+\/000000000000\/cli-status-orders$/);

  const inUse = await runCli(t, ["start", "--in-memory", "--port", new URL(server.endpoint).port]);
  assert.equal(inUse.code, 1);
  assert.match(inUse.stderr.trimEnd().split("\n").at(-1) ?? "", /^stratus: port \d+ on 127\.0\.0\.1 is already in use/);
  assert.doesNotMatch(inUse.stderr, /^\s+at /m);

  // The endpoint may also come from the environment.
  const reset = await runCli(t, ["reset"], { STRATUS_ENDPOINT: server.endpoint });
  assert.equal(reset.code, 0, reset.stderr);
  const after = await runCli(t, ["status"], { STRATUS_ENDPOINT: server.endpoint });
  assert.equal(after.code, 0, after.stderr);
  assert.match(after.stdout, /^sqs: 0 queues$/m);

  server.child.kill("SIGINT");
  assert.deepEqual(await server.exited, { code: 0, signal: null });
});

test("status exits 1 with one line when no server is listening", async (t) => {
  const result = await runCli(t, ["status", "--endpoint", `http://127.0.0.1:${await closedPort()}`]);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, "");
  assertOneLineError(result.stderr);
  assert.match(result.stderr, /cannot reach Stratus/);
});
