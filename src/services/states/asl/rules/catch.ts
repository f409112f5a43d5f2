/**
 * Catchers: definition-time checks, and the choice of the catcher that handles an error.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-fallback-states
 *
 * Catchers are scanned in order and the first whose ErrorEquals matches wins. The state's result
 * is then the error output `{"Error": ..., "Cause": ...}`, placed into the state's input at the
 * catcher's ResultPath ("$" by default: the error output replaces the input; null: the input is
 * kept as it was). Applying the ResultPath is left to the interpreter's JSONPath writer.
 */
import { checkErrorEquals } from "./error-equals.js";
import { errorEqualsMatches } from "./error-match.js";
import { schemaError, type Diagnostic } from "./errors.js";
import type { Compiled, CompileOptions } from "./choice-rules.js";
import { checkKnownFields, checkPath, defaultPathChecker, isObject, Messages } from "./validation.js";

export interface Catcher {
  readonly errorEquals: readonly string[];
  readonly next: string;
  /** Where the error output goes; null discards it and keeps the input. */
  readonly resultPath: string | null;
  /** Assign (JSONPath and JSONata) and Output (JSONata), kept as written for the interpreter. */
  readonly assign?: unknown;
  readonly output?: unknown;
}

/** The state result a caught error produces. Cause is absent when the error carried none. */
export interface ErrorOutput {
  readonly Error: string;
  readonly Cause?: string;
}

export interface CatchSelection {
  readonly catcher: number;
  readonly next: string;
  readonly resultPath: string | null;
  readonly errorOutput: ErrorOutput;
  readonly assign?: unknown;
  readonly output?: unknown;
}

const CATCHER_FIELDS = new Set(["ErrorEquals", "Next", "ResultPath", "Comment", "Assign", "Output"]);

/** Reads a state's Catch field; `location` is the state's, e.g. `/States/Invoke`. */
export function compileCatch(raw: unknown, location: string, options: CompileOptions = {}): Compiled<readonly Catcher[]> {
  const at = `${location}/Catch`;
  if (raw === undefined) return { ok: true, value: [] };
  if (!Array.isArray(raw)) return { ok: false, diagnostics: [schemaError(Messages.expectedType("Array"), at)] };
  const diagnostics: Diagnostic[] = [];
  const checker = options.checkPath ?? defaultPathChecker;
  raw.forEach((item, i) => {
    const here = `${at}[${i}]`;
    if (!isObject(item)) {
      diagnostics.push(schemaError(Messages.expectedType("Object"), here));
      return;
    }
    checkKnownFields(diagnostics, item, CATCHER_FIELDS, here);
    const missing = ["ErrorEquals", "Next"].filter((f) => item[f] === undefined);
    if (missing.length > 0) diagnostics.push(schemaError(Messages.fieldsRequired(missing), here));
    if (item.ErrorEquals !== undefined) checkErrorEquals(diagnostics, item.ErrorEquals, `${here}/ErrorEquals`, i === raw.length - 1);
    if (item.Next !== undefined && (typeof item.Next !== "string" || item.Next === "")) {
      diagnostics.push(schemaError(Messages.expectedType("String"), `${here}/Next`));
    }
    if (item.ResultPath !== undefined && item.ResultPath !== null) checkPath(diagnostics, item.ResultPath, `${here}/ResultPath`, "reference", checker);
  });
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  const catchers = raw.map((c: Record<string, unknown>): Catcher => {
    const catcher: Catcher = {
      errorEquals: c.ErrorEquals as string[],
      next: c.Next as string,
      resultPath: c.ResultPath === undefined ? "$" : (c.ResultPath as string | null),
    };
    return {
      ...catcher,
      ...(c.Assign !== undefined ? { assign: c.Assign } : {}),
      ...(c.Output !== undefined ? { output: c.Output } : {}),
    };
  });
  return { ok: true, value: catchers };
}

export function errorOutput(error: string, cause?: string): ErrorOutput {
  return cause === undefined ? { Error: error } : { Error: error, Cause: cause };
}

/** The first catcher that handles `error`, or undefined when the state fails. */
export function selectCatcher(catchers: readonly Catcher[], error: string, cause?: string): CatchSelection | undefined {
  const index = catchers.findIndex((c) => errorEqualsMatches(c.errorEquals, error));
  if (index < 0) return undefined;
  const c = catchers[index];
  return {
    catcher: index,
    next: c.next,
    resultPath: c.resultPath,
    errorOutput: errorOutput(error, cause),
    ...(c.assign !== undefined ? { assign: c.assign } : {}),
    ...(c.output !== undefined ? { output: c.output } : {}),
  };
}
