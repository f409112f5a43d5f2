/**
 * A closed loop of workers for a warm-up then a measured window: only calls that complete
 * inside the window count. CPU of the server (by pid), of this process and of the rest of the
 * machine is sampled at the window's edges. Shared by the service benchmarks.
 */
import { machineBusySeconds } from "./spawn-server.js";
import { Samples } from "./stats.js";

export interface WindowResult {
  /** Calls and messages completed inside the measured window. */
  calls: number;
  messages: number;
  seconds: number;
  callsPerSecond: number;
  messagesPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
  /** CPU used inside the window, in cores (1.0 = one core busy), server and load generator. */
  serverCores: number;
  clientCores: number;
  /** CPU the rest of the machine used meanwhile, in cores: other work disturbing the figure. */
  otherCores: number;
}

export interface LoopOptions {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** The server's pid, to read its CPU time; undefined to skip. */
  serverCpu?: () => number;
  /** One call; resolves with how many messages it moved. */
  call: (worker: number, n: number) => Promise<number>;
}

const MAX_ERRORS = 1000;

/** Closed loop for warm-up + duration; only calls that complete inside the window count. */
export async function closedLoop(options: LoopOptions): Promise<WindowResult> {
  const started = performance.now();
  const windowStart = started + options.warmupMs;
  const windowEnd = windowStart + options.durationMs;
  const latencies = new Samples();
  let calls = 0;
  let messages = 0;
  let errors = 0;
  let firstError: string | undefined;
  let counter = 0;
  let serverCpuAtStart = Number.NaN;
  let clientCpuAtStart: NodeJS.CpuUsage | undefined;
  let machineAtStart = Number.NaN;
  // Sample CPU at the window's start from a timer, so no worker's timing is skewed by it.
  const mark = setTimeout(() => {
    serverCpuAtStart = options.serverCpu?.() ?? Number.NaN;
    clientCpuAtStart = process.cpuUsage();
    machineAtStart = machineBusySeconds();
  }, options.warmupMs);

  const worker = async (w: number) => {
    while (performance.now() < windowEnd && errors < MAX_ERRORS) {
      const t0 = performance.now();
      try {
        const moved = await options.call(w, counter++);
        const t1 = performance.now();
        if (t0 >= windowStart && t1 <= windowEnd) {
          calls++;
          messages += moved;
          latencies.add(t1 - t0);
        }
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => worker(w)));
  clearTimeout(mark);
  const serverCpuAtEnd = options.serverCpu?.() ?? Number.NaN;
  const clientCpu = process.cpuUsage(clientCpuAtStart);
  const machine = machineBusySeconds() - machineAtStart;
  const seconds = options.durationMs / 1000;
  const serverCores = (serverCpuAtEnd - serverCpuAtStart) / seconds;
  const clientCores = (clientCpu.user + clientCpu.system) / 1e6 / seconds;
  if (errors >= MAX_ERRORS) throw new Error(`stopped after ${errors} errors; first: ${firstError}`);
  return {
    calls,
    messages,
    seconds,
    callsPerSecond: calls / seconds,
    messagesPerSecond: messages / seconds,
    p50: latencies.percentile(50),
    p99: latencies.percentile(99),
    errors,
    firstError,
    serverCores,
    clientCores,
    otherCores: Math.max(0, machine / seconds - serverCores - clientCores),
  };
}

