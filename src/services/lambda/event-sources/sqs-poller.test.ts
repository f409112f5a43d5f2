import { test } from "node:test";
import assert from "node:assert/strict";
import { ManualClock, type Clock } from "../../../core/clock.js";
import type { ReceivedMessage, SqsClientApi } from "../../../core/clients.js";
import { compilePattern } from "../../../core/event-patterns/index.js";
import { createLogger } from "../../../core/logger.js";
import { SqsPollerGroup, type InvokeOutcome, type MappingTarget, type SqsPollerSettings } from "./sqs-poller.js";

const logger = createLogger("silent");
const QUEUE = "arn:aws:sqs:us-east-1:000000000000:q";

/** A queue in memory: visible messages handed to receives in order, waiting receives woken by sends. */
class FakeQueue implements SqsClientApi {
  private seq = 0;
  readonly visible: ReceivedMessage[] = [];
  readonly deleted: string[] = [];
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly clock: Clock) {}

  send(...bodies: string[]): void {
    for (const body of bodies) {
      const id = `m${++this.seq}`;
      this.visible.push({ messageId: id, receiptHandle: `rh-${id}`, body, md5OfBody: "", attributes: { ApproximateReceiveCount: "1" }, messageAttributes: {} });
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  async sendMessage(): Promise<{ messageId: string }> {
    throw new Error("not used");
  }

  describeQueue() {
    return { arn: QUEUE, fifo: false, visibilityTimeoutSeconds: 30 };
  }

  async receiveMessages(args: { max: number; waitSeconds: number; signal: AbortSignal }): Promise<ReceivedMessage[]> {
    const end = this.clock.now() + args.waitSeconds * 1000;
    for (;;) {
      if (args.signal.aborted) return [];
      if (this.visible.length > 0) return this.visible.splice(0, args.max);
      if (this.clock.now() >= end) return [];
      await new Promise<void>((resolve) => {
        const timer = this.clock.setTimer(end, () => resolve());
        const wake = () => {
          this.clock.clearTimer(timer);
          resolve();
        };
        this.waiters.push(wake);
        args.signal.addEventListener("abort", wake, { once: true });
      });
    }
  }

  async deleteMessages(args: { receiptHandles: string[] }): Promise<void> {
    this.deleted.push(...args.receiptHandles);
  }
}

class FakeTarget implements MappingTarget {
  readonly calls: Array<{ at: number; bodies: string[] }> = [];
  readonly results: string[] = [];
  outcomes: InvokeOutcome[] = [];
  hold: Promise<void> | undefined;
  /** Clock time each invocation takes. */
  durationMs = 0;
  running = 0;
  maxRunning = 0;

  constructor(private readonly clock: Clock) {}

  ready(): boolean {
    return true;
  }

  async invoke(payload: Buffer): Promise<InvokeOutcome> {
    const event = JSON.parse(payload.toString()) as { Records: Array<{ body: string }> };
    this.calls.push({ at: this.clock.now(), bodies: event.Records.map((r) => r.body) });
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      if (this.hold) await this.hold;
      if (this.durationMs) await new Promise<void>((r) => this.clock.setTimer(this.clock.now() + this.durationMs, r));
      return this.outcomes.shift() ?? { kind: "success", payload: Buffer.from("null") };
    } finally {
      this.running--;
    }
  }

  report(result: string): void {
    this.results.push(result);
  }
}

function group(clock: ManualClock, settings: Partial<SqsPollerSettings>) {
  const sqs = new FakeQueue(clock);
  const target = new FakeTarget(clock);
  const g = new SqsPollerGroup(
    { name: "test", queueArn: QUEUE, region: "us-east-1", fifo: false, batchSize: 10, windowSeconds: 0, reportBatchItemFailures: false, filters: [], maxConcurrency: 1_000, ...settings },
    { clock, logger, sqs, target },
  );
  return { g, sqs, target };
}


test("a batching window gathers messages until it closes, measured on the clock from the first message", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { batchSize: 25, windowSeconds: 5, maxConcurrency: 1 });
  g.start();
  await clock.advance(1_000);
  sqs.send("a", "b", "c");
  await clock.advance(2_000);
  sqs.send("d", "e");
  await clock.advance(2_900);
  assert.equal(target.calls.length, 0, "the window (until t=6000) is still open");
  await clock.advance(100);
  assert.deepEqual(target.calls, [{ at: 6_000, bodies: ["a", "b", "c", "d", "e"] }]);
  assert.equal(sqs.deleted.length, 5);
  // A full batch does not wait for the window.
  sqs.send(...Array.from({ length: 30 }, (_, i) => `n${i}`));
  await clock.advance(0);
  assert.equal(target.calls.length, 2);
  assert.equal(target.calls[1].bodies.length, 25);
  assert.equal(target.calls[1].at, 6_000);
  g.halt();
});

test("the window closes on time when it ends between whole seconds of long polling", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { batchSize: 20, windowSeconds: 2, maxConcurrency: 1 });
  g.start();
  sqs.send("a");
  await clock.advance(500);
  sqs.send("b");
  await clock.advance(1_400);
  assert.equal(target.calls.length, 0);
  sqs.send("c");
  await clock.advance(100);
  assert.deepEqual(target.calls, [{ at: 2_000, bodies: ["a", "b", "c"] }]);
  g.halt();
});

test("without a window a poller invokes with what one receive returned", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { batchSize: 10, maxConcurrency: 1 });
  g.start();
  await clock.advance(0);
  sqs.send("a", "b");
  await clock.advance(0);
  assert.deepEqual(target.calls.map((c) => c.bodies), [["a", "b"]]);
  await g.stop();
  assert.equal(g.size, 0);
});

test("pollers scale up while batches come full, up to MaximumConcurrency, and back down to five when the queue is empty", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { batchSize: 1, maxConcurrency: 8 });
  let release!: () => void;
  target.hold = new Promise((r) => (release = r));
  g.start();
  await clock.advance(0);
  assert.equal(g.size, 5);
  sqs.send(...Array.from({ length: 40 }, (_, i) => `m${i}`));
  for (let i = 0; i < 5; i++) await clock.advance(1_000);
  assert.equal(g.size, 8, "capped at MaximumConcurrency");
  assert.equal(target.maxRunning, 8);
  release();
  await clock.advance(1_000);
  assert.equal(sqs.visible.length, 0);
  assert.equal(sqs.deleted.length, 40);
  await clock.advance(21_000);
  assert.equal(g.size, 5, "the extra pollers left after an empty long poll");
  g.halt();
});

test("scaling up is limited to 300 new pollers a minute", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { batchSize: 1 });
  target.durationMs = 100;
  g.start();
  sqs.send(...Array.from({ length: 100_000 }, (_, i) => `m${i}`));
  await clock.advance(0);
  assert.equal(g.size, 10, "the five first pollers and a burst of five");
  for (let i = 0; i < 20; i++) await clock.advance(100);
  assert.ok(g.size >= 18 && g.size <= 21, `about five more a second (${g.size} after 2 s)`);
  g.halt();
});

test("a throttled batch is retried with backoff, then deleted once it succeeds", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { maxConcurrency: 1 });
  target.outcomes = [{ kind: "throttled" }, { kind: "throttled" }];
  g.start();
  sqs.send("a");
  await clock.advance(0);
  assert.equal(target.calls.length, 1);
  await clock.advance(1_000);
  assert.equal(target.calls.length, 2);
  await clock.advance(2_000);
  assert.deepEqual(target.calls.map((c) => c.at), [0, 1_000, 3_000]);
  assert.deepEqual(sqs.deleted, ["rh-m1"]);
  assert.deepEqual(target.results, ["OK"]);
  g.halt();
});

test("a function error deletes nothing; with ReportBatchItemFailures only the reported messages stay", async () => {
  const clock = new ManualClock(0);
  const plain = group(clock, { maxConcurrency: 1 });
  plain.target.outcomes = [{ kind: "function-error" }];
  plain.g.start();
  plain.sqs.send("a", "b");
  await clock.advance(0);
  assert.deepEqual(plain.sqs.deleted, []);
  assert.deepEqual(plain.target.results, ["PROBLEM: Function call failed"]);
  plain.g.halt();

  const partial = group(clock, { maxConcurrency: 1, reportBatchItemFailures: true });
  partial.target.outcomes = [{ kind: "success", payload: Buffer.from(JSON.stringify({ batchItemFailures: [{ itemIdentifier: "m2" }] })) }];
  partial.g.start();
  partial.sqs.send("a", "b", "c");
  await clock.advance(0);
  assert.deepEqual(partial.sqs.deleted, ["rh-m1", "rh-m3"]);
  partial.g.halt();
});

test("filters: messages that match no pattern are deleted without an invocation", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { maxConcurrency: 1, filters: [compilePattern({ body: { keep: [true] } }, { mode: "eventbridge" })] });
  g.start();
  sqs.send(JSON.stringify({ keep: true }), JSON.stringify({ keep: false }), "text");
  await clock.advance(0);
  assert.deepEqual(target.calls.map((c) => c.bodies), [[JSON.stringify({ keep: true })]]);
  assert.deepEqual(sqs.deleted.sort(), ["rh-m1", "rh-m2", "rh-m3"]);
  g.halt();
});

test("stop aborts the long polls at once; halt leaves a batch in flight undeleted", async () => {
  const clock = new ManualClock(0);
  const { g, sqs, target } = group(clock, { maxConcurrency: 1 });
  g.start();
  await clock.advance(0);
  await g.stop();
  assert.equal(g.size, 0);

  const second = group(clock, { maxConcurrency: 1 });
  let release!: () => void;
  second.target.hold = new Promise((r) => (release = r));
  second.g.start();
  second.sqs.send("a");
  await clock.advance(0);
  assert.equal(second.target.calls.length, 1);
  second.g.halt();
  release();
  await clock.advance(0);
  assert.deepEqual(second.sqs.deleted, []);
  assert.equal(target.calls.length + sqs.deleted.length, 0);
});
