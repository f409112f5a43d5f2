/**
 * On-demand API Gateway benchmark (`npm run bench:apigw`; never part of `npm test`).
 *
 * Each row is a fresh server in its own process, driven by the same cheap keep-alive HTTP client
 * (bench/lib/raw-http.ts) with GET requests to a deployed REST API:
 * - a bare node:http server answering `{"message":"ok"}` (the machine's ceiling);
 * - Stratus, MOCK integration with an integration response template (`{"message":"ok"}`);
 * - Stratus, stage cache hits, every measured call answered from the stage's cache: the MOCK
 *   row's method on a stage with its cache enabled (the same answer, so the two rows differ
 *   only by the path: cache lookup or integration), and an HTTP_PROXY method to the bare
 *   server (whose cached answer also carries the backend's headers, remapped as AWS does);
 * - Stratus, Lambda proxy (AWS_PROXY) to handler.cjs, a trivial Node handler;
 * - serverless-offline (serverless@3 + serverless-offline@13) serving handler.cjs, in its
 *   default mode (worker threads) and with --useInProcess. Installed on demand (peer.ts).
 * Targets (issue 6): MOCK ≥ 70 % of the bare server; Lambda proxy ≥ 5× serverless-offline; the
 * cache hit path ≥ the MOCK rate (judged like for like, on the cache-mock row).
 * Settings: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (16),
 * BENCH_ROWS (bare,mock,cache-mock,cache,lambda,offline,offline-inprocess), BENCH_DOCS (1 writes
 * docs/benchmarks.md; default: only when no setting is overridden), BENCH_CPU_PROF (a directory
 * for Stratus's --cpu-prof profiles), BENCH_STRATUS_BIN (another build's bin/stratus.js, e.g. a
 * copy of the build before a change, to compare the two).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateAccountCommand,
} from "@aws-sdk/client-api-gateway";
import { closedLoop, type WindowResult } from "../lib/closed-loop.js";
import { writeBenchSection } from "../lib/docs-section.js";
import { describeMachine } from "../lib/machine.js";
import { RawPool } from "../lib/raw-http.js";
import { cpuSecondsOf, killAll, spawnServer, type SpawnedServer } from "../lib/spawn-server.js";
import { fmtInt, fmtMs, fmtPct, markdownTable } from "../lib/stats.js";
import { createActive, functionInput, lambdaClient, zipOf } from "../lambda/clients.js";
import { startPeer } from "./peer.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const HERE = join(ROOT, "bench", "apigateway");
const DOCS = join(ROOT, "docs", "benchmarks.md");
const STRATUS_BIN = process.env.BENCH_STRATUS_BIN ? resolve(process.env.BENCH_STRATUS_BIN) : join(ROOT, "bin", "stratus.js");
const ROWS = ["bare", "mock", "cache-mock", "cache", "lambda", "offline", "offline-inprocess"] as const;
type RowId = (typeof ROWS)[number];

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const config = {
  seconds: num("BENCH_SECONDS", 10),
  warmupSeconds: num("BENCH_WARMUP_SECONDS", 2),
  concurrency: num("BENCH_CONCURRENCY", 16),
  rows: (env.BENCH_ROWS ?? ROWS.join(",")).split(",").map((s) => s.trim()) as RowId[],
};
for (const r of config.rows) if (!ROWS.includes(r)) throw new Error(`BENCH_ROWS: unknown row '${r}' (${ROWS.join(", ")})`);
const overridden = ["BENCH_SECONDS", "BENCH_WARMUP_SECONDS", "BENCH_CONCURRENCY", "BENCH_ROWS", "BENCH_STRATUS_BIN"].some((k) => env[k]);
const writeDocs = env.BENCH_DOCS !== undefined ? env.BENCH_DOCS === "1" : !overridden;
const log = (line: string) => process.stderr.write(`[bench:apigw] ${line}\n`);

const LABELS: Record<RowId, string> = {
  bare: "bare node:http server (ceiling)",
  mock: "Stratus: MOCK integration",
  "cache-mock": "Stratus: stage cache hit (the MOCK row's method behind it)",
  cache: "Stratus: stage cache hit (HTTP_PROXY behind it)",
  lambda: "Stratus: Lambda proxy, Node handler",
  offline: "serverless-offline 13: Lambda proxy (worker threads, its default)",
  "offline-inprocess": "serverless-offline 13: Lambda proxy (--useInProcess)",
};

function startBare(): Promise<SpawnedServer> {
  return spawnServer({ command: process.execPath, args: ["--import", "tsx", join(HERE, "bare-server.ts")], cwd: ROOT, ready: /Bare ready on (\S+)/ });
}

function startStratus(dataDir: string, row: RowId): Promise<SpawnedServer> {
  const prof = env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${resolve(env.BENCH_CPU_PROF)}`, `--cpu-prof-name=apigw-${row}.cpuprofile`] : [];
  return spawnServer({ command: process.execPath, args: [...prof, STRATUS_BIN, "start", "--port", "0", "--data-dir", dataDir, "--log-level", "warn"], cwd: ROOT, ready: /Stratus \S+ ready on (\S+)/ });
}

/** Deploys one GET /hello method of the row's kind; returns the path to call. */
async function deployApi(endpoint: string, row: RowId, backend?: string): Promise<string> {
  const credentials = { accessKeyId: "bench", secretAccessKey: "bench" };
  const gw = new APIGatewayClient({ endpoint, region: "us-east-1", credentials, maxAttempts: 1 });
  // The account's default throttle (10,000 requests/s, burst 5,000) would cap the rows: lift it
  // (a Stratus extension of UpdateAccount) so that the server's own capacity shows.
  await gw.send(new UpdateAccountCommand({ patchOperations: [{ op: "replace", path: "/throttleSettings/rateLimit", value: "1000000" }, { op: "replace", path: "/throttleSettings/burstLimit", value: "1000000" }] }));
  const api = await gw.send(new CreateRestApiCommand({ name: `bench-${row}` }));
  const restApiId = api.id!;
  const resourceId = (await gw.send(new CreateResourceCommand({ restApiId, parentId: api.rootResourceId, pathPart: "hello" }))).id!;
  const target = { restApiId, resourceId, httpMethod: "GET" };
  await gw.send(new PutMethodCommand({ ...target, authorizationType: "NONE" }));
  if (row === "mock" || row === "cache-mock") {
    await gw.send(new PutIntegrationCommand({ ...target, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
    await gw.send(new PutMethodResponseCommand({ ...target, statusCode: "200" }));
    await gw.send(new PutIntegrationResponseCommand({ ...target, statusCode: "200", responseTemplates: { "application/json": '{"message":"ok"}' } }));
  } else if (row === "cache") {
    await gw.send(new PutIntegrationCommand({ ...target, type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: `${backend}/hello` }));
  } else {
    const lambda = lambdaClient(endpoint, 4);
    await createActive(lambda.client, functionInput("bench-hello", "node", await zipOf({ "index.js": readFileSync(join(HERE, "handler.cjs"), "utf8") })));
    lambda.close();
    const uri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:bench-hello/invocations";
    await gw.send(new PutIntegrationCommand({ ...target, type: "AWS_PROXY", integrationHttpMethod: "POST", uri }));
  }
  await gw.send(new CreateDeploymentCommand({ restApiId, stageName: "bench", ...(row.startsWith("cache") ? { cacheClusterEnabled: true } : {}) }));
  gw.destroy();
  return `/restapis/${restApiId}/bench/_user_request_/hello`;
}

interface Row {
  id: RowId;
  result: WindowResult;
}

async function measure(id: RowId, endpoint: string, path: string, pid: number): Promise<Row> {
  const pool = new RawPool(endpoint, config.concurrency);
  const request = Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${pool.host}:${pool.port}\r\nAccept: application/json\r\n\r\n`);
  const result = await closedLoop({
    concurrency: config.concurrency,
    warmupMs: config.warmupSeconds * 1000,
    durationMs: config.seconds * 1000,
    serverCpu: () => cpuSecondsOf(pid),
    call: async () => {
      const res = await pool.request(request);
      if (res.status !== 200 || !res.body.includes('"message":"ok"')) throw new Error(`HTTP ${res.status}: ${res.body.toString("utf8").slice(0, 200)}`);
      return 1;
    },
  });
  pool.close();
  log(`${id}: ${fmtInt(result.callsPerSecond)} req/s, p50 ${fmtMs(result.p50)}, p99 ${fmtMs(result.p99)}; CPU server ${result.serverCores.toFixed(2)} / client ${result.clientCores.toFixed(2)} / other ${result.otherCores.toFixed(2)}; errors ${result.errors}${result.firstError ? ` (${result.firstError})` : ""}`);
  return { id, result };
}

async function run(id: RowId): Promise<Row> {
  const servers: SpawnedServer[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-bench-apigw-"));
  try {
    if (id === "bare") {
      const bare = await startBare();
      servers.push(bare);
      return await measure(id, bare.endpoint, "/hello", bare.pid);
    }
    if (id === "offline" || id === "offline-inprocess") {
      const peer = await startPeer(id === "offline-inprocess", log);
      servers.push(peer);
      return await measure(id, peer.endpoint, "/hello", peer.pid);
    }
    const backend = id === "cache" ? await startBare() : undefined;
    if (backend) servers.push(backend);
    const stratus = await startStratus(dataDir, id);
    servers.push(stratus);
    const path = await deployApi(stratus.endpoint, id, backend?.endpoint);
    return await measure(id, stratus.endpoint, path, stratus.pid);
  } finally {
    for (const s of servers) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const machine = describeMachine(ROOT);
  log(`${machine.cores} cores, ${machine.cpuModel}, Node ${machine.node}, commit ${machine.commit}`);
  const rows: Row[] = [];
  for (const id of config.rows) rows.push(await run(id));
  const rate = (id: RowId) => rows.find((r) => r.id === id)?.result.callsPerSecond;
  const table = markdownTable(
    ["server", "requests/s", "p50 / p99", "CPU server / client (cores)", "errors"],
    rows.map((r) => [LABELS[r.id], fmtInt(r.result.callsPerSecond), `${fmtMs(r.result.p50)} / ${fmtMs(r.result.p99)}`, `${r.result.serverCores.toFixed(2)} / ${r.result.clientCores.toFixed(2)}`, String(r.result.errors)]),
  );
  const verdicts: string[] = [];
  const [bare, mock, cacheMock, cache, lambda, offline, inProcess] = ROWS.map(rate);
  if (bare && mock) verdicts.push(`MOCK ≥ 70 % of the bare server: ${fmtPct(mock / bare)} — ${mock >= 0.7 * bare ? "PASS" : "FAIL"}`);
  if (lambda && offline) verdicts.push(`Lambda proxy ≥ 5× serverless-offline (default mode): ${(lambda / offline).toFixed(1)}× — ${lambda >= 5 * offline ? "PASS" : "FAIL"}`);
  if (lambda && inProcess) verdicts.push(`Lambda proxy vs serverless-offline --useInProcess: ${(lambda / inProcess).toFixed(1)}× (for reference)`);
  // Like for like: the same method and answer, served from the cache or by running the MOCK integration.
  if (cacheMock && mock) verdicts.push(`cache hit ≥ MOCK (same method, same answer): ${fmtInt(cacheMock)} vs ${fmtInt(mock)} — ${cacheMock >= mock ? "PASS" : "FAIL"}`);
  if (cache && mock) verdicts.push(`cache hit with HTTP_PROXY behind it vs MOCK: ${fmtInt(cache)} vs ${fmtInt(mock)}, ${fmtPct(cache / mock)} (for reference: its cached answer carries the backend's Date and Connection, remapped as AWS does)`);
  const verdict = verdicts.map((v) => `- ${v}`).join("\n");
  console.log(`${table}\n\n${verdict}`);
  if (!writeDocs) {
    log("smoke run: docs/benchmarks.md left as it is (BENCH_DOCS=1 to write it)");
    return;
  }
  writeBenchSection(
    DOCS,
    { id: "apigw", script: "bench/apigateway/run.ts", title: "API Gateway", machine },
    `GET requests to a deployed REST API (\`/restapis/<id>/bench/_user_request_/hello\` on Stratus,
\`/hello\` on the others) from one keep-alive HTTP client (bench/lib/raw-http.ts) with
${config.concurrency} connections, ${config.warmupSeconds} s warm-up, ${config.seconds} s measured; each row a fresh server in its own
process (Stratus durable, SQLite). The handler is bench/apigateway/handler.cjs for both Stratus
and serverless-offline (serverless 3.40.0 + serverless-offline 13.9.0, installed on demand).

${table}

${verdict}`,
  );
  log(`wrote ${DOCS}`);
}

main().catch((err) => {
  killAll();
  console.error(err);
  process.exit(1);
});
