#!/usr/bin/env node
// The installed `stratus` command. It runs the compiled CLI, so `npm run build` must have
// written dist/ first (`npm start` does that).
import { setFlagsFromString } from "node:v8";

// A server moving messages at full speed makes garbage quickly; by default V8 lets the heap
// grow far past what is live before collecting. Tuning the collector for size keeps a busy
// server's resident memory near its live data (docs/benchmarks.md) at a small cost in speed,
// without capping the heap (a large backlog must never crash the server). Set before the
// heap has grown, it takes effect for the whole run.
setFlagsFromString("--optimize-for-size");

const { run } = await import("../dist/src/cli/main.js");
await run();
