/**
 * compilePattern: validate a pattern once, the way AWS does, and turn it into a matcher.
 *
 * Reading follows event-ruler's JsonRuleCompiler (parseObject / parseIntoOrRelationship /
 * writeRules): the root must be an object; a key holds an object (nesting) or an array of
 * alternatives; `$or` holds at least two objects and forks the rule into one flat branch per
 * alternative. SNS then applies its own checks (scope, keys, complexity, size).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 * https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 */
import { fieldSpec, type FieldSpec, type OperatorContext } from "./compile-operators.js";
import { EventPatternError } from "./errors.js";
import { flattenEvent, pathPrefixes, type FlatEvent } from "./flatten.js";
import { afterToken, jacksonLocation, JsonSyntaxError, parseJsonText, type JsonNode, type JsonObject } from "./json-text.js";
import { combinations, isNested, utf8Length } from "./limits.js";
import { matchBranches, type Branch, type FieldCondition } from "./match.js";
import { modeRules, type MatchType, type ModeRules, type PatternMode } from "./modes.js";

/** SNS's FilterPolicyScope: what the policy's keys name. */
export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

export interface CompileOptions {
  mode: PatternMode;
  /** SNS only; AWS's default is MessageAttributes. */
  scope?: FilterPolicyScope;
}

export interface CompiledPattern {
  readonly mode: PatternMode;
  /** SNS: the scope the policy was checked for; EventBridge: undefined. */
  readonly scope?: FilterPolicyScope;
  /** The dotted paths the pattern reads. */
  readonly paths: ReadonlySet<string>;
  /** The pattern's rules: one branch per `$or` alternative, fields ANDed within. */
  readonly branches: readonly Branch[];
  /** True when the event (a JSON object) matches; anything else never matches. */
  matches(event: unknown): boolean;
  /** Matching against an event already flattened (shared by many patterns, see PatternSet). */
  matchesFlat(flat: FlatEvent): boolean;
}

/** `$or` alternatives may not use these as field names (event-ruler's reserved names). */
const RESERVED_IN_OR: ReadonlySet<string> = new Set<MatchType | "exact">(["anything-but", "cidr", "equals-ignore-case", "exact", "exists", "numeric", "prefix", "suffix", "wildcard"]);

/** Validates and compiles a pattern; throws EventPatternError with AWS's message. */
export function compilePattern(pattern: string | object, options: CompileOptions): CompiledPattern {
  const rules = modeRules(options.mode);
  const scope = rules.mode === "sns" ? (options.scope ?? "MessageAttributes") : undefined;
  const text = typeof pattern === "string" ? pattern : JSON.stringify(pattern);
  if (typeof text !== "string") throw new TypeError("a pattern must be a JSON string or a JSON-serialisable object");
  const fail = (reason: string, pointer?: number, doubled = false): never => {
    const location = pointer === undefined ? "" : jacksonLocation(text, pointer);
    throw new EventPatternError(rules.mode, reason, doubled ? location + location : location);
  };

  if (rules.maxBytes !== undefined && utf8Length(text) > rules.maxBytes) fail("Filter policy is too long");
  let root: JsonNode | undefined;
  try {
    root = parseJsonText(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) fail(err.reason, err.pointer);
    throw err;
  }
  if (root?.kind !== "object") return fail("Filter is not an object", root ? afterToken(root) : 0);

  const c: OperatorContext = { rules, fail };
  const expanded = walkObject(root, "", [], false, c);
  if (rules.mode === "sns") snsChecks(root, expanded, scope!, rules);
  return new Compiled(rules.mode, scope, expanded.map(toBranch));
}

type RuleMap = Map<string, FieldSpec>;

/** parseObject: keys of one object, each an object, an array of alternatives, or `$or`. */
function walkObject(obj: JsonObject, prefix: string, rules: RuleMap[], inOr: boolean, c: OperatorContext): RuleMap[] {
  if (obj.entries.length === 0) c.fail("Empty objects are not allowed", obj.end);
  for (const { key, value } of obj.entries) {
    if (key === "$or") {
      rules = walkOr(value, prefix, rules, c);
      continue;
    }
    if (inOr && RESERVED_IN_OR.has(key)) c.fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`, afterToken(value));
    const path = prefix === "" ? key : `${prefix}.${key}`;
    if (value.kind === "object") {
      rules = walkObject(value, path, rules, inOr, c);
    } else if (value.kind === "array") {
      const spec = fieldSpec(value, c);
      if (rules.length === 0) rules = [new Map()];
      for (const r of rules) r.set(path, spec);
    } else {
      c.fail(`"${key}" must be an object or an array`, afterToken(value));
    }
  }
  return rules;
}

/** parseIntoOrRelationship: every alternative continues a copy of the rules so far. */
function walkOr(value: JsonNode, prefix: string, rules: RuleMap[], c: OperatorContext): RuleMap[] {
  if (value.kind !== "array") return c.fail("It must be an Array followed with $or.", afterToken(value));
  const out: RuleMap[] = [];
  for (const alt of value.items) {
    if (alt.kind !== "object") c.fail("Only JSON object is allowed in array of $or relationship.", afterToken(alt));
    const copies = rules.length === 0 ? [new Map<string, FieldSpec>()] : rules.map((r) => new Map(r));
    out.push(...walkObject(alt, prefix, copies, true, c));
  }
  if (value.items.length < 2) c.fail("There must have at least 2 Objects in $or relationship.", value.end);
  return out;
}

/** SNS's own limits, checked after the policy has been read (their messages carry no location). */
function snsChecks(root: JsonObject, expanded: RuleMap[], scope: FilterPolicyScope, rules: ModeRules): void {
  if (scope === "MessageAttributes" && isNested(root)) {
    throw new EventPatternError("sns", "Filter policy scope MessageAttributes does not support nested filter policy", "", true);
  }
  const keys = Math.max(0, ...expanded.map((r) => r.size));
  if (rules.maxKeys !== undefined && keys > rules.maxKeys) throw new EventPatternError("sns", `Filter policy can not have more than ${rules.maxKeys} keys`);
  if (rules.maxCombinations !== undefined && combinations(root) > rules.maxCombinations) throw new EventPatternError("sns", "Filter policy is too complex");
}

/** Orders a branch's conditions cheapest and most selective first; `exists: false` last. */
function toBranch(rule: RuleMap): Branch {
  const conditions: FieldCondition[] = [...rule].map(([path, spec]) => ({ path, ...spec }));
  const rank = (f: FieldCondition) => (f.existsFalse ? 2 : f.matchers.length > 0 && f.matchers.every((m) => m.kind === "exact-strings" || m.kind === "exact-number" || m.kind === "literal") ? 0 : 1);
  return conditions.sort((a, b) => rank(a) - rank(b));
}

class Compiled implements CompiledPattern {
  readonly paths: ReadonlySet<string>;
  private readonly prefixes: ReadonlySet<string>;

  constructor(
    readonly mode: PatternMode,
    readonly scope: FilterPolicyScope | undefined,
    readonly branches: readonly Branch[],
  ) {
    this.paths = new Set(branches.flatMap((b) => b.map((f) => f.path)));
    this.prefixes = pathPrefixes(this.paths);
  }

  matches(event: unknown): boolean {
    if (typeof event !== "object" || event === null || Array.isArray(event)) return false;
    return matchBranches(this.branches, flattenEvent(event, this.prefixes));
  }

  matchesFlat(flat: FlatEvent): boolean {
    return matchBranches(this.branches, flat);
  }
}
