/**
 * On-demand Lambda benchmark (`npm run bench:lambda`; never part of `npm test`).
 *
 * The server under test runs in its own child process (the built `bin/stratus.js`); the load
 * generator here drives it with the real @aws-sdk/client-lambda (and @aws-sdk/client-sqs for the
 * event-source queue) over keep-alive connections. The ceiling is a bare node:http server
 * answering Invoke (bench/lambda/bare-server.ts), in its own process, driven by the same client.
 * Phases: warm invocations at each concurrency, Stratus's overhead per invocation, cold starts
 * (Node, Python), an SQS event-source mapping draining a queue, and memory after all that.
 * Prints a table and updates docs/benchmarks.md between its own markers (the SQS section and
 * anything outside the markers are left alone). Settings come from the environment: see
 * `readConfig` and CONFIG_DOC below.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { replaceDocsSection } from "../lib/docs-section.js";
import { describeMachine, type Machine } from "../lib/machine.js";
import { killAll, spawnServer, type SpawnedServer } from "../lib/spawn-server.js";
import { fmtInt, fmtMiB, fmtMs, markdownTable, median } from "../lib/stats.js";
import { ECHO_NODE, SPANS_NODE, createActive, eventPayload, functionInput, invokeOk, lambdaClient, reportOf, sqsClient, zipOf } from "./clients.js";
import { coldStart, type ColdStart } from "./cold-start.js";
import { esmDrain, type DrainResult } from "./esm-drain.js";
import { closedLoop, type CallDetail, type WindowResult } from "./load.js";
import { rawInvoker } from "./raw-invoke.js";
import { machineBusySeconds, otherBenchmarks, treeCpu, treeMemory, type TreeMemory } from "./proc-tree.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS = join(ROOT, "docs", "benchmarks.md");
const STRATUS_BIN = process.env.BENCH_STRATUS_BIN ? resolve(process.env.BENCH_STRATUS_BIN) : join(ROOT, "bin", "stratus.js");
const BARE_SERVER = join(ROOT, "bench", "lambda", "bare-server.ts");
const STRATUS_READY = /Stratus \S+ ready on (\S+)/;
const BARE_READY = /Bare ready on (\S+)/;

const TARGETS = {
  /** Warm invocations per second at concurrency 8. */
  warmPerSecond: 3_000,
  warmConcurrency: 8,
  /** Stratus's own time per invocation, p50. */
  overheadMs: 1,
  /** Node cold start, create → first result (median). */
  nodeColdMs: 150,
  /** Event-source mapping drain. */
  drainPerSecond: 5_000,
};

/** serverless-offline 13 figures measured on these machines (/work/shared/NOTES.md); not run here. */
const SLS_OFFLINE = {
  inProcess: "~5.8k req/s, p99 47 ms",
  workerThreads: "~1.3–2.3k req/s, 1+ GiB RSS",
};

/** Other processes using more than this many cores during a window make its figure suspect. */
const NOISY_CORES = 0.15;
/** Benchmarks that must not run beside this one (they would share the 2 cores). */
const OTHER_BENCH_PATTERNS = ["bench/sqs/", "bench/lambda/run.ts"];

const PHASES = ["bare", "warm", "overhead", "cold", "esm"] as const;
type Phase = (typeof PHASES)[number];

interface Config {
  seconds: number;
  warmupSeconds: number;
  concurrencies: number[];
  payloadBytes: number;
  coldRuns: number;
  runtimes: Array<"node" | "python">;
  messages: number;
  batchSize: number;
  esmMaxConcurrency?: number;
  /** A second drain with this ScalingConfig.MaximumConcurrency, for comparison (0: none). */
  esmCompareConcurrency: number;
  fillConcurrency: number;
  retries: number;
  phases: Set<Phase>;
  clients: Array<"sdk" | "raw">;
  cpuProfDir?: string;
  serverNodeFlags: string[];
  writeDocs: boolean;
  /** A full run: waits for other benchmarks to finish rather than running beside them. */
  full: boolean;
}

const DEFAULTS = {
  BENCH_SECONDS: 10,
  BENCH_WARMUP_SECONDS: 3,
  BENCH_PAYLOAD_BYTES: 100,
  BENCH_COLD_RUNS: 10,
  BENCH_MESSAGES: 100_000,
  BENCH_BATCH_SIZE: 10,
  BENCH_FILL_CONCURRENCY: 16,
  BENCH_ESM_COMPARE_CONCURRENCY: 5,
  BENCH_RETRIES: 2,
};

function readConfig(env: NodeJS.ProcessEnv): Config {
  const num = (name: keyof typeof DEFAULTS) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return DEFAULTS[name];
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, not '${raw}'`);
    return value;
  };
  const phases = new Set<Phase>();
  for (const p of (env.BENCH_PHASES ?? PHASES.join(",")).split(",").map((s) => s.trim()).filter(Boolean)) {
    if (!(PHASES as readonly string[]).includes(p)) throw new Error(`BENCH_PHASES: unknown phase '${p}' (known: ${PHASES.join(", ")})`);
    phases.add(p as Phase);
  }
  const concurrencies = (env.BENCH_CONCURRENCIES ?? `1,${TARGETS.warmConcurrency}`).split(",").map((s) => Math.round(Number(s.trim())));
  if (concurrencies.some((c) => !Number.isFinite(c) || c < 1)) throw new Error(`BENCH_CONCURRENCIES: positive integers, not '${env.BENCH_CONCURRENCIES}'`);
  const runtimes = (env.BENCH_RUNTIMES ?? "node,python").split(",").map((s) => s.trim()).filter(Boolean);
  for (const r of runtimes) if (r !== "node" && r !== "python") throw new Error(`BENCH_RUNTIMES: unknown runtime '${r}' (node, python)`);
  const clients = (env.BENCH_CLIENTS ?? "sdk,raw").split(",").map((s) => s.trim()).filter(Boolean);
  for (const c of clients) if (c !== "sdk" && c !== "raw") throw new Error(`BENCH_CLIENTS: unknown client '${c}' (sdk, raw)`);
  const esmMax = env.BENCH_ESM_MAX_CONCURRENCY ? Math.round(Number(env.BENCH_ESM_MAX_CONCURRENCY)) : undefined;
  if (esmMax !== undefined && !(esmMax >= 2 && esmMax <= 1000)) throw new Error("BENCH_ESM_MAX_CONCURRENCY must be 2..1000");
  const overridden = [
    ...Object.keys(DEFAULTS),
    "BENCH_PHASES",
    "BENCH_CONCURRENCIES",
    "BENCH_RUNTIMES",
    "BENCH_CLIENTS",
    "BENCH_ESM_MAX_CONCURRENCY",
    "BENCH_CPU_PROF",
    "BENCH_SERVER_NODE_FLAGS",
    "BENCH_STRATUS_BIN",
  ].some((k) => env[k] !== undefined && env[k] !== "");
  const writeDocs = env.BENCH_DOCS !== undefined ? env.BENCH_DOCS === "1" : !overridden;
  return {
    seconds: num("BENCH_SECONDS"),
    warmupSeconds: num("BENCH_WARMUP_SECONDS"),
    concurrencies,
    payloadBytes: Math.max(20, Math.round(num("BENCH_PAYLOAD_BYTES"))),
    coldRuns: Math.max(1, Math.round(num("BENCH_COLD_RUNS"))),
    runtimes: runtimes as Array<"node" | "python">,
    messages: Math.max(10, Math.round(num("BENCH_MESSAGES"))),
    batchSize: Math.max(1, Math.min(10, Math.round(num("BENCH_BATCH_SIZE")))),
    esmMaxConcurrency: esmMax,
    esmCompareConcurrency: ((c) => (c === 0 ? 0 : Math.max(2, Math.min(1000, c))))(Math.round(num("BENCH_ESM_COMPARE_CONCURRENCY"))),
    fillConcurrency: Math.max(1, Math.round(num("BENCH_FILL_CONCURRENCY"))),
    retries: Math.round(num("BENCH_RETRIES")),
    phases,
    clients: clients as Array<"sdk" | "raw">,
    cpuProfDir: env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined,
    serverNodeFlags: (env.BENCH_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean),
    writeDocs,
    full: writeDocs,
  };
}

const log = (line: string) => process.stderr.write(`[bench:lambda] ${line}\n`);

// ---- sharing the machine ----

/**
 * Another benchmark (e.g. `bench/sqs`) running beside this one would make both wrong. A full
 * run waits for it (polling every 30 s, at most BENCH_OTHER_BENCH_WAIT s, default 1200) and
 * gives up if it is still there; a smoke run only warns.
 */
async function waitForOtherBenchmarks(config: Config): Promise<void> {
  const limitMs = Number(process.env.BENCH_OTHER_BENCH_WAIT ?? 1200) * 1000;
  const started = performance.now();
  for (;;) {
    const pids = otherBenchmarks(OTHER_BENCH_PATTERNS);
    if (pids.length === 0) return;
    if (!config.full) {
      log(`another benchmark is running (pid ${pids.join(", ")}); smoke run, going on (figures disturbed)`);
      return;
    }
    if (performance.now() - started > limitMs) throw new Error(`another benchmark (pid ${pids.join(", ")}) is still running after ${limitMs / 1000} s; not measuring beside it`);
    log(`another benchmark is running (pid ${pids.join(", ")}); waiting for it to finish (checking every 30 s)`);
    await sleep(30_000);
  }
}

/** Waits (at most BENCH_QUIET_WAIT s, default 120) until the rest of the machine uses less than NOISY_CORES. */
async function waitForQuiet(config: Config): Promise<void> {
  await waitForOtherBenchmarks(config);
  const limitMs = Number(process.env.BENCH_QUIET_WAIT ?? 120) * 1000;
  const started = performance.now();
  let warned = false;
  for (;;) {
    const before = machineBusySeconds();
    const self = process.cpuUsage();
    await sleep(1000);
    const own = process.cpuUsage(self);
    const others = machineBusySeconds() - before - (own.user + own.system) / 1e6;
    if (others < NOISY_CORES) return;
    if (performance.now() - started > limitMs) {
      log(`the machine is still busy (${others.toFixed(2)} cores used by others); going on anyway`);
      return;
    }
    if (!warned) log(`waiting for other work on the machine to finish (${others.toFixed(2)} cores busy)`);
    warned = true;
  }
}

// ---- servers ----

function nodeFlags(config: Config, label: string): string[] {
  const prof = config.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${config.cpuProfDir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`] : [];
  return [...prof, ...config.serverNodeFlags];
}

function startStratus(config: Config, dataDir: string): Promise<SpawnedServer> {
  return spawnServer({
    command: process.execPath,
    args: [...nodeFlags(config, "stratus-lambda"), STRATUS_BIN, "start", "--port", "0", "--data-dir", dataDir, "--log-level", "warn"],
    cwd: ROOT,
    ready: STRATUS_READY,
  });
}

function startBare(config: Config): Promise<SpawnedServer> {
  return spawnServer({ command: process.execPath, args: [...nodeFlags(config, "bare-lambda"), "--import", "tsx", BARE_SERVER], cwd: ROOT, ready: BARE_READY });
}

// ---- phases ----

const fmtCpu = (w: { serverCores: number; treeCores: number; clientCores: number; otherCores: number }) =>
  `CPU server ${w.serverCores.toFixed(2)} / environments ${(w.treeCores - w.serverCores).toFixed(2)} / client ${w.clientCores.toFixed(2)} / other ${w.otherCores.toFixed(2)}` +
  (w.otherCores > NOISY_CORES ? "  << other work on the machine: figure disturbed" : "");

/** Runs a window, again (up to `retries` times) while other work disturbed it; keeps the least disturbed. */
async function measured(config: Config, label: string, run: () => Promise<WindowResult>): Promise<WindowResult> {
  let best: WindowResult | undefined;
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    if (attempt > 0) await waitForQuiet(config);
    const r = await run();
    log(`${label}: ${fmtInt(r.callsPerSecond)} inv/s, p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}${r.errors ? `, ${r.errors} errors (${r.firstError})` : ""}; ${fmtCpu(r)}`);
    if (!best || r.otherCores < best.otherCores) best = r;
    if (best.otherCores <= NOISY_CORES) break;
    if (attempt < config.retries) log(`${label}: disturbed (${r.otherCores.toFixed(2)} cores of other work); running it again`);
  }
  return best!;
}

function invokeLoop(config: Config, server: SpawnedServer, concurrency: number, call: (n: number) => Promise<CallDetail | void>): Promise<WindowResult> {
  return closedLoop({
    concurrency,
    warmupMs: config.warmupSeconds * 1000,
    durationMs: config.seconds * 1000,
    cpu: () => treeCpu(server.pid),
    call: (_w, n) => call(n),
  });
}

/** A window of the raw client (bench/lambda/raw-invoke.ts) invoking bench-echo. */
async function rawWindow(config: Config, server: SpawnedServer, label: string, concurrency: number): Promise<WindowResult> {
  const raw = rawInvoker(server.endpoint, concurrency);
  try {
    return await measured(config, `${label}, raw client, concurrency ${concurrency}`, () =>
      invokeLoop(config, server, concurrency, (n) => raw.invoke("bench-echo", eventPayload(n, config.payloadBytes))),
    );
  } finally {
    raw.close();
  }
}

interface BareResults {
  byConcurrency: Map<number, WindowResult>;
  /** The raw client (server capacity). */
  raw: Map<number, WindowResult>;
}

async function runBare(config: Config): Promise<BareResults> {
  await waitForQuiet(config);
  const server = await startBare(config);
  log(`bare: pid ${server.pid} on ${server.endpoint}`);
  const out: BareResults = { byConcurrency: new Map(), raw: new Map() };
  try {
    for (const c of config.clients.includes("sdk") ? config.concurrencies : []) {
      const { client, close } = lambdaClient(server.endpoint, c);
      try {
        out.byConcurrency.set(
          c,
          await measured(config, `bare, concurrency ${c}`, () =>
            invokeLoop(config, server, c, async (n) => {
              await invokeOk(client, "bench-echo", eventPayload(n, config.payloadBytes));
            }),
          ),
        );
      } finally {
        close();
      }
    }
    for (const c of config.clients.includes("raw") ? config.concurrencies : []) out.raw.set(c, await rawWindow(config, server, "bare", c));
  } finally {
    await server.stop();
  }
  return out;
}

interface StratusResults {
  idle?: TreeMemory;
  warm: Map<number, WindowResult>;
  rawWarm: Map<number, WindowResult>;
  /** The spans handler at concurrency 1. */
  spans?: WindowResult;
  /** The echo handler with LogType: Tail at concurrency 1. */
  tail?: WindowResult;
  cold: Map<string, ColdStart[]>;
  pythonVersion?: string;
  drain?: DrainResult;
  /** The comparison drain (ScalingConfig.MaximumConcurrency = esmCompareConcurrency). */
  drainBounded?: DrainResult;
  afterWarm?: TreeMemory;
  after?: TreeMemory;
  afterSettled?: TreeMemory;
}

async function runStratus(config: Config): Promise<StratusResults> {
  const out: StratusResults = { warm: new Map(), rawWarm: new Map(), cold: new Map() };
  const wants = (p: Phase) => config.phases.has(p);
  if (!(["warm", "overhead", "cold", "esm"] as const).some(wants)) return out;
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-bench-lambda-"));
  await waitForQuiet(config);
  const server = await startStratus(config, dataDir);
  log(`stratus: pid ${server.pid} on ${server.endpoint}, data dir ${dataDir}`);
  const admin = lambdaClient(server.endpoint, 4);
  try {
    await sleep(1000);
    out.idle = treeMemory(server.pid);
    log(`stratus: idle RSS ${fmtMiB(out.idle.serverRss)}`);
    const lambda = admin.client;
    await createActive(lambda, functionInput("bench-echo", "node", await zipOf({ "index.js": ECHO_NODE })));
    await createActive(lambda, functionInput("bench-spans", "node", await zipOf({ "index.js": SPANS_NODE })));
    // A first call of each, so the first window does not start with INIT.
    for (const name of ["bench-echo", "bench-spans"]) await invokeOk(lambda, name, eventPayload(0, config.payloadBytes));

    if (wants("warm")) {
      for (const c of config.clients.includes("sdk") ? config.concurrencies : []) {
        await waitForQuiet(config);
        const { client, close } = lambdaClient(server.endpoint, c);
        try {
          const r = await measured(config, `stratus warm, concurrency ${c}`, () =>
            invokeLoop(config, server, c, async (n) => {
              await invokeOk(client, "bench-echo", eventPayload(n, config.payloadBytes));
            }),
          );
          out.warm.set(c, r);
        } finally {
          close();
        }
      }
      for (const c of config.clients.includes("raw") ? config.concurrencies : []) {
        await waitForQuiet(config);
        out.rawWarm.set(c, await rawWindow(config, server, "stratus warm", c));
      }
      out.afterWarm = treeMemory(server.pid);
      log(`stratus: after the warm runs, RSS ${fmtMiB(out.afterWarm.serverRss)}, ${out.afterWarm.children} environments (${fmtMiB(out.afterWarm.childrenPss)} PSS)`);
    }

    if (wants("overhead")) {
      await waitForQuiet(config);
      const { client, close } = lambdaClient(server.endpoint, 1);
      try {
        out.spans = await measured(config, "stratus overhead (handler spans), concurrency 1", () =>
          invokeLoop(config, server, 1, async (n) => {
            const r = await invokeOk(client, "bench-spans", eventPayload(n, config.payloadBytes));
            const doc = JSON.parse(Buffer.from(r.Payload!).toString("utf8")) as { entered: number; left: number };
            return { enteredAt: doc.entered, leftAt: doc.left };
          }),
        );
        log(
          `  outside the handler p50 ${fmtMs(out.spans.outsideHandler!.p50)}; send → handler ${fmtMs(out.spans.inbound!.p50)}, handler ${fmtMs(out.spans.handler!.p50)}, handler → answer ${fmtMs(out.spans.outbound!.p50)}`,
        );
        out.tail = await measured(config, "stratus LogType Tail, concurrency 1", () =>
          invokeLoop(config, server, 1, async (n) => {
            const r = await invokeOk(client, "bench-echo", eventPayload(n, config.payloadBytes), true);
            const report = reportOf(r.LogResult);
            if (!report) throw new Error("no REPORT line in LogResult");
            return { reportMs: report.durationMs };
          }),
        );
        log(`  REPORT Duration p50 ${fmtMs(out.tail.report!.p50)}; latency − Duration p50 ${fmtMs(out.tail.outsideReport!.p50)}`);
      } finally {
        close();
      }
    }

    if (wants("cold")) {
      for (const runtime of config.runtimes) {
        await waitForQuiet(config);
        const runs: ColdStart[] = [];
        // One untimed run first, so that the file cache holds the runtime and its modules.
        for (let i = 0; i <= config.coldRuns; i++) {
          const r = await coldStart(lambda, runtime, `bench-cold-${runtime}-${i}-${process.pid}`);
          if (i > 0) runs.push(r);
          await sleep(200);
        }
        out.cold.set(runtime, runs);
        log(
          `cold ${runtime}: median create → first result ${fmtMs(median(runs.map((r) => r.totalMs)))} (create ${fmtMs(median(runs.map((r) => r.createMs)))}, → Active ${fmtMs(median(runs.map((r) => r.activeMs)))}, first invoke ${fmtMs(median(runs.map((r) => r.firstInvokeMs)))}, Init Duration ${fmtMs(median(runs.map((r) => r.initDurationMs ?? Number.NaN)))})`,
        );
      }
      if (config.runtimes.includes("python")) {
        try {
          out.pythonVersion = execFileSync("python3", ["--version"], { encoding: "utf8" }).trim();
        } catch {
          out.pythonVersion = "python3 (version unknown)";
        }
      }
    }

    if (wants("esm")) {
      const sqs = sqsClient(server.endpoint, config.fillConcurrency + 2);
      const drainInto = async (fn: string, maxConcurrency: number | undefined): Promise<DrainResult> => {
        await waitForQuiet(config);
        await createActive(lambda, functionInput(fn, "node", await zipOf({ "index.js": ECHO_NODE })));
        await invokeOk(lambda, fn, eventPayload(0, config.payloadBytes));
        const how = maxConcurrency ? `MaximumConcurrency ${maxConcurrency}` : "default scaling";
        log(`esm: draining ${fmtInt(config.messages)} messages into ${fn}, batch size ${config.batchSize}, ${how}`);
        const d = await esmDrain(lambda, sqs.client, fn, `${fn}-queue`, {
          messages: config.messages,
          batchSize: config.batchSize,
          maxConcurrency,
          fillConcurrency: config.fillConcurrency,
          deadlineMs: 900_000,
          serverPid: server.pid,
          log: (line) => log(`esm: ${line}`),
        });
        log(
          `esm (${how}): ${fmtInt(d.messagesPerSecond)} messages/s (${d.seconds.toFixed(1)} s; first message after ${fmtMs(d.firstMs)}; ${d.peakEnvironments} environments at most (${d.startEnvironments} before), ${fmtMiB(d.peakEnvironmentsPss)} PSS), ` +
            `CPU server ${d.serverCores.toFixed(2)} / environments ${(d.treeCores - d.serverCores).toFixed(2)} / client ${d.clientCores.toFixed(2)} / other ${d.otherCores.toFixed(2)}; LastProcessingResult ${d.lastProcessingResult}`,
        );
        return d;
      };
      try {
        // The comparison first: the default run may leave many idle environments behind.
        if (config.esmCompareConcurrency > 0 && config.esmCompareConcurrency !== config.esmMaxConcurrency) {
          out.drainBounded = await drainInto("bench-esm-bounded", config.esmCompareConcurrency);
        }
        out.drain = await drainInto("bench-esm", config.esmMaxConcurrency);
      } finally {
        sqs.close();
      }
    }

    out.after = treeMemory(server.pid);
    await sleep(3000);
    out.afterSettled = treeMemory(server.pid);
    log(`stratus: after the runs RSS ${fmtMiB(out.after.serverRss)} (3 s later ${fmtMiB(out.afterSettled.serverRss)}), ${out.afterSettled.children} environments alive (${fmtMiB(out.afterSettled.childrenPss)} PSS)`);
    return out;
  } finally {
    admin.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- report ----

const verdict = (ok: boolean | undefined) => (ok === undefined ? "n/a" : ok ? "PASS" : "FAIL");
const lat = (w?: { p50: number; p99: number }) => (w ? `${fmtMs(w.p50)} / ${fmtMs(w.p99)}` : "—");
const rate = (w?: WindowResult) => (w ? `${fmtInt(w.callsPerSecond)} inv/s` : "—");
/** CPU per invocation in µs of one core: server alone, environments. */
const cpuCell = (w?: WindowResult) => {
  if (!w) return "—";
  const per = (cores: number) => `${((cores / w.callsPerSecond) * 1e6).toFixed(0)} µs`;
  const envs = w.treeCores - w.serverCores;
  const server = `server ${w.serverCores.toFixed(2)} (${per(w.serverCores)}/inv)`;
  return `${server}${envs > 0.005 ? ` + envs ${envs.toFixed(2)} (${per(envs)}/inv)` : ""} / client ${w.clientCores.toFixed(2)}`;
};
const disturbed = (w?: { otherCores: number }) => (w && w.otherCores > NOISY_CORES ? ` (disturbed: ${w.otherCores.toFixed(2)} cores of other work)` : "");
const med = (runs: ColdStart[] | undefined, pick: (r: ColdStart) => number | undefined) => (runs?.length ? fmtMs(median(runs.map((r) => pick(r) ?? Number.NaN))) : "—");
const range = (runs: ColdStart[] | undefined, pick: (r: ColdStart) => number) =>
  runs?.length ? `${fmtMs(Math.min(...runs.map(pick)))} – ${fmtMs(Math.max(...runs.map(pick)))}` : "—";

interface Verdicts {
  warm?: boolean;
  overhead?: boolean;
  cold?: boolean;
  drain?: boolean;
}

function overheadMs(s: StratusResults, b: BareResults): number {
  const bare1 = b.byConcurrency.get(1);
  return s.spans?.outsideHandler && bare1 ? s.spans.outsideHandler.p50 - bare1.p50 : Number.NaN;
}

function resultsTable(b: BareResults, s: StratusResults, config: Config): { table: string; verdicts: Verdicts } {
  const v: Verdicts = {};
  const rows: string[][] = [];
  const header = ["Measure", "bare node:http, same client (ceiling)", "Stratus", "serverless-offline 13 (NOTES.md, not run here)", "Target", "Result"];
  rows.push(["**Warm synchronous Invoke, `async (e) => e`**", "", "", "", "", ""]);
  for (const c of config.concurrencies) {
    const bw = b.byConcurrency.get(c);
    const sw = s.warm.get(c);
    const isTarget = c === TARGETS.warmConcurrency;
    if (isTarget && sw) v.warm = sw.callsPerSecond >= TARGETS.warmPerSecond;
    const pct = bw && sw ? ` (${((sw.callsPerSecond / bw.callsPerSecond) * 100).toFixed(0)}% of bare)` : "";
    rows.push([
      `Invocations/s, concurrency ${c}`,
      rate(bw) + disturbed(bw),
      rate(sw) + pct + disturbed(sw),
      isTarget ? `${SLS_OFFLINE.inProcess} (--useInProcess); ${SLS_OFFLINE.workerThreads} (worker threads)` : "",
      isTarget ? `≥ ${fmtInt(TARGETS.warmPerSecond)} inv/s` : "",
      isTarget ? verdict(v.warm) : "",
    ]);
    rows.push([`Latency p50 / p99, concurrency ${c}`, lat(bw), lat(sw), isTarget ? "p99 47 ms (--useInProcess)" : "", "", ""]);
    rows.push([`CPU (cores) server · environments / client, concurrency ${c}`, cpuCell(bw), cpuCell(sw), "", "", ""]);
  }
  if (s.rawWarm.size > 0 || b.raw.size > 0) rows.push(["**Same, raw HTTP client (server capacity; the SDK client costs more CPU than the server)**", "", "", "", "", ""]);
  for (const c of config.concurrencies) {
    const bw = b.raw.get(c);
    const sw = s.rawWarm.get(c);
    if (!bw && !sw) continue;
    const pct = bw && sw ? ` (${((sw.callsPerSecond / bw.callsPerSecond) * 100).toFixed(0)}% of bare)` : "";
    rows.push([`raw: invocations/s, concurrency ${c}`, rate(bw) + disturbed(bw), rate(sw) + pct + disturbed(sw), "", "", ""]);
    rows.push([`raw: latency p50 / p99, concurrency ${c}`, lat(bw), lat(sw), "", "", ""]);
    rows.push([`raw: CPU (cores) server · environments / client, concurrency ${c}`, cpuCell(bw), cpuCell(sw), "", "", ""]);
  }
  rows.push(["**Stratus overhead per invocation (concurrency 1)**", "", "", "", "", ""]);
  const bare1 = b.byConcurrency.get(1);
  const oh = overheadMs(s, b);
  v.overhead = Number.isFinite(oh) ? oh < TARGETS.overheadMs : undefined;
  rows.push(["Latency minus the handler's own span, p50 / p99", `${lat(bare1)} (no handler)`, lat(s.spans?.outsideHandler), "", "", ""]);
  rows.push([
    "**Overhead p50: (latency − handler span) p50 − bare p50**",
    "0",
    Number.isFinite(oh) ? `**${fmtMs(oh)}**` : "—",
    "",
    `< ${fmtMs(TARGETS.overheadMs)}`,
    verdict(v.overhead),
  ]);
  rows.push(["  client send → handler entered, p50 / p99", "", lat(s.spans?.inbound), "", "", ""]);
  rows.push(["  handler's own span, p50 / p99", "", lat(s.spans?.handler), "", "", ""]);
  rows.push(["  handler returned → client has the answer, p50 / p99", "", lat(s.spans?.outbound), "", "", ""]);
  rows.push(["With `LogType: Tail`: latency p50 / p99", "", lat(s.tail), "", "", ""]);
  rows.push(["  REPORT Duration p50 / p99", "", lat(s.tail?.report), "", "", ""]);
  rows.push(["  latency − REPORT Duration, p50 / p99", "", lat(s.tail?.outsideReport), "", "", ""]);

  const node = s.cold.get("node");
  const python = s.cold.get("python");
  if (node || python) rows.push([`**Cold start: new function, create → first result (median of ${config.coldRuns})**`, "", "", "", "", ""]);
  if (node) {
    const total = median(node.map((r) => r.totalMs));
    v.cold = total < TARGETS.nodeColdMs;
    rows.push(["Node (nodejs20.x): CreateFunction → Active → first result", "", `${fmtMs(total)} (range ${range(node, (r) => r.totalMs)})`, "", `< ${fmtMs(TARGETS.nodeColdMs)}`, verdict(v.cold)]);
    rows.push(["  CreateFunction · → Active · first Invoke", "", `${med(node, (r) => r.createMs)} · ${med(node, (r) => r.activeMs)} · ${med(node, (r) => r.firstInvokeMs)}`, "", "", ""]);
    rows.push(["  REPORT Init Duration · Duration", "", `${med(node, (r) => r.initDurationMs)} · ${med(node, (r) => r.durationMs)}`, "", "", ""]);
  }
  if (python) {
    rows.push([`Python (python3.12 id; ${s.pythonVersion ?? "python3"}): create → first result`, "", `${fmtMs(median(python.map((r) => r.totalMs)))} (range ${range(python, (r) => r.totalMs)})`, "", "", ""]);
    rows.push(["  CreateFunction · → Active · first Invoke", "", `${med(python, (r) => r.createMs)} · ${med(python, (r) => r.activeMs)} · ${med(python, (r) => r.firstInvokeMs)}`, "", "", ""]);
    rows.push(["  REPORT Init Duration · Duration", "", `${med(python, (r) => r.initDurationMs)} · ${med(python, (r) => r.durationMs)}`, "", "", ""]);
  }

  const d = s.drain;
  if (d) {
    v.drain = d.messagesPerSecond >= TARGETS.drainPerSecond;
    rows.push([`**SQS event-source mapping, ${fmtInt(d.messages)} messages, batch size ${config.batchSize}${config.esmMaxConcurrency ? `, MaximumConcurrency ${config.esmMaxConcurrency}` : ""}**`, "", "", "", "", ""]);
    rows.push([
      "Mapping created → queue empty",
      "",
      `${fmtInt(d.messagesPerSecond)} msg/s (${d.seconds.toFixed(1)} s)${disturbed(d)}`,
      "",
      `≥ ${fmtInt(TARGETS.drainPerSecond)} msg/s`,
      verdict(v.drain),
    ]);
    rows.push([
      "  first message gone · environments alive at most (Σ PSS; those alive before the drain)",
      "",
      `${fmtMs(d.firstMs)} · ${d.peakEnvironments} (${fmtMiB(d.peakEnvironmentsPss)}; ${d.startEnvironments} before)`,
      "",
      "",
      "",
    ]);
    rows.push([
      "  CPU (cores) server · environments / client",
      "",
      `server ${d.serverCores.toFixed(2)} · envs ${(d.treeCores - d.serverCores).toFixed(2)} / client ${d.clientCores.toFixed(2)}`,
      "",
      "",
      "",
    ]);
    rows.push(["  queue filled beforehand (SendMessageBatch, untimed)", "", `${fmtInt(d.fillMessagesPerSecond)} msg/s`, "", "", ""]);
  }
  const bd = s.drainBounded;
  if (bd) {
    rows.push([
      `Same, ScalingConfig.MaximumConcurrency ${config.esmCompareConcurrency} (comparison, not the target's setting)`,
      "",
      `${fmtInt(bd.messagesPerSecond)} msg/s (${bd.seconds.toFixed(1)} s)${disturbed(bd)}`,
      "",
      "",
      "",
    ]);
    rows.push([
      "  environments alive at most (Σ PSS; before) · CPU server · envs",
      "",
      `${bd.peakEnvironments} (${fmtMiB(bd.peakEnvironmentsPss)}; ${bd.startEnvironments} before) · ${bd.serverCores.toFixed(2)} · ${(bd.treeCores - bd.serverCores).toFixed(2)}`,
      "",
      "",
      "",
    ]);
  }

  rows.push(["**Memory (Stratus process; environments are separate processes)**", "", "", "", "", ""]);
  rows.push(["RSS at idle start", "", s.idle ? fmtMiB(s.idle.serverRss) : "—", "", "", ""]);
  if (s.afterWarm) rows.push(["RSS after the warm runs · environments alive (Σ PSS)", "", `${fmtMiB(s.afterWarm.serverRss)} · ${s.afterWarm.children} (${fmtMiB(s.afterWarm.childrenPss)})`, "", "", ""]);
  if (s.after) {
    rows.push([
      "RSS after all runs (3 s later) · environments alive (Σ PSS)",
      "",
      `${fmtMiB(s.after.serverRss)} (${fmtMiB(s.afterSettled!.serverRss)}) · ${s.afterSettled!.children} (${fmtMiB(s.afterSettled!.childrenPss)})`,
      "1+ GiB RSS (worker threads)",
      "",
      "",
    ]);
  }
  return { table: markdownTable(header, rows), verdicts: v };
}

function settingsNotes(config: Config, m: Machine): string {
  return `Machine: ${m.cores} cores (${m.cpuModel}), ${m.ramGiB.toFixed(1)} GiB RAM, Node ${m.node}, Linux ${m.kernel}.
Run on ${m.date} at commit ${m.commit}.

Settings: ${config.warmupSeconds} s warm-up + ${config.seconds} s measured per window; concurrency ${config.concurrencies.join(" and ")};
~${config.payloadBytes}-byte JSON events; ${config.coldRuns} cold starts per runtime (after one untimed); ${fmtInt(config.messages)} messages
for the event-source mapping (batch size ${config.batchSize}${config.esmMaxConcurrency ? `, MaximumConcurrency ${config.esmMaxConcurrency}` : ", default scaling"}).`;
}

const STATIC_METHOD = `### Method

- **Separate processes.** The server under test is a child process running the built CLI
  (\`node bin/stratus.js start --port 0 --data-dir <fresh tmp> --log-level warn\`); the endpoint
  comes from its ready line. Each Lambda execution environment is in turn a child process of
  the server (a Node or Python runtime speaking the Runtime API to the server over loopback).
  The load generator is the benchmark process itself. On 2 cores, the client, the server and
  the environments share them; nothing is pinned.
- **Client.** The real \`@aws-sdk/client-lambda\` v3 \`LambdaClient\` (restJson1, SigV4 signing)
  with a \`NodeHttpHandler\` over \`http.Agent({ keepAlive: true, maxSockets: <concurrency> })\`,
  \`maxAttempts: 1\` (no error hidden by a retry) and \`cacheMiddleware: true\`. Every answer is
  checked (status 200, no \`FunctionError\`). Filling the event-source queue and watching it use
  \`@aws-sdk/client-sqs\` set up the same way. The targets are stated against this client.
- **Raw client (server capacity).** One core of SDK client costs more per call than the
  bare server does, so the SDK rows are partly the client's limit (see the CPU cells).
  \`bench/lambda/raw-invoke.ts\` writes the same Invoke request as bytes on keep-alive sockets
  (\`bench/lib/raw-http.ts\`; a well-formed but unchecked SigV4 \`authorization\`) and checks
  that the answer is a 200 echoing the event; its rows show what the server side can do.
- **Ceiling.** \`bench/lambda/bare-server.ts\`: a bare \`node:http\` server in its own process that
  answers \`POST /2015-03-31/functions/<name>/invocations\` with 200 and the request body echoed
  (what the echo handler returns). The same client with the same settings drives it: the
  difference to Stratus is what Stratus adds.
- **Warm invocations.** Closed loop: a fixed number of callers, each invoking again as soon as
  its previous call answered, for the warm-up and then the measured window; only calls that
  start and finish inside the window count; latency is measured per call in the load
  generator. The functions are invoked once before any window, and the warm-up starts one
  environment per caller.
- **Overhead.** A second function runs the same handler, but records
  \`performance.timeOrigin + performance.now()\` when it is entered and when it returns, and
  returns both. The load generator reads the same clock (to a few µs across processes), so
  every call splits into "client send → handler entered", "handler", "handler returned →
  client has the answer". **Overhead = p50 over calls of (latency − the handler's own span),
  minus the bare server's p50 latency at the same concurrency**: what Stratus adds on top of what
  the client, HTTP and loopback cost anyway. A separate window with \`LogType: Tail\` reads each
  invocation's REPORT \`Duration\` (the platform's own measure: event handed to the runtime →
  its answer posted), shown as a cross-check; Tail itself costs a little.
- **Cold start.** Per run, a new function with its own name and code (a comment differing per
  run, so the code store unpacks a new zip): \`CreateFunction\`, then \`GetFunctionConfiguration\`
  in a tight loop until \`State\` is \`Active\`, then the first \`Invoke\` with \`LogType: Tail\` for
  the REPORT line's \`Init Duration\`; the function is deleted afterwards (untimed). Median of the
  runs after one untimed run per runtime. Python runs whatever \`python3\` the machine has (the
  runtime id only picks the layer path).
- **Event-source mapping.** A queue is filled with \`SendMessageBatch\` (untimed) and a fresh
  function invoked once; the clock starts just before \`CreateEventSourceMapping\` and stops
  when \`GetQueueAttributes\` (polled every 100 ms) shows ApproximateNumberOfMessages,
  …NotVisible and …Delayed all 0. Environments (the server's live child processes) and their
  PSS are sampled every 500 ms. The target row uses the mapping as created with only
  \`BatchSize\` (Stratus's default scaling); a comparison drain with
  \`ScalingConfig.MaximumConcurrency\` runs first, on its own function and queue.
- **CPU.** From \`/proc\`: the server's own utime + stime ("server"), and the server's children
  (the environments, including children already reaped) ("envs"), over the window; the load
  generator's from \`process.cpuUsage()\`; 1.00 = one core busy. µs/inv is CPU per invocation.
  "Other work" is the rest of the machine (\`/proc/stat\`); a window where it exceeded
  ${NOISY_CORES} cores is repeated (\`BENCH_RETRIES\`) and the least disturbed attempt kept.
- **Sharing the machine.** A full run refuses to measure beside another benchmark
  (any process running a script under \`bench/sqs/\`): it waits for it (checking every 30 s, up to \`BENCH_OTHER_BENCH_WAIT\` s)
  and gives up if it is still running; before each phase it also waits for the machine to be quiet.
- **Memory.** \`VmRSS\` of the Stratus process at idle start, after the warm runs and after all
  runs (and 3 s later); environments are separate processes, counted and summed as PSS
  (\`/proc/<pid>/smaps_rollup\`, shared pages split between sharers).
- **serverless-offline** figures are the ones measured on these machines and recorded in
  \`/work/shared/NOTES.md\` (serverless@3 + serverless-offline@13, Lambda behind its API Gateway
  proxy, so an HTTP call per invocation like here); it is not installed or run by this benchmark.
`;

const CONFIG_DOC = `### Running it

\`\`\`sh
npm run bench:lambda         # builds, then runs every phase (about 6 minutes) and rewrites this section
\`\`\`

Environment settings (defaults in brackets); a run with any of them set is a smoke run and
leaves this file alone unless \`BENCH_DOCS=1\`:

| variable | meaning |
|---|---|
| \`BENCH_SECONDS\` [10] | measured seconds per window |
| \`BENCH_WARMUP_SECONDS\` [3] | untimed warm-up before each window |
| \`BENCH_CONCURRENCIES\` [1,8] | callers in flight for the warm windows (the overhead windows use 1) |
| \`BENCH_PAYLOAD_BYTES\` [100] | size of each JSON event |
| \`BENCH_COLD_RUNS\` [10] | cold starts per runtime (median; one more untimed) |
| \`BENCH_RUNTIMES\` [node,python] | runtimes of the cold starts |
| \`BENCH_MESSAGES\` [100000] | messages the event-source mapping drains |
| \`BENCH_BATCH_SIZE\` [10] | the mapping's BatchSize |
| \`BENCH_ESM_MAX_CONCURRENCY\` | the mapping's ScalingConfig.MaximumConcurrency (default: none, Stratus's default scaling) |
| \`BENCH_ESM_COMPARE_CONCURRENCY\` [5] | a second drain (first, on its own function and queue) with this MaximumConcurrency, for comparison; 0: none |
| \`BENCH_FILL_CONCURRENCY\` [16] | SendMessageBatch calls in flight while filling the queue |
| \`BENCH_PHASES\` [all] | comma list of \`bare,warm,overhead,cold,esm\` |
| \`BENCH_CLIENTS\` [sdk,raw] | which clients drive the warm windows (\`raw\`: bench/lambda/raw-invoke.ts) |
| \`BENCH_CPU_PROF\` | a directory: servers run with \`node --cpu-prof\` and write their profiles there (summarise one with \`node --import tsx bench/lib/cpuprofile-summary.ts <file>\`) |
| \`BENCH_STRATUS_BIN\` | another build's \`bin/stratus.js\` to measure instead |
| \`BENCH_SERVER_NODE_FLAGS\` | extra node flags for the server children |
| \`BENCH_RETRIES\` [2] | times a disturbed window is repeated (the least disturbed attempt is kept) |
| \`BENCH_QUIET_WAIT\` [120] | seconds to wait, before each phase, for other work on the machine to stop |
| \`BENCH_OTHER_BENCH_WAIT\` [1200] | seconds a full run waits for another benchmark (\`bench/sqs\`) to finish |
| \`BENCH_DOCS\` | \`1\` writes this file, \`0\` never does |

A quick smoke run:

\`\`\`sh
BENCH_SECONDS=2 BENCH_WARMUP_SECONDS=1 BENCH_COLD_RUNS=3 BENCH_MESSAGES=5000 npm run bench:lambda
\`\`\`
`;

const BEGIN = "<!-- bench:lambda:begin (generated by bench/lambda/run.ts; edit outside these markers) -->";
const BEGIN_PREFIX = "<!-- bench:lambda:begin";
const END = "<!-- bench:lambda:end -->";

function writeDocs(table: string, config: Config, machine: Machine): void {
  const generated = `${BEGIN}
## Lambda

Command: \`npm run bench:lambda\`

${settingsNotes(config, machine)}

${table}

${STATIC_METHOD}
${CONFIG_DOC}${END}`;
  replaceDocsSection(DOCS, BEGIN_PREFIX, END, generated);
  log(`wrote ${DOCS}`);
}

// ---- main ----

async function main(): Promise<void> {
  const config = readConfig(process.env);
  if (!existsSync(join(dirname(STRATUS_BIN), "..", "dist", "src", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm run bench:lambda does)");
  const machine = describeMachine(ROOT);
  log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}; phases: ${[...config.phases].join(", ")}${config.full ? "" : " (smoke run)"}`);
  if (config.cpuProfDir) log(`CPU profiles of the servers go to ${config.cpuProfDir}`);
  const bare = config.phases.has("bare") ? await runBare(config) : { byConcurrency: new Map<number, WindowResult>(), raw: new Map<number, WindowResult>() };
  const stratus = await runStratus(config);
  const { table, verdicts } = resultsTable(bare, stratus, config);
  process.stdout.write(`\n${settingsNotes(config, machine)}\n\n${table}\n\n`);
  process.stdout.write(
    `Targets: warm ≥ ${fmtInt(TARGETS.warmPerSecond)} inv/s at concurrency ${TARGETS.warmConcurrency}: ${verdict(verdicts.warm)}; overhead p50 < ${TARGETS.overheadMs} ms: ${verdict(verdicts.overhead)}; ` +
      `Node cold start < ${TARGETS.nodeColdMs} ms: ${verdict(verdicts.cold)}; drain ≥ ${fmtInt(TARGETS.drainPerSecond)} msg/s: ${verdict(verdicts.drain)}\n`,
  );
  if (config.writeDocs) writeDocs(table, config, machine);
  else log("smoke run: docs/benchmarks.md left as it is (BENCH_DOCS=1 to write it)");
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`bench:lambda failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    killAll();
    process.exit(1);
  },
);
