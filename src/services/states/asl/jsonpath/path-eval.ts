/**
 * Evaluation of parsed paths with Jayway JsonPath's semantics, which AWS's behaviour follows:
 * a definite path (no `..`, `*`, filter, slice or list) yields one value or fails with Jayway's
 * message ("No results for path: $['a']", "Missing property in path $['a']"); an indefinite path
 * yields the array of every match, possibly empty. Before the first indefinite segment, a
 * missing property on the way still fails, as in Jayway.
 */
import type { JsonValue } from "./json.js";
import { getOwn, hasOwn, isJsonObject, setOwn, toJsonText } from "./json.js";
import type { JsonObject } from "./json.js";
import type { ParsedPath, Segment } from "./path-ast.js";
import { isIndefiniteSegment, normalizedPath, segmentText } from "./path-ast.js";
import { evaluateFilter, type FilterContext } from "./filter-eval.js";

/** A path selected nothing (the detail is Jayway's message, which AWS quotes). */
export class PathNotFoundError extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = "PathNotFoundError";
    this.detail = detail;
  }
}

/** The documents a path can start from: `$` input, `$$` context object, `$name` variables. */
export interface PathDocuments {
  input: JsonValue;
  context?: JsonValue;
  variables?: Readonly<Record<string, JsonValue>>;
}

/** The document a parsed path starts from; throws PathNotFoundError for an unknown variable. */
export function rootDocument(parsed: ParsedPath, docs: PathDocuments): JsonValue {
  switch (parsed.root.kind) {
    case "input":
      return docs.input;
    case "context":
      return docs.context ?? {};
    case "variable": {
      const vars = docs.variables;
      const name = parsed.root.name;
      if (!vars || !hasOwn(vars, name)) throw new PathNotFoundError(`No results for path: $${name}`);
      return vars[name];
    }
  }
}

/** Evaluates `parsed` against its root document: one value for a definite path, an array otherwise. */
export function evaluateParsedPath(parsed: ParsedPath, docs: PathDocuments): JsonValue {
  const doc = rootDocument(parsed, docs);
  return selectFrom(doc, parsed.segments, parsed.definite);
}

/** Applies `segments` to `doc` (also the root for `$` inside filters). */
export function selectFrom(doc: JsonValue, segments: readonly Segment[], definite: boolean): JsonValue {
  const out: JsonValue[] = [];
  walk({ segments, root: doc, out }, doc, 0, "$", true, false);
  if (!definite) return out;
  if (out.length === 0) throw new PathNotFoundError(`No results for path: ${normalizedPath(segments)}`);
  return out[0];
}

/** Like selectFrom, but a miss is `undefined` instead of an error (how filters read `@.x`). */
export function trySelect(doc: JsonValue, segments: readonly Segment[], definite: boolean): JsonValue | undefined {
  try {
    return selectFrom(doc, segments, definite);
  } catch (err) {
    if (err instanceof PathNotFoundError) return undefined;
    throw err;
  }
}

interface Walk {
  segments: readonly Segment[];
  root: JsonValue;
  out: JsonValue[];
}

/** The Java class name json-smart (Jayway's default provider) gives a value, for Jayway's messages. */
function javaClassOf(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return "java.lang.String";
  if (typeof value === "boolean") return "java.lang.Boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "java.lang.Integer" : "java.lang.Double";
  return Array.isArray(value) ? "net.minidev.json.JSONArray" : "net.minidev.json.JSONObject";
}

function contextText(value: JsonValue): string {
  return typeof value === "string" ? value : toJsonText(value);
}

function walk(w: Walk, node: JsonValue, i: number, path: string, upstreamDefinite: boolean, scanned: boolean): void {
  if (i === w.segments.length) {
    w.out.push(node);
    return;
  }
  const seg = w.segments[i];
  const leaf = i === w.segments.length - 1;
  const nextDefinite = upstreamDefinite && !isIndefiniteSegment(w.segments, i);
  switch (seg.type) {
    case "property": {
      if (!isJsonObject(node)) {
        if (upstreamDefinite) {
          throw new PathNotFoundError(
            `Expected to find an object with property ${segmentText(seg)} in path ${path} but found '${javaClassOf(node)}'. ` +
              "This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JsonSmartJsonProvider'.",
          );
        }
        return;
      }
      if (seg.names.length > 1 && leaf) {
        const merged: JsonObject = {};
        for (const name of seg.names) if (hasOwn(node, name)) setOwn(merged, name, node[name]);
        w.out.push(merged);
        return;
      }
      for (const name of seg.names) {
        const childPath = `${path}['${name}']`;
        const child = getOwn(node, name);
        if (child === undefined) {
          if (!leaf && nextDefinite) throw new PathNotFoundError(`Missing property in path ${childPath}`);
          continue;
        }
        walk(w, child, i + 1, childPath, nextDefinite, false);
      }
      return;
    }
    case "wildcard": {
      if (Array.isArray(node)) node.forEach((item, k) => walk(w, item, i + 1, `${path}[${k}]`, false, false));
      else if (isJsonObject(node)) for (const key of Object.keys(node)) walk(w, node[key], i + 1, `${path}['${key}']`, false, false);
      return;
    }
    case "index":
    case "slice": {
      if (!Array.isArray(node)) {
        if (!upstreamDefinite) return;
        if (node === null) throw new PathNotFoundError(`The path ${path} is null`);
        throw new PathNotFoundError(
          `Filter: ${segmentText(seg)} can only be applied to arrays. Current context is: ${contextText(node)}`,
        );
      }
      for (const k of seg.type === "index" ? seg.indexes : sliceIndexes(seg.start, seg.end, node.length)) {
        const effective = k < 0 ? node.length + k : k;
        if (effective < 0 || effective >= node.length) continue; // out of bounds: no match, as in Jayway
        walk(w, node[effective], i + 1, `${path}[${effective}]`, nextDefinite, false);
      }
      return;
    }
    case "filter": {
      const ctx: FilterContext = { root: w.root, select: trySelect };
      if (Array.isArray(node) && !scanned) {
        node.forEach((item, k) => {
          if (evaluateFilter(seg.expr, item, ctx)) walk(w, item, i + 1, `${path}[${k}]`, false, false);
        });
      } else if (isJsonObject(node) || Array.isArray(node)) {
        // An object is tested itself; under `..` an array is too (its items are reached by the scan).
        if (evaluateFilter(seg.expr, node, ctx)) walk(w, node, i + 1, path, false, false);
      } else if (upstreamDefinite) {
        throw new PathNotFoundError(`Filter: [?] can not be applied to primitives. Current context is: ${contextText(node)}`);
      }
      return;
    }
    case "scan": {
      scan(w, node, i + 1, path);
      return;
    }
  }
}

/** `..`: the following segment applies to the node itself, then to every node below it, in document order. */
function scan(w: Walk, node: JsonValue, next: number, path: string): void {
  walk(w, node, next, path, false, true);
  if (Array.isArray(node)) node.forEach((item, k) => scan(w, item, next, `${path}[${k}]`));
  else if (isJsonObject(node)) for (const key of Object.keys(node)) scan(w, node[key], next, `${path}['${key}']`);
}

/** Indexes a Jayway slice selects: `[from:to]` with `to` exclusive, negatives counted from the end. */
function sliceIndexes(start: number | null, end: number | null, length: number): number[] {
  let from = start ?? 0;
  let to = end ?? length;
  if (from < 0) from = Math.max(0, length + from);
  if (to < 0) to = length + to;
  to = Math.min(length, to);
  const out: number[] = [];
  for (let k = from; k < to; k++) out.push(k);
  return out;
}
