// Runs the whole test suite: every *.test.ts under src/ and test/, in a stable order. Node 20's
// `--test` does not expand globs, so the files are found here and passed explicitly.
// Usage: node scripts/run-tests.mjs [filter...]   (a file runs if its path contains any filter)
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const filters = process.argv.slice(2);

/** Relative paths (with "/") of every *.test.ts below `dir`, skipping dependencies and build output. */
function findTests(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // a missing src/ or test/ folder simply has no tests
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry.name);
    // fixtures/ holds code the tests deploy (e.g. Lambda handlers), not tests.
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "fixtures" ? [] : findTests(path);
    return entry.isFile() && entry.name.endsWith(".test.ts") ? [relative(root, path).split(sep).join("/")] : [];
  });
}

const files = ["src", "test"]
  .flatMap((dir) => findTests(join(root, dir)))
  .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
  .sort();

if (files.length === 0) {
  process.stderr.write(filters.length ? `run-tests: no test file matches ${filters.join(", ")}\n` : "run-tests: no *.test.ts files found\n");
  process.exit(1);
}

const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files], {
  cwd: root,
  stdio: "inherit",
});
// Ctrl-C reaches the child through the terminal, so we just wait for it; a SIGTERM aimed at us
// alone (a CI timeout) is passed on so the tests and the servers they started do not linger.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => child.kill("SIGTERM"));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
