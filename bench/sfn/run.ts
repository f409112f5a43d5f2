/**
 * On-demand Step Functions benchmark (`npm run bench:sfn`; never part of `npm test`).
 *
 * Side by side, in one run, the workloads of bench/sfn/definitions.mjs (a 100-state Pass chain,
 * a Map over 1,000 items): (a) Stratus in its own process through the real @aws-sdk/client-sfn,
 * Express machines with StartSyncExecution and Standard machines with StartExecution (durable:
 * every event of the history is stored), Express once more through a raw HTTP client
 * (raw-start-sync.ts: Stratus's capacity rather than the SDK client's), and (b) the aws-local-stepfunctions package running
 * the same definitions in process (installed on demand into a temp dir; it declares Node 22
 * but runs Pass and Map states on Node 20). Figures: state transitions per second.
 * Settings: BENCH_SECONDS (5), BENCH_CONCURRENCY (4), BENCH_DOCS (1 writes docs/benchmarks.md;
 * default: only when no setting is overridden), BENCH_PEER_VERSION (3.0.0).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateStateMachineCommand, DescribeExecutionCommand, SFNClient, StartExecutionCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { writeBenchSection } from "../lib/docs-section.js";
import { describeMachine } from "../lib/machine.js";
import { cpuSecondsOf, killAll, spawnServer } from "../lib/spawn-server.js";
import { fmtInt, markdownTable } from "../lib/stats.js";
// @ts-expect-error: plain JavaScript shared with the in-process peer
import { definitions } from "./definitions.mjs";
import { rawStarter } from "./raw-start-sync.js";

interface Workload {
  name: string;
  definition: object;
  input: unknown;
  transitions: number;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS = join(ROOT, "docs", "benchmarks.md");
const env = process.env;
const SECONDS = Number(env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 4);
const PEER_VERSION = env.BENCH_PEER_VERSION ?? "3.0.0";
const writeDocs = env.BENCH_DOCS !== undefined ? env.BENCH_DOCS === "1" : !["BENCH_SECONDS", "BENCH_CONCURRENCY", "BENCH_PEER_VERSION"].some((k) => env[k]);
const TARGET_STANDARD = 5_000;
const log = (line: string) => process.stderr.write(`[bench:sfn] ${line}\n`);

interface Row {
  workload: string;
  how: string;
  transitionsPerSecond: number;
  serverCores?: number;
  clientCores?: number;
  note: string;
}

async function stratusRows(workloads: Workload[]): Promise<Row[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-bench-sfn-"));
  const server = await spawnServer({ command: process.execPath, args: [join(ROOT, "bin", "stratus.js"), "start", "--port", "0", "--data-dir", dataDir, "--log-level", "warn"], cwd: ROOT, ready: /Stratus \S+ ready on (\S+)/ });
  const sfn = new SFNClient({ endpoint: server.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" }, maxAttempts: 1, disableHostPrefix: true });
  const raw = rawStarter(server.endpoint, CONCURRENCY);
  const rows: Row[] = [];
  try {
    for (const w of workloads) {
      for (const type of ["EXPRESS", "EXPRESS-RAW", "STANDARD"] as const) {
        const definition = JSON.stringify(w.definition);
        const machineType = type === "STANDARD" ? "STANDARD" : "EXPRESS";
        const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: `${w.name}-${type.toLowerCase()}`, type: machineType, definition, roleArn: "arn:aws:iam::000000000000:role/bench" }));
        const input = JSON.stringify(w.input);
        const arns: string[] = [];
        const once = async () => {
          if (type === "EXPRESS-RAW") {
            await raw.startSync(stateMachineArn!, input);
          } else if (type === "EXPRESS") {
            const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input }));
            if (r.status !== "SUCCEEDED") throw new Error(`${w.name}: ${r.status} ${r.error} ${r.cause}`);
          } else {
            arns.push((await sfn.send(new StartExecutionCommand({ stateMachineArn, input }))).executionArn!);
          }
        };
        for (let i = 0; i < 3; i++) await once();
        arns.length = 0;
        let runs = 0;
        const cpu0 = cpuSecondsOf(server.pid);
        const client0 = process.cpuUsage();
        const start = performance.now();
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (performance.now() - start < SECONDS * 1000) {
              await once();
              runs++;
            }
          }),
        );
        const elapsed = (performance.now() - start) / 1000;
        const serverCores = (cpuSecondsOf(server.pid) - cpu0) / elapsed;
        const clientUsage = process.cpuUsage(client0);
        const clientCores = (clientUsage.user + clientUsage.system) / 1e6 / elapsed;
        let note = "answered with SUCCEEDED";
        if (type === "STANDARD") {
          // Standard executions answer at once; every one must have finished and stored its history.
          const sample = arns.filter((_, i) => i % Math.max(1, Math.floor(arns.length / 50)) === 0);
          for (const executionArn of sample) {
            const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
            if (d.status !== "SUCCEEDED") throw new Error(`${executionArn}: ${d.status}`);
          }
          note = `${sample.length} sampled executions SUCCEEDED, history stored`;
        }
        const how = { EXPRESS: "Stratus, StartSyncExecution (Express)", "EXPRESS-RAW": "Stratus, StartSyncExecution (Express), raw HTTP client", STANDARD: "Stratus, StartExecution (Standard, durable)" }[type];
        const row = { workload: w.name, how, transitionsPerSecond: (runs * w.transitions) / elapsed, serverCores, clientCores, note };
        log(`${row.workload} ${row.how}: ${fmtInt(row.transitionsPerSecond)} transitions/s (${runs} executions, server ${serverCores.toFixed(2)} / client ${clientCores.toFixed(2)} cores)`);
        rows.push(row);
      }
    }
  } finally {
    sfn.destroy();
    raw.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

function peerRows(): Row[] {
  const dir = mkdtempSync(join(tmpdir(), "stratus-bench-sfn-peer-"));
  try {
    log(`installing aws-local-stepfunctions@${PEER_VERSION} into ${dir}`);
    execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--engine-strict=false", `aws-local-stepfunctions@${PEER_VERSION}`], { cwd: dir, stdio: "ignore" });
    const out = execFileSync(process.execPath, [join(ROOT, "bench", "sfn", "peer.mjs"), dir, String(SECONDS)], { cwd: ROOT, encoding: "utf8" });
    return out
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { name: string; runs: number; transitionsPerSecond: number })
      .map((r) => {
        log(`${r.name} aws-local-stepfunctions in process: ${fmtInt(r.transitionsPerSecond)} transitions/s (${r.runs} executions)`);
        return { workload: r.name, how: `aws-local-stepfunctions ${PEER_VERSION}, in process`, transitionsPerSecond: r.transitionsPerSecond, note: "one execution at a time, no HTTP" };
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const machine = describeMachine(ROOT);
  log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, commit ${machine.commit}`);
  const workloads = definitions() as Workload[];
  const rows = [...(await stratusRows(workloads)), ...peerRows()];
  const rowOf = (w: string, how: string) => rows.find((r) => r.workload === w && r.how === how) ?? rows.find((r) => r.workload === w && r.how.startsWith(how));
  const by = (w: string, how: string) => rowOf(w, how)?.transitionsPerSecond ?? 0;
  const verdicts = workloads.map((w) => {
    const express = by(w.name, "Stratus, StartSyncExecution (Express)");
    const sdkClient = rowOf(w.name, "Stratus, StartSyncExecution (Express)")?.clientCores ?? 0;
    const expressRaw = by(w.name, "Stratus, StartSyncExecution (Express), raw HTTP client");
    const peer = by(w.name, "aws-local");
    const standard = by(w.name, "Stratus, StartExecution");
    return `${w.name}: Express ${fmtInt(express)} with the SDK client (${express >= peer ? "PASS" : "FAIL"}; the client used ${sdkClient.toFixed(2)} cores), ${fmtInt(expressRaw)} with the raw client (${expressRaw >= peer ? "PASS" : "FAIL"}) vs in-process ${fmtInt(peer)}; Standard ${fmtInt(standard)} ≥ ${fmtInt(TARGET_STANDARD)} (${standard >= TARGET_STANDARD ? "PASS" : "FAIL"})`;
  });
  const table = markdownTable(
    ["workload", "how", "state transitions/s", "CPU server / client (cores)", "check"],
    rows.map((r) => [r.workload, r.how, fmtInt(r.transitionsPerSecond), r.serverCores === undefined ? "—" : `${r.serverCores.toFixed(2)} / ${r.clientCores!.toFixed(2)}`, r.note]),
  );
  console.log(`${table}\n\n${verdicts.join("\n")}`);
  if (!writeDocs) {
    log("smoke run: docs/benchmarks.md left as it is (BENCH_DOCS=1 to write it)");
    return;
  }
  writeBenchSection(
    DOCS,
    { id: "sfn", script: "bench/sfn/run.ts", title: "Step Functions", machine },
    `Stratus in its own process (SQLite data dir), driven by @aws-sdk/client-sfn with ${CONCURRENCY} executions in flight
(the "raw HTTP client" row: the same StartSyncExecution requests as bytes on ${CONCURRENCY} keep-alive sockets, bench/sfn/raw-start-sync.ts);
aws-local-stepfunctions in process, one execution at a time. ${SECONDS} s per row. Targets (issue 5): Express through the API at
least as fast as the in-process library; Standard (durable) ≥ ${fmtInt(TARGET_STANDARD)} transitions/s.

${table}

${verdicts.map((v) => `- ${v}`).join("\n")}`,
  );
  log(`wrote ${DOCS}`);
}

main().catch((err) => {
  killAll();
  console.error(err);
  process.exit(1);
});
