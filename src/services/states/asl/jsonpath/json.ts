/**
 * JSON values as Step Functions sees them, and the few operations on them that must be safe
 * against hostile keys ("__proto__", "constructor"): own-property reads and defineProperty writes.
 */

export type JsonPrimitive = null | boolean | number | string;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** The own property `key` of `obj`, or undefined (never an inherited one such as `constructor`). */
export function getOwn(obj: JsonObject, key: string): JsonValue | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets an own, enumerable property, even for a key like "__proto__" (plain assignment would not). */
export function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A shallow copy of an object that keeps every own key, "__proto__" included. */
export function copyObject(obj: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(obj)) setOwn(out, key, obj[key]);
  return out;
}

/** Structural equality of JSON values (object key order does not matter; -0 equals 0). */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEquals(item, b[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => hasOwn(b, key) && jsonEquals(a[key], b[key]));
}

/** Compact JSON text, as AWS prints values inside error causes ('{"other":1}'). */
export function toJsonText(value: JsonValue): string {
  return JSON.stringify(value);
}

/** Replaces -0 (which JSON.parse gives for "-0") by 0, recursively, so values print and compare as AWS's do. */
export function normalizeJson(value: JsonValue): JsonValue {
  if (typeof value === "number") return Object.is(value, -0) ? 0 : value;
  if (Array.isArray(value)) return value.map(normalizeJson);
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const key of Object.keys(value)) setOwn(out, key, normalizeJson(value[key]));
    return out;
  }
  return value;
}

/**
 * A value rendered the way Java's toString renders the parsed JSON AWS holds: strings as they
 * are, objects as `{a=1, b=[x, y]}`, arrays as `[1, 2]`. States.Format uses this for its
 * arguments (recorded against AWS: an object argument prints as `{Arg1=1, Arg2=[]}`).
 */
export function javaToString(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(javaToString).join(", ")}]`;
  return `{${Object.keys(value).map((key) => `${key}=${javaToString(value[key])}`).join(", ")}}`;
}

/** Parses JSON text into a JsonValue (-0 normalised). Throws SyntaxError on invalid text. */
export function parseJsonText(text: string): JsonValue {
  return normalizeJson(JSON.parse(text) as JsonValue);
}
