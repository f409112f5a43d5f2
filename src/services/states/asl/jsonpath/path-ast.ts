/**
 * The parsed form of a Step Functions JSONPath: what the parser produces and the evaluator walks.
 * The dialect is Jayway JsonPath's (the library AWS documents its paths against), without
 * functions such as length().
 */
import type { JsonValue } from "./json.js";

/** Where a path starts: `$` the state's input, `$$` the context object, `$name` a variable. */
export type PathRoot = { kind: "input" } | { kind: "context" } | { kind: "variable"; name: string };

export type Segment =
  /** `.a`, `['a']` (one name) or `['a','b']` (several: merged into one object when last). */
  | { type: "property"; names: string[] }
  /** `.*` or `[*]` */
  | { type: "wildcard" }
  /** `[0]`, `[-1]` or `[0,2]` */
  | { type: "index"; indexes: number[] }
  /** `[1:3]`, `[:2]`, `[-2:]` (end exclusive, no step, as in Jayway) */
  | { type: "slice"; start: number | null; end: number | null }
  /** `[?(<expr>)]` */
  | { type: "filter"; expr: FilterExpr }
  /** `..` : the segment that follows applies to the node and every node below it */
  | { type: "scan" };

export type CompareOp =
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "=~"
  | "in"
  | "nin"
  | "subsetof"
  | "anyof"
  | "noneof"
  | "size"
  | "empty"
  | "contains";

export type Operand =
  /** `@…` (relative to the item being filtered) or `$…` (from the document's root) */
  | { kind: "path"; relative: boolean; segments: Segment[]; definite: boolean }
  | { kind: "literal"; value: JsonValue }
  | { kind: "regex"; regex: RegExp };

export type FilterExpr =
  | { kind: "or" | "and"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; expr: FilterExpr }
  | { kind: "exists"; operand: Operand & { kind: "path" } }
  | { kind: "compare"; op: CompareOp; left: Operand; right: Operand };

export interface ParsedPath {
  /** The path as written. */
  text: string;
  root: PathRoot;
  segments: Segment[];
  /** True when the path can select one node only (Jayway's "definite" path): no `..`, `*`, filters, slices or lists. */
  definite: boolean;
  /** True when the path is a Reference Path: only single names and single indexes. */
  reference: boolean;
}

export class PathSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PathSyntaxError";
  }
}

/** Whether segment `i` of `segments` makes the path indefinite (Jayway's isTokenDefinite, negated). */
export function isIndefiniteSegment(segments: readonly Segment[], i: number): boolean {
  const seg = segments[i];
  switch (seg.type) {
    case "property":
      return seg.names.length > 1 && i < segments.length - 1;
    case "index":
      return seg.indexes.length > 1;
    default:
      return true;
  }
}

export function isDefinite(segments: readonly Segment[]): boolean {
  return segments.every((_, i) => !isIndefiniteSegment(segments, i));
}

/** The segment as Jayway prints it inside a path (`['a']`, `[0]`, `[*]`, `..`). */
export function segmentText(seg: Segment): string {
  switch (seg.type) {
    case "property":
      return `[${seg.names.map((n) => `'${n}'`).join(",")}]`;
    case "wildcard":
      return "[*]";
    case "index":
      return `[${seg.indexes.join(",")}]`;
    case "slice":
      return `[${seg.start ?? ""}:${seg.end ?? ""}]`;
    case "filter":
      return "[?]";
    case "scan":
      return "..";
  }
}

/** The whole path in Jayway's normalised form (`$['a'][0]`), as its error messages print it. */
export function normalizedPath(segments: readonly Segment[]): string {
  return "$" + segments.map(segmentText).join("");
}
