/**
 * On-demand SQS benchmark (`npm run bench:sqs`; never part of `npm test`).
 *
 * The server under test runs in its own child process (the built `bin/stratus.js`); the load
 * generator here drives it over keep-alive connections with the real @aws-sdk/client-sqs (JSON
 * protocol), then with a raw awsJson client cheap enough to saturate the server (drivers.ts).
 * The ceiling is a bare node:http server (bench/sqs/bare-server.ts), also in its own process,
 * driven by the same clients. Prints a table and updates docs/benchmarks.md between its markers.
 * Settings come from the environment; see `readConfig` and docs/benchmarks.md.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { replaceDocsSection } from "../lib/docs-section.js";
import { describeMachine, type Machine } from "../lib/machine.js";
import { measureReady, type ReadyTiming } from "../lib/ready-time.js";
import { cpuSecondsOf, killAll, machineBusySeconds, memoryOf, spawnServer, type SpawnedServer } from "../lib/spawn-server.js";
import { fmtInt, fmtMiB, fmtMs, fmtPct, markdownTable, median } from "../lib/stats.js";
import { makeDriver, type DriverKind, type SqsDriver } from "./drivers.js";
import { closedLoop, drain, fill, passThrough, sendOne, sendTen, type DrainResult, type WindowResult } from "./load.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS = join(ROOT, "docs", "benchmarks.md");
// BENCH_STRATUS_BIN points at another build's bin/stratus.js (e.g. a second checkout) to compare.
const STRATUS_BIN = process.env.BENCH_STRATUS_BIN ? resolve(process.env.BENCH_STRATUS_BIN) : join(ROOT, "bin", "stratus.js");
const BARE_SERVER = join(ROOT, "bench", "sqs", "bare-server.ts");
const STRATUS_READY = /Stratus \S+ ready on (\S+)/;
const BARE_READY = /Bare ready on (\S+)/;

const TARGETS = {
  sendRatio: 0.5,
  batchMessagesPerSecond: 20_000,
  rssBytes: 150 * 1024 * 1024,
  readyMs: 300,
};

/** Other processes using more than this many cores during a window make its figure suspect. */
const NOISY_CORES = 0.15;

const PHASES = ["ceiling", "durable", "memory", "ready", "rss"] as const;
type Phase = (typeof PHASES)[number];

interface Config {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
  batchConcurrency: number;
  consumers: number;
  drainMessages: number;
  drainWarmup: number;
  millionMessages: number;
  readyRuns: number;
  retries: number;
  phases: Set<Phase>;
  drivers: DriverKind[];
  workloads: Set<string>;
  rssDriver: DriverKind;
  cpuProfDir?: string;
  serverNodeFlags: string[];
  writeDocs: boolean;
}

const DEFAULTS = {
  BENCH_SECONDS: 10,
  BENCH_WARMUP_SECONDS: 2,
  BENCH_CONCURRENCY: 32,
  BENCH_BATCH_CONCURRENCY: 16,
  BENCH_CONSUMERS: 16,
  BENCH_DRAIN_MESSAGES: 200_000,
  BENCH_MESSAGES: 1_000_000,
  BENCH_READY_RUNS: 10,
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
  const drivers = (env.BENCH_CLIENTS ?? "sdk,raw").split(",").map((s) => s.trim()).filter(Boolean);
  for (const d of drivers) if (d !== "sdk" && d !== "raw") throw new Error(`BENCH_CLIENTS: unknown client '${d}' (sdk, raw)`);
  const workloads = new Set((env.BENCH_WORKLOADS ?? "single,batch,drain").split(",").map((s) => s.trim()).filter(Boolean));
  for (const w of workloads) if (!["single", "batch", "drain"].includes(w)) throw new Error(`BENCH_WORKLOADS: unknown workload '${w}' (single, batch, drain)`);
  const rssDriver = env.BENCH_RSS_CLIENT ?? "sdk";
  if (rssDriver !== "sdk" && rssDriver !== "raw") throw new Error(`BENCH_RSS_CLIENT: unknown client '${rssDriver}' (sdk, raw)`);
  const drainMessages = Math.max(10, Math.round(num("BENCH_DRAIN_MESSAGES") / 10) * 10);
  const overridden = [...Object.keys(DEFAULTS), "BENCH_PHASES", "BENCH_CLIENTS", "BENCH_WORKLOADS", "BENCH_RSS_CLIENT", "BENCH_CPU_PROF", "BENCH_SERVER_NODE_FLAGS", "BENCH_STRATUS_BIN"].some((k) => env[k] !== undefined && env[k] !== "");
  return {
    seconds: num("BENCH_SECONDS"),
    warmupSeconds: num("BENCH_WARMUP_SECONDS"),
    concurrency: Math.max(1, Math.round(num("BENCH_CONCURRENCY"))),
    batchConcurrency: Math.max(1, Math.round(num("BENCH_BATCH_CONCURRENCY"))),
    consumers: Math.max(1, Math.round(num("BENCH_CONSUMERS"))),
    drainMessages,
    drainWarmup: Math.round(drainMessages / 200) * 10,
    millionMessages: Math.max(10, Math.round(num("BENCH_MESSAGES") / 10) * 10),
    readyRuns: Math.max(1, Math.round(num("BENCH_READY_RUNS"))),
    retries: Math.round(num("BENCH_RETRIES")),
    phases,
    drivers: drivers as DriverKind[],
    workloads,
    rssDriver,
    cpuProfDir: env.BENCH_CPU_PROF ? resolve(env.BENCH_CPU_PROF) : undefined,
    serverNodeFlags: (env.BENCH_SERVER_NODE_FLAGS ?? "").split(/\s+/).filter(Boolean),
    // A quick smoke run (any setting changed) leaves the published figures alone unless asked.
    writeDocs: env.BENCH_DOCS !== undefined ? env.BENCH_DOCS === "1" : !overridden,
  };
}

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/**
 * The machines are shared: before each phase, wait (at most BENCH_QUIET_WAIT seconds, default 120)
 * until the rest of the machine uses less than NOISY_CORES, sampled over one second.
 */
async function waitForQuiet(): Promise<void> {
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

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "stratus-bench-"));
}

function nodeFlags(config: Config, label: string): string[] {
  const prof = config.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${config.cpuProfDir}`, `--cpu-prof-name=${label}-${Date.now()}.cpuprofile`] : [];
  return [...prof, ...config.serverNodeFlags];
}

function startStratus(config: Config, label: string, mode: "durable" | "memory", dataDir?: string): Promise<SpawnedServer> {
  const storage = mode === "memory" ? ["--in-memory"] : ["--data-dir", dataDir!];
  return spawnServer({
    command: process.execPath,
    args: [...nodeFlags(config, `stratus-${label}`), STRATUS_BIN, "start", "--port", "0", ...storage, "--log-level", "warn"],
    cwd: ROOT,
    ready: STRATUS_READY,
  });
}

function startBare(config: Config): Promise<SpawnedServer> {
  return spawnServer({
    command: process.execPath,
    args: [...nodeFlags(config, "bare"), "--import", "tsx", BARE_SERVER],
    cwd: ROOT,
    ready: BARE_READY,
  });
}

// ---- workloads ----

interface ModeResults {
  single?: WindowResult;
  batch?: WindowResult;
  drain?: DrainResult;
  idleRss?: number;
}

type ServerMode = "bare" | "durable" | "memory";

type Workload = "single" | "batch" | "drain";

/**
 * One workload against a fresh server of the given kind, through one client kind. A fresh
 * server each time keeps one workload's leftovers (a large heap, SQLite free pages after a big
 * delete) from slowing the next.
 */
async function runWorkload(config: Config, mode: ServerMode, kind: DriverKind, workload: Workload): Promise<{ result: WindowResult | DrainResult; idleRss: number }> {
  const dataDir = mode === "durable" ? tempDir() : undefined;
  const server = mode === "bare" ? await startBare(config) : await startStratus(config, `${mode}-${workload}`, mode, dataDir);
  const label = `${mode}/${kind}`;
  const note = (line: string) => log(`${label}: ${line}`);
  const sockets = Math.max(config.concurrency, config.batchConcurrency, config.consumers);
  const client = makeDriver(kind, server.endpoint, sockets);
  // Filling the drain queue is not measured: the cheap raw client does it.
  const filler = makeDriver("raw", server.endpoint, config.batchConcurrency);
  const serverCpu = () => cpuSecondsOf(server.pid);
  const loop = { warmupMs: config.warmupSeconds * 1000, durationMs: config.seconds * 1000, serverCpu };
  const fmtCpu = (w: { serverCores: number; clientCores: number; otherCores: number }) =>
    `CPU server ${w.serverCores.toFixed(2)} / client ${w.clientCores.toFixed(2)} / other ${w.otherCores.toFixed(2)}${w.otherCores > NOISY_CORES ? "  << other work on the machine: figure disturbed" : ""}`;
  try {
    await sleep(500);
    const idleRss = memoryOf(server.pid).rss;
    const url = await client.createQueue(`bench-${workload}`);
    if (workload === "single") {
      note(`SendMessage, ${config.concurrency} in flight, ${config.warmupSeconds} s warm-up + ${config.seconds} s`);
      const r = await closedLoop({ ...loop, concurrency: config.concurrency, call: sendOne(client, url) });
      note(`  ${fmtInt(r.callsPerSecond)} req/s, p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}, ${fmtCpu(r)}`);
      return { result: r, idleRss };
    }
    if (workload === "batch") {
      note(`SendMessageBatch (10 × ~100 B), ${config.batchConcurrency} in flight, ${config.warmupSeconds} s warm-up + ${config.seconds} s`);
      const r = await closedLoop({ ...loop, concurrency: config.batchConcurrency, call: sendTen(client, url) });
      note(`  ${fmtInt(r.messagesPerSecond)} messages/s, p50 ${fmtMs(r.p50)}, p99 ${fmtMs(r.p99)}, ${fmtCpu(r)}`);
      return { result: r, idleRss };
    }
    const total = config.drainWarmup + config.drainMessages;
    // The bare server's ReceiveMessage always answers 10 messages: nothing to fill.
    if (mode !== "bare") {
      note(`filling a queue with ${fmtInt(total)} messages`);
      await fill(filler, url, total, config.batchConcurrency, 600_000);
      await sleep(1000);
    }
    note(`ReceiveMessage(10) + DeleteMessageBatch, ${config.consumers} consumers, ${fmtInt(config.drainMessages)} messages after ${fmtInt(config.drainWarmup)} warm-up`);
    const r = await drain(client, url, { warmup: config.drainWarmup, total: config.drainMessages, consumers: config.consumers, deadlineMs: 600_000, serverCpu });
    note(`  ${fmtInt(r.messagesPerSecond)} messages/s, ${fmtCpu(r)}`);
    return { result: r, idleRss };
  } finally {
    client.close();
    filler.close();
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Every selected workload for one server kind and client kind. A workload whose window was
 * disturbed by other work on the machine is run again (fresh server); the least disturbed
 * attempt is kept.
 */
async function runMode(config: Config, mode: ServerMode, kind: DriverKind): Promise<ModeResults> {
  const results: ModeResults = {};
  for (const workload of ["single", "batch", "drain"] as const) {
    if (!config.workloads.has(workload)) continue;
    let best: { result: WindowResult | DrainResult; idleRss: number } | undefined;
    for (let attempt = 0; attempt <= config.retries; attempt++) {
      await waitForQuiet();
      const r = await runWorkload(config, mode, kind, workload);
      if (!best || r.result.otherCores < best.result.otherCores) best = r;
      if (best.result.otherCores <= NOISY_CORES) break;
      if (attempt < config.retries) log(`${mode}/${kind}: ${workload} disturbed (${r.result.otherCores.toFixed(2)} cores of other work); running it again`);
    }
    results.idleRss ??= best!.idleRss;
    if (workload === "drain") results.drain = best!.result as DrainResult;
    else results[workload] = best!.result as WindowResult;
  }
  return results;
}

interface ReadyResults {
  stratus: ReadyTiming[];
  bareNode: ReadyTiming[];
}

const BARE_NODE_SCRIPT =
  "const s=require('node:http').createServer((q,r)=>r.end('ok'));s.listen(0,'127.0.0.1',()=>console.log('Bare ready on http://127.0.0.1:'+s.address().port))";

async function runReady(config: Config): Promise<ReadyResults> {
  const out: ReadyResults = { stratus: [], bareNode: [] };
  // One untimed run of each first, so that the file cache holds node and the modules.
  for (let i = 0; i <= config.readyRuns; i++) {
    const dataDir = tempDir();
    try {
      const stratus = await measureReady(
        { command: process.execPath, args: [STRATUS_BIN, "start", "--port", "0", "--data-dir", dataDir, "--log-level", "warn"], cwd: ROOT, ready: STRATUS_READY },
        "/_stratus/health",
      );
      const bareNode = await measureReady({ command: process.execPath, args: ["-e", BARE_NODE_SCRIPT], cwd: ROOT, ready: BARE_READY }, "/");
      if (i > 0) {
        out.stratus.push(stratus);
        out.bareNode.push(bareNode);
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  log(`ready: Stratus median ${fmtMs(median(out.stratus.map((r) => r.answerMs)))}, bare node ${fmtMs(median(out.bareNode.map((r) => r.answerMs)))}`);
  return out;
}

interface RssResults {
  idle: number;
  afterMessages: number;
  settled: number;
  peak: number;
  messages: number;
  seconds: number;
  messagesPerSecond: number;
}

async function runRss(config: Config): Promise<RssResults> {
  const dataDir = tempDir();
  const server = await startStratus(config, "rss", "durable", dataDir);
  const client: SqsDriver = makeDriver(config.rssDriver, server.endpoint, config.batchConcurrency + config.consumers);
  try {
    await sleep(1000);
    const idle = memoryOf(server.pid).rss;
    const url = await client.createQueue("bench-million");
    log(`rss: idle ${fmtMiB(idle)}; passing ${fmtInt(config.millionMessages)} messages through (durable, ${config.rssDriver} client)`);
    let nextReport = 100_000;
    const run = await passThrough(client, url, {
      total: config.millionMessages,
      producers: Math.max(1, config.batchConcurrency >> 1),
      consumers: config.consumers,
      maxBacklog: 20_000,
      deadlineMs: 1_800_000,
      onProgress: (deleted) => {
        if (deleted >= nextReport) {
          log(`rss:   ${fmtInt(nextReport)} through, RSS ${fmtMiB(memoryOf(server.pid).rss)}`);
          nextReport += 100_000;
        }
      },
    });
    const after = memoryOf(server.pid);
    await sleep(3000);
    const settled = memoryOf(server.pid);
    log(`rss: after ${fmtMiB(after.rss)}, 3 s later ${fmtMiB(settled.rss)}, peak ${fmtMiB(settled.peak)}; ${fmtInt(run.messagesPerSecond)} messages/s through`);
    return { idle, afterMessages: after.rss, settled: settled.rss, peak: settled.peak, messages: config.millionMessages, seconds: run.seconds, messagesPerSecond: run.messagesPerSecond };
  } finally {
    client.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- report ----

type ByClient = Partial<Record<DriverKind, ModeResults>>;

interface Results {
  bare: ByClient;
  durable: ByClient;
  memory: ByClient;
  ready?: ReadyResults;
  rss?: RssResults;
}

const verdict = (ok: boolean | undefined) => (ok === undefined ? "n/a" : ok ? "PASS" : "FAIL");
const latency = (w?: { p50: number; p99: number }) => (w ? `${fmtMs(w.p50)} / ${fmtMs(w.p99)}` : "—");
/** Server CPU per call or message, in µs: what one core of server spends on each. */
const serverUs = (w: { serverCores: number }, perSecond: number) => (w.serverCores / perSecond) * 1e6;
const cpu = (w: { serverCores: number; clientCores: number } | undefined, perSecond?: (x: any) => number, unit = "msg") =>
  w ? `${w.serverCores.toFixed(2)} / ${w.clientCores.toFixed(2)}${perSecond ? ` · ${serverUs(w, perSecond(w)).toFixed(1)} µs/${unit}` : ""}` : "—";
const perCall = (w: WindowResult) => w.callsPerSecond;
const perMessage = (w: { messagesPerSecond: number }) => w.messagesPerSecond;
const req = (x?: WindowResult) => (x ? `${fmtInt(x.callsPerSecond)} req/s` : "—");
const msgs = (x?: { messagesPerSecond: number }) => (x ? `${fmtInt(x.messagesPerSecond)} msg/s` : "—");

export interface Verdicts {
  send: Partial<Record<DriverKind, boolean>>;
  sendCapacity?: boolean;
  batch: Partial<Record<DriverKind, boolean>>;
  drain: Partial<Record<DriverKind, boolean>>;
  rss?: boolean;
  ready?: boolean;
}

const otherLoad = (x?: ModeResults) => {
  const values = [x?.single, x?.batch, x?.drain].filter((w) => w !== undefined).map((w) => w.otherCores);
  if (values.length === 0) return "—";
  const max = Math.max(...values);
  return `${max.toFixed(2)} cores${max > NOISY_CORES ? " (disturbed)" : ""}`;
};

/** How many calls Stratus serves per server-core-second, relative to the bare server. */
const capacity = (bare: WindowResult, other: WindowResult) => serverUs(bare, bare.callsPerSecond) / serverUs(other, other.callsPerSecond);

function clientRows(r: Results, kind: DriverKind, config: Config, v: Verdicts): string[][] {
  const b = r.bare[kind];
  const d = r.durable[kind];
  const m = r.memory[kind];
  if (!b && !d && !m) return [];
  const ratio = (x?: WindowResult) => (x && b?.single ? x.callsPerSecond / b.single.callsPerSecond : Number.NaN);
  const withRatio = (x?: WindowResult) => (x ? `${req(x)} (${fmtPct(ratio(x))} of bare)` : "—");
  v.send[kind] = d?.single && b?.single ? ratio(d.single) >= TARGETS.sendRatio : undefined;
  v.batch[kind] = d?.batch ? d.batch.messagesPerSecond >= TARGETS.batchMessagesPerSecond : undefined;
  v.drain[kind] = d?.drain ? d.drain.messagesPerSecond >= TARGETS.batchMessagesPerSecond : undefined;
  const tag = kind === "sdk" ? "SDK" : "raw";
  const drainLatency = (x?: DrainResult, which: "receive" | "delete" = "receive") =>
    latency(x && (which === "receive" ? { p50: x.receiveP50, p99: x.receiveP99 } : { p50: x.deleteP50, p99: x.deleteP99 }));
  return [
    [`**${kind === "sdk" ? "AWS SDK v3 client" : "raw awsJson client (server capacity)"}**`, "", "", "", "", ""],
    [`${tag}: SendMessage, ${config.concurrency} in flight`, req(b?.single), withRatio(d?.single), withRatio(m?.single), `durable ≥ ${fmtPct(TARGETS.sendRatio)} of bare`, verdict(v.send[kind])],
    [`${tag}: SendMessage p50 / p99`, latency(b?.single), latency(d?.single), latency(m?.single), "", ""],
    [`${tag}: SendMessage CPU server / client (cores) · server CPU per call`, cpu(b?.single, perCall, "call"), cpu(d?.single, perCall, "call"), cpu(m?.single, perCall, "call"), "", ""],
    ...(kind === "raw" && b?.single && d?.single
      ? [
          [
            "raw: SendMessage server capacity (bare µs/call ÷ Stratus µs/call)",
            "100%",
            fmtPct(capacity(b.single, d.single)),
            m?.single ? fmtPct(capacity(b.single, m.single)) : "—",
            `durable ≥ ${fmtPct(TARGETS.sendRatio)} of bare`,
            verdict((v.sendCapacity = capacity(b.single, d.single) >= TARGETS.sendRatio)),
          ],
        ]
      : []),
    [
      `${tag}: SendMessageBatch 10 × ~100 B, ${config.batchConcurrency} in flight`,
      msgs(b?.batch),
      msgs(d?.batch),
      msgs(m?.batch),
      `durable ≥ ${fmtInt(TARGETS.batchMessagesPerSecond)} msg/s`,
      verdict(v.batch[kind]),
    ],
    [`${tag}: SendMessageBatch p50 / p99`, latency(b?.batch), latency(d?.batch), latency(m?.batch), "", ""],
    [`${tag}: SendMessageBatch CPU server / client · per message`, cpu(b?.batch, perMessage), cpu(d?.batch, perMessage), cpu(m?.batch, perMessage), "", ""],
    [
      `${tag}: Receive(10) + DeleteMessageBatch, ${config.consumers} consumers`,
      msgs(b?.drain),
      msgs(d?.drain),
      msgs(m?.drain),
      `durable ≥ ${fmtInt(TARGETS.batchMessagesPerSecond)} msg/s`,
      verdict(v.drain[kind]),
    ],
    [`${tag}: ReceiveMessage p50 / p99`, drainLatency(b?.drain), drainLatency(d?.drain), drainLatency(m?.drain), "", ""],
    [`${tag}: DeleteMessageBatch p50 / p99`, drainLatency(b?.drain, "delete"), drainLatency(d?.drain, "delete"), drainLatency(m?.drain, "delete"), "", ""],
    [`${tag}: Receive + delete CPU server / client · per message`, cpu(b?.drain, perMessage), cpu(d?.drain, perMessage), cpu(m?.drain, perMessage), "", ""],
    [`${tag}: other processes' CPU during these windows (max)`, otherLoad(b), otherLoad(d), otherLoad(m), `< ${NOISY_CORES} cores`, ""],
  ];
}

function resultsTable(r: Results, config: Config): { table: string; verdicts: Verdicts } {
  const v: Verdicts = { send: {}, batch: {}, drain: {} };
  const readyStratus = r.ready ? median(r.ready.stratus.map((t) => t.answerMs)) : Number.NaN;
  const readyBare = r.ready ? median(r.ready.bareNode.map((t) => t.answerMs)) : Number.NaN;
  v.rss = r.rss ? r.rss.afterMessages < TARGETS.rssBytes : undefined;
  v.ready = r.ready ? readyStratus < TARGETS.readyMs : undefined;
  const idle = (k: "bare" | "durable" | "memory") => {
    const x = r[k].sdk?.idleRss ?? r[k].raw?.idleRss;
    return x ? fmtMiB(x) : "—";
  };
  const rows: string[][] = [
    ...clientRows(r, "sdk", config, v),
    ...clientRows(r, "raw", config, v),
    ["**Start and memory**", "", "", "", "", ""],
    [
      `Ready: spawn → first 200 (median of ${config.readyRuns})`,
      r.ready ? `${fmtMs(readyBare)} (node -e)` : "—",
      r.ready ? `${fmtMs(readyStratus)} (empty data dir)` : "—",
      "",
      `< ${TARGETS.readyMs} ms`,
      verdict(v.ready),
    ],
    [
      "Ready: spawn → ready line (median)",
      r.ready ? fmtMs(median(r.ready.bareNode.map((t) => t.readyLineMs))) : "—",
      r.ready ? fmtMs(median(r.ready.stratus.map((t) => t.readyLineMs))) : "—",
      "",
      "",
      "",
    ],
    ["RSS at idle start", `${idle("bare")} (via tsx)`, r.rss ? fmtMiB(r.rss.idle) : idle("durable"), idle("memory"), "", ""],
    [
      `RSS after ${fmtInt(config.millionMessages)} messages through`,
      "",
      r.rss ? `${fmtMiB(r.rss.afterMessages)} (3 s later ${fmtMiB(r.rss.settled)})` : "—",
      "",
      `< ${fmtMiB(TARGETS.rssBytes)}`,
      verdict(v.rss),
    ],
    ["Peak RSS in that run (VmHWM)", "", r.rss ? fmtMiB(r.rss.peak) : "—", "", "", ""],
    [`That run: send ∥ receive + delete (${config.rssDriver} client)`, "", r.rss ? `${fmtInt(r.rss.messagesPerSecond)} msg/s each way` : "—", "", "", ""],
  ];
  const table = markdownTable(["Measure", "bare node:http (ceiling)", "Stratus durable (SQLite)", "Stratus in-memory", "Target", "Result"], rows);
  return { table, verdicts: v };
}

function methodNotes(config: Config, m: Machine): string {
  return `Machine: ${m.cores} cores (${m.cpuModel}), ${m.ramGiB.toFixed(1)} GiB RAM, Node ${m.node}, Linux ${m.kernel}.
Run on ${m.date} at commit ${m.commit}.

Settings: ${config.warmupSeconds} s warm-up + ${config.seconds} s measured per rate; SendMessage with ${config.concurrency} calls in flight;
SendMessageBatch with ${config.batchConcurrency} in flight; ${config.consumers} consumers draining ${fmtInt(config.drainMessages)} messages
(after ${fmtInt(config.drainWarmup)} untimed); ${fmtInt(config.millionMessages)} messages for the memory run; ${config.readyRuns} ready-time runs.`;
}

const STATIC_METHOD = `### Method

- **Separate processes.** The server under test is a child process running the built CLI
  (\`node bin/stratus.js start --port 0 --data-dir <fresh tmp> --log-level warn\`, or
  \`--in-memory\`); the endpoint comes from its ready line. The load generator is the benchmark
  process itself. On a 2-core machine each gets roughly one core; nothing is pinned. Each
  workload gets a fresh server, so that none runs beside what the previous one left behind
  (a grown heap, SQLite free pages after deleting a large queue).
- **Two clients.** (1) **SDK**: the real \`@aws-sdk/client-sqs\` v3 (JSON protocol, SigV4
  signing, MD5 checks on) with a \`NodeHttpHandler\` over an \`http.Agent({ keepAlive: true,
  maxSockets })\`, \`maxAttempts: 1\` so that no error is hidden by a retry, and
  \`cacheMiddleware: true\` (a documented option that resolves each command's middleware stack
  once; without it the client is ~20% slower). The targets are stated against this client, but
  one core of it cannot saturate one core of server: its rows are mostly the client's limit
  (see the CPU rows). (2) **raw** (\`bench/lib/raw-http.ts\`): the same awsJson1_0 requests
  (the headers the server reads, with a well-formed but unchecked SigV4 \`authorization\`)
  written as bytes on keep-alive sockets, responses framed by content-length and JSON-parsed.
  It is cheap enough that the server, not the client, is the bottleneck, so its rows measure
  the server's capacity. Against the bare server it is near its own limit too, so the raw
  ceiling is if anything understated.
- **Ceiling.** \`bench/sqs/bare-server.ts\`: a bare \`node:http\` server in its own process that
  reads and parses each JSON request and answers with a SendMessage-shaped result carrying the
  MD5 of the body actually sent (so the SDK's MD5 check passes and stays on). It also answers
  SendMessageBatch, ReceiveMessage (always 10 fixed messages) and DeleteMessageBatch, so the
  batched rows have a ceiling too. The same clients drive it with the same settings.
- **Closed loop.** A fixed number of callers, each sending its next call when the previous one
  answers. Only calls that start and finish inside the measured window count; latency is per
  call, measured in the load generator.
- **Receive + delete.** A queue is first filled with SendMessageBatch (through the raw client,
  untimed); consumers then loop ReceiveMessage (MaxNumberOfMessages 10, WaitTimeSeconds 1, the
  default 30 s visibility timeout) and DeleteMessageBatch of what came back until the queue is
  drained. The first 5% of messages is not timed; the rate is the rest over the time until the
  last one is deleted.
- **CPU.** Server CPU is read from \`/proc/<pid>/stat\` (utime + stime) over the measured window,
  load-generator CPU from \`process.cpuUsage()\`, the whole machine's from \`/proc/stat\`; 1.00
  means one core fully busy. A server near 1.00 is the bottleneck; a load generator near 1.00
  means the figure is the client's limit. Server CPU divided by the rate gives the server's
  cost per call or message (µs); the **server capacity** row compares that cost with the bare
  server's (bare µs ÷ Stratus µs), both measured with the raw client at saturation. (At low
  load the cost per call reads higher: fewer calls share each wake-up.)
- **Shared machine.** Before each server run the benchmark waits (up to \`BENCH_QUIET_WAIT\` s)
  until other processes use less than ${NOISY_CORES} cores; the "other processes" rows show what they
  used during the windows anyway. A workload whose window saw more is run again
  (\`BENCH_RETRIES\`) and the least disturbed attempt kept; a figure still marked "disturbed"
  should be taken with care.
- **Ready time.** From just before \`spawn()\` to the first 200 from \`GET /_stratus/health\`
  (the endpoint read from the ready line), with a fresh empty data dir each time; median of the
  runs after one untimed run. The reference is \`node -e\` with a minimal \`node:http\` server.
- **Memory.** A fresh durable server; RSS (\`VmRSS\` in \`/proc/<pid>/status\`) after 1 s idle,
  then producers (SendMessageBatch) and consumers (ReceiveMessage + DeleteMessageBatch) run
  concurrently until the configured number of messages has been sent, received and deleted
  (backlog capped at 20,000), then RSS right away and 3 s later; peak is \`VmHWM\`.
`;

const CONFIG_DOC = `### Running it

\`\`\`sh
npm run bench:sqs   # builds, runs every phase (10–15 minutes on a quiet machine), rewrites the section above
\`\`\`

Environment settings (defaults in brackets); a run with any of them set is a smoke run and
leaves this file alone unless \`BENCH_DOCS=1\`:

| variable | meaning |
|---|---|
| \`BENCH_SECONDS\` [10] | measured seconds per rate |
| \`BENCH_WARMUP_SECONDS\` [2] | untimed warm-up before each rate |
| \`BENCH_CONCURRENCY\` [32] | SendMessage calls in flight |
| \`BENCH_BATCH_CONCURRENCY\` [16] | SendMessageBatch calls in flight (half as many producers in the memory run) |
| \`BENCH_CONSUMERS\` [16] | receive + delete consumers |
| \`BENCH_DRAIN_MESSAGES\` [200000] | messages timed in the receive + delete drain |
| \`BENCH_MESSAGES\` [1000000] | messages passed through for the memory figure |
| \`BENCH_READY_RUNS\` [10] | ready-time runs (median) |
| \`BENCH_PHASES\` [all] | comma list of \`ceiling,durable,memory,ready,rss\` |
| \`BENCH_CLIENTS\` [sdk,raw] | which clients drive the rate phases |
| \`BENCH_WORKLOADS\` [single,batch,drain] | which rate workloads run (e.g. one at a time under \`BENCH_CPU_PROF\`) |
| \`BENCH_RSS_CLIENT\` [sdk] | client of the memory run (\`raw\` is about twice as fast) |
| \`BENCH_CPU_PROF\` | a directory: servers run with \`node --cpu-prof\` and write their profiles there (summarise one with \`node --import tsx bench/lib/cpuprofile-summary.ts <file>\`) |
| \`BENCH_STRATUS_BIN\` | another build's \`bin/stratus.js\` to measure instead (e.g. a second checkout) |
| \`BENCH_SERVER_NODE_FLAGS\` | extra node flags for the server children, e.g. \`--max-old-space-size=96\` |
| \`BENCH_RETRIES\` [2] | times a disturbed server run is repeated (the least disturbed attempt is kept) |
| \`BENCH_QUIET_WAIT\` [120] | seconds to wait, before each phase, for other work on the machine to stop |
| \`BENCH_DOCS\` | \`1\` writes this file, \`0\` never does |

A quick smoke run:

\`\`\`sh
BENCH_SECONDS=2 BENCH_WARMUP_SECONDS=1 BENCH_DRAIN_MESSAGES=20000 BENCH_MESSAGES=50000 BENCH_READY_RUNS=3 npm run bench:sqs
\`\`\`
`;

const BEGIN = "<!-- bench:sqs:begin (generated by bench/sqs/run.ts; edit outside these markers) -->";
const END = "<!-- bench:sqs:end -->";

function writeDocs(table: string, config: Config, machine: Machine): void {
  const generated = `${BEGIN}
## SQS

Command: \`npm run bench:sqs\`

${methodNotes(config, machine)}

${table}

${STATIC_METHOD}
${CONFIG_DOC}${END}`;
  replaceDocsSection(DOCS, BEGIN, END, generated);
  log(`wrote ${DOCS}`);
}

// ---- main ----

async function main(): Promise<void> {
  const config = readConfig(process.env);
  if (!existsSync(join(dirname(STRATUS_BIN), "..", "dist", "src", "cli", "main.js"))) throw new Error("dist/ is missing: run `npm run build` first (npm run bench:sqs does)");
  const machine = describeMachine(ROOT);
  log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}; phases: ${[...config.phases].join(", ")}`);
  if (config.cpuProfDir) log(`CPU profiles of the servers go to ${config.cpuProfDir}`);
  const results: Results = { bare: {}, durable: {}, memory: {} };
  const modes: Array<[Phase, ServerMode]> = [
    ["ceiling", "bare"],
    ["durable", "durable"],
    ["memory", "memory"],
  ];
  for (const kind of config.drivers) {
    for (const [phase, mode] of modes) {
      if (!config.phases.has(phase)) continue;
      results[mode][kind] = await runMode(config, mode, kind);
    }
  }
  if (config.phases.has("ready")) {
    await waitForQuiet();
    results.ready = await runReady(config);
  }
  if (config.phases.has("rss")) {
    await waitForQuiet();
    results.rss = await runRss(config);
  }

  const { table } = resultsTable(results, config);
  process.stdout.write(`\n${methodNotes(config, machine)}\n\n${table}\n\n`);
  if (config.writeDocs) writeDocs(table, config, machine);
  else log("smoke run: docs/benchmarks.md left as it is (BENCH_DOCS=1 to write it)");
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (err: unknown) => {
    process.stderr.write(`bench:sqs failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    killAll();
    process.exit(1);
  },
);
