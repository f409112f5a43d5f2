import { test } from "node:test";
import assert from "node:assert/strict";
import { ManualClock } from "./clock.js";
import { createLogger } from "./logger.js";
import { sleep, WorkerLoop } from "./worker-loop.js";

const logger = createLogger("silent");

test("a worker loop runs iterations until stopped; stop aborts the signal a wait listens to", async () => {
  const clock = new ManualClock(0);
  let runs = 0;
  const loop = new WorkerLoop({
    name: "t",
    clock,
    logger,
    iterate: async (signal) => {
      runs++;
      await sleep(clock, 1_000, signal);
    },
  });
  assert.equal(loop.state, "idle");
  loop.start();
  assert.equal(loop.state, "running");
  await clock.advance(2_500);
  assert.equal(runs, 3);
  await loop.stop();
  assert.equal(loop.state, "stopped");
  assert.equal(loop.signal.aborted, true);
  assert.equal(runs, 3);
});

test("drain lets the current iteration finish without aborting it", async () => {
  const clock = new ManualClock(0);
  const seen: boolean[] = [];
  const loop = new WorkerLoop({
    name: "t",
    clock,
    logger,
    iterate: async (signal) => {
      seen.push(await sleep(clock, 1_000, signal));
    },
  });
  loop.start();
  const drained = loop.drain();
  assert.equal(loop.state, "draining");
  await clock.advance(1_000);
  await drained;
  assert.deepEqual(seen, [true]);
  assert.equal(loop.state, "stopped");
  assert.equal(loop.signal.aborted, false);
});

test("an iteration that resolves false ends the loop; onStopped runs once", async () => {
  const clock = new ManualClock(0);
  let stopped = 0;
  let runs = 0;
  const loop = new WorkerLoop({ name: "t", clock, logger, iterate: async () => ++runs < 3, onStopped: () => stopped++ });
  loop.start();
  await loop.done;
  assert.equal(runs, 3);
  await loop.stop();
  assert.equal(stopped, 1);
});

test("a throwing iteration is retried after the error delay", async () => {
  const clock = new ManualClock(0);
  let runs = 0;
  const loop = new WorkerLoop({
    name: "t",
    clock,
    logger,
    errorDelayMs: 500,
    iterate: async () => {
      runs++;
      if (runs === 1) throw new Error("boom");
      return false;
    },
  });
  loop.start();
  await clock.advance(0);
  assert.equal(runs, 1);
  await clock.advance(500);
  await loop.done;
  assert.equal(runs, 2);
});

test("stopping a loop that never started resolves at once", async () => {
  const loop = new WorkerLoop({ name: "t", clock: new ManualClock(0), logger, iterate: async () => undefined });
  await loop.stop();
  assert.equal(loop.state, "stopped");
  assert.throws(() => loop.start());
});
