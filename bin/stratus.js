#!/usr/bin/env node
// The installed `stratus` command. It runs the compiled CLI, so `npm run build` must have
// written dist/ first (`npm start` does that).
import { run } from "../dist/src/cli/main.js";

await run();
