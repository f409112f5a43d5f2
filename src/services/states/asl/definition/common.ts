/**
 * The validation context and the checks every state type shares: fields allowed per type and
 * query language, Next/End, the JSONPath data fields (InputPath, OutputPath, ResultPath,
 * Parameters, ResultSelector), Assign, and numeric fields that may come from a path or a JSONata
 * expression.
 */
import type { JsonObject, JsonValue } from "../jsonpath/json.js";
import { isJsonObject } from "../jsonpath/json.js";
import { looksLikeIntrinsic } from "../jsonpath/intrinsic-parser.js";
import { intrinsicProblem, pathProblem, validatePath, validateTemplate, type PathRules } from "../jsonpath/validate.js";
import type { Compiled } from "../rules/choice-rules.js";
import { defaultPathChecker, Messages, type PathChecker } from "../rules/validation.js";
import { DiagnosticCodes, fromProblem, fromRule, schema, Sentences, warning, type Diagnostic } from "./diagnostics.js";
import { JSONATA_ONLY_FIELDS, JSONPATH_ONLY_FIELDS, STATE_FIELDS } from "./fields.js";
import type { Dynamic, QueryLanguage, StateDefinition, StateType, SubMachine } from "./model.js";

export interface ValidateOptions {
  /** The state machine type the definition is for (ValidateStateMachineDefinition's `type`). */
  readonly type?: "STANDARD" | "EXPRESS";
}

/** One validation run: where diagnostics go, and what the whole machine knows. */
export interface Ctx {
  /** Schema-level diagnostics (errors and warnings), in definition order. */
  readonly out: Diagnostic[];
  /** Transition diagnostics, reported after the schema ones. */
  readonly transitions: Diagnostic[];
  /** The top-level QueryLanguage: what a state without its own inherits, at any depth. */
  readonly machineLanguage: QueryLanguage;
  readonly machineType: "STANDARD" | "EXPRESS";
  readonly repeatedKeys: WeakMap<JsonObject, readonly string[]>;
  /** Every state name seen so far, with its location. */
  readonly names: Map<string, string>;
  readonly allStates: Map<string, StateDefinition>;
  /** Reads a Parallel branch or a Map's processor (a recursion into the machine reader). */
  readonly compileScope: (raw: unknown, location: string, fields: ReadonlySet<string>) => SubMachine | undefined;
}

export function has(object: JsonObject, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

export function push(ctx: Ctx, message: string, location: string): void {
  ctx.out.push(schema(message, location));
}

/** Pushes a rules-module result's diagnostics and returns its value. */
export function take<T>(ctx: Ctx, compiled: Compiled<T>): T | undefined {
  if (compiled.ok) return compiled.value;
  for (const d of compiled.diagnostics) ctx.out.push(fromRule(d));
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Path checker for Choice rules: any Path ($, $$ and variables allowed). */
export const choicePathChecker: PathChecker = (path, kind) => {
  const basic = defaultPathChecker(path, kind);
  if (basic) return basic;
  const problem = pathProblem(path, { context: true, variables: true });
  return problem === undefined ? undefined : `Value is not a ${kind === "reference" ? "Reference Path" : "JSONPath"}: ${problem}`;
};

/** Path checker for Wait's SecondsPath / TimestampPath: a Reference Path ($$ and variables allowed). */
export const referencePathChecker: PathChecker = (path, kind) => {
  const basic = defaultPathChecker(path, kind);
  if (basic) return basic;
  const problem = pathProblem(path, { reference: true, context: true, variables: true });
  return problem === undefined ? undefined : `Value is not a Reference Path: ${problem}`;
};

/** Path checker for a catcher's ResultPath: a Reference Path into the state's input. */
export const resultPathChecker: PathChecker = (path) => {
  const problem = validatePath(path, "ResultPath", { reference: true });
  return problem?.message;
};

/** Checks a field holding a Path (null allowed where `nullable`). */
export function checkPathField(ctx: Ctx, raw: JsonObject, field: string, loc: string, rules: PathRules, nullable = true): string | null | undefined {
  if (!has(raw, field)) return undefined;
  const value = raw[field];
  if (value === null && !nullable) {
    push(ctx, Messages.expectedType("String"), `${loc}/${field}`);
    return undefined;
  }
  const problem = validatePath(value, field, rules);
  if (problem) {
    ctx.out.push(fromProblem(problem, loc));
    return undefined;
  }
  return value as string | null;
}

/** Checks a field holding a path or an intrinsic function call (Fail's ErrorPath, CausePath). */
export function checkPathOrIntrinsic(ctx: Ctx, raw: JsonObject, field: string, loc: string): string | undefined {
  const value = raw[field];
  if (typeof value !== "string") {
    push(ctx, Messages.expectedType("String"), `${loc}/${field}`);
    return undefined;
  }
  const problem = looksLikeIntrinsic(value) ? intrinsicProblem(value) : pathProblem(value, { context: true, variables: true });
  if (problem !== undefined) {
    push(ctx, `The value for the field '${field}' must be a valid JSONPath or a valid intrinsic function call`, `${loc}/${field}`);
    return undefined;
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Fields per type and query language

/** The QueryLanguage a state runs with, after checking its own QueryLanguage field. */
export function stateLanguage(ctx: Ctx, raw: JsonObject, loc: string): { language: QueryLanguage; downgraded: boolean; problem?: Diagnostic } {
  if (!has(raw, "QueryLanguage")) return { language: ctx.machineLanguage, downgraded: false };
  const value = raw.QueryLanguage;
  if (value === "JSONPath") {
    if (ctx.machineLanguage === "JSONata") return { language: "JSONPath", downgraded: true, problem: schema(Sentences.queryLanguageDowngrade, loc) };
    return { language: "JSONPath", downgraded: false };
  }
  if (value === "JSONata") return { language: "JSONata", downgraded: false };
  // Anything but the exact "JSONPath" makes the state JSONata (reported as measured on AWS).
  const message = typeof value === "string" ? Messages.oneOf(["JSONPath", "JSONata"]) : Messages.expectedType("String");
  return { language: "JSONata", downgraded: false, problem: schema(message, `${loc}/QueryLanguage`) };
}

/** Reports fields the type does not have, and fields of the other query language. */
export function checkStateFields(ctx: Ctx, raw: JsonObject, type: StateType, loc: string, language: QueryLanguage, downgraded: boolean): void {
  const allowed = STATE_FIELDS[type];
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) push(ctx, Messages.notSupported(key), loc);
  }
  if (downgraded) return;
  const foreign = language === "JSONPath" ? JSONATA_ONLY_FIELDS : JSONPATH_ONLY_FIELDS;
  for (const field of foreign) {
    if (has(raw, field) && allowed.has(field)) push(ctx, Sentences.wrongLanguageField(language, field), loc);
  }
}

/** Whether the state's field belongs to its language (so its value is worth reading). */
export function usable(raw: JsonObject, field: string, language: QueryLanguage): boolean {
  if (!has(raw, field)) return false;
  return language === "JSONPath" ? !JSONATA_ONLY_FIELDS.includes(field) : !JSONPATH_ONLY_FIELDS.includes(field);
}

// ---------------------------------------------------------------------------------------------
// Next / End

export function checkTransition(ctx: Ctx, raw: JsonObject, loc: string): { next?: string; end: boolean } {
  const hasNext = has(raw, "Next");
  const end = raw.End;
  if (has(raw, "End") && typeof end !== "boolean") push(ctx, Messages.expectedType("Boolean"), `${loc}/End`);
  if (hasNext && (typeof raw.Next !== "string" || raw.Next === "")) push(ctx, Messages.expectedType("String"), `${loc}/Next`);
  if (hasNext && end === true) push(ctx, Messages.onlyOneOfMany(["Next", "End"]), loc);
  else if (!hasNext && end !== true) push(ctx, Messages.onlyOneOfNone(["Next", "End"]), loc);
  if (end === true) return { end: true };
  return typeof raw.Next === "string" ? { next: raw.Next, end: false } : { end: false };
}

// ---------------------------------------------------------------------------------------------
// JSONPath data fields

/** InputPath and OutputPath (JSONPath states). */
export function checkInputOutput(ctx: Ctx, raw: JsonObject, loc: string, language: QueryLanguage): { inputPath?: string | null; outputPath?: string | null } {
  if (language !== "JSONPath") return {};
  const rules: PathRules = { context: true, variables: true };
  const inputPath = checkPathField(ctx, raw, "InputPath", loc, rules);
  const outputPath = checkPathField(ctx, raw, "OutputPath", loc, rules);
  return { ...(inputPath !== undefined ? { inputPath } : {}), ...(outputPath !== undefined ? { outputPath } : {}) };
}

export function checkResultPath(ctx: Ctx, raw: JsonObject, loc: string, language: QueryLanguage): { resultPath?: string | null } {
  if (language !== "JSONPath") return {};
  const resultPath = checkPathField(ctx, raw, "ResultPath", loc, { reference: true });
  return resultPath === undefined ? {} : { resultPath };
}

/**
 * A payload template (Parameters, ResultSelector, ItemSelector, Credentials): `.$` fields must
 * hold a path or an intrinsic call. `objectOnly` refuses anything but an object.
 */
export function checkTemplate(ctx: Ctx, raw: JsonObject, field: string, loc: string, objectOnly: boolean): JsonValue | undefined {
  if (!has(raw, field)) return undefined;
  const value = raw[field];
  const at = `${loc}/${field}`;
  if (objectOnly && !isJsonObject(value)) {
    push(ctx, Messages.expectedType("Object"), at);
    return undefined;
  }
  const before = ctx.out.length;
  for (const problem of validateTemplate(value)) ctx.out.push(fromProblem(problem, at));
  noDollarWarnings(ctx, value, at);
  return ctx.out.slice(before).some((d) => d.severity === "ERROR") ? undefined : value;
}

/** NO_DOLLAR: a template field that looks like a path or intrinsic but has no `.$`. */
function noDollarWarnings(ctx: Ctx, value: JsonValue, at: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => noDollarWarnings(ctx, item, `${at}/${i}`));
    return;
  }
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const child = value[key];
    if (key.endsWith(".$")) continue;
    if (typeof child === "string" && (child === "$" || child.startsWith("$.") || child.startsWith("$$.") || looksLikeIntrinsic(child))) {
      ctx.out.push(warning(DiagnosticCodes.NoDollar, Sentences.noDollar(key), `${at}/${key}`));
    } else noDollarWarnings(ctx, child, `${at}/${key}`);
  }
}

/** ResultSelector: an object template (JSONPath). */
export function checkResultSelector(ctx: Ctx, raw: JsonObject, loc: string, language: QueryLanguage): JsonObject | undefined {
  if (language !== "JSONPath") return undefined;
  return checkTemplate(ctx, raw, "ResultSelector", loc, true) as JsonObject | undefined;
}

// ---------------------------------------------------------------------------------------------
// Assign (workflow variables)

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Assign: an object whose keys name variables (a JSONPath key may end in `.$`). JSONPath values
 * are templates; JSONata values are kept (expressions are not parsed here).
 */
export function checkAssign(ctx: Ctx, holder: JsonObject, loc: string, language: QueryLanguage): JsonObject | undefined {
  if (!has(holder, "Assign")) return undefined;
  const value = holder.Assign;
  const at = `${loc}/Assign`;
  if (!isJsonObject(value)) {
    push(ctx, Messages.expectedType("Object"), at);
    return undefined;
  }
  const before = ctx.out.length;
  for (const key of Object.keys(value)) {
    const name = language === "JSONPath" && key.endsWith(".$") ? key.slice(0, -2) : key;
    if (!VARIABLE_NAME.test(name)) push(ctx, Sentences.invalidVariableName(name), at);
  }
  if (language === "JSONPath") for (const problem of validateTemplate(value)) ctx.out.push(fromProblem(problem, at));
  return ctx.out.length === before ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// Numbers that may be dynamic

const JSONATA = /^\{%[\s\S]*%\}$/;

/** Whether a string is a JSONata expression, `{% ... %}`. */
export function isJsonataExpression(value: unknown): value is string {
  return typeof value === "string" && JSONATA.test(value);
}

/** The expression inside `{% ... %}`. */
export function jsonataBody(value: string): string {
  return value.slice(2, -2).trim();
}

export interface NumberRule {
  readonly field: string;
  /** The `...Path` twin of the field (JSONPath), if it has one. */
  readonly pathField?: string;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** How the minimum reads in its message ("1.0" for BackoffRate-like fields). */
  readonly minText?: string;
}

/**
 * Reads a numeric field and its `...Path` twin: a literal (range checked), a Reference Path
 * (JSONPath) or a JSONata expression (JSONata). Both given: "There should only be one of the
 * following fields" at the field.
 */
export function readNumber(ctx: Ctx, raw: JsonObject, loc: string, language: QueryLanguage, rule: NumberRule): Dynamic<number> | undefined {
  const { field, pathField } = rule;
  const hasField = has(raw, field);
  const hasPath = pathField !== undefined && language === "JSONPath" && has(raw, pathField);
  if (hasField && hasPath) {
    push(ctx, Messages.onlyOneOfMany([field, pathField]), `${loc}/${field}`);
    return undefined;
  }
  if (hasPath) {
    const value = raw[pathField];
    const at = `${loc}/${pathField}`;
    if (typeof value !== "string") {
      push(ctx, Messages.expectedType("String"), at);
      return undefined;
    }
    const problem = referencePathChecker(value, "reference");
    if (problem !== undefined) {
      push(ctx, problem, at);
      return undefined;
    }
    return { kind: "path", path: value };
  }
  if (!hasField) return undefined;
  const value = raw[field];
  const at = `${loc}/${field}`;
  if (language === "JSONata" && typeof value === "string") {
    if (!isJsonataExpression(value)) {
      push(ctx, Sentences.notJsonata, at);
      return undefined;
    }
    return { kind: "jsonata", expression: jsonataBody(value) };
  }
  if (typeof value !== "number" || (rule.integer && !Number.isInteger(value))) {
    push(ctx, Messages.expectedType(rule.integer ? "Integer" : "Number"), at);
    return undefined;
  }
  if (value < rule.min) {
    push(ctx, Messages.minimum(rule.minText ?? rule.min), at);
    return undefined;
  }
  if (value > rule.max) {
    push(ctx, Messages.maximum(rule.max), at);
    return undefined;
  }
  return { kind: "value", value };
}

/** A string field that may be a JSONata expression in JSONata states. */
export function readString(ctx: Ctx, raw: JsonObject, field: string, loc: string, language: QueryLanguage): Dynamic<string> | undefined {
  if (!has(raw, field)) return undefined;
  const value = raw[field];
  if (typeof value !== "string") {
    push(ctx, Messages.expectedType("String"), `${loc}/${field}`);
    return undefined;
  }
  if (language === "JSONata" && isJsonataExpression(value)) return { kind: "jsonata", expression: jsonataBody(value) };
  return { kind: "value", value };
}

/** JSONata Output / Arguments / Items: kept as written; an expression-looking string must be whole. */
export function readJsonata(ctx: Ctx, raw: JsonObject, field: string, loc: string, shape: "any" | "object" | "array"): JsonValue | undefined {
  if (!has(raw, field)) return undefined;
  const value = raw[field];
  if (typeof value === "string" && (value.startsWith("{%") || value.endsWith("%}"))) {
    if (!isJsonataExpression(value)) {
      push(ctx, Sentences.notJsonata, `${loc}/${field}`);
      return undefined;
    }
    return value;
  }
  if (shape === "object" && !isJsonObject(value)) {
    push(ctx, Messages.expectedType("Object"), `${loc}/${field}`);
    return undefined;
  }
  if (shape === "array" && !Array.isArray(value)) {
    push(ctx, Messages.expectedType("Array"), `${loc}/${field}`);
    return undefined;
  }
  return value;
}
