import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "./clock.js";
import { createLogger } from "./logger.js";
import { Scheduler } from "./scheduler.js";
import { Database } from "../storage/sqlite/database.js";

const silent = createLogger("silent");

test("jobs are durable: a job scheduled before a restart runs after it, at its time", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stratus-sched-"));
  const clock = new ManualClock(0);
  let db = new Database({ dataDir: dir });
  let scheduler = new Scheduler(db, clock, silent);
  scheduler.start();
  await scheduler.schedule({ kind: "ping", dueAt: 60_000, payload: { n: 1 } });
  scheduler.stop();
  db.close();

  db = new Database({ dataDir: dir });
  scheduler = new Scheduler(db, clock, silent);
  const seen: unknown[] = [];
  scheduler.register("ping", (job) => {
    seen.push([clock.now(), job.payload]);
  });
  scheduler.start();
  await clock.advance(59_999);
  assert.deepEqual(seen, []);
  await clock.advance(1);
  assert.deepEqual(seen, [[60_000, { n: 1 }]]);
  await new Promise((r) => setImmediate(r));
  const left = db.prepare("SELECT COUNT(*) AS n FROM scheduled_jobs").get() as { n: number };
  assert.equal(left.n, 0);
  scheduler.stop();
  db.close();
});

test("a failing job is retried with backoff; a cancelled job never runs", async () => {
  const clock = new ManualClock(0);
  const db = new Database({ inMemory: true });
  const scheduler = new Scheduler(db, clock, silent);
  let attempts = 0;
  scheduler.register("flaky", () => {
    attempts++;
    if (attempts < 3) throw new Error("not yet");
  });
  let cancelledRan = false;
  scheduler.register("never", () => {
    cancelledRan = true;
  });
  scheduler.start();
  await scheduler.schedule({ kind: "flaky", dueAt: 10 });
  const id = await scheduler.schedule({ kind: "never", dueAt: 20 });
  await scheduler.cancel(id);
  await clock.advance(10);
  assert.equal(attempts, 1);
  await clock.advance(1_000);
  assert.equal(attempts, 2);
  await clock.advance(5_000);
  assert.equal(attempts, 3);
  assert.equal(cancelledRan, false);
  scheduler.stop();
  db.close();
});
