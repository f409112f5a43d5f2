/**
 * What differs between the services that use AWS event patterns. One engine reads this table;
 * nothing else in the folder asks which service it is serving.
 *
 * - SNS filter policies accept a subset of EventBridge's operators (no `wildcard`, no
 *   `anything-but` with suffix / wildcard / equals-ignore-case, no `prefix`/`suffix` with
 *   equals-ignore-case) and add policy limits (5 keys, 150 combinations, 256 KB).
 *   https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 *   https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 * - EventBridge (and Lambda event filtering, which uses the same syntax) accepts them all.
 *   https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 *   https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html
 */

export type PatternMode = "sns" | "eventbridge";

/** The match types (operator names) a pattern may use. */
export type MatchType = "prefix" | "suffix" | "equals-ignore-case" | "wildcard" | "anything-but" | "numeric" | "exists" | "cidr";

export interface ModeRules {
  mode: PatternMode;
  /** Operators accepted in `[{ "<operator>": … }]`; any other is "Unrecognized match type". */
  matchTypes: ReadonlySet<MatchType>;
  /** Operators accepted inside `{"anything-but": { "<operator>": … }}`. */
  anythingBut: ReadonlySet<"prefix" | "suffix" | "equals-ignore-case" | "wildcard">;
  /** `{"prefix": {"equals-ignore-case": "…"}}` and the same for suffix. */
  affixIgnoreCase: boolean;
  /** `{"anything-but": {"prefix": ["a", "b"]}}` (a list rather than one string). */
  anythingButAffixLists: boolean;
  /**
   * Numbers are compared as event-ruler's ComparableNumber: within ±limit, truncated to six
   * decimals. SNS documents ±10^9 ("five digits of accuracy"; event-ruler keeps six), EventBridge
   * ±5.0e9 with six decimals.
   */
  numberLimit: number;
  /** The limit as Java prints the double, for "Value must be between -5.0E9 and 5.0E9, inclusive". */
  numberLimitText: string;
  /** SNS policy limits; undefined where the service has none. */
  maxKeys?: number;
  maxCombinations?: number;
  maxBytes?: number;
}

/** https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html */
export const SNS_MAX_KEYS = 5;
export const SNS_MAX_COMBINATIONS = 150;
export const SNS_MAX_POLICY_BYTES = 256 * 1024;

const SNS: ModeRules = {
  mode: "sns",
  matchTypes: new Set(["prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists", "cidr"]),
  anythingBut: new Set(["prefix"]),
  affixIgnoreCase: false,
  anythingButAffixLists: false,
  numberLimit: 1e9,
  numberLimitText: "1.0E9",
  maxKeys: SNS_MAX_KEYS,
  maxCombinations: SNS_MAX_COMBINATIONS,
  maxBytes: SNS_MAX_POLICY_BYTES,
};

const EVENTBRIDGE: ModeRules = {
  mode: "eventbridge",
  matchTypes: new Set(["prefix", "suffix", "equals-ignore-case", "wildcard", "anything-but", "numeric", "exists", "cidr"]),
  anythingBut: new Set(["prefix", "suffix", "equals-ignore-case", "wildcard"]),
  affixIgnoreCase: true,
  anythingButAffixLists: true,
  numberLimit: 5e9,
  numberLimitText: "5.0E9",
};

export function modeRules(mode: PatternMode): ModeRules {
  switch (mode) {
    case "sns":
      return SNS;
    case "eventbridge":
      return EVENTBRIDGE;
    default:
      throw new TypeError(`unknown event-pattern mode: ${String(mode)}`);
  }
}
