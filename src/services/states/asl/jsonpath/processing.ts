/**
 * A state's JSONPath data processing, step by step, as the interpreter applies it:
 * InputPath → Parameters (or ItemSelector) → [the work] → ResultSelector → ResultPath → OutputPath.
 * https://docs.aws.amazon.com/step-functions/latest/dg/concepts-input-output-filtering.html
 */
import type { JsonObject, JsonValue } from "./json.js";
import { getOwn, isJsonObject, setOwn } from "./json.js";
import type { DataContext } from "./context.js";
import { contextDocument } from "./context.js";
import { resultPathMatchFailure, runtimeError } from "./errors.js";
import { evaluateParsedIntrinsic } from "./intrinsic-eval.js";
import { IntrinsicSyntaxError, looksLikeIntrinsic, parseIntrinsic } from "./intrinsic-parser.js";
import { MAX_PATH_DEPTH } from "./limits.js";
import { fieldPathNotFound, invalidFieldValue, invalidPath, resultPathNotApplicable } from "./messages.js";
import type { ParsedPath, Segment } from "./path-ast.js";
import { PathSyntaxError } from "./path-ast.js";
import { PathNotFoundError, evaluateParsedPath } from "./path-eval.js";
import { parsePath } from "./path-parser.js";

function parseOrFail(path: string): ParsedPath {
  try {
    return parsePath(path);
  } catch (err) {
    if (err instanceof PathSyntaxError) throw runtimeError(invalidPath(path, err.message));
    throw err;
  }
}

/**
 * The value `path` selects: one value for a definite path, the array of matches otherwise.
 * A miss fails with States.Runtime "Invalid path '<path>' : <Jayway's message>".
 */
export function evaluatePath(path: string, input: JsonValue, ctx: DataContext = {}): JsonValue {
  const parsed = parseOrFail(path);
  try {
    return evaluateParsedPath(parsed, { input, context: contextDocument(ctx), variables: ctx.variables });
  } catch (err) {
    if (err instanceof PathNotFoundError) throw runtimeError(invalidPath(path, err.detail));
    throw err;
  }
}

/** InputPath: absent keeps the input, null gives `{}`, a path selects from the input. */
export function applyInputPath(path: string | null | undefined, input: JsonValue, ctx: DataContext = {}): JsonValue {
  if (path === undefined) return input;
  if (path === null) return {};
  return evaluatePath(path, input, ctx);
}

/** OutputPath: absent keeps the output, null gives `{}`, a path selects from it. */
export function applyOutputPath(path: string | null | undefined, output: JsonValue, ctx: DataContext = {}): JsonValue {
  return applyInputPath(path, output, ctx);
}

/**
 * Builds the payload of a Payload Template (Parameters, ItemSelector, ResultSelector, Arguments
 * of JSONPath states, the values of Assign): each key ending in `.$` takes the value of its path
 * or intrinsic call and loses the suffix; other values are copied; objects and arrays recurse.
 */
export function applyPayloadTemplate(template: JsonValue, input: JsonValue, ctx: DataContext = {}): JsonValue {
  return resolve(template, input, ctx, 0);
}

/** Parameters (and ItemSelector, whose context object carries `Map.Item`). */
export const applyParameters = applyPayloadTemplate;
export const applyItemSelector = applyPayloadTemplate;

/** ResultSelector: the template reads from the state's result. */
export function applyResultSelector(template: JsonValue, result: JsonValue, ctx: DataContext = {}): JsonValue {
  return resolve(template, result, ctx, 0);
}

function resolve(value: JsonValue, input: JsonValue, ctx: DataContext, depth: number): JsonValue {
  if (depth > MAX_PATH_DEPTH) throw runtimeError("The payload template is nested too deeply");
  if (Array.isArray(value)) return value.map((item) => resolve(item, input, ctx, depth + 1));
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    if (key.length > 2 && key.endsWith(".$")) setOwn(out, key.slice(0, -2), resolveField(key, value[key], input, ctx));
    else setOwn(out, key, resolve(value[key], input, ctx, depth + 1));
  }
  return out;
}

/** The value of one `.$` field: a path (`$…`, `$$…`, `$var…`) or an intrinsic call. */
export function resolveField(field: string, expression: JsonValue, input: JsonValue, ctx: DataContext = {}): JsonValue {
  if (typeof expression !== "string") throw runtimeError(invalidFieldValue(field));
  if (looksLikeIntrinsic(expression)) {
    let call;
    try {
      call = parseIntrinsic(expression);
    } catch (err) {
      if (err instanceof IntrinsicSyntaxError) throw runtimeError(invalidFieldValue(field));
      throw err;
    }
    return evaluateParsedIntrinsic(call, input, ctx, field);
  }
  let parsed: ParsedPath;
  try {
    parsed = parsePath(expression);
  } catch (err) {
    if (err instanceof PathSyntaxError) throw runtimeError(invalidFieldValue(field));
    throw err;
  }
  const context = contextDocument(ctx);
  try {
    return evaluateParsedPath(parsed, { input, context, variables: ctx.variables });
  } catch (err) {
    if (!(err instanceof PathNotFoundError)) throw err;
    throw runtimeError(fieldPathNotFound(expression, field, parsed.root.kind === "context" ? context : input));
  }
}

/** Evaluates an intrinsic call written as text (`States.Format('{}', $.a)`). */
export function evaluateIntrinsic(expression: string, input: JsonValue, ctx: DataContext = {}, field?: string): JsonValue {
  let call;
  try {
    call = parseIntrinsic(expression);
  } catch (err) {
    if (err instanceof IntrinsicSyntaxError) throw runtimeError(field ? invalidFieldValue(field) : err.message);
    throw err;
  }
  return evaluateParsedIntrinsic(call, input, ctx, field);
}

const NOT_APPLICABLE = Symbol("not applicable");

/**
 * ResultPath: absent or `$` gives the result, null keeps the input, a Reference Path puts the
 * result into (a copy of) the input, creating missing objects on the way. When that is not
 * possible (the input or a node on the way is not an object, an index is out of range) it
 * fails with States.ResultPathMatchFailure. The input is never modified.
 */
export function applyResultPath(input: JsonValue, result: JsonValue, path: string | null | undefined): JsonValue {
  if (path === undefined) return result;
  if (path === null) return input;
  let parsed: ParsedPath;
  try {
    parsed = parsePath(path);
  } catch (err) {
    if (err instanceof PathSyntaxError) throw resultPathMatchFailure(resultPathNotApplicable(path, input));
    throw err;
  }
  if (parsed.root.kind !== "input" || !parsed.reference) throw resultPathMatchFailure(resultPathNotApplicable(path, input));
  const out = putAt(input, parsed.segments, 0, result);
  if (out === NOT_APPLICABLE) throw resultPathMatchFailure(resultPathNotApplicable(path, input));
  return out;
}

function putAt(node: JsonValue | undefined, segments: readonly Segment[], i: number, value: JsonValue): JsonValue | typeof NOT_APPLICABLE {
  if (i === segments.length) return value;
  const seg = segments[i];
  if (seg.type === "property") {
    const base = node === undefined ? {} : node;
    if (!isJsonObject(base)) return NOT_APPLICABLE;
    const name = seg.names[0];
    const child = putAt(getOwn(base, name), segments, i + 1, value);
    if (child === NOT_APPLICABLE) return NOT_APPLICABLE;
    const copy: JsonObject = {};
    for (const key of Object.keys(base)) setOwn(copy, key, base[key]);
    setOwn(copy, name, child);
    return copy;
  }
  if (seg.type === "index" && Array.isArray(node)) {
    const k = seg.indexes[0] < 0 ? node.length + seg.indexes[0] : seg.indexes[0];
    if (k < 0 || k >= node.length) return NOT_APPLICABLE;
    const child = putAt(node[k], segments, i + 1, value);
    if (child === NOT_APPLICABLE) return NOT_APPLICABLE;
    const copy = [...node];
    copy[k] = child;
    return copy;
  }
  return NOT_APPLICABLE;
}
