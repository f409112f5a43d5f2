/**
 * The comparison operators of JSONPath Choice rules: what each one expects as its operand and
 * what it means for a value. A comparison whose two values are not both of the operator's type
 * is false (no coercion: "5" is not NumericEquals 5). String order is Java's String.compareTo,
 * i.e. by UTF-16 code unit, which is also JavaScript's `<` on strings.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html
 */
import { compareInstants, isTimestamp, parseTimestamp } from "./timestamps.js";

export type Family = "String" | "Numeric" | "Boolean" | "Timestamp" | "StringMatches" | "Is";
export type Relation = "Equals" | "LessThan" | "GreaterThan" | "LessThanEquals" | "GreaterThanEquals";
export type TypeTest = "IsNull" | "IsPresent" | "IsNumeric" | "IsString" | "IsBoolean" | "IsTimestamp";

export interface OperatorSpec {
  readonly name: string;
  readonly family: Family;
  /** For String, Numeric, Boolean and Timestamp comparisons. */
  readonly relation?: Relation;
  /** True for the `...Path` form, whose operand is a path to the other value. */
  readonly path: boolean;
}

/**
 * Every comparison operator, in the order AWS lists them in its "only one of the following
 * fields" messages (observed).
 */
export const COMPARISON_OPERATORS: readonly string[] = [
  "StringEquals", "IsBoolean", "StringLessThan", "IsNumeric", "BooleanEquals", "StringLessThanEqualsPath",
  "NumericLessThan", "NumericGreaterThan", "NumericLessThanPath", "StringMatches", "TimestampLessThanEqualsPath",
  "NumericEquals", "TimestampGreaterThan", "StringGreaterThanEqualsPath", "TimestampGreaterThanEqualsPath",
  "TimestampLessThanEquals", "NumericLessThanEqualsPath", "TimestampEquals", "BooleanEqualsPath", "IsTimestamp",
  "StringLessThanEquals", "NumericLessThanEquals", "StringLessThanPath", "TimestampGreaterThanPath",
  "StringGreaterThan", "StringGreaterThanPath", "IsString", "StringEqualsPath", "TimestampEqualsPath",
  "TimestampLessThan", "StringGreaterThanEquals", "NumericGreaterThanPath", "NumericGreaterThanEquals",
  "NumericEqualsPath", "TimestampLessThanPath", "IsNull", "IsPresent", "TimestampGreaterThanEquals",
  "NumericGreaterThanEqualsPath",
];

const RELATIONS: readonly Relation[] = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"];

function buildSpecs(): Map<string, OperatorSpec> {
  const specs = new Map<string, OperatorSpec>();
  for (const family of ["String", "Numeric", "Timestamp"] as const) {
    for (const relation of RELATIONS) {
      specs.set(`${family}${relation}`, { name: `${family}${relation}`, family, relation, path: false });
      specs.set(`${family}${relation}Path`, { name: `${family}${relation}Path`, family, relation, path: true });
    }
  }
  specs.set("BooleanEquals", { name: "BooleanEquals", family: "Boolean", relation: "Equals", path: false });
  specs.set("BooleanEqualsPath", { name: "BooleanEqualsPath", family: "Boolean", relation: "Equals", path: true });
  specs.set("StringMatches", { name: "StringMatches", family: "StringMatches", path: false });
  for (const name of ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"]) {
    specs.set(name, { name, family: "Is", path: false });
  }
  return specs;
}

export const OPERATOR_SPECS: ReadonlyMap<string, OperatorSpec> = buildSpecs();

/**
 * Orders two values of the family's type: negative, zero or positive; undefined when either
 * value is not of that type (the comparison is then false).
 */
export function compareAs(family: "String" | "Numeric" | "Boolean" | "Timestamp", a: unknown, b: unknown): number | undefined {
  switch (family) {
    case "String":
      if (typeof a !== "string" || typeof b !== "string") return undefined;
      return a < b ? -1 : a > b ? 1 : 0;
    case "Numeric":
      if (typeof a !== "number" || typeof b !== "number") return undefined;
      return a < b ? -1 : a > b ? 1 : 0;
    case "Boolean":
      if (typeof a !== "boolean" || typeof b !== "boolean") return undefined;
      return a === b ? 0 : 1;
    case "Timestamp": {
      if (typeof a !== "string" || typeof b !== "string") return undefined;
      const x = parseTimestamp(a);
      const y = parseTimestamp(b);
      if (x === undefined || y === undefined) return undefined;
      return compareInstants(x, y);
    }
  }
}

export function holds(relation: Relation, order: number): boolean {
  switch (relation) {
    case "Equals":
      return order === 0;
    case "LessThan":
      return order < 0;
    case "GreaterThan":
      return order > 0;
    case "LessThanEquals":
      return order <= 0;
    case "GreaterThanEquals":
      return order >= 0;
  }
}

/** The type tests other than IsPresent, for a value that is present. */
export function typeTest(test: Exclude<TypeTest, "IsPresent">, value: unknown): boolean {
  switch (test) {
    case "IsNull":
      return value === null;
    case "IsNumeric":
      return typeof value === "number";
    case "IsString":
      return typeof value === "string";
    case "IsBoolean":
      return typeof value === "boolean";
    case "IsTimestamp":
      return isTimestamp(value);
  }
}
