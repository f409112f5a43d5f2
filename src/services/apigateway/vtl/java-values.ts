/**
 * The values a mapping template works with, modelled on the Java objects API Gateway's
 * Velocity engine sees, so that printing, comparing and calling methods behave as on AWS:
 *
 * | Java                              | here                                   |
 * |-----------------------------------|----------------------------------------|
 * | null                              | `null`                                 |
 * | String (and char)                 | `string`                               |
 * | Boolean                           | `boolean`                              |
 * | Integer / Long / BigInteger       | `bigint` (exact; Velocity widens on overflow) |
 * | Double                            | `number`                               |
 * | ArrayList, JSONArray, String[]    | `JavaList` (its `flavor` decides toString) |
 * | LinkedHashMap                     | `JavaMap`                              |
 * | $input, $util, $foreach, ...      | a `HostObject`                         |
 */
import { JavaException } from "./errors.js";

export type JavaValue = null | string | boolean | bigint | number | JavaList | JavaMap | HostObject;

/**
 * - `arraylist`: java.util.ArrayList (template list literals, keySet(), values()): prints `[a, b]`.
 * - `jsonarray`: json-smart's JSONArray, what JSONPath returns for a JSON array: prints as JSON.
 * - `array`: String[] from String.split(): fixed size, prints as `[Ljava.lang.String;@hash`.
 */
export type ListFlavor = "arraylist" | "jsonarray" | "array";

let identityCounter = 0x1b6d3586;

export class JavaList {
  /** Stand-in for System.identityHashCode, used only when a String[] is printed. */
  readonly identity = (identityCounter = (identityCounter * 1103515245 + 12345) >>> 0);

  constructor(
    public items: JavaValue[],
    readonly flavor: ListFlavor = "arraylist",
  ) {}
}

export class JavaMap {
  readonly entries: Map<string, JavaValue>;

  /**
   * @param writeOnce a key may be put only once (API Gateway's request/response override maps:
   *   "Trying to override the same parameter multiple times will result in 5XX responses").
   */
  constructor(entries?: Iterable<[string, JavaValue]>, readonly writeOnce = false) {
    this.entries = new Map(entries);
  }

  get(key: string): JavaValue {
    return this.entries.has(key) ? (this.entries.get(key) as JavaValue) : null;
  }

  put(key: string, value: JavaValue): JavaValue {
    const previous = this.get(key);
    if (this.writeOnce && this.entries.has(key)) {
      throw new JavaException("java.lang.IllegalStateException", `the override '${key}' is already set; an override may be set only once`);
    }
    this.entries.set(key, value);
    return previous;
  }
}

/** Marker for "this object has no such method/property" (Velocity then yields null). */
export const NO_SUCH = Symbol("no-such-member");
export type Lookup = JavaValue | typeof NO_SUCH;

/** An object provided by the engine ($input, $util, $foreach, Map.Entry, a Class, a #define block). */
export abstract class HostObject {
  abstract readonly javaClass: string;
  getProperty(_name: string): Lookup {
    return NO_SUCH;
  }
  invoke(_name: string, _args: JavaValue[]): Lookup {
    return NO_SUCH;
  }
  /** Setter used by `#set($obj.name = value)`; false when there is none. */
  setProperty(_name: string, _value: JavaValue): boolean {
    return false;
  }
  toJavaString(): string {
    return `${this.javaClass}@${(0x5e9d4a3b).toString(16)}`;
  }
}

/** java.lang.Class, for `$x.class` / `$x.getClass()`. */
export class JavaClassObject extends HostObject {
  readonly javaClass = "java.lang.Class";
  constructor(readonly name: string) {
    super();
  }
  override getProperty(name: string): Lookup {
    if (name === "name") return this.name;
    if (name === "simpleName") return this.simpleName();
    return NO_SUCH;
  }
  override invoke(name: string, args: JavaValue[]): Lookup {
    if (args.length !== 0) return NO_SUCH;
    if (name === "getName") return this.name;
    if (name === "getSimpleName") return this.simpleName();
    if (name === "toString") return this.toJavaString();
    return NO_SUCH;
  }
  private simpleName(): string {
    return this.name.startsWith("[L") ? this.name.slice(2, -1).split(".").pop() + "[]" : (this.name.split(".").pop() as string);
  }
  override toJavaString(): string {
    return `class ${this.name}`;
  }
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

export function javaClassName(value: JavaValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return "java.lang.String";
    case "boolean":
      return "java.lang.Boolean";
    case "number":
      return "java.lang.Double";
    case "bigint":
      if (value >= INT_MIN && value <= INT_MAX) return "java.lang.Integer";
      return value >= LONG_MIN && value <= LONG_MAX ? "java.lang.Long" : "java.math.BigInteger";
  }
  if (value instanceof JavaList) {
    return value.flavor === "jsonarray" ? "net.minidev.json.JSONArray" : value.flavor === "array" ? "[Ljava.lang.String;" : "java.util.ArrayList";
  }
  if (value instanceof JavaMap) return "java.util.LinkedHashMap";
  return value.javaClass;
}

/**
 * java.lang.Double.toString: plain notation with at least one fraction digit when
 * 10^-3 <= |d| < 10^7, computerized scientific notation (`1.0E7`, `1.5E-4`) otherwise. The digits
 * are the shortest that identify the double (what JDK 19+ prints; JavaScript chooses the same).
 */
export function formatJavaDouble(d: number): string {
  if (Number.isNaN(d)) return "NaN";
  if (d === Infinity) return "Infinity";
  if (d === -Infinity) return "-Infinity";
  if (d === 0) return Object.is(d, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(d);
  let [mantissa, exponentText] = abs.toExponential().split("e");
  // With a one-digit shortest form, Java picks the two-digit decimal nearest the exact value
  // (Double.MIN_VALUE prints 4.9E-324, not 5.0E-324).
  if (mantissa.length === 1) [mantissa, exponentText] = abs.toExponential(1).split("e");
  const digits = mantissa.replace(".", "").replace(/(?<=.)0+$/, "");
  const exponent = Number(exponentText);
  let text: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const integerPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
      text = `${integerPart}.${digits.slice(exponent + 1) || "0"}`;
    } else {
      text = `0.${"0".repeat(-exponent - 1)}${digits}`;
    }
  } else {
    text = `${digits[0]}.${digits.slice(1) || "0"}E${exponent}`;
  }
  return d < 0 ? `-${text}` : text;
}

/** String.valueOf(value): what Java prints for the value (null prints "null"). */
export function javaToString(value: JavaValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return value.toString();
    case "number":
      return formatJavaDouble(value);
  }
  if (value instanceof JavaList) {
    if (value.flavor === "jsonarray") return toJson(value);
    if (value.flavor === "array") return `[Ljava.lang.String;@${value.identity.toString(16)}`;
    return `[${value.items.map((item) => (item === value ? "(this Collection)" : javaToString(item))).join(", ")}]`;
  }
  if (value instanceof JavaMap) {
    const parts: string[] = [];
    for (const [key, item] of value.entries) parts.push(`${key}=${item === value ? "(this Map)" : javaToString(item)}`);
    return `{${parts.join(", ")}}`;
  }
  return value.toJavaString();
}

/** What a reference renders as in the output: API Gateway prints null references as "". */
export function renderValue(value: JavaValue): string {
  return value === null ? "" : javaToString(value);
}

/** JSON string literal: quotes, backslashes and control characters escaped. */
export function jsonQuote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (code < 0x20) {
      if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (ch === "\b") out += "\\b";
      else if (ch === "\f") out += "\\f";
      else out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * Compact JSON of a value, as `$input.json()` returns it and a JSONArray prints: numbers the
 * Java way (a Double keeps its `.0`: 10.00 becomes 10.0), no spaces.
 */
export function toJson(value: JavaValue): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return jsonQuote(value);
    case "boolean":
    case "bigint":
    case "number":
      return javaToString(value);
  }
  if (value instanceof JavaList) return `[${value.items.map(toJson).join(",")}]`;
  if (value instanceof JavaMap) {
    const parts: string[] = [];
    for (const [key, item] of value.entries) parts.push(`${jsonQuote(key)}:${toJson(item)}`);
    return `{${parts.join(",")}}`;
  }
  return jsonQuote(value.toJavaString());
}

/** Objects.equals: what List.contains, Map.containsValue and .equals() use. */
export function javaEquals(a: JavaValue, b: JavaValue): boolean {
  if (a === null || b === null) return a === b;
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || (a === b && a !== 0);
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  if (a instanceof JavaList && b instanceof JavaList) {
    return a.items.length === b.items.length && a.items.every((item, i) => javaEquals(item, b.items[i]));
  }
  if (a instanceof JavaMap && b instanceof JavaMap) {
    if (a.entries.size !== b.entries.size) return false;
    for (const [key, item] of a.entries) {
      if (!b.entries.has(key) || !javaEquals(item, b.get(key))) return false;
    }
    return true;
  }
  return a === b;
}

export function isNumber(value: JavaValue): value is bigint | number {
  return typeof value === "bigint" || typeof value === "number";
}

/** A Java int argument from a template value (Velocity unboxes Integer/Long, never narrows a Double). */
export function asIntArgument(value: JavaValue): number | undefined {
  if (typeof value !== "bigint") return undefined;
  return Number(BigInt.asIntN(32, value));
}

/**
 * A plain JavaScript value (the `$context` object, stage variables, parameters) as the Java
 * value the template sees: objects become maps in insertion order, arrays lists, integral
 * numbers Integer/Long, other numbers Double.
 */
export function fromJs(value: unknown): JavaValue {
  if (value === null || value === undefined) return null;
  if (value instanceof JavaList || value instanceof JavaMap || value instanceof HostObject) return value;
  switch (typeof value) {
    case "string":
    case "boolean":
    case "bigint":
      return value;
    case "number":
      return Number.isInteger(value) ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return new JavaList(value.map(fromJs));
  if (typeof value === "object") {
    return new JavaMap(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJs(v)] as [string, JavaValue]));
  }
  return String(value);
}
