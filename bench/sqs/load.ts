/**
 * The workloads, run through an SqsDriver (the real SDK client, or raw awsJson requests):
 * closed-loop workloads (a fixed number of callers, each issuing its next call as soon as the
 * previous one answers). Every loop is bounded by a deadline or a message count.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { machineBusySeconds } from "../lib/spawn-server.js";
import { Samples } from "../lib/stats.js";
import type { SqsDriver } from "./drivers.js";

/** A ~100-byte body that differs per message (so MD5s differ, as in real traffic). */
export { closedLoop, type LoopOptions, type WindowResult } from "../lib/closed-loop.js";

export function body(n: number): string {
  const head = `bench message ${n} `;
  return head + "x".repeat(Math.max(0, 100 - head.length));
}

export const sendOne = (client: SqsDriver, queueUrl: string) => async (_w: number, n: number) => {
  await client.sendMessage(queueUrl, body(n));
  return 1;
};

export const sendTen = (client: SqsDriver, queueUrl: string) => async (_w: number, n: number) =>
  client.sendMessageBatch(
    queueUrl,
    Array.from({ length: 10 }, (_, i) => body(n * 10 + i)),
  );

/** Sends `total` messages with SendMessageBatch from `concurrency` callers (fills a queue). */
export async function fill(client: SqsDriver, queueUrl: string, total: number, concurrency: number, deadlineMs: number): Promise<number> {
  const send = sendTen(client, queueUrl);
  const deadline = performance.now() + deadlineMs;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total && performance.now() < deadline) {
      const n = next;
      next += 10;
      await send(0, n / 10);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (next < total) throw new Error(`fill: only ${next} of ${total} messages sent before the deadline`);
  return (total / (performance.now() - started)) * 1000;
}

/**
 * One ReceiveMessage (10, long poll 1 s, the queue's default visibility timeout of 30 s) then a
 * DeleteMessageBatch of what came back.
 */
export async function receiveAndDelete(client: SqsDriver, queueUrl: string): Promise<{ received: number; receiveMs: number; deleteMs: number }> {
  const t0 = performance.now();
  const handles = await client.receiveMessage(queueUrl, 10, 1);
  const t1 = performance.now();
  if (handles.length === 0) return { received: 0, receiveMs: t1 - t0, deleteMs: 0 };
  await client.deleteMessageBatch(queueUrl, handles);
  return { received: handles.length, receiveMs: t1 - t0, deleteMs: performance.now() - t1 };
}

export interface DrainResult {
  messages: number;
  seconds: number;
  messagesPerSecond: number;
  receiveP50: number;
  receiveP99: number;
  deleteP50: number;
  deleteP99: number;
  serverCores: number;
  clientCores: number;
  otherCores: number;
}

/**
 * Drains `warmup + total` messages with `consumers` callers. The first `warmup` deleted are not
 * timed; the rate is `total` over the time from then until the last one is deleted.
 */
export async function drain(
  client: SqsDriver,
  queueUrl: string,
  options: { warmup: number; total: number; consumers: number; deadlineMs: number; serverCpu?: () => number },
): Promise<DrainResult> {
  const target = options.warmup + options.total;
  const deadline = performance.now() + options.deadlineMs;
  const receiveLatency = new Samples();
  const deleteLatency = new Samples();
  let deleted = 0;
  let timedFrom = options.warmup === 0 ? performance.now() : Number.NaN;
  let timedTo = Number.NaN;
  let serverCpuFrom = options.warmup === 0 ? (options.serverCpu?.() ?? Number.NaN) : Number.NaN;
  let clientCpuFrom = options.warmup === 0 ? process.cpuUsage() : undefined;
  let serverCpuTo = Number.NaN;
  let clientCpu: NodeJS.CpuUsage | undefined;
  let machineFrom = options.warmup === 0 ? machineBusySeconds() : Number.NaN;
  let machineTo = Number.NaN;
  const worker = async () => {
    while (deleted < target && performance.now() < deadline) {
      const r = await receiveAndDelete(client, queueUrl);
      if (r.received === 0) continue;
      const before = deleted;
      deleted += r.received;
      if (before < options.warmup && deleted >= options.warmup) {
        timedFrom = performance.now();
        serverCpuFrom = options.serverCpu?.() ?? Number.NaN;
        clientCpuFrom = process.cpuUsage();
        machineFrom = machineBusySeconds();
      } else if (before >= options.warmup) {
        receiveLatency.add(r.receiveMs);
        deleteLatency.add(r.deleteMs);
      }
      if (before < target && deleted >= target) {
        timedTo = performance.now();
        serverCpuTo = options.serverCpu?.() ?? Number.NaN;
        clientCpu = process.cpuUsage(clientCpuFrom);
        machineTo = machineBusySeconds();
      }
    }
  };
  await Promise.all(Array.from({ length: options.consumers }, worker));
  if (deleted < target) throw new Error(`drain: only ${deleted} of ${target} messages deleted before the deadline`);
  const seconds = (timedTo - timedFrom) / 1000;
  const serverCores = (serverCpuTo - serverCpuFrom) / seconds;
  const clientCores = clientCpu ? (clientCpu.user + clientCpu.system) / 1e6 / seconds : Number.NaN;
  return {
    messages: options.total,
    seconds,
    messagesPerSecond: options.total / seconds,
    receiveP50: receiveLatency.percentile(50),
    receiveP99: receiveLatency.percentile(99),
    deleteP50: deleteLatency.percentile(50),
    deleteP99: deleteLatency.percentile(99),
    serverCores,
    clientCores,
    otherCores: Math.max(0, (machineTo - machineFrom) / seconds - serverCores - clientCores),
  };
}

/**
 * Moves `total` messages through a queue: producers send batches of 10 while consumers receive
 * and delete, the backlog capped at `maxBacklog` so the run measures traffic, not a full queue.
 */
export async function passThrough(
  client: SqsDriver,
  queueUrl: string,
  options: { total: number; producers: number; consumers: number; maxBacklog: number; deadlineMs: number; onProgress?: (deleted: number) => void },
): Promise<{ seconds: number; messagesPerSecond: number }> {
  const started = performance.now();
  const deadline = started + options.deadlineMs;
  const send = sendTen(client, queueUrl);
  let claimed = 0;
  let sent = 0;
  let deleted = 0;
  const producer = async () => {
    while (claimed < options.total && performance.now() < deadline) {
      if (sent - deleted > options.maxBacklog) {
        await sleep(2);
        continue;
      }
      const n = claimed;
      claimed += 10;
      sent += await send(0, n / 10);
    }
  };
  const consumer = async () => {
    while (deleted < options.total && performance.now() < deadline) {
      const r = await receiveAndDelete(client, queueUrl);
      deleted += r.received;
      options.onProgress?.(deleted);
    }
  };
  await Promise.all([...Array.from({ length: options.producers }, producer), ...Array.from({ length: options.consumers }, consumer)]);
  if (deleted < options.total) throw new Error(`pass-through: only ${deleted} of ${options.total} messages deleted before the deadline`);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, messagesPerSecond: options.total / seconds };
}
