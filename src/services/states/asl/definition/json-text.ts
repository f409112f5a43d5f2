/**
 * Reads a definition's JSON text the way Step Functions does (it parses with Jackson), so that a
 * syntax error is reported with Jackson's sentence and location, e.g.
 * "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null',
 * 'true' or 'false')" at "[Source: (String)"not a definition"; line: 1, column: 4]" (observed,
 * ValidateStateMachineDefinition). It also remembers the keys an object repeats (JSON.parse keeps
 * the last one silently), which is how a state name written twice in one "States" is found.
 *
 * Objects are built with own properties only ("__proto__" is an ordinary key here).
 */
import type { JsonObject, JsonValue } from "../jsonpath/json.js";
import { setOwn } from "../jsonpath/json.js";

/** Jackson's default nesting limit (StreamReadConstraints, 2.15+). */
export const MAX_JSON_DEPTH = 1000;
/** Jackson shows at most this many characters of the source in a location. */
const MAX_SOURCE_SNIPPET = 500;

const VALUE_EXPECTED = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

export type JsonTextResult =
  | {
      readonly ok: true;
      /** undefined when the text holds no JSON value at all (empty or only whitespace). */
      readonly value: JsonValue | undefined;
      /** Keys written more than once in an object, by object. */
      readonly repeatedKeys: WeakMap<JsonObject, readonly string[]>;
    }
  | { readonly ok: false; readonly message: string; readonly location: string };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parses `text`; never throws. */
export function readJsonText(text: string): JsonTextResult {
  const reader = new Reader(text);
  try {
    reader.skipSpace();
    if (reader.pos >= text.length) return { ok: true, value: undefined, repeatedKeys: reader.repeated };
    const value = reader.readValue(0);
    reader.skipSpace();
    if (reader.pos < text.length) {
      // Jackson's readTree ignores what follows the first value; Step Functions is stricter in
      // spirit (a definition is one object), so trailing content is refused. Our own sentence.
      throw new JsonSyntaxError(`Unexpected content after the end of the JSON value: ${charDesc(text.charCodeAt(reader.pos))}`, reader.pos + 1);
    }
    return { ok: true, value, repeatedKeys: reader.repeated };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const location = sourceLocation(text, err.offset);
    return { ok: false, message: `${err.message}\n at ${location}`, location };
  }
}

/** Jackson's description of a character: `'x' (code 120)`, `(CTRL-CHAR, code 10)`. */
export function charDesc(code: number): string {
  if (code < 32 || code === 127) return `(CTRL-CHAR, code ${code})`;
  const ch = String.fromCharCode(code);
  if (code > 255) return `'${ch}' (code ${code} / 0x${code.toString(16)})`;
  return `'${ch}' (code ${code})`;
}

/**
 * Jackson's location text for a position: `[Source: (String)"<text>"; line: L, column: C]`, the
 * text cut at 500 characters. `offset` is the index just past the character the error is about
 * (Jackson reports its read pointer), so column = offset - lineStart + 1.
 */
export function sourceLocation(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = offset - lineStart + 1;
  const snippet = text.length > MAX_SOURCE_SNIPPET
    ? `"${text.slice(0, MAX_SOURCE_SNIPPET)}"[truncated ${text.length - MAX_SOURCE_SNIPPET} chars]`
    : `"${text}"`;
  return `[Source: (String)${snippet}; line: ${line}, column: ${column}]`;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** Java's Character.isJavaIdentifierPart, close enough for the ASCII range Jackson meets here. */
function isTokenPart(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c > 127;
}

class Reader {
  pos = 0;
  readonly repeated = new WeakMap<JsonObject, readonly string[]>();

  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  private fail(message: string, offset = this.pos): never {
    throw new JsonSyntaxError(message, offset);
  }

  /** The character at `pos` is consumed and reported (Jackson's "Unexpected character"). */
  private unexpected(comment: string): never {
    const code = this.text.charCodeAt(this.pos);
    this.fail(`Unexpected character (${charDesc(code)}): ${comment}`, this.pos + 1);
  }

  private eof(what: string): never {
    this.fail(`Unexpected end-of-input: ${what}`, this.text.length);
  }

  readValue(depth: number): JsonValue {
    this.skipSpace();
    if (this.pos >= this.text.length) this.eof(`expected a value ${VALUE_EXPECTED}`);
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 123: // {
        return this.readObject(depth + 1);
      case 91: // [
        return this.readArray(depth + 1);
      case 34: // "
        return this.readString();
      case 93: // ]
      case 125: // }
      case 44: // ,
        this.unexpected("expected a value");
        break;
      default:
        if (c === 45 || (c >= 48 && c <= 57)) return this.readNumber();
    }
    return this.readLiteral();
  }

  private checkDepth(depth: number): void {
    if (depth > MAX_JSON_DEPTH) {
      this.fail(`Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`, this.pos + 1);
    }
  }

  private readLiteral(): JsonValue {
    const start = this.pos;
    if (!isTokenPart(this.text.charCodeAt(start))) this.unexpected(`expected a valid value ${VALUE_EXPECTED}`);
    let end = start;
    while (end < this.text.length && isTokenPart(this.text.charCodeAt(end))) end++;
    const token = this.text.slice(start, end);
    this.pos = end;
    if (token === "true") return true;
    if (token === "false") return false;
    if (token === "null") return null;
    this.fail(`Unrecognized token '${token}': was expecting ${VALUE_EXPECTED}`, end);
  }

  private readNumber(): number {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 45) {
      i++;
      const d = text.charCodeAt(i);
      if (!(d >= 48 && d <= 57)) {
        if (i >= text.length) this.eof("expected digit (0-9) to follow minus sign, for valid numeric value");
        this.pos = i;
        this.unexpected("expected digit (0-9) to follow minus sign, for valid numeric value");
      }
    }
    if (text.charCodeAt(i) === 48 && isDigit(text.charCodeAt(i + 1))) this.fail("Invalid numeric value: Leading zeroes not allowed", i + 2);
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(text.charCodeAt(i))) this.numberFail(i, "Decimal point not followed by a digit");
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(text.charCodeAt(i))) this.numberFail(i, "Exponent indicator not followed by a digit");
      while (isDigit(text.charCodeAt(i))) i++;
    }
    this.pos = i;
    const value = Number(text.slice(start, i));
    return Object.is(value, -0) ? 0 : value;
  }

  private numberFail(i: number, why: string): never {
    if (i >= this.text.length) this.eof(`${why}`);
    this.fail(`Unexpected character (${charDesc(this.text.charCodeAt(i))}) in numeric value: ${why}`, i + 1);
  }

  private readString(): string {
    const text = this.text;
    let i = this.pos + 1;
    let out = "";
    let chunk = i;
    for (;;) {
      if (i >= text.length) this.eof("was expecting closing quote for a string value");
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunk, i);
        this.pos = i + 1;
        return out;
      }
      if (c < 32) {
        this.fail(`Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in string value`, i + 1);
      }
      if (c === 92) {
        out += text.slice(chunk, i);
        i++;
        if (i >= text.length) this.eof("was expecting closing quote for a string value");
        const e = text.charCodeAt(i);
        const simple: Record<number, string> = { 34: '"', 92: "\\", 47: "/", 98: "\b", 102: "\f", 110: "\n", 114: "\r", 116: "\t" };
        if (simple[e] !== undefined) {
          out += simple[e];
          i++;
        } else if (e === 117) {
          const hex = text.slice(i + 1, i + 5);
          for (let k = 0; k < 4; k++) {
            if (i + 1 + k >= text.length) this.eof("was expecting closing quote for a string value");
            const h = text.charCodeAt(i + 1 + k);
            if (!isHex(h)) this.fail(`Unexpected character (${charDesc(h)}): expected a hex-digit for character escape sequence`, i + 2 + k);
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 5;
        } else {
          this.fail(`Unrecognized character escape ${charDesc(e)}`, i + 1);
        }
        chunk = i;
        continue;
      }
      i++;
    }
  }

  private readObject(depth: number): JsonObject {
    this.checkDepth(depth);
    const startOffset = this.pos;
    this.pos++; // {
    const object: JsonObject = {};
    let seen: Set<string> | undefined;
    let repeated: string[] | undefined;
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      return object;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) this.eofIn("OBJECT", startOffset);
      const c = this.text.charCodeAt(this.pos);
      if (c === 93) this.closeMismatch("]", "}", "Object", startOffset);
      if (c !== 34) this.unexpected("was expecting double-quote to start field name");
      const key = this.readString();
      this.skipSpace();
      if (this.pos >= this.text.length) this.eofIn("OBJECT", startOffset);
      if (this.text.charCodeAt(this.pos) !== 58) this.unexpected("was expecting a colon to separate field name and value");
      this.pos++;
      this.skipSpace();
      if (this.pos >= this.text.length) this.eofIn("OBJECT", startOffset);
      const value = this.readValue(depth);
      seen ??= new Set();
      if (seen.has(key)) (repeated ??= []).push(key);
      seen.add(key);
      setOwn(object, key, value);
      this.skipSpace();
      if (this.pos >= this.text.length) this.eofIn("OBJECT", startOffset);
      const next = this.text.charCodeAt(this.pos);
      if (next === 44) {
        this.pos++;
        continue;
      }
      if (next === 125) {
        this.pos++;
        break;
      }
      if (next === 93) this.closeMismatch("]", "}", "Object", startOffset);
      this.unexpected("was expecting comma to separate Object entries");
    }
    if (repeated) this.repeated.set(object, repeated);
    return object;
  }

  private readArray(depth: number): JsonValue[] {
    this.checkDepth(depth);
    const startOffset = this.pos;
    this.pos++; // [
    const array: JsonValue[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      return array;
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= this.text.length) this.eofIn("ARRAY", startOffset);
      if (this.text.charCodeAt(this.pos) === 125) this.closeMismatch("}", "]", "Array", startOffset);
      array.push(this.readValue(depth));
      this.skipSpace();
      if (this.pos >= this.text.length) this.eofIn("ARRAY", startOffset);
      const next = this.text.charCodeAt(this.pos);
      if (next === 44) {
        this.pos++;
        continue;
      }
      if (next === 93) {
        this.pos++;
        return array;
      }
      if (next === 125) this.closeMismatch("}", "]", "Array", startOffset);
      this.unexpected("was expecting comma to separate Array entries");
    }
  }

  private eofIn(kind: "OBJECT" | "ARRAY", startOffset: number): never {
    this.eof(`expected close marker for ${kind} (start marker at ${sourceLocation(this.text, startOffset)})`);
  }

  private closeMismatch(got: string, expected: string, kind: "Object" | "Array", startOffset: number): never {
    this.fail(`Unexpected close marker '${got}': expected '${expected}' (for ${kind} starting at ${sourceLocation(this.text, startOffset)})`, this.pos + 1);
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}
