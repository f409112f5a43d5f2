/**
 * On-demand SNS benchmark (`npm run bench:sns`; never part of `npm test`).
 *
 * A durable server (SQLite under a temp dir) in its own process; one topic with 10 SQS
 * subscriptions, 5 of them with a filter policy (`{"kind": ["k<i>"]}`). Each published
 * message carries `kind = k<n mod 5>`, so it reaches the 5 unfiltered queues and exactly one
 * filtered one: 6 deliveries, each a committed SQS message holding the signed JSON envelope.
 * Workloads: Publish and PublishBatch (10 entries), through the real @aws-sdk/client-sns and
 * through a raw query-protocol client cheap enough to show the server's own capacity. After
 * each run the queues' message counts are checked against the publishes (every delivery
 * happened). Then the event-pattern engine alone (bench/event-patterns/run.ts).
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (32),
 * BENCH_CLIENTS (sdk,raw), BENCH_DOCS (1 writes docs/benchmarks.md; default: only when no
 * setting is overridden), BENCH_CPU_PROF (a directory for the servers' --cpu-prof profiles).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateTopicCommand, PublishBatchCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { closedLoop, type WindowResult } from "../lib/closed-loop.js";
import { writeBenchSection } from "../lib/docs-section.js";
import { describeMachine } from "../lib/machine.js";
import { RawPool } from "../lib/raw-http.js";
import { cpuSecondsOf, killAll, spawnServer, type SpawnedServer } from "../lib/spawn-server.js";
import { fmtInt, fmtMs, markdownTable } from "../lib/stats.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const DOCS = join(ROOT, "docs", "benchmarks.md");
const STRATUS_BIN = join(ROOT, "bin", "stratus.js");
const TARGET_DELIVERIES = 10_000;
const SUBSCRIPTIONS = 10;
const FILTERED = 5;
/** Deliveries per published message: the unfiltered queues and one filtered queue. */
const FAN_OUT = SUBSCRIPTIONS - FILTERED + 1;
const MESSAGE = "x".repeat(200);

type Client = "sdk" | "raw";
type Workload = "publish" | "batch";

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const config = {
  seconds: num("BENCH_SECONDS", 10),
  warmupSeconds: num("BENCH_WARMUP_SECONDS", 2),
  concurrency: num("BENCH_CONCURRENCY", 32),
  clients: (env.BENCH_CLIENTS ?? "sdk,raw").split(",").map((s) => s.trim()) as Client[],
};
for (const c of config.clients) if (c !== "sdk" && c !== "raw") throw new Error(`BENCH_CLIENTS: unknown client '${c}' (sdk, raw)`);
const overridden = ["BENCH_SECONDS", "BENCH_WARMUP_SECONDS", "BENCH_CONCURRENCY", "BENCH_CLIENTS"].some((k) => env[k]);
const writeDocs = env.BENCH_DOCS !== undefined ? env.BENCH_DOCS === "1" : !overridden;
const log = (line: string) => process.stderr.write(`[bench:sns] ${line}\n`);

interface Setup {
  topicArn: string;
  queueUrls: string[];
}

async function setUp(endpoint: string): Promise<Setup> {
  const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };
  const sns = new SNSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  const sqs = new SQSClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "bench" }));
  const queueUrls: string[] = [];
  for (let i = 0; i < SUBSCRIPTIONS; i++) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `bench-${i}` }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    const filter = i < FILTERED ? { FilterPolicy: JSON.stringify({ kind: [`k${i}`] }) } : undefined;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes!.QueueArn!, Attributes: filter }));
    queueUrls.push(QueueUrl!);
  }
  sns.destroy();
  sqs.destroy();
  return { topicArn: TopicArn!, queueUrls };
}

/** Messages waiting in all the queues (every delivery made so far). */
async function delivered(endpoint: string, s: Setup): Promise<number> {
  const sqs = new SQSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" }, maxAttempts: 1 });
  let n = 0;
  for (const QueueUrl of s.queueUrls) {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }));
    n += Number(Attributes!.ApproximateNumberOfMessages);
  }
  sqs.destroy();
  return n;
}

/** One call: resolves with how many messages it published. */
type Call = (worker: number, n: number) => Promise<number>;

function sdkCalls(endpoint: string, s: Setup): { publish: Call; batch: Call; close: () => void } {
  const agent = new Agent({ keepAlive: true, maxSockets: config.concurrency });
  const sns = new SNSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
    cacheMiddleware: true,
    requestHandler: new NodeHttpHandler({ httpAgent: agent, connectionTimeout: 5_000, requestTimeout: 30_000 }),
  });
  const attrs = (n: number) => ({ kind: { DataType: "String", StringValue: `k${n % FILTERED}` } });
  return {
    publish: async (_w, n) => {
      await sns.send(new PublishCommand({ TopicArn: s.topicArn, Message: MESSAGE, MessageAttributes: attrs(n) }));
      return 1;
    },
    batch: async (_w, n) => {
      const out = await sns.send(new PublishBatchCommand({ TopicArn: s.topicArn, PublishBatchRequestEntries: Array.from({ length: 10 }, (_, i) => ({ Id: `e${i}`, Message: MESSAGE, MessageAttributes: attrs(n * 10 + i) })) }));
      if (out.Failed?.length) throw new Error(`PublishBatch: ${out.Failed[0].Code} ${out.Failed[0].Message}`);
      return 10;
    },
    close: () => {
      sns.destroy();
      agent.destroy();
    },
  };
}

/** Unsigned query-protocol requests written as bytes (the server runs without credentials). */
function rawCalls(endpoint: string, s: Setup): { publish: Call; batch: Call; close: () => void } {
  const pool = new RawPool(endpoint, config.concurrency);
  const host = `${pool.host}:${pool.port}`;
  const enc = encodeURIComponent;
  const request = async (form: string) => {
    const body = Buffer.from(`Version=2010-03-31&${form}`);
    const res = await pool.request(Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`), body]));
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${res.body.toString("utf8").slice(0, 200)}`);
    return res.body.toString("utf8");
  };
  const entry = (prefix: string, n: number) => `${prefix}Message=${MESSAGE}&${prefix}MessageAttributes.entry.1.Name=kind&${prefix}MessageAttributes.entry.1.Value.DataType=String&${prefix}MessageAttributes.entry.1.Value.StringValue=k${n % FILTERED}`;
  return {
    publish: async (_w, n) => {
      await request(`Action=Publish&TopicArn=${enc(s.topicArn)}&${entry("", n)}`);
      return 1;
    },
    batch: async (_w, n) => {
      const entries = Array.from({ length: 10 }, (_, i) => `PublishBatchRequestEntries.member.${i + 1}.Id=e${i}&${entry(`PublishBatchRequestEntries.member.${i + 1}.`, n * 10 + i)}`);
      const text = await request(`Action=PublishBatch&TopicArn=${enc(s.topicArn)}&${entries.join("&")}`);
      if (text.includes("<Failed><member>")) throw new Error(`PublishBatch: entries failed: ${text.slice(0, 300)}`);
      return 10;
    },
    close: () => pool.close(),
  };
}

interface Row {
  client: Client;
  workload: Workload;
  result: WindowResult;
  checked: string;
}

async function run(client: Client, workload: Workload): Promise<Row> {
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-bench-sns-"));
  let server: SpawnedServer | undefined;
  try {
    const prof = env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${resolve(env.BENCH_CPU_PROF)}`, `--cpu-prof-name=sns-${client}-${workload}.cpuprofile`] : [];
    server = await spawnServer({ command: process.execPath, args: [...prof, STRATUS_BIN, "start", "--port", "0", "--data-dir", dataDir, "--log-level", "warn"], cwd: ROOT, ready: /Stratus \S+ ready on (\S+)/ });
    const s = await setUp(server.endpoint);
    const calls = client === "sdk" ? sdkCalls(server.endpoint, s) : rawCalls(server.endpoint, s);
    let published = 0;
    const pid = server.pid;
    const result = await closedLoop({
      concurrency: config.concurrency,
      warmupMs: config.warmupSeconds * 1000,
      durationMs: config.seconds * 1000,
      serverCpu: () => cpuSecondsOf(pid),
      call: async (w, n) => {
        const moved = await (workload === "publish" ? calls.publish(w, n) : calls.batch(w, n));
        published += moved;
        return moved;
      },
    });
    calls.close();
    const inQueues = await delivered(server.endpoint, s);
    const expected = published * FAN_OUT;
    const checked = inQueues === expected ? `all ${fmtInt(expected)} deliveries in the queues` : `MISMATCH: ${fmtInt(inQueues)} in the queues, ${fmtInt(expected)} expected`;
    log(`${client} ${workload}: ${fmtInt(result.messagesPerSecond)} msg/s → ${fmtInt(result.messagesPerSecond * FAN_OUT)} deliveries/s, p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}; CPU server ${result.serverCores.toFixed(2)} / client ${result.clientCores.toFixed(2)} / other ${result.otherCores.toFixed(2)}; ${checked}`);
    return { client, workload, result, checked };
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function patternEngine(): string {
  return execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "bench", "event-patterns", "run.ts")], { cwd: ROOT, encoding: "utf8", env: { ...process.env, BENCH_SECONDS: "1" } }).trim();
}

async function main(): Promise<void> {
  const machine = describeMachine(ROOT);
  log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, commit ${machine.commit}`);
  const rows: Row[] = [];
  for (const client of config.clients) for (const workload of ["publish", "batch"] as const) rows.push(await run(client, workload));
  log("event-pattern engine…");
  const engine = patternEngine();
  const best = Math.max(...rows.map((r) => r.result.messagesPerSecond * FAN_OUT));
  const table = markdownTable(
    ["client", "call", "messages published/s", "deliveries/s (durable)", "call latency p50 / p99", "CPU server / client (cores)", "check"],
    rows.map((r) => [
      r.client === "sdk" ? "@aws-sdk/client-sns" : "raw query requests",
      r.workload === "publish" ? "Publish" : "PublishBatch (10)",
      fmtInt(r.result.messagesPerSecond),
      fmtInt(r.result.messagesPerSecond * FAN_OUT),
      `${fmtMs(r.result.p50)} / ${fmtMs(r.result.p99)}`,
      `${r.result.serverCores.toFixed(2)} / ${r.result.clientCores.toFixed(2)}`,
      r.checked,
    ]),
  );
  const verdict = `Target: ≥ ${fmtInt(TARGET_DELIVERIES)} durable deliveries/s — best ${fmtInt(best)}: ${best >= TARGET_DELIVERIES ? "PASS" : "FAIL"}`;
  console.log(`${table}\n\n${verdict}\n\n${engine}`);
  if (!writeDocs) {
    log("smoke run: docs/benchmarks.md left as it is (BENCH_DOCS=1 to write it)");
    return;
  }
  writeBenchSection(
    DOCS,
    { id: "sns", script: "bench/sns/run.ts", title: "SNS", machine },
    `One durable server (SQLite, group commit) in its own process; one topic with ${SUBSCRIPTIONS} SQS
subscriptions, ${FILTERED} of them filtered; each message reaches ${FAN_OUT} queues as the signed
JSON envelope. ${config.concurrency} concurrent callers, ${config.warmupSeconds} s warm-up, ${config.seconds} s measured; a fresh server per row.
Every delivery is checked afterwards in the queues.

${table}

${verdict}

### The event-pattern engine alone (\`node --import tsx bench/event-patterns/run.ts\`)

${engine}`,
  );
  log(`wrote ${DOCS}`);
}

main().catch((err) => {
  killAll();
  console.error(err);
  process.exit(1);
});
