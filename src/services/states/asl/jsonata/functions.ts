/**
 * The functions Step Functions adds to JSONata ($partition, $range, $hash, $random, $uuid,
 * $parse), and `$eval`, which it takes away (use `$parse`).
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
 */
import { createHash, randomUUID } from "node:crypto";
import type { Expression } from "./engine.js";
import { HASH_ALGORITHMS } from "../jsonpath/intrinsic-functions.js";

export interface FunctionSources {
  random: () => number;
  uuid?: () => string;
}

/** Adds AWS's functions to a compiled expression (they read randomness from `sources`). */
export function registerAwsFunctions(expr: Expression, sources: () => FunctionSources): void {
  expr.registerFunction("partition", (array: unknown[], size: number) => {
    if (!Number.isInteger(size) || size < 1) throw new Error("Argument 2 of function \"partition\" must be a positive integer");
    const out: unknown[][] = [];
    for (let i = 0; i < array.length; i += size) out.push(array.slice(i, i + size));
    return out;
  }, "<an:a>");
  expr.registerFunction("range", (start: number, end: number, step: number) => {
    if (![start, end, step].every(Number.isInteger)) throw new Error("Arguments of function \"range\" must be integers");
    if (step === 0) throw new Error("Argument 3 of function \"range\" must not be zero");
    const out: number[] = [];
    for (let n = start; step > 0 ? n <= end : n >= end; n += step) {
      out.push(n);
      if (out.length > 1000) throw new Error("The function \"range\" would return more than 1000 items");
    }
    return out;
  }, "<nnn:a>");
  expr.registerFunction("hash", (data: unknown, algorithm: string) => {
    const node = HASH_ALGORITHMS[algorithm];
    if (!node) throw new Error(`Argument 2 of function "hash" must be one of ${Object.keys(HASH_ALGORITHMS).join(", ")}`);
    return createHash(node).update(typeof data === "string" ? data : JSON.stringify(data), "utf8").digest("hex");
  }, "<js:s>");
  expr.registerFunction("random", (seed?: number) => (seed === undefined ? sources().random() : seededRandom(seed)), "<n?:n>");
  expr.registerFunction("uuid", () => (sources().uuid ?? randomUUID)(), "<:s>");
  expr.registerFunction("parse", (text: string) => JSON.parse(text) as unknown, "<s:j>");
  expr.assign("eval", undefined);
}

/** A seeded draw in [0, 1): the same seed gives the same number, as AWS documents. */
function seededRandom(seed: number): number {
  let x = Math.trunc(seed) ^ 0x5deece66;
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x = Math.imul(x ^ (x >>> 16), 0x45d9f3b);
  x ^= x >>> 16;
  return (x >>> 0) / 0x1_0000_0000;
}
