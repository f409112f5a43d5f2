/**
 * References (`$a.b(1)[0]`) and directive expressions, following Velocity 1.7's grammar:
 * identifiers may contain `-` (`$foo-bar` is one name), a property after `.` starts with a
 * letter, string literals have no backslash escapes (only `\uXXXX` in double quotes, and a
 * doubled quote for the quote itself), a double-quoted literal containing `$` or `#` is a template.
 */
import type { Accessor, BinaryOperator, Expression, Reference, TemplateNode } from "./ast.js";
import { MappingTemplateError, type TemplatePosition } from "./errors.js";

const IDENTIFIER = /[a-zA-Z_][a-zA-Z0-9_-]*/y;
const PROPERTY = /[a-zA-Z][a-zA-Z0-9_-]*/y;
const WORD_OPERATOR = /(and|or|not|eq|ne|lt|gt|le|ge)(?![a-zA-Z0-9_])/y;
const NUMBER = /-?(?:\d+|(?=\.\d))/y;

export class Cursor {
  pos = 0;
  private lineStarts: number[] | null = null;

  /** @param origin where `src` begins in the enclosing template (for string-literal templates). */
  constructor(
    readonly src: string,
    private readonly origin?: TemplatePosition,
  ) {}

  get eof(): boolean {
    return this.pos >= this.src.length;
  }

  position(at = this.pos): TemplatePosition {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.src.length; i++) if (this.src[i] === "\n") this.lineStarts.push(i + 1);
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    const line = low + 1;
    const column = at - this.lineStarts[low] + 1;
    if (!this.origin) return { line, column };
    return line === 1 ? { line: this.origin.line, column: this.origin.column + column } : { line: this.origin.line + line - 1, column };
  }

  fail(message: string, at = this.pos): never {
    throw new MappingTemplateError("parse", message, this.position(at));
  }

  match(regex: RegExp, at = this.pos): string | undefined {
    regex.lastIndex = at;
    return regex.exec(this.src)?.[0];
  }

  skipWhitespace(): void {
    while (this.pos < this.src.length && " \t\r\n".includes(this.src[this.pos])) this.pos++;
  }

  expect(token: string, what = `'${token}'`): void {
    this.skipWhitespace();
    if (!this.src.startsWith(token, this.pos)) this.fail(`expected ${what}`);
    this.pos += token.length;
  }
}

/** Parses a string literal's template; provided by template-parser.ts (avoids an import cycle). */
export type SubtemplateParser = (source: string, origin: TemplatePosition) => TemplateNode[];

export class ExpressionParser {
  constructor(
    private readonly cur: Cursor,
    private readonly parseSubtemplate: SubtemplateParser,
  ) {}

  /**
   * A reference at `$` in template text. Returns null (consuming nothing) when the `$` does not
   * start one: Velocity prints such a `$` literally.
   */
  textReference(): Reference | null {
    return this.reference(false);
  }

  /** A reference inside a directive, where anything else is an error. */
  expressionReference(): Reference {
    return this.reference(true) as Reference;
  }

  private reference(strict: boolean): Reference | null {
    const cur = this.cur;
    const start = cur.pos;
    let p = start + 1;
    if (cur.src[p] === "!") p++;
    const formal = cur.src[p] === "{";
    if (formal) p++;
    const name = cur.match(IDENTIFIER, p);
    if (!name) {
      if (strict) cur.fail("expected a reference name", start);
      return null;
    }
    cur.pos = p + name.length;
    const accessors = this.accessors(strict);
    if (formal) {
      if (cur.src[cur.pos] !== "}") {
        if (strict) cur.fail("expected '}' to close the reference");
        cur.pos = start;
        return null;
      }
      cur.pos++;
    }
    return { name, accessors, literal: cur.src.slice(start, cur.pos), pos: cur.position(start) };
  }

  private accessors(strict: boolean): Accessor[] {
    const cur = this.cur;
    const accessors: Accessor[] = [];
    for (;;) {
      if (cur.src[cur.pos] === "." && /[a-zA-Z]/.test(cur.src[cur.pos + 1] ?? "")) {
        const name = cur.match(PROPERTY, cur.pos + 1) as string;
        cur.pos += 1 + name.length;
        if (cur.src[cur.pos] === "(") {
          cur.pos++;
          accessors.push({ kind: "method", name, args: this.argumentList() });
        } else {
          accessors.push({ kind: "property", name });
        }
      } else if (cur.src[cur.pos] === "[") {
        const save = cur.pos;
        try {
          cur.pos++;
          const index = this.expression();
          cur.expect("]");
          accessors.push({ kind: "index", index });
        } catch (err) {
          if (strict || !(err instanceof MappingTemplateError)) throw err;
          cur.pos = save; // `$price[USD]` in plain text: the bracket is text
          return accessors;
        }
      } else {
        return accessors;
      }
    }
  }

  /** Arguments after `(` up to and including `)`. */
  private argumentList(): Expression[] {
    const cur = this.cur;
    const args: Expression[] = [];
    cur.skipWhitespace();
    if (cur.src[cur.pos] === ")") {
      cur.pos++;
      return args;
    }
    for (;;) {
      args.push(this.expression());
      cur.skipWhitespace();
      const ch = cur.src[cur.pos];
      cur.pos++;
      if (ch === ")") return args;
      if (ch !== ",") cur.fail("expected ',' or ')' in the argument list", cur.pos - 1);
    }
  }

  /** Macro-call arguments after `(`: primaries (or bare words) separated by spaces or commas. */
  macroArguments(): Expression[] {
    const cur = this.cur;
    const args: Expression[] = [];
    for (;;) {
      cur.skipWhitespace();
      if (cur.src[cur.pos] === ")") {
        cur.pos++;
        return args;
      }
      if (cur.src[cur.pos] === "," && args.length > 0) {
        cur.pos++;
        continue;
      }
      const word = cur.match(/[a-zA-Z_][a-zA-Z0-9_]*/y);
      if (word && word !== "true" && word !== "false") {
        cur.pos += word.length;
        args.push({ kind: "word", value: word });
      } else {
        args.push(this.primary());
      }
    }
  }

  expression(): Expression {
    return this.or();
  }

  private binaryLevel(next: () => Expression, symbols: string[], words: Record<string, BinaryOperator>): Expression {
    let left = next();
    for (;;) {
      this.cur.skipWhitespace();
      const at = this.cur.pos;
      const symbol = symbols.find((s) => this.cur.src.startsWith(s, at) && !(s.length === 1 && "<>=!".includes(s) && this.cur.src[at + 1] === "="));
      const word = symbol ? undefined : this.cur.match(WORD_OPERATOR);
      const operator = (symbol as BinaryOperator | undefined) ?? (word ? words[word] : undefined);
      if (!operator) return left;
      this.cur.pos += (symbol ?? word as string).length;
      left = { kind: "binary", operator, left, right: next(), pos: this.cur.position(at) };
    }
  }

  private or = (): Expression => this.binaryLevel(this.and, ["||"], { or: "||" });
  private and = (): Expression => this.binaryLevel(this.equality, ["&&"], { and: "&&" });
  private equality = (): Expression => this.binaryLevel(this.relational, ["==", "!="], { eq: "==", ne: "!=" });
  private relational = (): Expression => this.binaryLevel(this.additive, ["<=", ">=", "<", ">"], { le: "<=", ge: ">=", lt: "<", gt: ">" });
  private additive = (): Expression => this.binaryLevel(this.multiplicative, ["+", "-"], {});
  private multiplicative = (): Expression => this.binaryLevel(this.unary, ["*", "/", "%"], {});

  private unary = (): Expression => {
    const cur = this.cur;
    cur.skipWhitespace();
    if (cur.src[cur.pos] === "!" && cur.src[cur.pos + 1] !== "=") {
      cur.pos++;
      return { kind: "not", operand: this.unary() };
    }
    if (cur.match(WORD_OPERATOR) === "not") {
      cur.pos += 3;
      return { kind: "not", operand: this.unary() };
    }
    return this.primary();
  };

  private primary(): Expression {
    const cur = this.cur;
    cur.skipWhitespace();
    const ch = cur.src[cur.pos];
    if (ch === "(") {
      cur.pos++;
      const inner = this.expression();
      cur.expect(")");
      return inner;
    }
    if (ch === "$") return { kind: "reference", ref: this.expressionReference() };
    if (ch === '"' || ch === "'") return this.stringLiteral();
    if (ch === "[") return this.listOrRange();
    if (ch === "{") return this.mapLiteral();
    const bool = cur.match(/(true|false)(?![a-zA-Z0-9_])/y);
    if (bool) {
      cur.pos += bool.length;
      return { kind: "boolean", value: bool === "true" };
    }
    if (cur.match(NUMBER) !== undefined) return this.numberLiteral();
    if (ch === undefined) cur.fail("unexpected end of template in an expression");
    return cur.fail(`unexpected '${ch}' in an expression`);
  }

  private numberLiteral(): Expression {
    const cur = this.cur;
    const start = cur.pos;
    const integer = cur.match(/-?\d*/y) as string;
    let p = start + integer.length;
    let isFloat = false;
    if (cur.src[p] === "." && cur.src[p + 1] !== ".") {
      isFloat = true;
      p++;
      while (/\d/.test(cur.src[p] ?? "")) p++;
    }
    const exponent = cur.match(/[eE][+-]?\d+/y, p);
    if (exponent) {
      isFloat = true;
      p += exponent.length;
    }
    const text = cur.src.slice(start, p);
    cur.pos = p;
    return isFloat ? { kind: "float", value: Number(text) } : { kind: "integer", value: BigInt(text) };
  }

  private stringLiteral(): Expression {
    const cur = this.cur;
    const quote = cur.src[cur.pos];
    const start = cur.pos;
    let value = "";
    cur.pos++;
    for (;;) {
      const ch = cur.src[cur.pos];
      if (ch === undefined) cur.fail("unterminated string literal", start);
      if (ch === quote) {
        if (cur.src[cur.pos + 1] !== quote) break;
        cur.pos++; // a doubled quote stands for the quote
      }
      value += ch;
      cur.pos++;
    }
    cur.pos++;
    const literal = cur.src.slice(start, cur.pos);
    if (quote === "'") return { kind: "string", value, template: null, literal };
    value = value.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const template = value.includes("$") || value.includes("#") ? this.parseSubtemplate(value, cur.position(start)) : null;
    return { kind: "string", value, template, literal };
  }

  private listOrRange(): Expression {
    const cur = this.cur;
    cur.pos++; // [
    cur.skipWhitespace();
    if (cur.src[cur.pos] === "]") {
      cur.pos++;
      return { kind: "list", items: [] };
    }
    const first = this.expression();
    cur.skipWhitespace();
    if (cur.src.startsWith("..", cur.pos)) {
      cur.pos += 2;
      const to = this.expression();
      cur.expect("]");
      return { kind: "range", from: first, to };
    }
    const items = [first];
    for (;;) {
      cur.skipWhitespace();
      const ch = cur.src[cur.pos++];
      if (ch === "]") return { kind: "list", items };
      if (ch !== ",") cur.fail("expected ',' or ']' in a list", cur.pos - 1);
      items.push(this.expression());
    }
  }

  private mapLiteral(): Expression {
    const cur = this.cur;
    cur.pos++; // {
    const entries: Array<[Expression, Expression]> = [];
    cur.skipWhitespace();
    if (cur.src[cur.pos] === "}") {
      cur.pos++;
      return { kind: "map", entries };
    }
    for (;;) {
      const key = this.expression();
      cur.expect(":");
      entries.push([key, this.expression()]);
      cur.skipWhitespace();
      const ch = cur.src[cur.pos++];
      if (ch === "}") return { kind: "map", entries };
      if (ch !== ",") cur.fail("expected ',' or '}' in a map", cur.pos - 1);
    }
  }
}
