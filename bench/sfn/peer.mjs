/* global process, performance, console */
// The in-process baseline: aws-local-stepfunctions runs the same definitions in this process.
// Usage: node bench/sfn/peer.mjs <module dir> <seconds>; prints one JSON line per workload.
import { createRequire } from "node:module";
import { join } from "node:path";

const [, , dir, secondsText] = process.argv;
const require = createRequire(join(dir, "package.json"));
const { StateMachine } = await import(require.resolve("aws-local-stepfunctions"));
const seconds = Number(secondsText);
const { definitions } = await import("./definitions.mjs");

for (const w of definitions()) {
  const machine = new StateMachine(w.definition);
  let runs = 0;
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) await machine.run(w.input).result; // warm-up
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    await machine.run(w.input).result;
    runs++;
  }
  const elapsed = (performance.now() - start) / 1000;
  console.log(JSON.stringify({ name: w.name, runs, seconds: elapsed, transitionsPerSecond: (runs * w.transitions) / elapsed, setupMs: start - t0 }));
}
