/**
 * Parser for JSONPath filter expressions `[?( … )]` in Jayway's syntax: `@.x > 1`,
 * `@.name == 'a' && !(@.b)`, `@.tags contains 'x'`, `@.s =~ /ab.+/i`, `@.x in [1, 2]`, `@.flag`.
 */
import type { CompareOp, FilterExpr, Operand, Segment } from "./path-ast.js";
import { isDefinite } from "./path-ast.js";
import type { JsonObject, JsonValue } from "./json.js";
import { setOwn } from "./json.js";
import { MAX_PATH_DEPTH } from "./limits.js";
import { isDigit, isIdentPart, readNumber } from "./scanner.js";
import type { Scanner } from "./scanner.js";

/** Parses the segments of a path inside a filter (`@.a.b`): given by the path parser. */
export type SegmentParser = (s: Scanner, depth: number) => Segment[];

const SYMBOL_OPS: CompareOp[] = ["==", "!=", "<=", ">=", "=~", "<", ">"];
const WORD_OPS: CompareOp[] = ["subsetof", "anyof", "noneof", "contains", "empty", "size", "nin", "in"];

/** Parses the expression between `[?(` and `)]`; the scanner stops on the closing `)`. */
export function parseFilterExpression(s: Scanner, segments: SegmentParser, depth: number): FilterExpr {
  if (depth > MAX_PATH_DEPTH) s.fail("The filter is nested too deeply");
  return parseOr(s, segments, depth);
}

function parseOr(s: Scanner, segments: SegmentParser, depth: number): FilterExpr {
  let left = parseAnd(s, segments, depth);
  for (;;) {
    s.skipSpaces();
    if (!s.startsWith("||")) return left;
    s.pos += 2;
    left = { kind: "or", left, right: parseAnd(s, segments, depth) };
  }
}

function parseAnd(s: Scanner, segments: SegmentParser, depth: number): FilterExpr {
  let left = parseUnary(s, segments, depth);
  for (;;) {
    s.skipSpaces();
    if (!s.startsWith("&&")) return left;
    s.pos += 2;
    left = { kind: "and", left, right: parseUnary(s, segments, depth) };
  }
}

function parseUnary(s: Scanner, segments: SegmentParser, depth: number): FilterExpr {
  if (depth > MAX_PATH_DEPTH) s.fail("The filter is nested too deeply");
  s.skipSpaces();
  if (s.peek() === "!" && s.peek(1) !== "=") {
    s.pos++;
    return { kind: "not", expr: parseUnary(s, segments, depth + 1) };
  }
  if (s.peek() === "(") {
    s.pos++;
    const expr = parseOr(s, segments, depth + 1);
    s.skipSpaces();
    s.expect(")");
    return expr;
  }
  const left = parseOperand(s, segments, depth);
  s.skipSpaces();
  const op = readOperator(s);
  if (op === undefined) {
    if (left.kind !== "path") s.fail("Expected a comparison operator after a value");
    return { kind: "exists", operand: left };
  }
  s.skipSpaces();
  const right = parseOperand(s, segments, depth);
  if (op === "=~" && right.kind !== "regex") s.fail("The operator =~ needs a regular expression (/…/) on its right");
  return { kind: "compare", op, left, right };
}

function readOperator(s: Scanner): CompareOp | undefined {
  for (const op of SYMBOL_OPS) {
    if (s.startsWith(op)) {
      s.pos += op.length;
      return op;
    }
  }
  for (const op of WORD_OPS) {
    if (s.startsWith(op) && !isIdentPart(s.peek(op.length))) {
      s.pos += op.length;
      return op;
    }
  }
  return undefined;
}

function parseOperand(s: Scanner, segments: SegmentParser, depth: number): Operand {
  s.skipSpaces();
  const c = s.peek();
  if (c === "@" || c === "$") {
    if (c === "$" && s.peek(1) === "$") s.fail("The context object ($$) cannot be used inside a filter");
    s.pos++;
    const segs = segments(s, depth + 1);
    return { kind: "path", relative: c === "@", segments: segs, definite: isDefinite(segs) };
  }
  if (c === "/") return { kind: "regex", regex: readRegex(s) };
  return { kind: "literal", value: readLiteral(s, depth) };
}

/** A literal value: 'string' or "string", number, true, false, null, [array] or {object}. */
export function readLiteral(s: Scanner, depth: number): JsonValue {
  if (depth > MAX_PATH_DEPTH) s.fail("The literal is nested too deeply");
  s.skipSpaces();
  const c = s.peek();
  if (c === "'" || c === '"') return readQuoted(s);
  if (c === "-" || isDigit(c)) {
    const n = readNumber(s);
    if (n === undefined) s.fail("Invalid number");
    return n;
  }
  for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
    if (s.startsWith(word) && !isIdentPart(s.peek(word.length))) {
      s.pos += word.length;
      return value;
    }
  }
  if (c === "[") {
    s.pos++;
    const items: JsonValue[] = [];
    s.skipSpaces();
    if (s.peek() === "]") {
      s.pos++;
      return items;
    }
    for (;;) {
      items.push(readLiteral(s, depth + 1));
      s.skipSpaces();
      if (s.peek() === "]") {
        s.pos++;
        return items;
      }
      s.expect(",");
    }
  }
  if (c === "{") {
    s.pos++;
    const obj: JsonObject = {};
    s.skipSpaces();
    if (s.peek() === "}") {
      s.pos++;
      return obj;
    }
    for (;;) {
      s.skipSpaces();
      if (s.peek() !== "'" && s.peek() !== '"') s.fail("Expected a quoted key");
      const key = readQuoted(s);
      s.skipSpaces();
      s.expect(":");
      setOwn(obj, key, readLiteral(s, depth + 1));
      s.skipSpaces();
      if (s.peek() === "}") {
        s.pos++;
        return obj;
      }
      s.expect(",");
    }
  }
  return s.fail(s.eof() ? "Expected a value but the text ended" : `Unexpected character '${c}'`);
}

const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", "/": "/", "\\": "\\", "'": "'", '"': '"' };

/** A string in single or double quotes, with backslash escapes (`\'`, `\"`, `\\`, `\n`, `\u0041`…). */
export function readQuoted(s: Scanner): string {
  const quote = s.peek();
  s.pos++;
  let out = "";
  for (;;) {
    if (s.eof()) s.fail("Unterminated string");
    const c = s.peek();
    s.pos++;
    if (c === quote) return out;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = s.peek();
    s.pos++;
    if (e === "u" && /^[0-9a-fA-F]{4}$/.test(s.text.slice(s.pos, s.pos + 4))) {
      out += String.fromCharCode(parseInt(s.text.slice(s.pos, s.pos + 4), 16));
      s.pos += 4;
    } else if (e in ESCAPES) {
      out += ESCAPES[e];
    } else {
      s.fail("Invalid escape sequence in string");
    }
  }
}

const JAVA_FLAGS: Record<string, string> = { i: "i", m: "m", s: "s", u: "u" };

/** `/pattern/flags`, matched against the whole string as Java's Matcher.matches() does. */
function readRegex(s: Scanner): RegExp {
  s.pos++;
  let body = "";
  for (;;) {
    if (s.eof()) s.fail("Unterminated regular expression");
    const c = s.peek();
    s.pos++;
    if (c === "/") break;
    body += c;
    if (c === "\\") {
      body += s.peek();
      s.pos++;
    }
  }
  let flags = "";
  while (/[a-z]/.test(s.peek())) {
    const f = s.peek();
    if (!(f in JAVA_FLAGS)) s.fail(`Unsupported regular expression flag '${f}'`);
    if (!flags.includes(JAVA_FLAGS[f])) flags += JAVA_FLAGS[f];
    s.pos++;
  }
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch {
    return s.fail("Invalid regular expression");
  }
}
