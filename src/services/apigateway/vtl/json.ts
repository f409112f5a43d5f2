/**
 * JSON text to the Java values API Gateway's JSONPath (Jayway JsonPath on json-smart) produces:
 * objects become LinkedHashMaps (printing `{a=1, b=2}`), arrays JSONArrays (printing as JSON),
 * integers Integer/Long/BigInteger (exact, here `bigint`), numbers with a fraction or exponent
 * Double (so `10.00` becomes `10.0`). Like json-smart's permissive mode, a trailing comma in an
 * object or array is accepted.
 */
import { JavaList, JavaMap, type JavaValue } from "./java-values.js";

export class JsonSyntaxError extends Error {}

export function parseJsonToJava(text: string): JavaValue {
  const parser = new JsonParser(text);
  parser.skipWhitespace();
  const value = parser.value();
  parser.skipWhitespace();
  if (!parser.atEnd()) parser.fail("unexpected text after the JSON value");
  return value;
}

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

class JsonParser {
  private pos = 0;
  constructor(private readonly text: string) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string): never {
    throw new JsonSyntaxError(`${message} at offset ${this.pos}`);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos])) this.pos++;
  }

  value(): JavaValue {
    const ch = this.text[this.pos];
    if (ch === "{") return this.object();
    if (ch === "[") return this.array();
    if (ch === '"') return this.string();
    if (this.text.startsWith("true", this.pos)) return this.literal("true", true);
    if (this.text.startsWith("false", this.pos)) return this.literal("false", false);
    if (this.text.startsWith("null", this.pos)) return this.literal("null", null);
    return this.number();
  }

  private literal<T extends JavaValue>(word: string, value: T): T {
    this.pos += word.length;
    return value;
  }

  private number(): JavaValue {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail("unexpected character");
    this.pos += match[0].length;
    return match[1] === undefined && match[2] === undefined ? BigInt(match[0]) : Number(match[0]);
  }

  private string(): string {
    let out = "";
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail("unterminated string");
      if (ch === '"') {
        this.pos++;
        return out;
      }
      if (ch === "\\") {
        const esc = this.text[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (esc in simple) {
          out += simple[esc];
          this.pos += 2;
        } else if (esc === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
        } else this.fail("bad escape in string");
      } else if (ch.charCodeAt(0) < 0x20) {
        this.fail("control character in string");
      } else {
        out += ch;
        this.pos++;
      }
    }
  }

  private array(): JavaList {
    const items: JavaValue[] = [];
    this.pos++;
    this.skipWhitespace();
    while (this.text[this.pos] !== "]") {
      items.push(this.value());
      this.skipWhitespace();
      if (this.text[this.pos] === ",") {
        this.pos++;
        this.skipWhitespace();
      } else if (this.text[this.pos] !== "]") this.fail("expected , or ]");
    }
    this.pos++;
    return new JavaList(items, "jsonarray");
  }

  private object(): JavaMap {
    const map = new JavaMap();
    this.pos++;
    this.skipWhitespace();
    while (this.text[this.pos] !== "}") {
      if (this.text[this.pos] !== '"') this.fail("expected a string key");
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ":") this.fail("expected :");
      this.pos++;
      this.skipWhitespace();
      map.entries.set(key, this.value());
      this.skipWhitespace();
      if (this.text[this.pos] === ",") {
        this.pos++;
        this.skipWhitespace();
      } else if (this.text[this.pos] !== "}") this.fail("expected , or }");
    }
    this.pos++;
    return map;
  }
}
