/**
 * A JSON reader that keeps where every value sits in the text, so that a pattern error can say
 * where it is the way AWS does.
 *
 * Why: SNS and EventBridge compile patterns with AWS's event-ruler, which reads them with a
 * Jackson streaming parser and reports errors with Jackson's location, e.g.
 *   `Unrecognized match type prefox\n at [Source: (String)"{…}"; line: 1, column: 31]`.
 * The column is where Jackson's read pointer stood, which depends on how far it had read for
 * each kind of token (see `afterToken`). JSON.parse keeps no positions, hence this reader.
 *
 * Like Jackson (without FAIL_ON_TRAILING_TOKENS, event-ruler's setting), text after the first
 * complete value is ignored. Syntax errors carry Jackson-like sentences; the common ones match
 * AWS's answers word for word, the rare ones are close (see README).
 */

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonLiteral;

interface Span {
  /** Index of the first character of the value. */
  start: number;
  /** Index just past its last character. */
  end: number;
}

export interface JsonEntry {
  key: string;
  value: JsonNode;
}

export interface JsonObject extends Span {
  kind: "object";
  entries: JsonEntry[];
}

export interface JsonArray extends Span {
  kind: "array";
  items: JsonNode[];
}

export interface JsonString extends Span {
  kind: "string";
  value: string;
}

export interface JsonNumber extends Span {
  kind: "number";
  value: number;
  /** The number as written (`3.0e2`), which is what Jackson's getText() answers. */
  text: string;
}

export interface JsonLiteral extends Span {
  kind: "true" | "false" | "null";
}

/** A syntax error; `pointer` is the text index Jackson's location would name. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly pointer: number,
  ) {
    super(reason);
  }
}

/** Jackson's default maximum nesting depth (StreamReadConstraints); also keeps our stack safe. */
const MAX_DEPTH = 1000;
const EXPECTED_VALUE = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

/** Parses the first JSON value of `text`; throws JsonSyntaxError. Empty text gives undefined. */
export function parseJsonText(text: string): JsonNode | undefined {
  return new Reader(text).root();
}

/**
 * Where Jackson's pointer stands after `nextToken()` returned this value: past the opening
 * quote of a string (its text is read lazily), past a number or literal, past the `[` or `{`.
 * A field name's nextToken() also pre-reads its value this far, so the same index serves for
 * errors reported at a field name.
 */
export function afterToken(node: JsonNode): number {
  switch (node.kind) {
    case "string":
    case "object":
    case "array":
      return node.start + 1;
    default:
      return node.end;
  }
}

/** After getText(): a string has been read to its closing quote. */
export function afterText(node: JsonNode): number {
  return node.kind === "string" ? node.end : afterToken(node);
}

/** What Jackson's getText() answers for a token, used in some messages. */
export function tokenText(node: JsonNode | undefined): string {
  if (node === undefined) return "]";
  switch (node.kind) {
    case "string":
      return node.value;
    case "number":
      return node.text;
    case "object":
      return "{";
    case "array":
      return "[";
    default:
      return node.kind;
  }
}

/** Jackson 2.13 shows at most this many characters of the source in a location. */
const MAX_SNIPPET = 500;

/** `\n at [Source: (String)"…"; line: L, column: C]`, as Jackson appends it to a message. */
export function jacksonLocation(text: string, pointer: number): string {
  let line = 1;
  let rowStart = 0;
  for (let i = 0; i < pointer && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      rowStart = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      line++;
      rowStart = i + 1;
    }
  }
  const snippet = text.length > MAX_SNIPPET ? `"${text.slice(0, MAX_SNIPPET)}"[truncated ${text.length - MAX_SNIPPET} chars]` : `"${text}"`;
  return `\n at [Source: (String)${snippet}; line: ${line}, column: ${pointer - rowStart + 1}]`;
}

/** Jackson's description of a character in "Unexpected character (…)" messages. */
function charDesc(code: number): string {
  if (code < 32 || (code >= 127 && code < 160)) return `(CTRL-CHAR, code ${code})`;
  const c = String.fromCharCode(code);
  if (code > 255) return `'${c}' (code ${code} / 0x${code.toString(16)})`;
  return `'${c}' (code ${code})`;
}

function isIdentifierPart(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36 || code > 127;
}

class Reader {
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  root(): JsonNode | undefined {
    this.skipSpace();
    if (this.i >= this.text.length) return undefined;
    return this.value();
  }

  private fail(reason: string, pointer = this.i): never {
    throw new JsonSyntaxError(reason, pointer);
  }

  private skipSpace(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 32 || c === 10 || c === 13 || c === 9) this.i++;
      else if (c < 32) this.fail(`Illegal character (${charDesc(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`, this.i + 1);
      else return;
    }
  }

  private value(): JsonNode {
    const t = this.text;
    const c = t.charCodeAt(this.i);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) return this.string();
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    if (c === 116) return this.literal("true");
    if (c === 102) return this.literal("false");
    if (c === 110) return this.literal("null");
    if (isIdentifierPart(c)) this.unrecognizedToken(this.i);
    if (c === 93 || c === 125) this.fail(`Unexpected character (${charDesc(c)}): expected a value`);
    return this.fail(`Unexpected character (${charDesc(c)}): expected a valid value ${EXPECTED_VALUE}`);
  }

  private unrecognizedToken(from: number): never {
    let end = from;
    while (end < this.text.length && isIdentifierPart(this.text.charCodeAt(end))) end++;
    return this.fail(`Unrecognized token '${this.text.slice(from, end)}': was expecting ${EXPECTED_VALUE}`, end);
  }

  private literal(word: "true" | "false" | "null"): JsonLiteral {
    const start = this.i;
    if (!this.text.startsWith(word, start) || isIdentifierPart(this.text.charCodeAt(start + word.length))) this.unrecognizedToken(start);
    this.i = start + word.length;
    return { kind: word, start, end: this.i };
  }

  private number(): JsonNumber {
    const t = this.text;
    const start = this.i;
    let i = start;
    if (t.charCodeAt(i) === 45) {
      i++;
      const d = t.charCodeAt(i);
      if (!(d >= 48 && d <= 57)) {
        if (i >= t.length) this.fail("Unexpected end-of-input in numeric value", i);
        this.fail(`Unexpected character (${charDesc(d)}) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value`, i + 1);
      }
    }
    if (t.charCodeAt(i) === 48 && isDigit(t.charCodeAt(i + 1))) this.fail("Invalid numeric value: Leading zeroes not allowed", i + 2);
    while (isDigit(t.charCodeAt(i))) i++;
    if (t.charCodeAt(i) === 46) {
      i++;
      if (!isDigit(t.charCodeAt(i))) this.fail(`Unexpected character (${charDesc(t.charCodeAt(i))}) in numeric value: Decimal point not followed by a digit`, i + 1);
      while (isDigit(t.charCodeAt(i))) i++;
    }
    const e = t.charCodeAt(i);
    if (e === 101 || e === 69) {
      i++;
      const s = t.charCodeAt(i);
      if (s === 43 || s === 45) i++;
      if (!isDigit(t.charCodeAt(i))) this.fail(`Unexpected character (${charDesc(t.charCodeAt(i))}) in numeric value: Exponent indicator not followed by a digit`, i + 1);
      while (isDigit(t.charCodeAt(i))) i++;
    }
    this.i = i;
    const text = t.slice(start, i);
    return { kind: "number", start, end: i, value: Number(text), text };
  }

  private string(): JsonString {
    const t = this.text;
    const start = this.i;
    let i = start + 1;
    let out = "";
    let chunk = i;
    for (;;) {
      if (i >= t.length) this.fail("Unexpected end-of-input: was expecting closing quote for a string value", i);
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c < 32) this.fail(`Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in string value`, i + 1);
      if (c !== 92) {
        i++;
        continue;
      }
      out += t.slice(chunk, i);
      const e = t.charCodeAt(i + 1);
      i += 2;
      switch (e) {
        case 34: out += '"'; break;
        case 92: out += "\\"; break;
        case 47: out += "/"; break;
        case 98: out += "\b"; break;
        case 102: out += "\f"; break;
        case 110: out += "\n"; break;
        case 114: out += "\r"; break;
        case 116: out += "\t"; break;
        case 117: {
          const hex = t.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`Unexpected character (${charDesc(t.charCodeAt(i))}): expected a hex-digit for character escape sequence`, i + 1);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          if (Number.isNaN(e)) this.fail("Unexpected end-of-input in character escape sequence", i - 1);
          this.fail(`Unrecognized character escape ${charDesc(e)}`, i);
      }
      chunk = i;
    }
    out += t.slice(chunk, i);
    this.i = i + 1;
    return { kind: "string", start, end: this.i, value: out };
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`Document nesting depth (${this.depth}) exceeds the maximum allowed (${MAX_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`, this.i + 1);
  }

  private object(): JsonObject {
    const start = this.i;
    this.enter();
    this.i++;
    const entries: JsonEntry[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      this.depth--;
      return { kind: "object", start, end: this.i, entries };
    }
    for (;;) {
      this.skipSpace();
      this.expectMore("Object", start);
      if (this.text.charCodeAt(this.i) !== 34) this.fail(`Unexpected character (${charDesc(this.text.charCodeAt(this.i))}): was expecting double-quote to start field name`);
      const key = this.string().value;
      this.skipSpace();
      this.expectMore("Object", start);
      if (this.text.charCodeAt(this.i) !== 58) this.fail(`Unexpected character (${charDesc(this.text.charCodeAt(this.i))}): was expecting a colon to separate field name and value`);
      this.i++;
      this.skipSpace();
      this.expectMore("Object", start);
      entries.push({ key, value: this.value() });
      this.skipSpace();
      this.expectMore("Object", start);
      const c = this.text.charCodeAt(this.i++);
      if (c === 125) break;
      if (c !== 44) this.fail(`Unexpected character (${charDesc(c)}): was expecting comma to separate Object entries`, this.i - 1);
    }
    this.depth--;
    return { kind: "object", start, end: this.i, entries };
  }

  private array(): JsonArray {
    const start = this.i;
    this.enter();
    this.i++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.i) === 93) {
      this.i++;
      this.depth--;
      return { kind: "array", start, end: this.i, items };
    }
    for (;;) {
      this.skipSpace();
      this.expectMore("Array", start);
      items.push(this.value());
      this.skipSpace();
      this.expectMore("Array", start);
      const c = this.text.charCodeAt(this.i++);
      if (c === 93) break;
      if (c !== 44) this.fail(`Unexpected character (${charDesc(c)}): was expecting comma to separate Array entries`, this.i - 1);
    }
    this.depth--;
    return { kind: "array", start, end: this.i, items };
  }

  private expectMore(what: "Object" | "Array", start: number): void {
    if (this.i < this.text.length) return;
    const marker = jacksonLocation(this.text, start).replace(/^\n at /, "");
    this.fail(`Unexpected end-of-input: expected close marker for ${what} (start marker at ${marker})`, this.i);
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
