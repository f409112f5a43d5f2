import assert from "node:assert/strict";
import { test } from "node:test";
import { ManualClock } from "../../core/clock.js";
import { parseScalingModel, ScalingLimiter } from "./scaling-limiter.js";

function takeMany(l: ScalingLimiter, n: number, account = "111111111111", region = "us-east-1", fn = "f"): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (l.take(account, region, fn)) ok++;
  return ok;
}

test("rate: 1,000 new environments per function, refilled continuously at 100 a second, never above 1,000", async () => {
  const clock = new ManualClock();
  const l = new ScalingLimiter(clock);
  assert.equal(takeMany(l, 1200), 1000);
  assert.equal(takeMany(l, 1, "111111111111", "us-east-1", "other"), 1, "each function scales on its own");
  await clock.advance(10);
  assert.equal(takeMany(l, 5), 1, "10 ms refills one environment");
  await clock.advance(5_000);
  assert.equal(takeMany(l, 1000), 500);
  await clock.advance(60_000);
  assert.equal(takeMany(l, 2000), 1000, "unused capacity is not carried over");
});

test("burst: the Region's initial burst is shared by the account's functions, then 500 a minute", async () => {
  const clock = new ManualClock();
  const l = new ScalingLimiter(clock, { kind: "burst" });
  assert.equal(takeMany(l, 2000, "111111111111", "us-east-1", "a") + takeMany(l, 2000, "111111111111", "us-east-1", "b"), 3000);
  assert.equal(takeMany(l, 2000, "111111111111", "eu-central-1"), 1000);
  assert.equal(takeMany(l, 2000, "111111111111", "sa-east-1"), 500);
  assert.equal(takeMany(l, 10, "222222222222", "sa-east-1"), 10, "another account has its own burst");
  await clock.advance(60_000);
  assert.equal(takeMany(l, 1000, "111111111111", "us-east-1", "c"), 500);
});

test("burst:<n> sets the initial burst", () => {
  const l = new ScalingLimiter(new ManualClock(), { kind: "burst", initial: 2 });
  assert.equal(takeMany(l, 5), 2);
});

test("parseScalingModel", () => {
  assert.deepEqual(parseScalingModel("rate"), { kind: "rate" });
  assert.deepEqual(parseScalingModel("burst"), { kind: "burst" });
  assert.deepEqual(parseScalingModel("burst:250"), { kind: "burst", initial: 250 });
  for (const bad of ["", "burst:0", "burst:x", "fast", "rate:5"]) assert.equal(parseScalingModel(bad), undefined, bad);
});
