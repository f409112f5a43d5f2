/**
 * An SQS event-source mapping draining a full queue into a trivial function. The queue is
 * filled first with SendMessageBatch (untimed); the clock starts just before
 * CreateEventSourceMapping and stops when GetQueueAttributes shows nothing left
 * (ApproximateNumberOfMessages + …NotVisible + …Delayed = 0), polled every POLL_MS.
 */
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  GetEventSourceMappingCommand,
  type LambdaClient,
} from "@aws-sdk/client-lambda";
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { setTimeout as sleep } from "node:timers/promises";
import { machineBusySeconds, treeCpu, treeMemory } from "./proc-tree.js";

const POLL_MS = 100;
/** Environment count and memory are sampled this often during the drain. */
const SAMPLE_MS = 500;

export interface DrainOptions {
  messages: number;
  batchSize: number;
  /** ScalingConfig.MaximumConcurrency, or undefined for the default scaling. */
  maxConcurrency?: number;
  fillConcurrency: number;
  deadlineMs: number;
  serverPid: number;
  log: (line: string) => void;
}

export interface DrainResult {
  messages: number;
  fillMessagesPerSecond: number;
  /** CreateEventSourceMapping sent → queue empty. */
  seconds: number;
  messagesPerSecond: number;
  /** Mapping created → first message gone from the queue. */
  firstMs: number;
  /** Live environments (of every function on the server) when the mapping was created, and at most during the drain. */
  startEnvironments: number;
  peakEnvironments: number;
  peakEnvironmentsPss: number;
  serverCores: number;
  treeCores: number;
  clientCores: number;
  otherCores: number;
  lastProcessingResult?: string;
}

async function queueDepth(sqs: SQSClient, QueueUrl: string): Promise<number> {
  const a = (
    await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed"],
      }),
    )
  ).Attributes ?? {};
  return Number(a.ApproximateNumberOfMessages ?? 0) + Number(a.ApproximateNumberOfMessagesNotVisible ?? 0) + Number(a.ApproximateNumberOfMessagesDelayed ?? 0);
}

async function fill(sqs: SQSClient, QueueUrl: string, total: number, concurrency: number, deadline: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total && performance.now() < deadline) {
      const n = next;
      const count = Math.min(10, total - n);
      next += count;
      const out = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: Array.from({ length: count }, (_, i) => ({ Id: `m${i}`, MessageBody: JSON.stringify({ n: n + i, pad: "x".repeat(80) }) })),
        }),
      );
      if (out.Failed?.length) throw new Error(`SendMessageBatch: ${out.Failed.length} failed (${out.Failed[0].Code})`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (next < total) throw new Error(`fill: only ${next} of ${total} messages sent before the deadline`);
}

export async function esmDrain(lambda: LambdaClient, sqs: SQSClient, functionName: string, queueName: string, o: DrainOptions): Promise<DrainResult> {
  const deadline = performance.now() + o.deadlineMs;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  const queueArn = attrs.Attributes!.QueueArn!;
  try {
    o.log(`filling ${queueName} with ${o.messages.toLocaleString("en-US")} messages (SendMessageBatch, ${o.fillConcurrency} in flight)`);
    const f0 = performance.now();
    await fill(sqs, QueueUrl!, o.messages, o.fillConcurrency, deadline);
    const fillMessagesPerSecond = o.messages / ((performance.now() - f0) / 1000);
    const depth = await queueDepth(sqs, QueueUrl!);
    if (depth !== o.messages) throw new Error(`queue holds ${depth} messages, expected ${o.messages}`);
    await sleep(1000);

    const startEnvironments = treeMemory(o.serverPid).children;
    const cpu0 = treeCpu(o.serverPid);
    const client0 = process.cpuUsage();
    const machine0 = machineBusySeconds();
    const t0 = performance.now();
    const mapping = await lambda.send(
      new CreateEventSourceMappingCommand({
        EventSourceArn: queueArn,
        FunctionName: functionName,
        BatchSize: o.batchSize,
        ScalingConfig: o.maxConcurrency !== undefined ? { MaximumConcurrency: o.maxConcurrency } : undefined,
      }),
    );
    let firstMs = Number.NaN;
    let peakEnvironments = 0;
    let peakEnvironmentsPss = 0;
    let nextSample = 0;
    let nextReport = performance.now() + 5000;
    let left = o.messages;
    try {
      for (;;) {
        const now = performance.now();
        if (now >= nextSample) {
          const m = treeMemory(o.serverPid);
          peakEnvironments = Math.max(peakEnvironments, m.children);
          peakEnvironmentsPss = Math.max(peakEnvironmentsPss, m.childrenPss);
          nextSample = now + SAMPLE_MS;
        }
        left = await queueDepth(sqs, QueueUrl!);
        if (left < o.messages && Number.isNaN(firstMs)) firstMs = performance.now() - t0;
        if (left === 0) break;
        if (performance.now() > deadline) throw new Error(`drain: ${left} messages still in the queue at the deadline`);
        if (performance.now() >= nextReport) {
          o.log(`  ${(o.messages - left).toLocaleString("en-US")} drained after ${((performance.now() - t0) / 1000).toFixed(1)} s, ${peakEnvironments} environments at most so far`);
          nextReport += 5000;
        }
        await sleep(POLL_MS);
      }
      const t1 = performance.now();
      const cpu1 = treeCpu(o.serverPid);
      const client = process.cpuUsage(client0);
      const seconds = (t1 - t0) / 1000;
      const treeCores = (cpu1.tree - cpu0.tree) / seconds;
      const clientCores = (client.user + client.system) / 1e6 / seconds;
      const m = await lambda.send(new GetEventSourceMappingCommand({ UUID: mapping.UUID }));
      return {
        messages: o.messages,
        fillMessagesPerSecond,
        seconds,
        messagesPerSecond: o.messages / seconds,
        firstMs,
        startEnvironments,
        peakEnvironments,
        peakEnvironmentsPss,
        serverCores: (cpu1.server - cpu0.server) / seconds,
        treeCores,
        clientCores,
        otherCores: Math.max(0, (machineBusySeconds() - machine0) / seconds - treeCores - clientCores),
        lastProcessingResult: m.LastProcessingResult,
      };
    } finally {
      await lambda.send(new DeleteEventSourceMappingCommand({ UUID: mapping.UUID })).catch(() => undefined);
    }
  } finally {
    await sqs.send(new DeleteQueueCommand({ QueueUrl })).catch(() => undefined);
  }
}
