/**
 * Velocity 1.7's operators on Java values:
 * - truth (`#if($x)`): only null and false are false; "" and 0 and an empty list are true;
 * - `==` / `!=`: numbers by value (1 == 1.0), objects of the same class with equals(),
 *   anything else by comparing their toString() (so `$bool == "true"` and `1 == "1"` hold);
 * - `<` `<=` `>` `>=`: numbers only, anything else is false;
 * - arithmetic: Integer/Long stay integral and exact (10 / 3 is 3, no overflow), a Double makes
 *   the result a Double, division or modulo by zero is null; `+` with a String concatenates.
 */
import type { BinaryOperator } from "./ast.js";
import { JavaList, JavaMap, HostObject, isNumber, javaEquals, javaToString, type JavaValue } from "./java-values.js";

export function isTruthy(value: JavaValue): boolean {
  if (value === null) return false;
  return typeof value === "boolean" ? value : true;
}

function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Class.isAssignableFrom in either direction, for the value kinds templates meet. */
function assignable(a: Exclude<JavaValue, null>, b: Exclude<JavaValue, null>): boolean {
  if (typeof a !== "object" || typeof b !== "object") return typeof a === typeof b;
  if (a instanceof JavaList && b instanceof JavaList) return (a.flavor === "array") === (b.flavor === "array");
  if (a instanceof JavaMap && b instanceof JavaMap) return true;
  return a instanceof HostObject && b instanceof HostObject && a.javaClass === b.javaClass;
}

export function velocityEquals(left: JavaValue, right: JavaValue): boolean {
  if (isNumber(left) && isNumber(right)) return compareNumbers(left, right) === 0;
  if (left !== null && right !== null && assignable(left, right)) return javaEquals(left, right);
  const l = left === null ? null : javaToString(left);
  const r = right === null ? null : javaToString(right);
  return l === r;
}

export function compare(operator: "<" | "<=" | ">" | ">=", left: JavaValue, right: JavaValue): boolean {
  if (!isNumber(left) || !isNumber(right)) return false;
  if (typeof left === "number" && Number.isNaN(left)) return false;
  if (typeof right === "number" && Number.isNaN(right)) return false;
  const c = compareNumbers(left, right);
  return operator === "<" ? c < 0 : operator === "<=" ? c <= 0 : operator === ">" ? c > 0 : c >= 0;
}

/**
 * `+ - * / %`. `leftLiteral`/`rightLiteral` give the source text of an operand: a null operand of
 * a String concatenation is printed as written (Velocity's `"a" + $nothing` is `a$nothing`).
 */
export function arithmetic(
  operator: Extract<BinaryOperator, "+" | "-" | "*" | "/" | "%">,
  left: JavaValue,
  right: JavaValue,
  leftLiteral: () => string,
  rightLiteral: () => string,
): JavaValue {
  if (operator === "+" && (typeof left === "string" || typeof right === "string")) {
    return (left === null ? leftLiteral() : javaToString(left)) + (right === null ? rightLiteral() : javaToString(right));
  }
  if (!isNumber(left) || !isNumber(right)) return null;
  if ((operator === "/" || operator === "%") && Number(right) === 0) return null;
  if (typeof left === "bigint" && typeof right === "bigint") {
    switch (operator) {
      case "+":
        return left + right;
      case "-":
        return left - right;
      case "*":
        return left * right;
      case "/":
        return left / right;
      case "%":
        return left % right;
    }
  }
  const x = Number(left);
  const y = Number(right);
  switch (operator) {
    case "+":
      return x + y;
    case "-":
      return x - y;
    case "*":
      return x * y;
    case "/":
      return x / y;
    case "%":
      return x % y;
  }
}
