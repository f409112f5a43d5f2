/**
 * Definition-time checks shared by the Choice, Wait, Retry and Catch validators, with the
 * sentences ValidateStateMachineDefinition uses. Sentences marked (observed) were read off AWS
 * responses; the others follow the same pattern and are our best reading (see README).
 */
import { schemaError, type Diagnostic } from "./errors.js";

/**
 * Checks the syntax of a Path or Reference Path. Injected so that this folder needs no JSONPath
 * parser; it returns AWS's sentence for a bad path, or undefined for a good one.
 */
export type PathChecker = (path: string, kind: "reference" | "path") => string | undefined;

/** The check used when none is injected: AWS's (observed) sentence for a path without `$`. */
export const defaultPathChecker: PathChecker = (path) =>
  path.startsWith("$") ? undefined : "Value is not a Reference Path: Reference path didn't start with '$'";

export const Messages = {
  /** (observed, Wait.Seconds: 1.5) */
  expectedType: (type: "Integer" | "Number" | "String" | "Boolean" | "Array" | "Object") => `Expected value of type ${type}`,
  /** (observed, Wait.Seconds: -1) */
  minimum: (min: number | string) => `Minimum value is ${min}`,
  maximum: (max: number | string) => `Maximum value is ${max}`,
  /** (observed, Choices: [] and Or: []) */
  empty: "Value cannot be empty",
  /** (observed, a state without Type) */
  fieldRequired: (field: string) => `The field '${field}' is required`,
  /** (reported for retriers and catchers by users of CreateStateMachine) */
  fieldsRequired: (fields: readonly string[]) => `These fields are required: [${fields.join(", ")}]`,
  /** (observed, Next on a Succeed state) */
  notSupported: (field: string) => `Field '${field}' is not supported`,
  /** (observed, a Choice rule or Wait state with none of the fields) */
  onlyOneOfNone: (fields: readonly string[]) => `This object should have only one of the following fields: [${fields.join(", ")}]`,
  /** (observed, a Choice rule or Wait state with two of the fields) */
  onlyOneOfMany: (fields: readonly string[]) => `There should only be one of the following fields: [${fields.join(", ")}]`,
  /** (reported for JitterStrategy) */
  oneOf: (values: readonly string[]) => `Value should be one of the following: [${values.join(", ")}]`,
  /** (observed, Wait.Timestamp: "not-a-timestamp") */
  notTimestamp: "String does not match RFC3339 timestamp",
  /** (observed, States.ALL combined with other names, or not in the last retrier/catcher) */
  statesAllAlone: "States.ALL must appear alone and at end of list",
} as const;

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Checks an integer field against [min, max]; pushes at most one diagnostic. */
export function checkInteger(out: Diagnostic[], value: unknown, location: string, min: number, max: number): void {
  if (typeof value !== "number" || !Number.isInteger(value)) out.push(schemaError(Messages.expectedType("Integer"), location));
  else if (value < min) out.push(schemaError(Messages.minimum(min), location));
  else if (value > max) out.push(schemaError(Messages.maximum(max), location));
}

export function checkPath(out: Diagnostic[], value: unknown, location: string, kind: "reference" | "path", checker: PathChecker): void {
  if (typeof value !== "string") {
    out.push(schemaError(Messages.expectedType("String"), location));
    return;
  }
  const problem = checker(value, kind);
  if (problem !== undefined) out.push(schemaError(problem, location));
}

/** Reports every key of `object` outside `allowed`. */
export function checkKnownFields(out: Diagnostic[], object: Record<string, unknown>, allowed: ReadonlySet<string>, location: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.has(key)) out.push(schemaError(Messages.notSupported(key), location));
  }
}
