/**
 * JSONPath as API Gateway evaluates it for `$input.path(x)` / `$input.json(x)` (Jayway JsonPath):
 * `$`, `.name`, `['name']`, `['a','b']`, `[n]` (negative from the end), `[n,m]`, `[a:b]`, `[*]`,
 * `.*`, `..name` (deep scan), `[?(<filter>)]`, and the functions `length()`, `min()`, `max()`,
 * `sum()`, `avg()`. A path without `$`/`@` gets `$.` in front, as Jayway does.
 *
 * A *definite* path (no wildcard, deep scan, filter, slice or list of indexes) yields the one
 * value it points at, or null when it points nowhere. Any other path yields a JSONArray of every
 * match (empty when nothing matches). A function at the end applies to that result.
 */
import { JavaList, JavaMap, isNumber, type JavaValue } from "./java-values.js";

export class JsonPathError extends Error {}

type Segment =
  | { kind: "property"; names: string[] }
  | { kind: "wildcard" }
  | { kind: "index"; indexes: number[] }
  | { kind: "slice"; start: number | undefined; end: number | undefined }
  | { kind: "filter"; predicate: Filter }
  | { kind: "deep"; then: Segment }
  | { kind: "function"; name: string };

type Operand =
  | { kind: "path"; root: "@" | "$"; steps: Array<string | number> }
  | { kind: "literal"; value: JavaValue }
  | { kind: "regex"; regex: RegExp };

type Filter =
  | { kind: "and" | "or"; left: Filter; right: Filter }
  | { kind: "not"; operand: Filter }
  | { kind: "compare"; op: string; left: Operand; right: Operand }
  | { kind: "exists"; operand: Operand };

const FUNCTIONS = new Set(["length", "size", "min", "max", "sum", "avg"]);
const MISSING = Symbol("missing");

export interface CompiledPath {
  segments: Segment[];
  definite: boolean;
}

const cache = new Map<string, CompiledPath>();

export function compileJsonPath(path: string): CompiledPath {
  let compiled = cache.get(path);
  if (!compiled) {
    const text = path.trim();
    const full = text.startsWith("$") || text.startsWith("@") ? text : `$.${text}`;
    const parser = new PathParser(full);
    const segments = parser.path();
    const body = segments.at(-1)?.kind === "function" ? segments.slice(0, -1) : segments;
    // A list of property names is definite as the leaf (the object of those properties).
    const definite = body.every(
      (s, i) => (s.kind === "property" && (s.names.length === 1 || i === body.length - 1)) || (s.kind === "index" && s.indexes.length === 1),
    );
    compiled = { segments, definite };
    if (cache.size > 500) cache.clear();
    cache.set(path, compiled);
  }
  return compiled;
}

/** Reads `path` from `root` the way Jayway's `JsonPath.read` does for API Gateway. */
export function readJsonPath(root: JavaValue, path: string): JavaValue {
  const compiled = compileJsonPath(path);
  const last = compiled.segments.at(-1);
  const fn = last?.kind === "function" ? last.name : undefined;
  let nodes: JavaValue[] = [root];
  for (const segment of fn ? compiled.segments.slice(0, -1) : compiled.segments) nodes = applySegment(segment, nodes, root);
  const result = compiled.definite ? (nodes.length === 1 ? nodes[0] : null) : new JavaList(nodes, "jsonarray");
  // A function applies to what the path before it reads (the whole list for an indefinite path).
  if (fn === undefined) return result;
  if (result === null) return null;
  return applyFunction(fn, result);
}

function applySegment(segment: Segment, nodes: JavaValue[], root: JavaValue): JavaValue[] {
  const out: JavaValue[] = [];
  for (const node of nodes) {
    switch (segment.kind) {
      case "property":
        if (node instanceof JavaMap) {
          if (segment.names.length === 1) {
            if (node.entries.has(segment.names[0])) out.push(node.get(segment.names[0]));
          } else {
            out.push(new JavaMap(segment.names.filter((n) => node.entries.has(n)).map((n) => [n, node.get(n)] as [string, JavaValue])));
          }
        }
        break;
      case "wildcard":
        if (node instanceof JavaMap) out.push(...node.entries.values());
        else if (node instanceof JavaList) out.push(...node.items);
        break;
      case "index":
        if (node instanceof JavaList) {
          for (const index of segment.indexes) {
            const i = index < 0 ? node.items.length + index : index;
            if (i >= 0 && i < node.items.length) out.push(node.items[i]);
          }
        }
        break;
      case "slice":
        if (node instanceof JavaList) out.push(...sliceItems(node.items, segment.start, segment.end));
        break;
      case "filter":
        if (node instanceof JavaList) out.push(...node.items.filter((item) => testFilter(segment.predicate, item, root)));
        else if (node instanceof JavaMap && testFilter(segment.predicate, node, root)) out.push(node);
        break;
      case "deep":
        deepScan(node, (found) => out.push(...applySegment(segment.then, [found], root)));
        break;
      case "function":
        throw new JsonPathError("a function must end the path");
    }
  }
  return out;
}

function sliceItems(items: JavaValue[], start: number | undefined, end: number | undefined): JavaValue[] {
  const n = items.length;
  const from = start === undefined ? 0 : start < 0 ? Math.max(0, n + start) : Math.min(start, n);
  const to = end === undefined ? n : end < 0 ? Math.max(0, n + end) : Math.min(end, n);
  return items.slice(from, to);
}

function deepScan(node: JavaValue, visit: (node: JavaValue) => void): void {
  visit(node);
  if (node instanceof JavaMap) for (const child of node.entries.values()) deepScan(child, visit);
  else if (node instanceof JavaList) for (const child of node.items) deepScan(child, visit);
}

function applyFunction(name: string, node: JavaValue): JavaValue {
  if (name === "length" || name === "size") {
    if (node instanceof JavaList) return BigInt(node.items.length);
    if (node instanceof JavaMap) return BigInt(node.entries.size);
    if (typeof node === "string") return BigInt(node.length);
    throw new JsonPathError(`length() cannot be applied to ${node === null ? "null" : typeof node}`);
  }
  if (!(node instanceof JavaList)) throw new JsonPathError(`${name}() needs an array`);
  const numbers = node.items.filter(isNumber).map(Number);
  if (numbers.length === 0) throw new JsonPathError(`${name}() found no numbers`);
  const sum = numbers.reduce((a, b) => a + b, 0);
  if (name === "sum") return sum;
  if (name === "avg") return sum / numbers.length;
  return name === "min" ? Math.min(...numbers) : Math.max(...numbers);
}

function testFilter(filter: Filter, current: JavaValue, root: JavaValue): boolean {
  switch (filter.kind) {
    case "and":
      return testFilter(filter.left, current, root) && testFilter(filter.right, current, root);
    case "or":
      return testFilter(filter.left, current, root) || testFilter(filter.right, current, root);
    case "not":
      return !testFilter(filter.operand, current, root);
    case "exists":
      return operandValue(filter.operand, current, root) !== MISSING;
    case "compare": {
      const left = operandValue(filter.left, current, root);
      if (filter.op === "=~") {
        if (filter.right.kind !== "regex" || typeof left !== "string") return false;
        filter.right.regex.lastIndex = 0;
        return filter.right.regex.test(left);
      }
      const right = operandValue(filter.right, current, root);
      if (left === MISSING || right === MISSING) return false;
      return compareValues(filter.op, left, right);
    }
  }
}

function compareValues(op: string, left: JavaValue, right: JavaValue): boolean {
  if (isNumber(left) && isNumber(right)) {
    const l = Number(left);
    const r = Number(right);
    return op === "==" ? l === r : op === "!=" ? l !== r : op === "<" ? l < r : op === "<=" ? l <= r : op === ">" ? l > r : l >= r;
  }
  if (typeof left === "string" && typeof right === "string") {
    return op === "==" ? left === right : op === "!=" ? left !== right : op === "<" ? left < right : op === "<=" ? left <= right : op === ">" ? left > right : left >= right;
  }
  const same = left === right;
  return op === "==" ? same : op === "!=" ? !same : false;
}

function operandValue(operand: Operand, current: JavaValue, root: JavaValue): JavaValue | typeof MISSING {
  if (operand.kind === "literal") return operand.value;
  if (operand.kind === "regex") return MISSING;
  let value: JavaValue = operand.root === "@" ? current : root;
  for (const step of operand.steps) {
    if (typeof step === "string" && value instanceof JavaMap && value.entries.has(step)) value = value.get(step);
    else if (typeof step === "number" && value instanceof JavaList) {
      const i = step < 0 ? value.items.length + step : step;
      if (i < 0 || i >= value.items.length) return MISSING;
      value = value.items[i];
    } else return MISSING;
  }
  return value;
}

class PathParser {
  private pos = 0;
  constructor(private readonly src: string) {}

  private fail(message: string): never {
    throw new JsonPathError(`Invalid JSONPath '${this.src}': ${message} at position ${this.pos}`);
  }

  path(): Segment[] {
    this.pos = 1; // "$" or "@"
    const segments: Segment[] = [];
    while (this.pos < this.src.length) segments.push(this.segment());
    return segments;
  }

  private segment(): Segment {
    const ch = this.src[this.pos];
    if (ch === "[") return this.bracket();
    if (ch !== ".") this.fail(`unexpected '${ch}'`);
    if (this.src[this.pos + 1] === ".") {
      this.pos += 2;
      if (this.src[this.pos] === "[") return { kind: "deep", then: this.bracket() };
      return { kind: "deep", then: this.dotName() };
    }
    this.pos++;
    return this.dotName();
  }

  private dotName(): Segment {
    if (this.src[this.pos] === "*") {
      this.pos++;
      return { kind: "wildcard" };
    }
    const start = this.pos;
    while (this.pos < this.src.length && !".[( ".includes(this.src[this.pos])) this.pos++;
    const name = this.src.slice(start, this.pos);
    if (!name) this.fail("empty property name");
    if (this.src.startsWith("()", this.pos) && FUNCTIONS.has(name)) {
      this.pos += 2;
      if (this.pos < this.src.length) this.fail("a function must end the path");
      return { kind: "function", name };
    }
    return { kind: "property", names: [name] };
  }

  private bracket(): Segment {
    this.pos++; // [
    this.skipSpaces();
    const ch = this.src[this.pos];
    let segment: Segment;
    if (ch === "*") {
      this.pos++;
      segment = { kind: "wildcard" };
    } else if (ch === "'" || ch === '"') {
      const names = [this.quoted()];
      for (this.skipSpaces(); this.src[this.pos] === ","; this.skipSpaces()) {
        this.pos++;
        this.skipSpaces();
        names.push(this.quoted());
      }
      segment = { kind: "property", names };
    } else if (ch === "?") {
      this.pos++;
      this.skipSpaces();
      if (this.src[this.pos] !== "(") this.fail("expected ( after ?");
      this.pos++;
      const predicate = this.filterOr();
      this.skipSpaces();
      if (this.src[this.pos] !== ")") this.fail("expected ) to close the filter");
      this.pos++;
      segment = { kind: "filter", predicate };
    } else {
      segment = this.indexOrSlice();
    }
    this.skipSpaces();
    if (this.src[this.pos] !== "]") this.fail("expected ]");
    this.pos++;
    return segment;
  }

  private indexOrSlice(): Segment {
    const content = /^[-0-9:, ]*/.exec(this.src.slice(this.pos))?.[0] ?? "";
    this.pos += content.length;
    const text = content.replace(/ /g, "");
    if (text.includes(":")) {
      const [start, end, step] = text.split(":");
      if (step !== undefined || !/^-?\d*$/.test(start) || !/^-?\d*$/.test(end)) this.fail("bad slice");
      return { kind: "slice", start: start === "" ? undefined : Number(start), end: end === "" ? undefined : Number(end) };
    }
    const parts = text.split(",");
    if (parts.some((p) => !/^-?\d+$/.test(p))) this.fail("bad index");
    return { kind: "index", indexes: parts.map(Number) };
  }

  private quoted(): string {
    const quote = this.src[this.pos];
    if (quote !== "'" && quote !== '"') this.fail("expected a quoted name");
    let out = "";
    this.pos++;
    while (this.pos < this.src.length && this.src[this.pos] !== quote) {
      if (this.src[this.pos] === "\\" && this.pos + 1 < this.src.length) this.pos++;
      out += this.src[this.pos++];
    }
    if (this.src[this.pos] !== quote) this.fail("unterminated quoted name");
    this.pos++;
    return out;
  }

  private skipSpaces(): void {
    while (this.src[this.pos] === " ") this.pos++;
  }

  private filterOr(): Filter {
    let left = this.filterAnd();
    for (this.skipSpaces(); this.src.startsWith("||", this.pos); this.skipSpaces()) {
      this.pos += 2;
      left = { kind: "or", left, right: this.filterAnd() };
    }
    return left;
  }

  private filterAnd(): Filter {
    let left = this.filterUnary();
    for (this.skipSpaces(); this.src.startsWith("&&", this.pos); this.skipSpaces()) {
      this.pos += 2;
      left = { kind: "and", left, right: this.filterUnary() };
    }
    return left;
  }

  private filterUnary(): Filter {
    this.skipSpaces();
    if (this.src[this.pos] === "!" && this.src[this.pos + 1] !== "=") {
      this.pos++;
      return { kind: "not", operand: this.filterUnary() };
    }
    if (this.src[this.pos] === "(") {
      this.pos++;
      const inner = this.filterOr();
      this.skipSpaces();
      if (this.src[this.pos] !== ")") this.fail("expected )");
      this.pos++;
      return inner;
    }
    const left = this.operand();
    this.skipSpaces();
    const op = /^(==|!=|<=|>=|=~|<|>)/.exec(this.src.slice(this.pos))?.[0];
    if (!op) {
      if (left.kind !== "path") this.fail("a filter needs a comparison");
      return { kind: "exists", operand: left };
    }
    this.pos += op.length;
    this.skipSpaces();
    return { kind: "compare", op, left, right: this.operand() };
  }

  private operand(): Operand {
    const rest = this.src.slice(this.pos);
    const ch = rest[0];
    if (ch === "@" || ch === "$") {
      this.pos++;
      const steps: Array<string | number> = [];
      for (;;) {
        if (this.src[this.pos] === "." && /[A-Za-z_$]/.test(this.src[this.pos + 1] ?? "")) {
          const name = /^\.([^.[\]()\s!=<>&|]+)/.exec(this.src.slice(this.pos)) as RegExpExecArray;
          steps.push(name[1]);
          this.pos += name[0].length;
        } else if (this.src[this.pos] === "[") {
          this.pos++;
          this.skipSpaces();
          if (this.src[this.pos] === "'" || this.src[this.pos] === '"') steps.push(this.quoted());
          else {
            const num = /^-?\d+/.exec(this.src.slice(this.pos));
            if (!num) this.fail("bad index in filter");
            steps.push(Number(num[0]));
            this.pos += num[0].length;
          }
          this.skipSpaces();
          if (this.src[this.pos] !== "]") this.fail("expected ]");
          this.pos++;
        } else break;
      }
      return { kind: "path", root: ch, steps };
    }
    if (ch === "'" || ch === '"') return { kind: "literal", value: this.quoted() };
    if (ch === "/") {
      const m = /^\/((?:\\.|[^/])*)\/([a-z]*)/.exec(rest);
      if (!m) this.fail("bad regular expression");
      this.pos += m[0].length;
      return { kind: "regex", regex: new RegExp(m[1], m[2].replace(/[^imsu]/g, "")) };
    }
    const word = /^(true|false|null)\b/.exec(rest);
    if (word) {
      this.pos += word[0].length;
      return { kind: "literal", value: word[1] === "null" ? null : word[1] === "true" };
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return { kind: "literal", value: num[1] || num[2] ? Number(num[0]) : BigInt(num[0]) };
    }
    this.fail("bad filter operand");
  }
}
