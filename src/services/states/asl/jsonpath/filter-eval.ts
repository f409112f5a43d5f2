/**
 * Truth of a JSONPath filter expression for one item, with Jayway's comparison semantics:
 * a missing `@.x` makes `==`, `<`, `in`… false and `!=`, `nin` true; numbers compare as numbers,
 * strings lexicographically; `=~` must match the whole string.
 */
import type { JsonValue } from "./json.js";
import { jsonEquals } from "./json.js";
import type { CompareOp, FilterExpr, Operand, Segment } from "./path-ast.js";

export interface FilterContext {
  /** The document the whole path started from (what `$` means inside the filter). */
  root: JsonValue;
  /** Selects a path's value from a document, `undefined` when it selects nothing. */
  select: (doc: JsonValue, segments: readonly Segment[], definite: boolean) => JsonValue | undefined;
}

type Value = JsonValue | RegExp | undefined;

export function evaluateFilter(expr: FilterExpr, item: JsonValue, ctx: FilterContext): boolean {
  switch (expr.kind) {
    case "or":
      return evaluateFilter(expr.left, item, ctx) || evaluateFilter(expr.right, item, ctx);
    case "and":
      return evaluateFilter(expr.left, item, ctx) && evaluateFilter(expr.right, item, ctx);
    case "not":
      return !evaluateFilter(expr.expr, item, ctx);
    case "exists": {
      const value = operandValue(expr.operand, item, ctx);
      return value !== undefined && !(Array.isArray(value) && !expr.operand.definite && value.length === 0);
    }
    case "compare":
      return compare(expr.op, operandValue(expr.left, item, ctx), operandValue(expr.right, item, ctx));
  }
}

function operandValue(operand: Operand, item: JsonValue, ctx: FilterContext): Value {
  switch (operand.kind) {
    case "literal":
      return operand.value;
    case "regex":
      return operand.regex;
    case "path":
      return ctx.select(operand.relative ? item : ctx.root, operand.segments, operand.definite);
  }
}

function isJson(v: Value): v is JsonValue {
  return v !== undefined && !(v instanceof RegExp);
}

/** Jayway's loose equality: "1" == 1 holds when the number prints as the string, 1 == "1.0" when the string parses to it. */
function looseEquals(l: Value, r: Value): boolean {
  if (!isJson(l) || !isJson(r)) return false;
  if (typeof l === "string" && typeof r === "number") return l === String(r);
  if (typeof l === "number" && typeof r === "string") return r.trim() !== "" && Number(r) === l;
  return jsonEquals(l, r);
}

function ordered(l: Value, r: Value): number | undefined {
  if (typeof l === "number" && typeof r === "number") return l - r;
  if (typeof l === "string" && typeof r === "string") return l < r ? -1 : l > r ? 1 : 0;
  return undefined;
}

function includes(list: JsonValue[], value: JsonValue): boolean {
  return list.some((item) => jsonEquals(item, value));
}

function compare(op: CompareOp, l: Value, r: Value): boolean {
  switch (op) {
    case "==":
      return looseEquals(l, r);
    case "!=":
      return !looseEquals(l, r);
    case "<":
    case "<=":
    case ">":
    case ">=": {
      const c = ordered(l, r);
      if (c === undefined) return false;
      return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
    }
    case "=~": {
      if (!(r instanceof RegExp)) return false;
      if (typeof l === "string") return r.test(l);
      if (typeof l === "number" || typeof l === "boolean") return r.test(String(l));
      return false;
    }
    case "in":
      return isJson(l) && Array.isArray(r) && includes(r, l);
    case "nin":
      return !(isJson(l) && Array.isArray(r) && includes(r, l));
    case "subsetof":
      return Array.isArray(l) && Array.isArray(r) && l.every((item) => includes(r, item));
    case "anyof":
      return Array.isArray(l) && Array.isArray(r) && l.some((item) => includes(r, item));
    case "noneof":
      return Array.isArray(l) && Array.isArray(r) && !l.some((item) => includes(r, item));
    case "size":
      return typeof r === "number" && (typeof l === "string" || Array.isArray(l)) && l.length === r;
    case "empty":
      return typeof r === "boolean" && (typeof l === "string" || Array.isArray(l)) && (l.length === 0) === r;
    case "contains":
      if (typeof l === "string") return typeof r === "string" && l.includes(r);
      return Array.isArray(l) && isJson(r) && includes(l, r);
  }
}
