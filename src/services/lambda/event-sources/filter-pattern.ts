/**
 * Event filtering for event-source mappings: `FilterCriteria.Filters[].Pattern`, an
 * EventBridge-style JSON pattern matched against each record (for SQS, with `body` parsed as
 * JSON when it is a JSON object). A record passes when any filter matches.
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 *
 * Pattern shape: an object whose keys name fields of the record. A value that is an object
 * descends into that field; a value that is an array lists the alternatives a field's value
 * may match (OR). Several keys must all match (AND). `$or: [pattern, …]` matches when any of
 * its sub-patterns does. When the record's field is an array, the alternatives match if any
 * element matches.
 *
 * Alternatives covered:
 *   "text", 12, true, null        exact value (numbers compare numerically); `""` is Empty
 *   {"prefix": "x"}               begins with (also {"prefix": {"equals-ignore-case": "x"}})
 *   {"suffix": "x"}               ends with (also {"suffix": {"equals-ignore-case": "x"}})
 *   {"equals-ignore-case": "x"}   case-insensitive equality
 *   {"wildcard": "a*b"}           `*` matches any run of characters
 *   {"anything-but": v | [v…] | {"prefix"|"suffix"|"equals-ignore-case": …}}   Not
 *   {"numeric": [">", 0, "<=", 5]} numeric comparisons (=, <, <=, >, >=) on JSON numbers
 *   {"exists": true | false}      field present / absent
 *
 * Lambda's engine, SNS filter policies and EventBridge rules are the same family: when SNS and
 * EventBridge arrive this file is the seed of the shared matcher (DESIGN §4).
 */

export type Pattern = { [key: string]: Pattern | unknown[] };

export class InvalidPatternError extends Error {}

const NUMERIC_OPERATORS = new Set(["=", "<", "<=", ">", ">="]);
const STRING_OPERATORS = new Set(["prefix", "suffix", "equals-ignore-case", "wildcard"]);

/** Parses and checks a pattern; throws InvalidPatternError when it is not one. */
export function parsePattern(text: string): Pattern {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidPatternError("not JSON");
  }
  checkObject(value, "");
  return value as Pattern;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function checkObject(value: unknown, path: string): void {
  if (!isObject(value)) throw new InvalidPatternError(`${path || "pattern"} must be an object`);
  const keys = Object.keys(value);
  if (keys.length === 0) throw new InvalidPatternError(`${path || "pattern"} is empty`);
  for (const key of keys) {
    const sub = value[key];
    const at = path ? `${path}.${key}` : key;
    if (key === "$or") {
      if (!Array.isArray(sub) || sub.length < 2) throw new InvalidPatternError("$or needs at least two patterns");
      for (const alt of sub) checkObject(alt, at);
    } else if (Array.isArray(sub)) {
      if (sub.length === 0) throw new InvalidPatternError(`${at} lists no values`);
      for (const m of sub) checkMatcher(m, at);
    } else {
      checkObject(sub, at);
    }
  }
}

function checkMatcher(m: unknown, at: string): void {
  if (m === null || typeof m === "string" || typeof m === "boolean") return;
  if (typeof m === "number") {
    if (!Number.isFinite(m)) throw new InvalidPatternError(`${at}: bad number`);
    return;
  }
  if (!isObject(m)) throw new InvalidPatternError(`${at}: a value must be a string, number, boolean, null or an operator`);
  const keys = Object.keys(m);
  if (keys.length !== 1) throw new InvalidPatternError(`${at}: an operator object has exactly one key`);
  const op = keys[0];
  const operand = m[op];
  switch (op) {
    case "exists":
      if (typeof operand !== "boolean") throw new InvalidPatternError(`${at}: exists takes true or false`);
      return;
    case "prefix":
    case "suffix":
      if (typeof operand === "string") return;
      if (isObject(operand) && Object.keys(operand).length === 1 && typeof operand["equals-ignore-case"] === "string") return;
      throw new InvalidPatternError(`${at}: ${op} takes a string`);
    case "equals-ignore-case":
    case "wildcard":
      if (typeof operand !== "string") throw new InvalidPatternError(`${at}: ${op} takes a string`);
      return;
    case "numeric":
      checkNumeric(operand, at);
      return;
    case "anything-but":
      if (operand === null || typeof operand === "string" || typeof operand === "number" || typeof operand === "boolean") return;
      if (Array.isArray(operand)) {
        if (operand.length === 0 || !operand.every((v) => typeof v === "string" || typeof v === "number")) throw new InvalidPatternError(`${at}: anything-but lists strings or numbers`);
        return;
      }
      if (isObject(operand) && Object.keys(operand).length === 1) {
        const [inner] = Object.keys(operand);
        if (STRING_OPERATORS.has(inner) && inner !== "wildcard" && typeof operand[inner] === "string") return;
      }
      throw new InvalidPatternError(`${at}: bad anything-but`);
    default:
      throw new InvalidPatternError(`${at}: unknown operator ${op}`);
  }
}

function checkNumeric(operand: unknown, at: string): void {
  if (!Array.isArray(operand) || operand.length === 0 || operand.length % 2 !== 0 || operand.length > 4) {
    throw new InvalidPatternError(`${at}: numeric takes one or two (operator, number) pairs`);
  }
  for (let i = 0; i < operand.length; i += 2) {
    if (!NUMERIC_OPERATORS.has(operand[i] as string) || typeof operand[i + 1] !== "number") throw new InvalidPatternError(`${at}: bad numeric condition`);
  }
  if (operand.length === 4 && (operand[0] === "=" || operand[2] === "=")) throw new InvalidPatternError(`${at}: = cannot be part of a range`);
}

/** True when the value (a record, or any JSON value at this level) matches the pattern. */
export function matches(pattern: Pattern, value: unknown): boolean {
  const obj = isObject(value) ? value : undefined;
  for (const [key, sub] of Object.entries(pattern)) {
    if (key === "$or") {
      if (!(sub as unknown as Pattern[]).some((alt) => matches(alt, value))) return false;
      continue;
    }
    const field = obj && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
    if (Array.isArray(sub)) {
      if (!matchesAlternatives(sub, field)) return false;
    } else if (!matches(sub, field)) {
      return false;
    }
  }
  return true;
}

function matchesAlternatives(alternatives: unknown[], field: unknown): boolean {
  const present = field !== undefined;
  const values = !present ? [] : Array.isArray(field) ? field : [field];
  for (const m of alternatives) {
    if (isObject(m) && "exists" in m) {
      if (m.exists === present) return true;
      continue;
    }
    if (values.some((v) => matchesOne(m, v))) return true;
  }
  return false;
}

function matchesOne(m: unknown, v: unknown): boolean {
  if (m === null) return v === null;
  if (typeof m === "string" || typeof m === "boolean") return v === m;
  if (typeof m === "number") return typeof v === "number" && v === m;
  const [op, operand] = Object.entries(m as Record<string, unknown>)[0];
  switch (op) {
    case "prefix":
      return typeof v === "string" && stringTest(operand, v, (a, b) => a.startsWith(b));
    case "suffix":
      return typeof v === "string" && stringTest(operand, v, (a, b) => a.endsWith(b));
    case "equals-ignore-case":
      return typeof v === "string" && v.toLowerCase() === (operand as string).toLowerCase();
    case "wildcard":
      return typeof v === "string" && wildcard(operand as string).test(v);
    case "numeric":
      return typeof v === "number" && numeric(operand as unknown[], v);
    case "anything-but":
      return anythingBut(operand, v);
    default:
      return false;
  }
}

function stringTest(operand: unknown, v: string, test: (value: string, operand: string) => boolean): boolean {
  if (typeof operand === "string") return test(v, operand);
  const ci = (operand as Record<string, string>)["equals-ignore-case"];
  return test(v.toLowerCase(), ci.toLowerCase());
}

function numeric(conditions: unknown[], v: number): boolean {
  for (let i = 0; i < conditions.length; i += 2) {
    const n = conditions[i + 1] as number;
    const ok = { "=": v === n, "<": v < n, "<=": v <= n, ">": v > n, ">=": v >= n }[conditions[i] as string];
    if (!ok) return false;
  }
  return true;
}

function anythingBut(operand: unknown, v: unknown): boolean {
  if (isObject(operand)) {
    if (typeof v !== "string") return false;
    return !matchesOne(operand, v);
  }
  const excluded = Array.isArray(operand) ? operand : [operand];
  return !excluded.some((x) => matchesOne(x, v));
}

const wildcards = new Map<string, RegExp>();

function wildcard(glob: string): RegExp {
  let re = wildcards.get(glob);
  if (!re) {
    re = new RegExp(`^${glob.split("*").map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s");
    wildcards.set(glob, re);
  }
  return re;
}
