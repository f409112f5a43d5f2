import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Database } from "./database.js";

test("writes queued in one tick commit together, each resolving after the commit", async () => {
  const dir = mkdtempSync(join(tmpdir(), "stratus-db-"));
  const db = new Database({ dataDir: dir });
  db.migrate("t", [{ up: "CREATE TABLE t (v INTEGER)" }]);
  const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
  // Another connection sees only what is committed.
  const observer = new BetterSqlite3(db.path, { readonly: true });
  const committed = () => (observer.prepare("SELECT COUNT(*) AS n FROM t").get() as { n: number }).n;
  const seenByLastWrite: number[] = [];
  const results = await Promise.all(
    [1, 2, 3, 4, 5].map((v) =>
      db.write(() => {
        if (v === 5) seenByLastWrite.push(committed());
        return insert.run(v).changes;
      }),
    ),
  );
  assert.deepEqual(results, [1, 1, 1, 1, 1]);
  assert.deepEqual(seenByLastWrite, [0], "the first four were not committed on their own");
  assert.equal(committed(), 5, "all five committed once the writes resolved");
  observer.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

test("a failing write rolls back alone; the others in its batch commit", async () => {
  const db = new Database({ inMemory: true });
  db.migrate("t", [{ up: "CREATE TABLE t (v INTEGER NOT NULL UNIQUE)" }]);
  const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
  const outcomes = await Promise.allSettled([
    db.write(() => insert.run(1)),
    db.write(() => {
      insert.run(2);
      insert.run(1); // violates UNIQUE: this write's insert of 2 must roll back too
    }),
    db.write(() => insert.run(3)),
  ]);
  assert.deepEqual(outcomes.map((o) => o.status), ["fulfilled", "rejected", "fulfilled"]);
  assert.deepEqual((db.prepare("SELECT v FROM t ORDER BY v").all() as Array<{ v: number }>).map((r) => r.v), [1, 3]);
  db.close();
});

test("migrations run once per component and version", () => {
  const db = new Database({ inMemory: true });
  db.migrate("c", [{ up: "CREATE TABLE a (x)" }]);
  db.migrate("c", [{ up: "CREATE TABLE a (x)" }, { up: "CREATE TABLE b (y)" }]);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a','b') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  assert.deepEqual(tables, ["a", "b"]);
  db.close();
});
