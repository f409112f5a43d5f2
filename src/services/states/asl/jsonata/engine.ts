/**
 * The `jsonata` package at the version AWS runs (2.0.6), evaluated synchronously.
 *
 * Its evaluate() returns a promise, while the interpreter's step() is a pure synchronous
 * function. The package is therefore loaded into a V8 context of its own, whose microtask queue
 * is drained when a script run in that context returns (`microtaskMode: "afterEvaluate"`). An
 * evaluation started from a script in that context has settled once the script returns, as
 * long as every step of it is synchronous; AWS's functions (functions.ts) are.
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 * https://nodejs.org/api/vm.html#vmcreatecontextcontextobject-options
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import type jsonataModule from "jsonata";

export type Expression = jsonataModule.Expression;

interface Outcome {
  done?: boolean;
  value?: unknown;
  error?: unknown;
}

interface EngineGlobals {
  module: { exports: unknown };
  /** jsonata's $base64encode / $base64decode use `global.Buffer` outside a browser. */
  global: { Buffer: typeof Buffer };
  /** Defined by the setup script below: runs `job` and records how its promise settles in `outcome`. */
  settle?: (job: () => Promise<unknown>, outcome: Outcome) => void;
  job?: () => Promise<unknown>;
  outcome?: Outcome;
  /** The time `new Date()` gives inside the context during an evaluation (the clock's, ms). The interpreter always passes its step's time; only a caller without a clock (a unit test) gets the system's. */
  now?: number;
}

/** The package's context, made on first use: most servers never evaluate JSONata, and compiling the package costs start-up time. */
let engine: { globals: EngineGlobals; context: vm.Context; run: vm.Script; jsonata: typeof jsonataModule } | undefined;

function load(): NonNullable<typeof engine> {
  if (engine) return engine;
  const globals: EngineGlobals = { module: { exports: {} }, global: { Buffer } };
  const context = vm.createContext(globals, { microtaskMode: "afterEvaluate" });
  const source = readFileSync(createRequire(import.meta.url).resolve("jsonata"), "utf8");
  vm.runInContext(`var exports = module.exports;\n${source}`, context, { filename: "jsonata.js" });
  // The promise's reactions must be functions of the context: a reaction runs on the queue of
  // its own function's context, and only this context's queue is drained synchronously.
  vm.runInContext(
    `globalThis.settle = (job, outcome) => { job().then((value) => { outcome.done = true; outcome.value = value; }, (error) => { outcome.done = true; outcome.error = error; }); };`,
    context,
  );
  // $now() and $millis() read the time once per evaluation with \`new Date()\`: inside this
  // context that is the Stratus clock's time (virtual under a ManualClock).
  vm.runInContext(
    `const SystemDate = Date;
     globalThis.Date = class Date extends SystemDate {
       constructor(...args) { if (args.length === 0 && globalThis.now !== undefined) super(globalThis.now); else super(...args); }
       static now() { return globalThis.now !== undefined ? globalThis.now : SystemDate.now(); }
     };`,
    context,
  );
  return (engine = { globals, context, run: new vm.Script("settle(job, outcome)"), jsonata: globals.module.exports as typeof jsonataModule });
}

/** jsonata(expression): compiles, or throws the package's syntax error. */
export function compile(expression: string): Expression {
  return load().jsonata(expression);
}

/** Evaluates a compiled expression at the time `now` (ms; $now, $millis); throws what it rejects with. */
export function evaluateSync(expr: Expression, input: unknown, bindings: Record<string, unknown>, now?: number): unknown {
  const { globals, context, run } = load();
  const outcome: Outcome = {};
  globals.job = () => expr.evaluate(input, bindings);
  globals.outcome = outcome;
  globals.now = now;
  try {
    run.runInContext(context);
  } finally {
    globals.job = undefined;
    globals.outcome = undefined;
    globals.now = undefined;
  }
  if (!outcome.done) throw new Error("the JSONata evaluation did not finish synchronously");
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}
