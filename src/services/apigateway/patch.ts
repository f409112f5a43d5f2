/**
 * API Gateway's Update* operations take `patchOperations`: JSON-Patch-like steps whose `path`
 * names a property ("/description"), a map entry ("/variables/stage"), or a method-scoped
 * setting ("/~1pets~1{id}/GET/throttling/rateLimit", `~1` standing for "/"), and whose `value`
 * is always a string. Each resource accepts its own set of paths and ops; anything else is a
 * BadRequestException naming what is allowed.
 * https://docs.aws.amazon.com/apigateway/latest/api/patch-operations.html
 */
import { ApiGatewayErrors } from "./errors.js";

export type PatchOp = "add" | "remove" | "replace" | "move" | "copy" | "test";

/** A patch operation as it arrives. */
export interface PatchOperation {
  op?: string;
  path?: string;
  value?: string;
  from?: string;
}

/** One validated step: `segments` are the path's parts, `~1` and `~0` decoded. */
export interface Patch {
  op: PatchOp;
  path: string;
  segments: string[];
  value?: string;
  from?: string;
}

/**
 * What one resource accepts: `path` is a pattern whose `*` matches one segment; `apply` gets
 * the segments the stars matched.
 */
export interface PatchRule<T> {
  path: string;
  ops: PatchOp[];
  apply(target: T, patch: Patch, matched: string[]): void;
}

const OPS = new Set<PatchOp>(["add", "remove", "replace", "move", "copy", "test"]);

export function readPatches(operations: PatchOperation[] | undefined): Patch[] {
  return (operations ?? []).map((o) => {
    if (!o || typeof o !== "object") throw ApiGatewayErrors.badRequest("Invalid patch operation specified. Must be one of: [add, remove, replace, move, copy, test]");
    const op = o.op as PatchOp;
    if (!OPS.has(op)) throw ApiGatewayErrors.badRequest(`Invalid patch operation specified. Must be one of: [add, remove, replace, move, copy, test]`);
    if (typeof o.path !== "string" || !o.path.startsWith("/")) throw ApiGatewayErrors.badRequest(`Invalid patch path ${o.path ?? "null"}`);
    return { op, path: o.path, segments: o.path.slice(1).split("/").map(unescapeSegment), value: o.value, from: o.from };
  });
}

/** Applies each step by the first rule whose pattern matches; others fail with AWS's message. */
export function applyPatches<T>(target: T, operations: PatchOperation[] | undefined, rules: Array<PatchRule<T>>): void {
  for (const patch of readPatches(operations)) {
    let applied = false;
    for (const rule of rules) {
      const matched = match(rule.path, patch.segments);
      if (!matched || !rule.ops.includes(patch.op)) continue;
      rule.apply(target, patch, matched);
      applied = true;
      break;
    }
    if (!applied) {
      const allowed = rules.filter((r) => r.ops.includes(patch.op)).map((r) => r.path);
      throw ApiGatewayErrors.badRequest(`Invalid patch path  '${patch.path}' specified for op '${patch.op}'. Must be one of: [${allowed.join(", ")}]`);
    }
  }
}

/** A map-valued property's entry rules: add/replace set it, remove deletes it. */
export function mapEntryRules<T, V>(path: string, get: (t: T) => Record<string, V>, value: (p: Patch) => V): Array<PatchRule<T>> {
  return [
    { path: `${path}/*`, ops: ["add", "replace"], apply: (t, p, [key]) => void (get(t)[key] = value(p)) },
    { path: `${path}/*`, ops: ["remove"], apply: (t, _p, [key]) => void delete get(t)[key] },
  ];
}

/** The patch's value, which this path requires. */
export function requiredValue(patch: Patch): string {
  if (patch.value === undefined || patch.value === null) throw ApiGatewayErrors.badRequest(`Invalid null or empty value in patch operation for path '${patch.path}'`);
  return patch.value;
}

export function booleanValue(patch: Patch): boolean {
  const v = requiredValue(patch);
  if (v !== "true" && v !== "false") throw ApiGatewayErrors.badRequest(`Invalid boolean value specified: ${v}`);
  return v === "true";
}

export function integerValue(patch: Patch, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  const v = requiredValue(patch);
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || n < min || n > max) throw ApiGatewayErrors.badRequest(`Invalid integer value specified: ${v}`);
  return n;
}

export function numberValue(patch: Patch): number {
  const v = requiredValue(patch);
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw ApiGatewayErrors.badRequest(`Invalid number value specified: ${v}`);
  return n;
}

function match(pattern: string, segments: string[]): string[] | undefined {
  const parts = pattern.slice(1).split("/");
  if (parts.length !== segments.length) return undefined;
  const matched: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === "*") matched.push(segments[i]);
    else if (parts[i] !== segments[i]) return undefined;
  }
  return matched;
}

function unescapeSegment(s: string): string {
  return s.replace(/~1/g, "/").replace(/~0/g, "~");
}
