/** The syntax tree of a Velocity 1.7 template, as parsed by template-parser.ts. */
import type { TemplatePosition } from "./errors.js";

export type TemplateNode =
  | { type: "text"; text: string }
  /** `$a.b()`, `$!a`, `${a}`: rendered into the output. */
  | { type: "reference"; ref: Reference }
  /** `\$a` (an odd number of backslashes): printed literally, see renderer. */
  | { type: "escapedReference"; ref: Reference; backslashes: number }
  | { type: "set"; target: Reference; value: Expression; pos: TemplatePosition }
  | { type: "if"; branches: Array<{ condition: Expression; body: TemplateNode[] }>; otherwise: TemplateNode[] | null }
  | { type: "foreach"; variable: string; iterable: Expression; body: TemplateNode[]; pos: TemplatePosition }
  | { type: "break"; pos: TemplatePosition }
  | { type: "stop" }
  | { type: "define"; name: string; body: TemplateNode[] }
  | { type: "macroCall"; name: string; args: Expression[]; literal: string; pos: TemplatePosition }
  | { type: "evaluate"; expression: Expression; pos: TemplatePosition }
  | { type: "unsupported"; directive: string; pos: TemplatePosition };

export interface Reference {
  name: string;
  accessors: Accessor[];
  /** The reference as written, printed when it must be shown literally (`\$a`). */
  literal: string;
  pos: TemplatePosition;
}

export type Accessor =
  | { kind: "property"; name: string }
  | { kind: "method"; name: string; args: Expression[] }
  | { kind: "index"; index: Expression };

export type BinaryOperator = "||" | "&&" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "+" | "-" | "*" | "/" | "%";

export type Expression =
  | { kind: "reference"; ref: Reference }
  /** A string literal; a double-quoted one containing `$` or `#` is a template rendered each time. */
  | { kind: "string"; value: string; template: TemplateNode[] | null; literal: string }
  | { kind: "integer"; value: bigint }
  | { kind: "float"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "list"; items: Expression[] }
  | { kind: "range"; from: Expression; to: Expression }
  | { kind: "map"; entries: Array<[Expression, Expression]> }
  | { kind: "binary"; operator: BinaryOperator; left: Expression; right: Expression; pos: TemplatePosition }
  | { kind: "not"; operand: Expression }
  /** A bare word, allowed only as a macro-call argument. */
  | { kind: "word"; value: string };

export interface MacroDefinition {
  name: string;
  params: string[];
  body: TemplateNode[];
}

export interface ParsedTemplate {
  nodes: TemplateNode[];
  /** Velocity registers inline macros while parsing, so a call may come before the definition. */
  macros: Map<string, MacroDefinition>;
}
