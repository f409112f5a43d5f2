import { test } from "node:test";
import assert from "node:assert/strict";
import { ManualClock } from "./clock.js";

test("a manual clock fires due timers in deadline order as it advances", async () => {
  const clock = new ManualClock(1_000);
  const fired: string[] = [];
  clock.setTimer(3_000, () => fired.push(`c@${clock.now()}`));
  clock.setTimer(2_000, () => fired.push(`b@${clock.now()}`));
  clock.setTimer(9_000, () => fired.push("late"));
  await clock.advance(1_500);
  assert.deepEqual(fired, ["b@2000"]);
  assert.equal(clock.now(), 2_500);
  await clock.advance(1_000);
  assert.deepEqual(fired, ["b@2000", "c@3000"]);
  assert.equal(clock.pendingTimers(), 1);
});

test("timers set by a firing timer run within the same advance when due", async () => {
  const clock = new ManualClock(0);
  const fired: number[] = [];
  const tick = () => {
    fired.push(clock.now());
    if (fired.length < 3) clock.setTimer(clock.now() + 100, tick);
  };
  clock.setTimer(100, tick);
  await clock.advance(1_000);
  assert.deepEqual(fired, [100, 200, 300]);
});

test("a cleared timer never fires; an already-due timer fires on the next turn", async () => {
  const clock = new ManualClock(0);
  let fired = 0;
  const h = clock.setTimer(10, () => fired++);
  clock.clearTimer(h);
  await clock.advance(100);
  assert.equal(fired, 0);
  clock.setTimer(50, () => fired++);
  await new Promise((r) => setImmediate(r));
  assert.equal(fired, 1);
});

test("the manual clock refuses to go backwards", async () => {
  const clock = new ManualClock(100);
  await assert.rejects(clock.advanceTo(50), RangeError);
  await assert.rejects(clock.advance(-1), RangeError);
});

test("work a timer starts (several awaited turns) finishes before the next timer fires", async () => {
  const clock = new ManualClock(0);
  const log: string[] = [];
  const turn = () => new Promise((r) => setImmediate(r));
  clock.setTimer(10, async () => {
    for (let i = 0; i < 4; i++) await turn();
    log.push(`first done at ${clock.now()}`);
    clock.setTimer(clock.now() + 5, () => log.push(`follow-up at ${clock.now()}`));
  });
  clock.setTimer(20, () => log.push(`second at ${clock.now()}`));
  await clock.advance(100);
  assert.deepEqual(log, ["first done at 10", "follow-up at 15", "second at 20"]);
});
