import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "node:test";
import { createWorkDir } from "./work-dir.js";

test("a new work dir carries this server's pid; one left by a dead server is removed, a live one's kept", () => {
  const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid!;
  const abandoned = join(tmpdir(), `stratus-lambda-${deadPid}-abc123`);
  const live = join(tmpdir(), `stratus-lambda-${process.pid}-live12`);
  mkdirSync(join(abandoned, "opt"), { recursive: true });
  mkdirSync(live, { recursive: true });
  const dir = createWorkDir();
  try {
    assert.match(basename(dir), new RegExp(`^stratus-lambda-${process.pid}-`));
    assert.equal(existsSync(abandoned), false);
    assert.equal(existsSync(live), true);
  } finally {
    for (const d of [dir, live, abandoned]) rmSync(d, { recursive: true, force: true });
  }
});
