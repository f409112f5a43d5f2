/**
 * Renders a parsed template against its variables, with Velocity 1.7's semantics as API Gateway
 * runs them: null references print "", `#set` with a null value leaves its target unchanged,
 * `#foreach` iterates lists, arrays and map values (at most 1000 times), exposing `$foreach`
 * (index, count, hasNext, first, last, parent), `$velocityCount` and `$velocityHasNext`.
 */
import type { Accessor, Expression, MacroDefinition, ParsedTemplate, Reference, TemplateNode } from "./ast.js";
import { JavaException, MappingTemplateError, type TemplatePosition } from "./errors.js";
import { getProperty, invokeMethod } from "./java-methods.js";
import { HostObject, JavaList, JavaMap, NO_SUCH, javaToString, renderValue, type JavaValue, type Lookup } from "./java-values.js";
import { MAX_FOREACH_ITERATIONS, MAX_MACRO_DEPTH, MAX_OUTPUT_CHARS, MAX_RANGE_LENGTH, MAX_RENDER_DEPTH } from "./limits.js";
import { arithmetic, compare, isTruthy, velocityEquals } from "./operators.js";
import { parseTemplate } from "./template-parser.js";

class BreakSignal {}
class StopSignal {}

/** `$foreach` inside a loop (Velocity 1.7's ForeachScope). */
class ForeachScope extends HostObject {
  readonly javaClass = "org.apache.velocity.runtime.directive.ForeachScope";
  index = 0;
  hasNext = false;
  constructor(readonly parent: ForeachScope | null) {
    super();
  }
  private read(name: string): Lookup {
    switch (name) {
      case "index":
        return BigInt(this.index);
      case "count":
        return BigInt(this.index + 1);
      case "hasNext":
        return this.hasNext;
      case "first":
        return this.index === 0;
      case "last":
        return !this.hasNext;
      case "parent":
        return this.parent;
      case "topmost": {
        let scope: ForeachScope | null = this.parent;
        if (!scope) return this;
        while (scope.parent) scope = scope.parent;
        return scope;
      }
    }
    return NO_SUCH;
  }
  override getProperty(name: string): Lookup {
    return this.read(name);
  }
  override invoke(name: string, args: JavaValue[]): Lookup {
    if (args.length !== 0) return NO_SUCH;
    const property = /^(?:get|is)([A-Z]\w*)$/.exec(name);
    if (property) return this.read(property[1][0].toLowerCase() + property[1].slice(1));
    return name === "hasNext" ? this.hasNext : NO_SUCH;
  }
}

/** The value of `$name` after `#define($name) ... #end`: its body, rendered where it is used. */
class DefinedBlock extends HostObject {
  readonly javaClass = "org.apache.velocity.runtime.directive.Block$Reference";
  constructor(
    readonly body: TemplateNode[],
    private readonly renderer: Renderer,
  ) {
    super();
  }
  override invoke(name: string, args: JavaValue[]): Lookup {
    return name === "toString" && args.length === 0 ? this.toJavaString() : NO_SUCH;
  }
  override toJavaString(): string {
    return this.renderer.renderToString(this.body);
  }
}

export class Renderer {
  private out: string[] = [];
  private outLength = 0;
  private foreach: ForeachScope | null = null;
  private macroDepth = 0;
  private renderDepth = 0;

  constructor(
    private readonly template: ParsedTemplate,
    readonly variables: Map<string, JavaValue>,
  ) {}

  render(): string {
    try {
      this.nodes(this.template.nodes);
    } catch (signal) {
      if (!(signal instanceof StopSignal || signal instanceof BreakSignal)) throw signal;
    }
    return this.out.join("");
  }

  renderToString(nodes: TemplateNode[]): string {
    if (++this.renderDepth > MAX_RENDER_DEPTH) throw new MappingTemplateError("limit", "templates nested too deeply (a #define that renders itself?)");
    const saved = this.out;
    this.out = [];
    try {
      this.nodes(nodes);
      return this.out.join("");
    } finally {
      this.out = saved;
      this.renderDepth--;
    }
  }

  private emit(text: string): void {
    if (!text) return;
    this.outLength += text.length;
    if (this.outLength > MAX_OUTPUT_CHARS) throw new MappingTemplateError("limit", `output is larger than ${MAX_OUTPUT_CHARS} characters`);
    this.out.push(text);
  }

  private nodes(nodes: TemplateNode[]): void {
    for (const node of nodes) this.node(node);
  }

  private node(node: TemplateNode): void {
    switch (node.type) {
      case "text":
        return this.emit(node.text);
      case "reference": {
        const value = this.resolve(node.ref);
        if (value instanceof DefinedBlock) return this.nodes(value.body);
        return this.emit(renderValue(value));
      }
      case "escapedReference": {
        const value = this.resolve(node.ref);
        const kept = value === null ? node.backslashes : (node.backslashes - 1) / 2;
        return this.emit("\\".repeat(kept) + node.ref.literal);
      }
      case "set":
        return this.set(node.target, this.evaluate(node.value));
      case "if": {
        for (const branch of node.branches) {
          if (isTruthy(this.evaluate(branch.condition))) return this.nodes(branch.body);
        }
        if (node.otherwise) this.nodes(node.otherwise);
        return;
      }
      case "foreach":
        return this.loop(node.variable, this.evaluate(node.iterable), node.body);
      case "break":
        throw new BreakSignal();
      case "stop":
        throw new StopSignal();
      case "define":
        this.variables.set(node.name, new DefinedBlock(node.body, this));
        return;
      case "macroCall": {
        const macro = this.template.macros.get(node.name);
        if (!macro) return this.emit(node.literal);
        return this.callMacro(macro, node.args, node.pos);
      }
      case "evaluate": {
        const value = this.evaluate(node.expression);
        if (value === null) return;
        let parsed: ParsedTemplate;
        try {
          parsed = parseTemplate(javaToString(value));
        } catch (err) {
          if (err instanceof MappingTemplateError) throw new MappingTemplateError("runtime", `#evaluate: ${err.message}`, node.pos);
          throw err;
        }
        for (const [name, macro] of parsed.macros) this.template.macros.set(name, macro);
        this.emit(this.renderToString(parsed.nodes));
        return;
      }
      case "unsupported":
        throw new MappingTemplateError("runtime", `#${node.directive} is not available in API Gateway mapping templates`, node.pos);
    }
  }

  private loop(variable: string, iterable: JavaValue, body: TemplateNode[]): void {
    let items: JavaValue[];
    if (iterable instanceof JavaList) items = iterable.items.slice();
    else if (iterable instanceof JavaMap) items = [...iterable.entries.values()];
    else return; // null, a String, a number: Velocity skips the loop
    const saved = ["foreach", "velocityCount", "velocityHasNext", variable].map((name) => [name, this.variables.has(name), this.variables.get(name)] as const);
    const scope = new ForeachScope(this.foreach);
    this.foreach = scope;
    try {
      const count = Math.min(items.length, MAX_FOREACH_ITERATIONS);
      for (let i = 0; i < count; i++) {
        scope.index = i;
        scope.hasNext = i < items.length - 1;
        this.variables.set(variable, items[i]);
        this.variables.set("foreach", scope);
        this.variables.set("velocityCount", BigInt(i + 1));
        this.variables.set("velocityHasNext", scope.hasNext);
        try {
          this.nodes(body);
        } catch (signal) {
          if (signal instanceof BreakSignal) break;
          throw signal;
        }
      }
    } finally {
      this.foreach = scope.parent;
      for (const [name, had, value] of saved) {
        if (had) this.variables.set(name, value as JavaValue);
        else this.variables.delete(name);
      }
    }
  }

  private callMacro(macro: MacroDefinition, argExpressions: Expression[], pos: TemplatePosition): void {
    if (this.macroDepth >= MAX_MACRO_DEPTH) {
      throw new MappingTemplateError("limit", `macro #${macro.name} nested deeper than ${MAX_MACRO_DEPTH} calls`, pos);
    }
    const args = argExpressions.map((arg) => this.evaluate(arg));
    const saved = macro.params.map((name) => [name, this.variables.has(name), this.variables.get(name)] as const);
    macro.params.forEach((name, i) => {
      const value = i < args.length ? args[i] : null;
      if (value === null) this.variables.delete(name);
      else this.variables.set(name, value);
    });
    this.macroDepth++;
    try {
      this.nodes(macro.body);
    } finally {
      this.macroDepth--;
      for (const [name, had, value] of saved) {
        if (had) this.variables.set(name, value as JavaValue);
        else this.variables.delete(name);
      }
    }
  }

  /** `#set`: a null value leaves the target as it was (Velocity 1.7's default). */
  private set(target: Reference, value: JavaValue): void {
    if (value === null) return;
    if (target.accessors.length === 0) {
      this.variables.set(target.name, value);
      return;
    }
    let object = this.variables.get(target.name) ?? null;
    for (const accessor of target.accessors.slice(0, -1)) {
      if (object === null) return;
      object = this.access(object, accessor, target.pos);
    }
    const last = target.accessors[target.accessors.length - 1];
    try {
      if (last.kind === "property") {
        if (object instanceof JavaMap) object.put(last.name, value);
        else if (object instanceof HostObject) object.setProperty(last.name, value);
      } else if (last.kind === "index") {
        const index = this.evaluate(last.index);
        if (object instanceof JavaMap && typeof index === "string") object.put(index, value);
        else if (object instanceof JavaList && typeof index === "bigint") {
          const i = Number(index < 0n ? BigInt(object.items.length) + index : index);
          if (i < 0 || i >= object.items.length) {
            throw new JavaException("java.lang.IndexOutOfBoundsException", `Index: ${index}, Size: ${object.items.length}`);
          }
          object.items[i] = value;
        }
      }
    } catch (err) {
      if (err instanceof JavaException) throw new MappingTemplateError("runtime", err.message, target.pos);
      throw err;
    }
  }

  resolve(ref: Reference): JavaValue {
    let value = this.variables.get(ref.name) ?? null;
    for (const accessor of ref.accessors) {
      if (value === null) return null;
      value = this.access(value, accessor, ref.pos);
    }
    return value;
  }

  private access(value: JavaValue, accessor: Accessor, pos: TemplatePosition): JavaValue {
    try {
      let result: Lookup;
      if (accessor.kind === "property") result = getProperty(value, accessor.name);
      else if (accessor.kind === "method") result = invokeMethod(value, accessor.name, accessor.args.map((arg) => this.evaluate(arg)));
      else {
        const index = this.evaluate(accessor.index);
        result = null;
        if (value instanceof JavaList && typeof index === "bigint") {
          const i = Number(index < 0n ? BigInt(value.items.length) + index : index);
          if (i >= 0 && i < value.items.length) result = value.items[i];
        } else if (value instanceof JavaMap && typeof index === "string") result = value.get(index);
      }
      return result === NO_SUCH ? null : result;
    } catch (err) {
      if (err instanceof JavaException) throw new MappingTemplateError("runtime", err.message, pos);
      throw err;
    }
  }

  evaluate(expression: Expression): JavaValue {
    switch (expression.kind) {
      case "reference":
        return this.resolve(expression.ref);
      case "string":
        return expression.template ? this.renderToString(expression.template) : expression.value;
      case "integer":
      case "float":
      case "boolean":
        return expression.value;
      case "word":
        return expression.value;
      case "list":
        return new JavaList(expression.items.map((item) => this.evaluate(item)));
      case "map":
        return new JavaMap(expression.entries.map(([k, v]) => [javaToString(this.evaluate(k)), this.evaluate(v)] as [string, JavaValue]));
      case "range": {
        const from = this.evaluate(expression.from);
        const to = this.evaluate(expression.to);
        if (typeof from !== "bigint" || typeof to !== "bigint") return null;
        const length = (from <= to ? to - from : from - to) + 1n;
        if (length > BigInt(MAX_RANGE_LENGTH)) throw new MappingTemplateError("limit", `range of ${length} values is longer than ${MAX_RANGE_LENGTH}`);
        const step = from <= to ? 1n : -1n;
        const items: JavaValue[] = [];
        for (let i = from; step > 0n ? i <= to : i >= to; i += step) items.push(i);
        return new JavaList(items);
      }
      case "not":
        return !isTruthy(this.evaluate(expression.operand));
      case "binary": {
        const { operator, left, right } = expression;
        if (operator === "&&") return isTruthy(this.evaluate(left)) && isTruthy(this.evaluate(right));
        if (operator === "||") return isTruthy(this.evaluate(left)) || isTruthy(this.evaluate(right));
        const l = this.evaluate(left);
        const r = this.evaluate(right);
        if (operator === "==") return velocityEquals(l, r);
        if (operator === "!=") return !velocityEquals(l, r);
        if (operator === "<" || operator === "<=" || operator === ">" || operator === ">=") return compare(operator, l, r);
        return arithmetic(operator, l, r, () => literalOf(left), () => literalOf(right));
      }
    }
  }
}

function literalOf(expression: Expression): string {
  if (expression.kind === "reference") return expression.ref.literal;
  if (expression.kind === "string") return expression.literal;
  return "";
}
