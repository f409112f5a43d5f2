/**
 * Definition-time checks for the JSONPath fields of a state, with the messages
 * CreateStateMachine gives (`SCHEMA_VALIDATION_FAILED: <message> at <location>`).
 */
import type { JsonValue } from "./json.js";
import { isJsonObject } from "./json.js";
import type { DefinitionProblem } from "./errors.js";
import { looksLikeIntrinsic, tryParseIntrinsic } from "./intrinsic-parser.js";
import { MAX_PATH_DEPTH } from "./limits.js";
import { invalidFieldValue, invalidJsonPathField, invalidReferencePathField } from "./messages.js";
import type { ParsedPath } from "./path-ast.js";
import { PathSyntaxError } from "./path-ast.js";
import { parsePath } from "./path-parser.js";

export interface PathRules {
  /** A Reference Path (ResultPath, ItemsPath): single names and indexes only. Default false. */
  reference?: boolean;
  /** Whether `$$…` (the context object) is allowed. Default false. */
  context?: boolean;
  /** Whether `$name…` (a variable) is allowed. Default false. */
  variables?: boolean;
}

function problem(message: string, location: string, detail?: string): DefinitionProblem {
  return { code: "SCHEMA_VALIDATION_FAILED", message, location, ...(detail ? { detail } : {}) };
}

/** Why `text` is not an acceptable path under `rules`, or undefined when it is. */
export function pathProblem(text: string, rules: PathRules = {}): string | undefined {
  let parsed: ParsedPath;
  try {
    parsed = parsePath(text);
  } catch (err) {
    if (err instanceof PathSyntaxError) return err.message;
    throw err;
  }
  if (parsed.root.kind === "context" && !rules.context) return "The context object ($$) cannot be used here";
  if (parsed.root.kind === "variable" && !rules.variables) return "Variables cannot be used here";
  if (rules.reference && !parsed.reference) {
    return "A Reference Path can only use single names and indexes (no '..', '*', filters, slices or lists)";
  }
  return undefined;
}

/**
 * Checks a field that holds a path (InputPath, OutputPath: `reference: false`; ResultPath,
 * ItemsPath: `reference: true`). `null` is accepted (it means "discard" / "{}"). Returns the
 * problem, or undefined when the value is fine.
 */
export function validatePath(value: unknown, field: string, rules: PathRules = {}): DefinitionProblem | undefined {
  if (value === null || value === undefined) return undefined;
  const message = rules.reference ? invalidReferencePathField(field) : invalidJsonPathField(field);
  if (typeof value !== "string") return problem(message, "", "The value is not a string");
  const reason = pathProblem(value, rules);
  return reason ? problem(message, "", reason) : undefined;
}

/** Why `text` is not a valid intrinsic call, or undefined when it is. */
export function intrinsicProblem(text: string): string | undefined {
  const parsed = tryParseIntrinsic(text);
  return parsed.ok ? undefined : parsed.reason;
}

export interface TemplateRules {
  /** Whether intrinsic calls are allowed (Parameters, ResultSelector, ItemSelector: yes). Default true. */
  intrinsics?: boolean;
  /** Whether `$$…` is allowed. Default true. */
  context?: boolean;
  /** Whether `$name…` is allowed. Default true. */
  variables?: boolean;
}

/**
 * Checks every `.$` field of a Payload Template, at any depth: its value must be a string that
 * is a path or (where allowed) a valid intrinsic call. Locations are JSON pointers relative to
 * the template ("" for the top level, "/MessageAttributes" for a nested object).
 */
export function validateTemplate(template: JsonValue, rules: TemplateRules = {}): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  visit(template, "", { intrinsics: true, context: true, variables: true, ...rules }, problems, 0);
  return problems;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function visit(value: JsonValue, location: string, rules: Required<TemplateRules>, out: DefinitionProblem[], depth: number): void {
  if (depth > MAX_PATH_DEPTH) {
    out.push(problem("The payload template is nested too deeply", location));
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => visit(item, `${location}/${i}`, rules, out, depth + 1));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (key.length > 2 && key.endsWith(".$")) {
      const reason = fieldProblem(child, rules);
      if (reason) out.push(problem(invalidFieldValue(key), location, reason));
    } else {
      visit(child, `${location}/${escapePointer(key)}`, rules, out, depth + 1);
    }
  }
}

function fieldProblem(value: JsonValue, rules: Required<TemplateRules>): string | undefined {
  if (typeof value !== "string") return "The value is not a string";
  if (looksLikeIntrinsic(value)) {
    return rules.intrinsics ? intrinsicProblem(value) : "Intrinsic functions cannot be used here";
  }
  if (!value.startsWith("$")) return "The value is neither a path (starting with '$') nor an intrinsic function call";
  return pathProblem(value, { context: rules.context, variables: rules.variables });
}
