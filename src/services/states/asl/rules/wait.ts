/**
 * The Wait state's timing fields (JSONPath): which one is set, whether its value is valid when
 * the definition is read, and the due time it gives at run time.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
 *
 * Run-time failures are States.Runtime with AWS's (observed) sentences, e.g.
 * "The SecondsPath parameter cannot be parsed as a long value: $.waitSeconds == {"raw":"3"}".
 * A timestamp in the past is due at once; fractions of a second in a timestamp are dropped
 * ("Step Functions considers the time value up to seconds and truncates milliseconds").
 */
import { runtimeFailure, schemaError, succeed, renderValue, type Diagnostic, type Outcome } from "./errors.js";
import type { ReadPath } from "./choice-eval.js";
import type { Compiled, CompileOptions } from "./choice-rules.js";
import { instantToEpochMillisTruncated, parseTimestamp } from "./timestamps.js";
import { checkInteger, checkPath, defaultPathChecker, Messages } from "./validation.js";

/** Largest literal Seconds AWS accepts (the same bound applies to TimeoutSeconds). */
export const MAX_WAIT_SECONDS = 99_999_999;
/** Java's Long.MAX_VALUE, the largest SecondsPath value that "can be parsed as a long value". */
const MAX_LONG = 2 ** 63; // 9223372036854775807 rounds up to this double

/** Field order as AWS lists them in its "only one of the following fields" messages (observed). */
export const WAIT_TIMING_FIELDS = ["SecondsPath", "Seconds", "TimestampPath", "Timestamp"] as const;

export type WaitTiming =
  | { readonly kind: "Seconds"; readonly seconds: number }
  | { readonly kind: "Timestamp"; readonly timestamp: string }
  | { readonly kind: "SecondsPath"; readonly path: string }
  | { readonly kind: "TimestampPath"; readonly path: string };

export interface WaitDue {
  /** Epoch milliseconds at which the state may continue. */
  readonly dueAt: number;
  /** max(0, dueAt - now). */
  readonly delayMs: number;
}

/** Reads the timing field of a Wait state; `location` is the state's, e.g. `/States/WaitHere`. */
export function compileWait(state: Record<string, unknown>, location: string, options: CompileOptions = {}): Compiled<WaitTiming> {
  const checker = options.checkPath ?? defaultPathChecker;
  const present = WAIT_TIMING_FIELDS.filter((f) => state[f] !== undefined);
  const diagnostics: Diagnostic[] = [];
  if (present.length === 0) diagnostics.push(schemaError(Messages.onlyOneOfNone(WAIT_TIMING_FIELDS), location));
  if (present.length > 1) diagnostics.push(schemaError(Messages.onlyOneOfMany(WAIT_TIMING_FIELDS), location));
  for (const field of present) {
    const value = state[field];
    const at = `${location}/${field}`;
    if (field === "Seconds") checkInteger(diagnostics, value, at, 0, MAX_WAIT_SECONDS);
    else if (field === "Timestamp") {
      if (typeof value !== "string") diagnostics.push(schemaError(Messages.expectedType("String"), at));
      else if (parseTimestamp(value) === undefined) diagnostics.push(schemaError(Messages.notTimestamp, at));
    } else checkPath(diagnostics, value, at, "reference", checker);
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const field = present[0];
  const value = state[field];
  switch (field) {
    case "Seconds":
      return { ok: true, value: { kind: "Seconds", seconds: value as number } };
    case "Timestamp":
      return { ok: true, value: { kind: "Timestamp", timestamp: value as string } };
    default:
      return { ok: true, value: { kind: field, path: value as string } };
  }
}

export function secondsPathCause(problem: "missing" | "not-long" | "negative", path: string, value?: unknown): string {
  if (problem === "missing") return `The SecondsPath parameter does not reference an input value: ${path}`;
  const what = problem === "negative" ? "references a negative value" : "cannot be parsed as a long value";
  return `The SecondsPath parameter ${what}: ${path} == ${renderValue(value)}`;
}

export function timestampPathCause(path: string, value?: unknown): string {
  if (value === undefined) return `The TimestampPath parameter does not reference an input value: ${path}`;
  return `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${renderValue(value)}`;
}

/** When a Wait state entered at `nowMs` may continue. */
export function computeWaitDue(timing: WaitTiming, readPath: ReadPath, nowMs: number): Outcome<WaitDue> {
  const due = (dueAt: number): Outcome<WaitDue> => succeed({ dueAt, delayMs: Math.max(0, dueAt - nowMs) });
  switch (timing.kind) {
    case "Seconds":
      return due(nowMs + timing.seconds * 1000);
    case "Timestamp": {
      const instant = parseTimestamp(timing.timestamp);
      // compileWait refused invalid literals; a hand-built timing is a caller bug.
      if (!instant) throw new TypeError(`invalid Wait Timestamp: ${timing.timestamp}`);
      return due(instantToEpochMillisTruncated(instant));
    }
    case "SecondsPath": {
      const read = readPath(timing.path);
      if (!read.found) return runtimeFailure(secondsPathCause("missing", timing.path));
      const value = read.value;
      if (typeof value !== "number" || !Number.isInteger(value) || value >= MAX_LONG || value < -MAX_LONG) {
        return runtimeFailure(secondsPathCause("not-long", timing.path, value));
      }
      if (value < 0) return runtimeFailure(secondsPathCause("negative", timing.path, value));
      return due(nowMs + value * 1000);
    }
    case "TimestampPath": {
      const read = readPath(timing.path);
      if (!read.found) return runtimeFailure(timestampPathCause(timing.path));
      const instant = typeof read.value === "string" ? parseTimestamp(read.value) : undefined;
      if (!instant) return runtimeFailure(timestampPathCause(timing.path, read.value));
      return due(instantToEpochMillisTruncated(instant));
    }
  }
}
