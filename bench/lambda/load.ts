/**
 * Closed-loop invocation load: a fixed number of callers, each invoking again as soon as its
 * previous call answers, for a warm-up then a measured window. Only calls that start and finish
 * inside the window count. Besides latency, a call may hand back where its time went (the
 * handler's own span, or the REPORT line's Duration), kept per call so that overhead is computed
 * per invocation, not from two medians.
 */
import { machineBusySeconds } from "../lib/spawn-server.js";
import { Samples } from "../lib/stats.js";
import type { TreeCpu } from "./proc-tree.js";

/** What one call tells about itself beyond its latency (all optional). */
export interface CallDetail {
  /** Epoch ms (performance.timeOrigin + now()) when the handler was entered and when it returned. */
  enteredAt?: number;
  leftAt?: number;
  /** Duration from the REPORT line (LogType: Tail). */
  reportMs?: number;
}

export interface WindowResult {
  calls: number;
  seconds: number;
  callsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
  /** Per call: latency − the handler's own span (client send → handler entered + handler returned → client received). */
  outsideHandler?: Split;
  /** Client send → handler entered. */
  inbound?: Split;
  /** Handler returned → client has the answer. */
  outbound?: Split;
  /** The handler's own span. */
  handler?: Split;
  /** REPORT Duration and latency − REPORT Duration, per call. */
  report?: Split;
  outsideReport?: Split;
  /** CPU in cores (1.00 = one core busy) inside the window. */
  serverCores: number;
  /** Server + its child processes (the execution environments). */
  treeCores: number;
  clientCores: number;
  /** The rest of the machine: other work disturbing the figure. */
  otherCores: number;
}

export interface Split {
  p50: number;
  p99: number;
}

export interface LoopOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** CPU of the server (and its children) so far; undefined when there is no server to watch. */
  cpu?: () => TreeCpu;
  call: (worker: number, n: number) => Promise<CallDetail | void>;
}

const MAX_ERRORS = 100;
const epochNow = () => performance.timeOrigin + performance.now();

export async function closedLoop(options: LoopOptions): Promise<WindowResult> {
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  const latency = new Samples();
  const outside = new Samples();
  const inbound = new Samples();
  const outbound = new Samples();
  const handler = new Samples();
  const report = new Samples();
  const outsideReport = new Samples();
  let calls = 0;
  let errors = 0;
  let firstError: string | undefined;
  let counter = 0;
  let cpuAtStart: TreeCpu | undefined;
  let clientAtStart: NodeJS.CpuUsage | undefined;
  let machineAtStart = Number.NaN;
  // CPU is sampled from a timer at the window's start, so no caller's timing includes it.
  const mark = setTimeout(() => {
    cpuAtStart = options.cpu?.();
    clientAtStart = process.cpuUsage();
    machineAtStart = machineBusySeconds();
  }, options.warmupMs);

  const worker = async (w: number) => {
    while (performance.now() < windowEnd && errors < MAX_ERRORS) {
      const t0 = performance.now();
      try {
        const d = await options.call(w, counter++);
        const t1 = performance.now();
        if (t0 < windowStart || t1 > windowEnd) continue;
        calls++;
        const ms = t1 - t0;
        latency.add(ms);
        if (d && d.enteredAt !== undefined && d.leftAt !== undefined) {
          const sentAt = performance.timeOrigin + t0;
          const gotAt = performance.timeOrigin + t1;
          inbound.add(d.enteredAt - sentAt);
          outbound.add(gotAt - d.leftAt);
          handler.add(d.leftAt - d.enteredAt);
          outside.add(ms - (d.leftAt - d.enteredAt));
        }
        if (d && d.reportMs !== undefined) {
          report.add(d.reportMs);
          outsideReport.add(ms - d.reportMs);
        }
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  clearTimeout(mark);
  const cpuAtEnd = options.cpu?.();
  const client = process.cpuUsage(clientAtStart);
  const machine = machineBusySeconds() - machineAtStart;
  const seconds = options.durationMs / 1000;
  if (errors >= MAX_ERRORS) throw new Error(`stopped after ${errors} errors; first: ${firstError}`);
  const serverCores = cpuAtStart && cpuAtEnd ? (cpuAtEnd.server - cpuAtStart.server) / seconds : Number.NaN;
  const treeCores = cpuAtStart && cpuAtEnd ? (cpuAtEnd.tree - cpuAtStart.tree) / seconds : Number.NaN;
  const clientCores = (client.user + client.system) / 1e6 / seconds;
  const split = (s: Samples): Split | undefined => (s.count > 0 ? { p50: s.percentile(50), p99: s.percentile(99) } : undefined);
  return {
    calls,
    seconds,
    callsPerSecond: calls / seconds,
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    errors,
    firstError,
    outsideHandler: split(outside),
    inbound: split(inbound),
    outbound: split(outbound),
    handler: split(handler),
    report: split(report),
    outsideReport: split(outsideReport),
    serverCores,
    treeCores,
    clientCores,
    otherCores: Math.max(0, machine / seconds - (Number.isFinite(treeCores) ? treeCores : 0) - clientCores),
  };
}

export { epochNow };
