/**
 * The scaling limit through the real LambdaClient, with the older burst model set to 2 so that
 * a test can reach it: new environments need the limiter's consent, warm ones do not, and the
 * capacity comes back with (manual) time.
 * https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type { ManualClock } from "../../src/core/clock.js";
import { startLambda, type LambdaHarness } from "./support.js";
import { deploy, invoke } from "./invoke-support.js";

let h: LambdaHarness;
let clock: ManualClock;
before(async () => {
  h = await startLambda({ clock: "manual", lambda: { scaling: { kind: "burst", initial: 2 } } });
  clock = h.server.manualClock!;
  await deploy(h, "scaler", "exports.handler = async () => { await new Promise((r) => setTimeout(r, 300)); return 'ok'; };\n");
});
after(() => h.server.stop());

async function burst(n: number): Promise<{ ok: number; reasons: string[] }> {
  const results = await Promise.allSettled(Array.from({ length: n }, () => invoke(h, "scaler")));
  const reasons: string[] = [];
  for (const r of results) {
    if (r.status === "fulfilled") continue;
    assert.equal(r.reason.name, "TooManyRequestsException");
    assert.equal(r.reason.$metadata.httpStatusCode, 429);
    assert.equal(r.reason.message, "Rate Exceeded.");
    reasons.push(r.reason.Reason);
  }
  return { ok: results.length - reasons.length, reasons };
}

test("a function cannot add environments faster than the scaling limit; warm ones need no capacity", async () => {
  assert.deepEqual(await burst(3), { ok: 2, reasons: ["ConcurrentInvocationLimitExceeded"] });
  assert.deepEqual(await burst(2), { ok: 2, reasons: [] }, "two warm environments serve two at once");
  assert.deepEqual(await burst(3), { ok: 2, reasons: ["ConcurrentInvocationLimitExceeded"] }, "no capacity came back: time stood still");
  await clock.advance(60_000);
  assert.deepEqual(await burst(3), { ok: 3, reasons: [] }, "a minute later the function scales again");
});
