/**
 * Reads one field's array of alternatives (`"field": ["a", 5, {"prefix": "x"}, …]`) into
 * matchers, checking each alternative in document order with AWS's sentences.
 *
 * The checks, their order and the position each error names follow event-ruler's
 * JsonRuleCompiler (the library behind SNS filter policies and EventBridge patterns), which reads
 * the pattern with a Jackson streaming parser: an error is reported where the parser's pointer
 * stood when the problem became visible (`afterToken`, `afterText`, or the end of an array).
 * https://github.com/aws/event-ruler (JsonRuleCompiler.processMatchExpression)
 */
import { CidrError, parseCidr } from "./cidr.js";
import { afterText, afterToken, tokenText, type JsonArray, type JsonNode, type JsonObject } from "./json-text.js";
import type { MatchType, ModeRules } from "./modes.js";
import { comparable, type NumericRange } from "./numbers.js";
import {
  AnythingButAny,
  AnythingButIgnoreCase,
  AnythingButNumbers,
  AnythingButStrings,
  Cidr,
  EqualsIgnoreCase,
  ExactNumber,
  ExactStrings,
  Literal,
  Numeric,
  Prefix,
  Suffix,
  Wildcard,
  type ValueMatcher,
} from "./value-matchers.js";
import { WildcardError, wildcardRegExp } from "./wildcard.js";

export interface OperatorContext {
  rules: ModeRules;
  /** Throws the mode's error; `pointer` gives Jackson's location, `doubled` repeats it (see below). */
  fail(reason: string, pointer?: number, doubled?: boolean): never;
}

/** What one field of a pattern asks for: any alternative may match. */
export interface FieldSpec {
  matchers: ValueMatcher[];
  /** `{"exists": true}` among the alternatives: any value at all will do. */
  existsTrue: boolean;
  /** `{"exists": false}` among the alternatives: the field's absence will do. */
  existsFalse: boolean;
}

const MATCH_TYPES: ReadonlySet<string> = new Set<MatchType>(["prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but", "numeric", "exists", "cidr"]);
const ONE_KEY = "Only one key allowed in match expression";
const TOO_MANY_ELEMENTS = "Too many elements in numeric expression";
const ANYTHING_BUT_VALUE = "Value of anything-but must be an array or single string/number value.";

/** A field's array of alternatives. */
export function fieldSpec(array: JsonArray, c: OperatorContext): FieldSpec {
  const spec: FieldSpec = { matchers: [], existsTrue: false, existsFalse: false };
  const exact = new Set<string>();
  for (const item of array.items) {
    switch (item.kind) {
      case "object": {
        const alt = matchExpression(item, c);
        if (typeof alt === "boolean") {
          if (alt) spec.existsTrue = true;
          else spec.existsFalse = true;
        } else {
          spec.matchers.push(alt);
        }
        break;
      }
      case "string":
        exact.add(item.value);
        break;
      case "number":
        spec.matchers.push(new ExactNumber(item.value, { limit: c.rules.numberLimit }));
        break;
      case "true":
      case "false":
      case "null":
        spec.matchers.push(new Literal(item.kind === "null" ? null : item.kind === "true"));
        break;
      default:
        c.fail("Match value must be String, number, true, false, or null", afterToken(item));
    }
  }
  if (array.items.length === 0) c.fail("Empty arrays are not allowed", array.end);
  if (exact.size > 0) spec.matchers.unshift(new ExactStrings(exact));
  return spec;
}

/** `{ "<operator>": operand }`: a matcher, or true/false for `exists`. */
function matchExpression(node: JsonObject, c: OperatorContext): ValueMatcher | boolean {
  const first = node.entries[0];
  if (!first) c.fail("Match expression name not found", node.end);
  const { key: name, value } = first;
  if (!MATCH_TYPES.has(name) || !c.rules.matchTypes.has(name as MatchType)) c.fail(`Unrecognized match type ${name}`, afterToken(value));
  let result: ValueMatcher | boolean;
  switch (name as MatchType) {
    case "prefix":
    case "suffix":
      result = affix(name as "prefix" | "suffix", value, c);
      break;
    case "equals-ignore-case":
      if (value.kind !== "string") c.fail("equals-ignore-case match pattern must be a string", afterToken(value));
      result = new EqualsIgnoreCase(value.value);
      break;
    case "wildcard":
      if (value.kind !== "string") c.fail("wildcard match pattern must be a string", afterToken(value));
      result = new Wildcard(checkedWildcard(value.value, afterText(value), c));
      break;
    case "numeric":
      if (value.kind !== "array") c.fail("Value of numeric must be an array.", afterToken(value));
      result = new Numeric(numericRange(value, c), { limit: c.rules.numberLimit });
      if (node.entries.length > 1) c.fail(TOO_MANY_ELEMENTS, afterToken(node.entries[1].value));
      return result;
    case "anything-but":
      return anythingBut(value, node, c);
    case "exists":
      if (value.kind !== "true" && value.kind !== "false") c.fail("exists match pattern must be either true or false.", afterToken(value));
      result = value.kind === "true";
      break;
    case "cidr":
      // event-ruler's message for a non-string CIDR names "prefix" (a copy-paste kept by AWS).
      if (value.kind !== "string") c.fail("prefix match pattern must be a string", afterToken(value));
      try {
        result = new Cidr(parseCidr(value.value));
      } catch (err) {
        if (err instanceof CidrError) c.fail(err.message);
        throw err;
      }
      break;
  }
  if (node.entries.length > 1) c.fail(ONE_KEY, afterToken(node.entries[1].value));
  return result;
}

/** `{"prefix": "x"}`, and in EventBridge `{"prefix": {"equals-ignore-case": "x"}}` (same for suffix). */
function affix(name: "prefix" | "suffix", value: JsonNode, c: OperatorContext): ValueMatcher {
  const make = (text: string, ignoreCase: boolean) => (name === "prefix" ? new Prefix(text, ignoreCase) : new Suffix(text, ignoreCase));
  if (value.kind === "object" && c.rules.affixIgnoreCase) {
    const inner = value.entries[0];
    const label = name === "prefix" ? "Prefix" : "Suffix";
    if (!inner) c.fail(`${label} expression name not found`, value.end);
    if (inner.key !== "equals-ignore-case") c.fail(`Unsupported ${name} pattern: ${inner.key}`, afterToken(inner.value));
    if (inner.value.kind !== "string") c.fail("equals-ignore-case match pattern must be a string", afterToken(inner.value));
    if (value.entries.length > 1) c.fail(ONE_KEY, afterToken(value.entries[1].value));
    return make(inner.value.value, true);
  }
  if (value.kind !== "string") c.fail(`${name} match pattern must be a string`, afterToken(value));
  return make(value.value, false);
}

function checkedWildcard(pattern: string, pointer: number, c: OperatorContext): RegExp {
  try {
    return wildcardRegExp(pattern);
  } catch (err) {
    if (err instanceof WildcardError) c.fail(err.message, pointer);
    throw err;
  }
}

function rangeError(c: OperatorContext): string {
  const t = c.rules.numberLimitText;
  return `Value must be between -${t} and ${t}, inclusive`;
}

/** A pattern number as a comparable key; outside the range it is refused at `pointer`. */
function key(n: number, pointer: number | undefined, c: OperatorContext): number {
  const k = comparable(n, { limit: c.rules.numberLimit });
  if (k === undefined) c.fail(rangeError(c), pointer);
  return k;
}

/** `["=", 5]`, `[">", 0]`, `["<=", 9]`, `[">", 0, "<=", 5]` … */
function numericRange(arr: JsonArray, c: OperatorContext): NumericRange {
  const items = arr.items;
  const at = (i: number) => (i < items.length ? afterToken(items[i]) : arr.end);
  const t0 = items[0];
  if (t0?.kind !== "string") c.fail(`Invalid member in numeric match: ${tokenText(t0)}`, at(0));
  const op = t0.value;
  const t1 = items[1];
  if (op !== "=" && op !== ">" && op !== ">=" && op !== "<" && op !== "<=") c.fail(`Unrecognized numeric range operator: ${op}`, at(1));
  if (t1?.kind !== "number") c.fail(`Value of ${op === "=" ? "equals" : op} must be numeric`, at(1));
  if (op === "=" || op === "<" || op === "<=") {
    if (items.length > 2) c.fail(TOO_MANY_ELEMENTS, at(2));
    const k = key(t1.value, arr.end, c);
    if (op === "=") return { low: k, lowOpen: false, high: k, highOpen: false };
    return { lowOpen: false, high: k, highOpen: op === "<" };
  }
  if (items.length === 2) return { low: key(t1.value, arr.end, c), lowOpen: op === ">", highOpen: false };
  const t2 = items[2];
  if (t2.kind !== "string") c.fail(`Bad value in numeric range: ${tokenText(t2)}`, afterToken(t2));
  const op2 = t2.value;
  if (op2 !== "<" && op2 !== "<=") c.fail(`Bad numeric range operator: ${op2}`, afterText(t2));
  const t3 = items[3];
  if (t3?.kind !== "number") c.fail(`Value of ${op2} must be numeric`, at(3));
  if (items.length > 4) c.fail("Too many terms in numeric range expression", at(4));
  if (t1.value >= t3.value) c.fail("Bottom must be less than top", arr.end);
  return { low: key(t1.value, arr.end, c), lowOpen: op === ">", high: key(t3.value, arr.end, c), highOpen: op2 === "<" };
}

/**
 * `{"anything-but": …}`: a string, a number, a list of strings or of numbers, or (by mode)
 * `{"prefix" | "suffix" | "wildcard" | "equals-ignore-case": …}`.
 * Errors raised inside event-ruler's list loops are re-wrapped, so AWS repeats their location;
 * `doubled` reproduces that.
 */
function anythingBut(value: JsonNode, outer: JsonObject, c: OperatorContext): ValueMatcher {
  // A second operator beside anything-but: event-ruler reports it with its numeric sentence,
  // except after the prefix / suffix / wildcard forms, which check it themselves.
  const rest = () => {
    if (outer.entries.length > 1) c.fail(TOO_MANY_ELEMENTS, afterToken(outer.entries[1].value));
  };
  if (value.kind === "object") return anythingButObject(value, outer, c, rest);
  let matcher: ValueMatcher;
  if (value.kind === "array") {
    const strings: string[] = [];
    const keys: number[] = [];
    for (const item of value.items) {
      if (item.kind === "string") strings.push(item.value);
      else if (item.kind === "number") keys.push(key(item.value, afterToken(item), c));
      else c.fail("Inside anything but list, start|null|boolean is not supported.", afterToken(item), true);
    }
    if ((strings.length > 0) === (keys.length > 0)) c.fail("Inside anything but list, either all values are number or string, mixed type is not supported", value.end);
    matcher = strings.length > 0 ? new AnythingButStrings(new Set(strings)) : new AnythingButNumbers(new Set(keys), { limit: c.rules.numberLimit });
  } else if (value.kind === "string") {
    matcher = new AnythingButStrings(new Set([value.value]));
  } else if (value.kind === "number") {
    // event-ruler lets this range error escape without a location.
    matcher = new AnythingButNumbers(new Set([key(value.value, undefined, c)]), { limit: c.rules.numberLimit });
  } else {
    return c.fail(ANYTHING_BUT_VALUE, afterToken(value));
  }
  rest();
  return matcher;
}

function anythingButObject(node: JsonObject, outer: JsonObject, c: OperatorContext, rest: () => void): ValueMatcher {
  const inner = node.entries[0];
  if (!inner) c.fail("Anything-But expression name not found", node.end);
  const { key: op, value } = inner;
  const allowed = c.rules.anythingBut as ReadonlySet<string>;
  if (!allowed.has(op)) c.fail(`Unsupported anything-but pattern: ${op}`, afterToken(value));
  let matcher: ValueMatcher;
  if (op === "equals-ignore-case") {
    const IGNORE_CASE_TYPES = "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.";
    if (value.kind === "array") {
      const strings: string[] = [];
      for (const item of value.items) {
        if (item.kind !== "string") c.fail(IGNORE_CASE_TYPES, afterToken(item), true);
        strings.push(item.value);
      }
      matcher = new AnythingButIgnoreCase(strings);
    } else if (value.kind === "string") {
      matcher = new AnythingButIgnoreCase([value.value]);
    } else if (value.kind === "number") {
      return c.fail(IGNORE_CASE_TYPES, afterToken(value));
    } else {
      return c.fail(ANYTHING_BUT_VALUE, afterToken(value));
    }
    if (node.entries.length > 1) c.fail(TOO_MANY_ELEMENTS, afterToken(node.entries[1].value));
    rest();
    return matcher;
  }
  const label = op === "wildcard" ? "wildcard" : "prefix/suffix";
  const one = (item: JsonNode & { kind: "string" }): ValueMatcher => {
    if (op === "wildcard") return new Wildcard(checkedWildcard(item.value, afterText(item), c));
    if (item.value === "") c.fail("Null prefix/suffix not allowed", afterText(item));
    return op === "prefix" ? new Prefix(item.value, false) : new Suffix(item.value, false);
  };
  if (value.kind === "object") c.fail(ANYTHING_BUT_VALUE, afterToken(value));
  if (value.kind === "array" && c.rules.anythingButAffixLists) {
    const excluded: ValueMatcher[] = [];
    for (const item of value.items) {
      if (item.kind !== "string") c.fail(`${label} match pattern must be a string`, afterToken(item), true);
      excluded.push(one(item));
    }
    matcher = new AnythingButAny(excluded);
  } else {
    if (value.kind !== "string") c.fail(`${label} match pattern must be a string`, afterToken(value));
    matcher = new AnythingButAny([one(value)]);
  }
  if (node.entries.length > 1) c.fail(ONE_KEY, afterToken(node.entries[1].value));
  if (outer.entries.length > 1) c.fail(ONE_KEY, afterToken(outer.entries[1].value));
  return matcher;
}
