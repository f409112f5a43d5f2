/**
 * Parser for intrinsic function calls: `States.Format('Hello, {}', $.name)`, nested calls,
 * string literals with the escapes `\'` `\{` `\}` `\\`, numbers, true, false, null and paths
 * (`$.a`, `$$.Execution.Id`, `$var`). A backslash before any other character is an error, as
 * the documentation says ("an open escape backslash").
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
import type { JsonValue } from "./json.js";
import type { ParsedPath } from "./path-ast.js";
import { PathSyntaxError } from "./path-ast.js";
import { parsePath } from "./path-parser.js";
import { MAX_INTRINSIC_CALLS_PER_FIELD } from "./limits.js";
import { Scanner, isDigit, isIdentPart, isSpace, readNumber } from "./scanner.js";

/** A piece of a string literal: text, or `null` for an unescaped `{}` (a States.Format placeholder). */
export type FormatPart = string | null;

export type IntrinsicArg =
  | { kind: "literal"; value: JsonValue; formatParts?: FormatPart[] }
  | { kind: "path"; text: string; path: ParsedPath }
  | IntrinsicCall;

export interface IntrinsicCall {
  kind: "call";
  name: IntrinsicName;
  args: IntrinsicArg[];
  /** The call as written. */
  text: string;
}

/** Number of arguments each function takes: [minimum, maximum]. */
export const INTRINSIC_ARITY = {
  "States.Format": [1, Infinity],
  "States.StringToJson": [1, 1],
  "States.JsonToString": [1, 1],
  "States.Array": [0, Infinity],
  "States.ArrayPartition": [2, 2],
  "States.ArrayContains": [2, 2],
  "States.ArrayRange": [3, 3],
  "States.ArrayGetItem": [2, 2],
  "States.ArrayLength": [1, 1],
  "States.ArrayUnique": [1, 1],
  "States.Base64Encode": [1, 1],
  "States.Base64Decode": [1, 1],
  "States.Hash": [2, 2],
  "States.JsonMerge": [3, 3],
  "States.MathRandom": [2, 3],
  "States.MathAdd": [2, 2],
  "States.StringSplit": [2, 2],
  "States.UUID": [0, 0],
} as const satisfies Record<string, readonly [number, number]>;

export type IntrinsicName = keyof typeof INTRINSIC_ARITY;

export const INTRINSIC_NAMES = Object.keys(INTRINSIC_ARITY) as IntrinsicName[];

export function isIntrinsicName(name: string): name is IntrinsicName {
  return Object.prototype.hasOwnProperty.call(INTRINSIC_ARITY, name);
}

export class IntrinsicSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntrinsicSyntaxError";
  }
}

/** Whether a `.$` value is meant as an intrinsic call rather than a path. */
export function looksLikeIntrinsic(text: string): boolean {
  return text.startsWith("States.");
}

const cache = new Map<string, IntrinsicCall>();
const CACHE_LIMIT = 2_000;

/**
 * Parses and checks a call: syntax, function names, numbers of arguments, paths, and the
 * limit of 10 calls in one field. Throws IntrinsicSyntaxError.
 */
export function parseIntrinsic(text: string): IntrinsicCall {
  const hit = cache.get(text);
  if (hit) return hit;
  const s = new Scanner(text, (m) => new IntrinsicSyntaxError(m));
  const counter = { calls: 0 };
  const call = parseCall(s, counter);
  s.skipSpaces();
  if (!s.eof()) s.fail(`Unexpected '${s.peek()}' after the call`);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, call);
  return call;
}

function parseCall(s: Scanner, counter: { calls: number }): IntrinsicCall {
  const start = s.pos;
  if (++counter.calls > MAX_INTRINSIC_CALLS_PER_FIELD) {
    s.fail(`A field can hold at most ${MAX_INTRINSIC_CALLS_PER_FIELD} intrinsic function calls`);
  }
  while (isIdentPart(s.peek()) || s.peek() === ".") s.pos++;
  const name = s.text.slice(start, s.pos);
  if (!isIntrinsicName(name)) {
    s.pos = start;
    s.fail(name ? `Unknown intrinsic function '${name}'` : "Expected an intrinsic function name");
  }
  s.skipSpaces();
  s.expect("(");
  const args: IntrinsicArg[] = [];
  s.skipSpaces();
  if (s.peek() === ")") {
    s.pos++;
  } else {
    for (;;) {
      args.push(parseArg(s, counter));
      s.skipSpaces();
      if (s.peek() === ",") {
        s.pos++;
        continue;
      }
      s.expect(")");
      break;
    }
  }
  const [min, max] = INTRINSIC_ARITY[name];
  if (args.length < min || args.length > max) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    s.fail(`${name} takes ${expected} argument${min === 1 && max === 1 ? "" : "s"}, not ${args.length}`);
  }
  return { kind: "call", name, args, text: s.text.slice(start, s.pos) };
}

function parseArg(s: Scanner, counter: { calls: number }): IntrinsicArg {
  s.skipSpaces();
  const c = s.peek();
  if (c === "'") return readStringLiteral(s);
  if (c === "$") return readPathArg(s);
  if (c === "-" || isDigit(c)) {
    const value = readNumber(s);
    if (value === undefined || !endsArg(s.peek())) s.fail("Invalid number");
    return { kind: "literal", value };
  }
  for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
    if (s.startsWith(word) && endsArg(s.peek(word.length))) {
      s.pos += word.length;
      return { kind: "literal", value };
    }
  }
  if (s.startsWith("States.")) return parseCall(s, counter);
  return s.fail(s.eof() ? "Expected an argument but the text ended" : `Unexpected '${c}' where an argument was expected`);
}

function endsArg(ch: string): boolean {
  return ch === "" || ch === "," || ch === ")" || isSpace(ch);
}

const ESCAPABLE = new Set(["'", "{", "}", "\\"]);

/** `'…'`: the value, plus its pieces around unescaped `{}` for States.Format. */
function readStringLiteral(s: Scanner): IntrinsicArg {
  s.pos++;
  let value = "";
  let current = "";
  const parts: FormatPart[] = [];
  for (;;) {
    if (s.eof()) s.fail("Unterminated string literal");
    const c = s.peek();
    s.pos++;
    if (c === "'") break;
    if (c === "\\") {
      const e = s.peek();
      if (!ESCAPABLE.has(e)) {
        s.pos--;
        s.fail(e === "" ? "Open escape backslash at the end of a string" : `Invalid escape sequence '\\${e}'`);
      }
      s.pos++;
      value += e;
      current += e;
      continue;
    }
    if (c === "{" && s.peek() === "}") {
      s.pos++;
      value += "{}";
      parts.push(current, null);
      current = "";
      continue;
    }
    value += c;
    current += c;
  }
  parts.push(current);
  return { kind: "literal", value, formatParts: parts };
}

/** A path argument runs to the next `,` `)` or blank outside brackets (filters may hold those). */
function readPathArg(s: Scanner): IntrinsicArg {
  const start = s.pos;
  let brackets = 0;
  let quote = "";
  while (!s.eof()) {
    const c = s.peek();
    if (quote) {
      if (c === "\\") s.pos++;
      else if (c === quote) quote = "";
    } else if (brackets > 0 && (c === "'" || c === '"')) {
      quote = c;
    } else if (c === "[") {
      brackets++;
    } else if (c === "]") {
      brackets--;
    } else if (brackets === 0 && (c === "," || c === ")" || isSpace(c))) {
      break;
    }
    s.pos++;
  }
  const text = s.text.slice(start, s.pos);
  try {
    return { kind: "path", text, path: parsePath(text) };
  } catch (err) {
    if (err instanceof PathSyntaxError) {
      s.pos = start;
      s.fail(`Invalid path '${text}': ${err.message}`);
    }
    throw err;
  }
}

/** Parses, or returns the reason the text is not a valid call. */
export function tryParseIntrinsic(text: string): { ok: true; call: IntrinsicCall } | { ok: false; reason: string } {
  try {
    return { ok: true, call: parseIntrinsic(text) };
  } catch (err) {
    if (err instanceof IntrinsicSyntaxError) return { ok: false, reason: err.message };
    throw err;
  }
}
