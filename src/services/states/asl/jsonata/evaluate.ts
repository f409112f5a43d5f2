/**
 * JSONata in Step Functions: a string `"{% expression %}"` anywhere in a JSONata state's
 * Arguments, Output, Assign (or in Condition, Items, Seconds, …) is evaluated with `$states`
 * (input, result, errorOutput, context) and the workflow variables bound. An expression that
 * throws or returns nothing fails the state with States.QueryEvaluationError, naming the
 * expression and the field ("Output/v", "Assign/x", "Arguments/items[0]").
 * Stratus evaluates with the `jsonata` package at AWS's version, 2.0.6 (engine.ts).
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html
 */
import { compile, evaluateSync, type Expression } from "./engine.js";
import { StatesError, type JsonValue } from "../jsonpath/index.js";
import { registerAwsFunctions, type FunctionSources } from "./functions.js";

export interface JsonataBindings {
  /** `$states`: input, context, and result / errorOutput where the field may see them. */
  states: { input: JsonValue; context: unknown; result?: JsonValue; errorOutput?: JsonValue };
  variables: Readonly<Record<string, JsonValue>>;
  random: () => number;
  uuid?: () => string;
  /** The clock's time (ms) that $now() and $millis() give. */
  now?: number;
}

/** A JSONata evaluation failure: AWS also reports it as an EvaluationFailed event naming the field. */
export class QueryEvaluationError extends StatesError {
  constructor(
    cause: string,
    readonly location: string,
  ) {
    super("States.QueryEvaluationError", cause);
  }
}

const EXPRESSION = /^\{%([\s\S]*)%\}$/;
const MAX_COMPILED = 5000;
/** Compiled expressions, and where their AWS functions read randomness from (set per evaluation). */
const compiled = new Map<string, { expr: Expression; holder: { sources: FunctionSources } }>();

/** The expression inside `{% … %}`, or undefined when the string is a literal. */
export function expressionOf(value: unknown): string | undefined {
  return typeof value === "string" ? EXPRESSION.exec(value)?.[1].trim() : undefined;
}

/** Evaluates one expression (without the `{% %}`). */
export function evaluateExpression(expression: string, b: JsonataBindings, field: string): JsonValue {
  let entry = compiled.get(expression);
  if (!entry) {
    try {
      const expr = compile(expression);
      const holder: { sources: FunctionSources } = { sources: { random: b.random } };
      registerAwsFunctions(expr, () => holder.sources);
      entry = { expr, holder };
    } catch (err) {
      throw failed(expression, field, err);
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(expression, entry);
  }
  entry.holder.sources = { random: b.random, ...(b.uuid ? { uuid: b.uuid } : {}) };
  let value: unknown;
  try {
    value = evaluateSync(entry.expr, null, { ...b.variables, states: b.states }, b.now);
  } catch (err) {
    throw failed(expression, field, err);
  }
  if (value === undefined) throw new QueryEvaluationError(`The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`, field);
  try {
    return toJson(value);
  } catch (err) {
    throw new QueryEvaluationError(`The JSONata expression '${expression}' specified for the field '${field}' ${(err as Error).message}.`, field);
  }
}

/**
 * Evaluates every `{% %}` string in a value (objects and arrays at any depth); other values are
 * kept as written. `field` names where the value sits ("Output", "Arguments").
 */
export function evaluateTemplate(value: JsonValue, b: JsonataBindings, field: string): JsonValue {
  const expression = expressionOf(value);
  if (expression !== undefined) return evaluateExpression(expression, b, field);
  if (Array.isArray(value)) return value.map((v, i) => evaluateTemplate(v, b, `${field}[${i}]`));
  if (value !== null && typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluateTemplate(v, b, `${field}/${k}`);
    return out;
  }
  return value;
}

function failed(expression: string, field: string, err: unknown): QueryEvaluationError {
  const e = err as { code?: string; message?: string };
  const detail = e.code ? `${e.code}: ${e.message}` : String(e.message ?? err);
  return new QueryEvaluationError(`The JSONata expression '${expression}' specified for the field '${field}' threw an error during evaluation. ${detail}`, field);
}

/**
 * JSONata's results as plain JSON: its sequences are arrays with extra properties, functions
 * and NaN have no JSON form.
 */
function toJson(value: unknown): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("returned a number that is not finite");
    return value;
  }
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(toJson);
  if (typeof value === "function") throw new Error("returned a function, which has no JSON value");
  if (typeof value === "object") {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = toJson(v);
    return out;
  }
  return null;
}
