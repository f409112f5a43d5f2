/**
 * Parser for Step Functions paths: `$`, `$.a.b`, `$['a b']`, `$.a[0]`, `$.a[*].b`, `$..x`,
 * `$.a[1:3]`, `$.a[?(@.x > 1)]`, the context object `$$.Execution.Id` and variables `$name.x`.
 * https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html
 */
import type { ParsedPath, PathRoot, Segment } from "./path-ast.js";
import { PathSyntaxError, isDefinite } from "./path-ast.js";
import { parseFilterExpression, readQuoted } from "./filter-parser.js";
import { MAX_PATH_DEPTH } from "./limits.js";
import { Scanner, isIdentPart, isIdentStart, isSpace } from "./scanner.js";

const cache = new Map<string, ParsedPath>();
const CACHE_LIMIT = 2_000;

/** Parses a path; throws PathSyntaxError when it is not one. Results are cached (they are immutable by convention). */
export function parsePath(text: string): ParsedPath {
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): ParsedPath {
  if (!text.startsWith("$")) throw new PathSyntaxError(`A path must start with '$': '${text}'`);
  const s = new Scanner(text, (m) => new PathSyntaxError(m), 1);
  let root: PathRoot = { kind: "input" };
  if (s.peek() === "$") {
    root = { kind: "context" };
    s.pos = 2;
  } else if (isIdentStart(s.peek())) {
    const start = s.pos;
    while (isIdentPart(s.peek())) s.pos++;
    root = { kind: "variable", name: text.slice(start, s.pos) };
  }
  const segments = parseSegments(s, 0, false);
  if (!s.eof()) s.fail(`Unexpected character '${s.peek()}'`);
  return {
    text,
    root,
    segments,
    definite: isDefinite(segments),
    reference: segments.every(
      (seg) => (seg.type === "property" && seg.names.length === 1) || (seg.type === "index" && seg.indexes.length === 1),
    ),
  };
}

/** Segments after a root; inside a filter (`@.a.b == 1`) it stops at the first character that ends a path. */
function parseSegments(s: Scanner, depth: number, inFilter: boolean): Segment[] {
  const segments: Segment[] = [];
  for (;;) {
    const c = s.peek();
    if (c === ".") {
      if (s.peek(1) === ".") {
        s.pos += 2;
        segments.push({ type: "scan" });
        if (s.peek() === "[") segments.push(parseBracket(s, depth));
        else segments.push(parseDotted(s, inFilter, "'..'"));
      } else {
        s.pos++;
        segments.push(parseDotted(s, inFilter, "'.'"));
      }
    } else if (c === "[") {
      segments.push(parseBracket(s, depth));
    } else {
      return segments;
    }
  }
}

const filterSegments = (s: Scanner, depth: number): Segment[] => parseSegments(s, depth, true);

function parseDotted(s: Scanner, inFilter: boolean, after: string): Segment {
  if (s.peek() === "*") {
    s.pos++;
    return { type: "wildcard" };
  }
  const start = s.pos;
  while (!s.eof()) {
    const c = s.peek();
    if (c === "." || c === "[") break;
    if (c === "(") s.fail("Functions such as length() are not supported");
    if (isSpace(c)) {
      if (inFilter) break;
      s.fail("Use bracket notation ['my prop'] for a property name with blank characters");
    }
    if (inFilter && ")=<>!&|,]".includes(c)) break;
    s.pos++;
  }
  if (s.pos === start) s.fail(`Expected a property name after ${after}`);
  return { type: "property", names: [s.text.slice(start, s.pos)] };
}

function parseBracket(s: Scanner, depth: number): Segment {
  s.pos++;
  s.skipSpaces();
  const c = s.peek();
  if (c === "'" || c === '"') {
    const names = [readQuoted(s)];
    s.skipSpaces();
    while (s.peek() === ",") {
      s.pos++;
      s.skipSpaces();
      if (s.peek() !== "'" && s.peek() !== '"') s.fail("Expected a quoted property name");
      names.push(readQuoted(s));
      s.skipSpaces();
    }
    s.expect("]");
    return { type: "property", names };
  }
  if (c === "*") {
    s.pos++;
    s.skipSpaces();
    s.expect("]");
    return { type: "wildcard" };
  }
  if (c === "?") {
    if (depth >= MAX_PATH_DEPTH) s.fail("The path is nested too deeply");
    s.pos++;
    s.skipSpaces();
    s.expect("(");
    const expr = parseFilterExpression(s, filterSegments, depth + 1);
    s.skipSpaces();
    s.expect(")");
    s.skipSpaces();
    s.expect("]");
    return { type: "filter", expr };
  }
  const end = s.text.indexOf("]", s.pos);
  if (end < 0) s.fail("Unterminated '['");
  const content = s.text.slice(s.pos, end).trim();
  const segment = parseIndexes(content);
  if (!segment) s.fail(`Invalid array index or slice '[${content}]'`);
  s.pos = end + 1;
  return segment;
}

function toInt(text: string): number | null | undefined {
  const t = text.trim();
  if (t === "") return null;
  if (!/^-?\d+$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? (Object.is(n, -0) ? 0 : n) : undefined;
}

function parseIndexes(content: string): Segment | undefined {
  if (content.includes(":")) {
    const parts = content.split(":");
    if (parts.length !== 2) return undefined; // Jayway has no slice step
    const start = toInt(parts[0]);
    const end = toInt(parts[1]);
    if (start === undefined || end === undefined) return undefined;
    return { type: "slice", start, end };
  }
  const indexes: number[] = [];
  for (const part of content.split(",")) {
    const n = toInt(part);
    if (n === undefined || n === null) return undefined;
    indexes.push(n);
  }
  return { type: "index", indexes };
}

/** Whether `text` parses as a path. */
export function isValidPath(text: string): boolean {
  try {
    parsePath(text);
    return true;
  } catch (err) {
    if (err instanceof PathSyntaxError) return false;
    throw err;
  }
}
