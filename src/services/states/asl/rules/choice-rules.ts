/**
 * Definition-time reading of a JSONPath Choice state's rules: checks each rule the way
 * ValidateStateMachineDefinition does and, when nothing is wrong, returns the rules as a typed
 * tree that `choice-eval.ts` evaluates.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
import { COMPARISON_OPERATORS, OPERATOR_SPECS, type OperatorSpec } from "./choice-operators.js";
import { schemaError, type Diagnostic } from "./errors.js";
import { compileStringPattern, type CompiledPattern } from "./string-matches.js";
import { parseTimestamp } from "./timestamps.js";
import { checkPath, defaultPathChecker, has, isObject, Messages, type PathChecker } from "./validation.js";

export type ChoiceRule =
  | { readonly kind: "And" | "Or"; readonly rules: readonly ChoiceRule[] }
  | { readonly kind: "Not"; readonly rule: ChoiceRule }
  | DataTest;

/** A Data-test expression: `Variable` compared by one operator. */
export interface DataTest {
  readonly kind: "Test";
  readonly variable: string;
  readonly operator: OperatorSpec;
  /** The literal value, or the path for `...Path` operators. */
  readonly operand: unknown;
  /** StringMatches only: the compiled pattern, or where its open escape is. */
  readonly pattern?: CompiledPattern;
}

export interface TopLevelChoice {
  readonly rule: ChoiceRule;
  readonly next: string;
  /** The rule's Assign block, kept as written for the interpreter. */
  readonly assign?: unknown;
}

export interface ChoiceStateRules {
  readonly choices: readonly TopLevelChoice[];
  readonly default?: string;
}

export type Compiled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export interface CompileOptions {
  /** Checks Variable and `...Path` values; by default only the leading `$` is checked. */
  readonly checkPath?: PathChecker;
}

const BOOLEAN_KEYS = ["And", "Or", "Not"] as const;
const TOP_LEVEL_EXTRAS = new Set(["Next", "Comment", "Assign"]);
const NESTED_EXTRAS = new Set(["Comment"]);

/**
 * Reads the Choices and Default fields of a Choice state. `location` is the state's location,
 * e.g. `/States/Check`.
 */
export function compileChoiceState(
  state: { readonly Choices?: unknown; readonly Default?: unknown },
  location: string,
  options: CompileOptions = {},
): Compiled<ChoiceStateRules> {
  const diagnostics: Diagnostic[] = [];
  const checker = options.checkPath ?? defaultPathChecker;
  const choices: TopLevelChoice[] = [];
  const raw = state.Choices;
  if (raw === undefined) diagnostics.push(schemaError(Messages.fieldRequired("Choices"), location));
  else if (!Array.isArray(raw)) diagnostics.push(schemaError(Messages.expectedType("Array"), `${location}/Choices`));
  else if (raw.length === 0) diagnostics.push(schemaError(Messages.empty, `${location}/Choices`));
  else {
    raw.forEach((item, i) => {
      const choice = compileTopLevel(item, `${location}/Choices[${i}]`, checker, diagnostics);
      if (choice) choices.push(choice);
    });
  }
  if (state.Default !== undefined && typeof state.Default !== "string") {
    diagnostics.push(schemaError(Messages.expectedType("String"), `${location}/Default`));
  }
  if (diagnostics.length > 0) return { ok: false, diagnostics };
  return { ok: true, value: { choices, default: state.Default as string | undefined } };
}

/** Reads one rule; `topLevel` rules carry Next (and may carry Assign), nested ones must not. */
export function compileChoiceRule(raw: unknown, location: string, topLevel: boolean, options: CompileOptions = {}): Compiled<ChoiceRule> {
  const diagnostics: Diagnostic[] = [];
  const rule = compileRule(raw, location, topLevel, options.checkPath ?? defaultPathChecker, diagnostics);
  return rule && diagnostics.length === 0 ? { ok: true, value: rule } : { ok: false, diagnostics };
}

function compileTopLevel(raw: unknown, location: string, checker: PathChecker, out: Diagnostic[]): TopLevelChoice | undefined {
  const rule = compileRule(raw, location, true, checker, out);
  if (!rule || !isObject(raw)) return undefined;
  const next = raw.Next;
  if (typeof next !== "string") return undefined;
  return raw.Assign === undefined ? { rule, next } : { rule, next, assign: raw.Assign };
}

function compileRule(raw: unknown, location: string, topLevel: boolean, checker: PathChecker, out: Diagnostic[]): ChoiceRule | undefined {
  if (!isObject(raw)) {
    out.push(schemaError(Messages.expectedType("Object"), location));
    return undefined;
  }
  const before = out.length;
  const extras = topLevel ? TOP_LEVEL_EXTRAS : NESTED_EXTRAS;
  if (topLevel) {
    if (!has(raw, "Next")) out.push(schemaError(Messages.fieldRequired("Next"), location));
    else if (typeof raw.Next !== "string" || raw.Next === "") out.push(schemaError(Messages.expectedType("String"), `${location}/Next`));
  }
  const booleanKeys = BOOLEAN_KEYS.filter((k) => has(raw, k));
  const operatorKeys = COMPARISON_OPERATORS.filter((k) => has(raw, k));
  for (const key of Object.keys(raw)) {
    const known = extras.has(key) || key === "Variable" || OPERATOR_SPECS.has(key) || (BOOLEAN_KEYS as readonly string[]).includes(key);
    if (!known) out.push(schemaError(Messages.notSupported(key), location));
  }
  const rule = booleanKeys.length > 0
    ? compileBoolean(raw, booleanKeys, operatorKeys, location, checker, out)
    : compileTest(raw, operatorKeys, location, checker, out);
  return out.length === before ? rule : undefined;
}

function compileBoolean(
  raw: Record<string, unknown>,
  booleanKeys: readonly ("And" | "Or" | "Not")[],
  operatorKeys: readonly string[],
  location: string,
  checker: PathChecker,
  out: Diagnostic[],
): ChoiceRule | undefined {
  if (booleanKeys.length > 1) out.push(schemaError(Messages.onlyOneOfMany(BOOLEAN_KEYS), location));
  if (has(raw, "Variable")) out.push(schemaError(Messages.notSupported("Variable"), location));
  for (const key of operatorKeys) out.push(schemaError(Messages.notSupported(key), location));
  const key = booleanKeys[0];
  const value = raw[key];
  if (key === "Not") {
    const inner = compileRule(value, `${location}/Not`, false, checker, out);
    return inner && { kind: "Not", rule: inner };
  }
  if (!Array.isArray(value)) {
    out.push(schemaError(Messages.expectedType("Array"), `${location}/${key}`));
    return undefined;
  }
  if (value.length === 0) {
    out.push(schemaError(Messages.empty, `${location}/${key}`));
    return undefined;
  }
  const rules: ChoiceRule[] = [];
  value.forEach((item, i) => {
    const inner = compileRule(item, `${location}/${key}[${i}]`, false, checker, out);
    if (inner) rules.push(inner);
  });
  return rules.length === value.length ? { kind: key, rules } : undefined;
}

function compileTest(
  raw: Record<string, unknown>,
  operatorKeys: readonly string[],
  location: string,
  checker: PathChecker,
  out: Diagnostic[],
): DataTest | undefined {
  const before = out.length;
  if (operatorKeys.length === 0) out.push(schemaError(Messages.onlyOneOfNone(COMPARISON_OPERATORS), location));
  else if (operatorKeys.length > 1) out.push(schemaError(Messages.onlyOneOfMany(COMPARISON_OPERATORS), location));
  if (!has(raw, "Variable")) out.push(schemaError(Messages.fieldRequired("Variable"), location));
  else checkPath(out, raw.Variable, `${location}/Variable`, "reference", checker);
  if (operatorKeys.length !== 1) return undefined;
  const spec = OPERATOR_SPECS.get(operatorKeys[0]) as OperatorSpec;
  const operand = raw[spec.name];
  checkOperand(spec, operand, `${location}/${spec.name}`, checker, out);
  if (out.length !== before) return undefined;
  const test: DataTest = { kind: "Test", variable: raw.Variable as string, operator: spec, operand };
  return spec.family === "StringMatches" ? { ...test, pattern: compileStringPattern(operand as string) } : test;
}

function checkOperand(spec: OperatorSpec, operand: unknown, location: string, checker: PathChecker, out: Diagnostic[]): void {
  if (spec.path) {
    checkPath(out, operand, location, "path", checker);
    return;
  }
  switch (spec.family) {
    case "String":
    case "StringMatches":
      if (typeof operand !== "string") out.push(schemaError(Messages.expectedType("String"), location));
      return;
    case "Numeric":
      if (typeof operand !== "number") out.push(schemaError(Messages.expectedType("Number"), location));
      return;
    case "Boolean":
    case "Is":
      if (typeof operand !== "boolean") out.push(schemaError(Messages.expectedType("Boolean"), location));
      return;
    case "Timestamp":
      if (typeof operand !== "string") out.push(schemaError(Messages.expectedType("String"), location));
      else if (parseTimestamp(operand) === undefined) out.push(schemaError(Messages.notTimestamp, location));
      return;
  }
}
