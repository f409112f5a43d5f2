/** For the tests only: shorthands over validateDefinition. */
import type { Diagnostic } from "./diagnostics.js";
import type { ParsedDefinition } from "./model.js";
import { validateDefinition } from "./validate.js";
import type { ValidateOptions } from "./common.js";

type Json = Record<string, unknown>;

function text(definition: string | Json): string {
  return typeof definition === "string" ? definition : JSON.stringify(definition);
}

/** The definition, which must be valid (the diagnostics are shown otherwise). */
export function parse(definition: string | Json, options?: ValidateOptions): ParsedDefinition {
  const result = validateDefinition(text(definition), options);
  if (!result.ok) throw new Error(`expected a valid definition, got ${JSON.stringify(result.diagnostics, null, 2)}`);
  return result.definition;
}

/** Every diagnostic (errors and warnings) as [code, message, location]. */
export function problems(definition: string | Json, options?: ValidateOptions): [string, string, string | undefined][] {
  const result = validateDefinition(text(definition), options);
  return result.diagnostics.map((d: Diagnostic) => [d.code, d.message, d.location]);
}

/** The errors only, as [code, message, location]. */
export function errors(definition: string | Json, options?: ValidateOptions): [string, string, string | undefined][] {
  const result = validateDefinition(text(definition), options);
  if (result.ok) return [];
  return result.diagnostics.filter((d) => d.severity === "ERROR").map((d) => [d.code, d.message, d.location]);
}

/** The SCHEMA_VALIDATION_FAILED errors as [message, location]. */
export function schemaErrors(definition: string | Json, options?: ValidateOptions): [string, string | undefined][] {
  return errors(definition, options)
    .filter(([code]) => code === "SCHEMA_VALIDATION_FAILED")
    .map(([, message, location]) => [message, location]);
}

/** A machine made of one state named `name` (plus `Done`, a Succeed state, as a target). */
export function oneState(state: Json, extra: Json = {}, name = "S"): Json {
  return { StartAt: name, States: { [name]: state, Done: { Type: "Succeed" } }, ...extra };
}

/** Like oneState, but `state` is the only state (no extra Succeed). */
export function only(state: Json, extra: Json = {}, name = "S"): Json {
  return { StartAt: name, States: { [name]: state }, ...extra };
}
