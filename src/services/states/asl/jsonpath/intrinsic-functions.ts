/**
 * The 18 intrinsic functions of the Amazon States Language, applied to evaluated arguments.
 * Argument and data problems raise States.IntrinsicFailure.
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
import { createHash, randomUUID } from "node:crypto";
import type { JsonObject, JsonValue } from "./json.js";
import { copyObject, isJsonObject, javaToString, jsonEquals, parseJsonText, setOwn, toJsonText } from "./json.js";
import { intrinsicFailure } from "./errors.js";
import type { StatesError } from "./errors.js";
import type { FormatPart, IntrinsicCall, IntrinsicName } from "./intrinsic-parser.js";
import { JavaRandom } from "./java-random.js";
import { ARRAY_RANGE_MAX_ITEMS, BASE64_MAX_CHARS, HASH_MAX_CHARS, MATH_INT_MAX, MATH_INT_MIN } from "./limits.js";
import { intrinsicArgumentsInvalid } from "./messages.js";

export interface IntrinsicOptions {
  /** Source of unseeded States.MathRandom draws, a number in [0, 1). Default: Math.random. */
  random?: () => number;
  /** Source of States.UUID values. Default: crypto.randomUUID (version 4). */
  uuid?: () => string;
}

type Impl = (args: JsonValue[], call: IntrinsicCall, options: IntrinsicOptions) => JsonValue;

/** The hashing algorithms States.Hash accepts. */
export const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: "md5",
  "SHA-1": "sha1",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
};

function fail(name: string, detail: string): StatesError {
  return intrinsicFailure(intrinsicArgumentsInvalid(name, detail));
}

const ORDINALS = ["first", "second", "third"];

function typeName(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

function expectType<T extends JsonValue>(name: string, args: JsonValue[], i: number, wanted: string, ok: (v: JsonValue) => v is T): T {
  const value = args[i];
  if (!ok(value)) throw fail(name, `the ${ORDINALS[i] ?? `#${i + 1}`} argument must be ${wanted}, not ${typeName(value)}`);
  return value;
}

const isString = (v: JsonValue): v is string => typeof v === "string";
const isNumber = (v: JsonValue): v is number => typeof v === "number";
const isArray = (v: JsonValue): v is JsonValue[] => Array.isArray(v);
const isInteger = (v: JsonValue): v is number => typeof v === "number" && Number.isInteger(v);
const isBoolean = (v: JsonValue): v is boolean => typeof v === "boolean";

/** Java's Math.round: half rounds up (towards positive infinity). MathAdd and MathRandom round this way. */
export function javaRound(n: number): number {
  const r = Math.floor(n + 0.5);
  return Object.is(r, -0) ? 0 : r;
}

function toJavaInt(name: string, n: number, which: string): number {
  const r = javaRound(n);
  if (r < MATH_INT_MIN || r > MATH_INT_MAX) throw fail(name, `the ${which} must be between ${MATH_INT_MIN} and ${MATH_INT_MAX}`);
  return r;
}

function checkLength(name: string, text: string, max: number): void {
  if (text.length > max) throw fail(name, `the input string must not exceed ${max} characters`);
}

/** The pieces of a template read from data (not a literal): every `{}` is a placeholder. */
function splitTemplate(template: string): FormatPart[] {
  const parts: FormatPart[] = [];
  for (const [i, text] of template.split("{}").entries()) {
    if (i > 0) parts.push(null);
    parts.push(text);
  }
  return parts;
}

const BASE64 = /^[A-Za-z0-9+/]*$/;

function decodeBase64(name: string, text: string): string {
  const body = text.replace(/={1,2}$/, "");
  const padded = body.length !== text.length;
  if (!BASE64.test(body) || body.length % 4 === 1 || (padded && text.length % 4 !== 0)) {
    throw fail(name, "the input string is not valid Base64");
  }
  return Buffer.from(body, "base64").toString("utf8");
}

const IMPLEMENTATIONS: Record<IntrinsicName, Impl> = {
  "States.Format": (args, call) => {
    const name = call.name;
    const template = expectType(name, args, 0, "a string", isString);
    const first = call.args[0];
    const parts = first.kind === "literal" && first.formatParts ? first.formatParts : splitTemplate(template);
    const placeholders = parts.filter((p) => p === null).length;
    if (placeholders !== args.length - 1) {
      throw fail(name, `the format string has ${placeholders} placeholder(s) but ${args.length - 1} value(s) were given`);
    }
    let k = 1;
    return parts.map((p) => (p === null ? javaToString(args[k++]) : p)).join("");
  },
  "States.StringToJson": (args, call) => {
    const text = expectType(call.name, args, 0, "a string", isString);
    if (text.trim() === "") return null; // recorded against AWS: "" and " " give null
    try {
      return parseJsonText(text);
    } catch {
      throw fail(call.name, "the argument is not a valid JSON string");
    }
  },
  "States.JsonToString": (args) => toJsonText(args[0]),
  "States.Array": (args) => [...args],
  "States.ArrayPartition": (args, call) => {
    const array = expectType(call.name, args, 0, "an array", isArray);
    const size = args[1];
    if (!isInteger(size) || size <= 0) throw fail(call.name, "the chunk size must be a positive, non-zero integer");
    const chunks: JsonValue[] = [];
    for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
    return chunks;
  },
  "States.ArrayContains": (args, call) => {
    const array = expectType(call.name, args, 0, "an array", isArray);
    return array.some((item) => jsonEquals(item, args[1]));
  },
  "States.ArrayRange": (args, call) => {
    const [start, end, step] = [0, 1, 2].map((i) => expectType(call.name, args, i, "an integer", isInteger));
    if (step === 0) throw fail(call.name, "the step (third argument) must not be zero");
    const count = (step > 0 ? start <= end : start >= end) ? Math.floor((end - start) / step) + 1 : 0;
    if (count > ARRAY_RANGE_MAX_ITEMS) {
      throw fail(call.name, `the array would contain ${count} items; it can't contain more than ${ARRAY_RANGE_MAX_ITEMS}`);
    }
    return Array.from({ length: count }, (_, i) => start + i * step);
  },
  "States.ArrayGetItem": (args, call) => {
    const array = expectType(call.name, args, 0, "an array", isArray);
    const index = expectType(call.name, args, 1, "an integer", isInteger);
    if (index < 0 || index >= array.length) {
      throw fail(call.name, `the index ${index} is out of bounds for an array of ${array.length} item(s)`);
    }
    return array[index];
  },
  "States.ArrayLength": (args, call) => expectType(call.name, args, 0, "an array", isArray).length,
  "States.ArrayUnique": (args, call) => {
    const array = expectType(call.name, args, 0, "an array", isArray);
    const unique: JsonValue[] = [];
    for (const item of array) if (!unique.some((u) => jsonEquals(u, item))) unique.push(item);
    return unique;
  },
  "States.Base64Encode": (args, call) => {
    const text = expectType(call.name, args, 0, "a string", isString);
    checkLength(call.name, text, BASE64_MAX_CHARS);
    return Buffer.from(text, "utf8").toString("base64");
  },
  "States.Base64Decode": (args, call) => {
    const text = expectType(call.name, args, 0, "a string", isString);
    checkLength(call.name, text, BASE64_MAX_CHARS);
    return decodeBase64(call.name, text);
  },
  "States.Hash": (args, call) => {
    const data = expectType(call.name, args, 0, "a string", isString);
    const algorithm = expectType(call.name, args, 1, "a string", isString);
    checkLength(call.name, data, HASH_MAX_CHARS);
    const nodeName = Object.prototype.hasOwnProperty.call(HASH_ALGORITHMS, algorithm) ? HASH_ALGORITHMS[algorithm] : undefined;
    if (!nodeName) {
      throw fail(call.name, `the hashing algorithm must be one of ${Object.keys(HASH_ALGORITHMS).join(", ")}, not '${algorithm}'`);
    }
    return createHash(nodeName).update(data, "utf8").digest("hex");
  },
  "States.JsonMerge": (args, call) => {
    const left = expectType(call.name, args, 0, "an object", isJsonObject);
    const right = expectType(call.name, args, 1, "an object", isJsonObject);
    const deep = expectType(call.name, args, 2, "a boolean", isBoolean);
    if (deep) throw fail(call.name, "only a shallow merge is supported: the third argument must be false");
    const merged: JsonObject = copyObject(left);
    for (const key of Object.keys(right)) setOwn(merged, key, right[key]);
    return merged;
  },
  "States.MathRandom": (args, call, options) => {
    const start = toJavaInt(call.name, expectType(call.name, args, 0, "a number", isNumber), "start number");
    const end = toJavaInt(call.name, expectType(call.name, args, 1, "a number", isNumber), "end number");
    if (end <= start) throw fail(call.name, "the end number must be greater than the start number");
    const span = end - start;
    if (args.length === 3) {
      const seed = toJavaInt(call.name, expectType(call.name, args, 2, "a number", isNumber), "seed");
      if (span > MATH_INT_MAX) throw fail(call.name, "the range between the start and end numbers is too large");
      return start + new JavaRandom(seed).nextIntBounded(span);
    }
    const draw = (options.random ?? Math.random)();
    return start + Math.min(span - 1, Math.floor(draw * span));
  },
  "States.MathAdd": (args, call) => {
    const a = toJavaInt(call.name, expectType(call.name, args, 0, "a number", isNumber), "first argument");
    const b = toJavaInt(call.name, expectType(call.name, args, 1, "a number", isNumber), "second argument");
    return a + b;
  },
  "States.StringSplit": (args, call) => {
    const text = expectType(call.name, args, 0, "a string", isString);
    const delimiters = new Set(expectType(call.name, args, 1, "a string", isString));
    const tokens: string[] = [];
    let current = "";
    for (const ch of text) {
      if (delimiters.has(ch)) {
        if (current) tokens.push(current);
        current = "";
      } else {
        current += ch;
      }
    }
    if (current) tokens.push(current);
    return tokens;
  },
  "States.UUID": (_args, _call, options) => (options.uuid ?? randomUUID)(),
};

/** Applies the function `call.name` to already evaluated arguments. */
export function applyIntrinsic(call: IntrinsicCall, args: JsonValue[], options: IntrinsicOptions = {}): JsonValue {
  return IMPLEMENTATIONS[call.name](args, call, options);
}
