/**
 * Template text to a syntax tree, with Velocity 1.7's whitespace rules (the engine behind API
 * Gateway's mapping templates, which is why AWS's documented outputs have the shape they have):
 *
 * - the `)` closing a directive (`#set(...)`, `#if(...)`, `#elseif(...)`, `#foreach(...)`, a
 *   macro call) swallows the spaces/tabs after it when they run up to a newline, and the newline;
 * - `#else` and `#end` do the same;
 * - `#set` also swallows the spaces/tabs *before* it when nothing else precedes them since the
 *   previous Velocity token (the start of the template, a reference, a directive, a comment);
 *   indentation after literal text stays in the output;
 * - `##` comments swallow their newline; `#* *#` comments do not.
 */
import type { Expression, MacroDefinition, ParsedTemplate, Reference, TemplateNode } from "./ast.js";
import { MappingTemplateError, type TemplatePosition } from "./errors.js";
import { Cursor, ExpressionParser } from "./expression-parser.js";

const DIRECTIVE = /#(?:\{([a-zA-Z_@][a-zA-Z0-9_@]*)\}|([a-zA-Z_@][a-zA-Z0-9_@]*))/y;
const LINE_END = /[ \t]*(?:\r\n|\n|\r)/y;
const SPECIAL = /[$#\\]/g;
const KNOWN_DIRECTIVES = new Set(["set", "if", "elseif", "else", "end", "foreach", "break", "stop", "define", "macro", "evaluate", "parse", "include"]);

type Terminator = "end" | "else" | "elseif";

interface Block {
  nodes: TemplateNode[];
  end: Terminator | "eof";
  /** The condition of the `#elseif` that ended the block. */
  condition?: Expression;
}

export function parseTemplate(source: string): ParsedTemplate {
  const macros = new Map<string, MacroDefinition>();
  const parser = new TemplateParser(new Cursor(source), macros);
  return { nodes: parser.topLevel(), macros };
}

function parseSubtemplate(source: string, origin: TemplatePosition): TemplateNode[] {
  return new TemplateParser(new Cursor(source, origin), new Map()).topLevel();
}

class TemplateParser {
  private readonly expr: ExpressionParser;

  constructor(
    private readonly cur: Cursor,
    private readonly macros: Map<string, MacroDefinition>,
  ) {
    this.expr = new ExpressionParser(cur, parseSubtemplate);
  }

  topLevel(): TemplateNode[] {
    return this.block([]).nodes;
  }

  /** @param opener the directive whose body this is, named when its #end is missing. */
  private block(accepts: Terminator[], opener?: { name: string; start: number }): Block {
    const cur = this.cur;
    const nodes: TemplateNode[] = [];
    let text = "";
    /** Start, in `text`, of the run of plain characters since the last Velocity token. */
    let runStart = 0;
    const flush = () => {
      if (text) nodes.push({ type: "text", text });
      text = "";
      runStart = 0;
    };
    const literal = (chars: string) => {
      text += chars;
      runStart = text.length;
    };

    while (!cur.eof) {
      const ch = cur.src[cur.pos];
      if (ch === "$") {
        const ref = this.expr.textReference();
        if (ref) {
          flush();
          nodes.push({ type: "reference", ref });
        } else {
          cur.pos++;
          literal("$");
        }
        continue;
      }
      if (ch === "\\") {
        this.backslashes(nodes, flush, literal);
        continue;
      }
      if (ch !== "#") {
        SPECIAL.lastIndex = cur.pos;
        const next = SPECIAL.exec(cur.src)?.index ?? cur.src.length;
        text += cur.src.slice(cur.pos, next);
        cur.pos = next;
        continue;
      }
      // '#'
      if (cur.src.startsWith("##", cur.pos)) {
        flush();
        const newline = /\r\n|\n|\r/g;
        newline.lastIndex = cur.pos;
        const m = newline.exec(cur.src);
        cur.pos = m ? m.index + m[0].length : cur.src.length;
        continue;
      }
      if (cur.src.startsWith("#*", cur.pos)) {
        const close = cur.src.indexOf("*#", cur.pos + 2);
        if (close < 0) cur.fail("unterminated #* comment");
        flush();
        cur.pos = close + 2;
        continue;
      }
      if (cur.src.startsWith("#[[", cur.pos)) {
        const close = cur.src.indexOf("]]#", cur.pos + 3);
        if (close < 0) cur.fail("unterminated #[[ text block");
        flush();
        text = cur.src.slice(cur.pos + 3, close);
        flush();
        cur.pos = close + 3;
        continue;
      }
      const token = cur.match(DIRECTIVE);
      if (!token) {
        cur.pos++;
        literal("#");
        continue;
      }
      const name = token.replace(/[#{}]/g, "");
      const start = cur.pos;
      const after = start + token.length;
      if (name === "set") {
        const open = cur.match(/ *\(/y, after);
        if (!open) {
          cur.pos = after;
          literal(token);
          continue;
        }
        if (/^[ \t]*$/.test(text.slice(runStart))) text = text.slice(0, runStart);
        flush();
        cur.pos = after + open.length;
        nodes.push(this.setDirective(start));
        continue;
      }
      if (name === "else" || name === "end" || name === "elseif") {
        if (!accepts.includes(name)) cur.fail(`unexpected #${name}`);
        flush();
        cur.pos = after;
        if (name === "elseif") {
          const condition = this.parenthesized(`#elseif`);
          this.eatLineEnd();
          return { nodes, end: name, condition };
        }
        this.eatLineEnd();
        return { nodes, end: name };
      }
      if (KNOWN_DIRECTIVES.has(name)) {
        flush();
        cur.pos = after;
        const node = this.directive(name, start);
        if (node) nodes.push(node);
        continue;
      }
      const call = this.macroCall(name, start, after);
      if (call) {
        flush();
        nodes.push(call);
      } else {
        cur.pos = after;
        literal(token);
      }
    }
    if (accepts.length > 0) {
      const where = opener ? ` for the #${opener.name} at line ${cur.position(opener.start).line}, column ${cur.position(opener.start).column}` : "";
      cur.fail(`missing #end${where}`);
    }
    flush();
    return { nodes, end: "eof" };
  }

  /** Backslashes before `$ref` or `#directive` escape it (Velocity's rules); elsewhere they are text. */
  private backslashes(nodes: TemplateNode[], flush: () => void, literal: (chars: string) => void): void {
    const cur = this.cur;
    const start = cur.pos;
    while (cur.src[cur.pos] === "\\") cur.pos++;
    const count = cur.pos - start;
    if (cur.src[cur.pos] === "$") {
      const ref = this.expr.textReference();
      if (ref) {
        flush();
        if (count % 2 === 1) nodes.push({ type: "escapedReference", ref, backslashes: count });
        else nodes.push({ type: "text", text: "\\".repeat(count / 2) }, { type: "reference", ref });
        return;
      }
    } else if (cur.src[cur.pos] === "#") {
      const token = cur.match(DIRECTIVE);
      const name = token?.replace(/[#{}]/g, "");
      if (token && name && (KNOWN_DIRECTIVES.has(name) || this.macros.has(name))) {
        if (count % 2 === 1) {
          cur.pos += token.length;
          literal("\\".repeat((count - 1) / 2) + token);
        } else {
          literal("\\".repeat(count / 2));
        }
        return;
      }
    }
    literal("\\".repeat(count));
  }

  private eatLineEnd(): void {
    const m = this.cur.match(LINE_END);
    if (m) this.cur.pos += m.length;
  }

  /** `( expression )` after a directive name, then the closing paren's whitespace rule is up to the caller. */
  private parenthesized(directive: string): Expression {
    const cur = this.cur;
    cur.skipWhitespace();
    if (cur.src[cur.pos] !== "(") cur.fail(`expected '(' after ${directive}`);
    cur.pos++;
    const value = this.expr.expression();
    cur.expect(")", `')' to close ${directive}`);
    return value;
  }

  private simpleReference(directive: string): Reference {
    const cur = this.cur;
    cur.skipWhitespace();
    if (cur.src[cur.pos] !== "$") cur.fail(`expected a $variable in ${directive}`);
    const ref = this.expr.expressionReference();
    if (ref.accessors.length > 0) cur.fail(`expected a plain $variable in ${directive}`, cur.pos - 1);
    return ref;
  }

  private setDirective(start: number): TemplateNode {
    const cur = this.cur;
    cur.skipWhitespace();
    if (cur.src[cur.pos] !== "$") cur.fail("expected a $reference to set");
    const target = this.expr.expressionReference();
    const last = target.accessors.at(-1);
    if (last?.kind === "method") cur.fail("cannot #set the result of a method call", cur.pos - 1);
    cur.skipWhitespace();
    if (cur.src[cur.pos] !== "=" || cur.src[cur.pos + 1] === "=") cur.fail("expected '=' in #set");
    cur.pos++;
    const value = this.expr.expression();
    cur.expect(")", "')' to close #set");
    this.eatLineEnd();
    return { type: "set", target, value, pos: cur.position(start) };
  }

  private directive(name: string, start: number): TemplateNode | null {
    const cur = this.cur;
    const pos = cur.position(start);
    switch (name) {
      case "if": {
        const branches: Array<{ condition: Expression; body: TemplateNode[] }> = [];
        let condition = this.parenthesized("#if");
        this.eatLineEnd();
        for (;;) {
          const block = this.block(["else", "elseif", "end"], { name: "if", start });
          branches.push({ condition, body: block.nodes });
          if (block.end === "elseif") {
            condition = block.condition as Expression;
            continue;
          }
          const otherwise = block.end === "else" ? this.block(["end"], { name: "if", start }).nodes : null;
          return { type: "if", branches, otherwise };
        }
      }
      case "foreach": {
        cur.skipWhitespace();
        if (cur.src[cur.pos] !== "(") cur.fail("expected '(' after #foreach");
        cur.pos++;
        const variable = this.simpleReference("#foreach").name;
        cur.skipWhitespace();
        if (!cur.match(/in(?![a-zA-Z0-9_])/y)) cur.fail("expected 'in' in #foreach");
        cur.pos += 2;
        const iterable = this.expr.expression();
        cur.expect(")", "')' to close #foreach");
        this.eatLineEnd();
        return { type: "foreach", variable, iterable, body: this.block(["end"], { name, start }).nodes, pos };
      }
      case "break":
        if (cur.match(/[ \t]*\(/y)) {
          cur.skipWhitespace();
          cur.pos++;
          this.expr.expression();
          cur.expect(")", "')' to close #break");
          this.eatLineEnd();
        }
        return { type: "break", pos };
      case "stop":
        return { type: "stop" };
      case "define": {
        cur.skipWhitespace();
        if (cur.src[cur.pos] !== "(") cur.fail("expected '(' after #define");
        cur.pos++;
        const variable = this.simpleReference("#define").name;
        cur.expect(")", "')' to close #define");
        this.eatLineEnd();
        return { type: "define", name: variable, body: this.block(["end"], { name, start }).nodes };
      }
      case "macro": {
        cur.skipWhitespace();
        if (cur.src[cur.pos] !== "(") cur.fail("expected '(' after #macro");
        cur.pos++;
        cur.skipWhitespace();
        const macroName = cur.match(/[a-zA-Z_@][a-zA-Z0-9_@-]*/y);
        if (!macroName) return cur.fail("expected a macro name");
        cur.pos += macroName.length;
        const params: string[] = [];
        for (;;) {
          cur.skipWhitespace();
          if (cur.src[cur.pos] === ",") cur.pos++;
          cur.skipWhitespace();
          if (cur.src[cur.pos] === ")") break;
          params.push(this.simpleReference("#macro").name);
        }
        cur.pos++;
        this.eatLineEnd();
        this.macros.set(macroName, { name: macroName, params, body: this.block(["end"], { name, start }).nodes });
        return null;
      }
      case "evaluate": {
        const expression = this.parenthesized("#evaluate");
        this.eatLineEnd();
        return { type: "evaluate", expression, pos };
      }
      default: {
        // #parse / #include: API Gateway has no templates to load.
        if (cur.match(/\s*\(/y)) {
          this.parenthesized(`#${name}`);
          this.eatLineEnd();
        }
        return { type: "unsupported", directive: name, pos };
      }
    }
  }

  /**
   * `#name(args)` where `name` is no directive: a macro call, resolved when rendered (a call may
   * precede the `#macro`). Text that does not parse as one stays text.
   */
  private macroCall(name: string, start: number, after: number): TemplateNode | null {
    const cur = this.cur;
    const open = cur.match(/[ \t\r\n]*\(/y, after);
    if (!open) return null;
    cur.pos = after + open.length;
    try {
      const args = this.expr.macroArguments();
      this.eatLineEnd();
      return { type: "macroCall", name, args, literal: cur.src.slice(start, cur.pos), pos: cur.position(start) };
    } catch (err) {
      if (!(err instanceof MappingTemplateError)) throw err;
      cur.pos = start;
      return null;
    }
  }
}
