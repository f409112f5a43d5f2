/**
 * Numbers as event-ruler compares them (its ComparableNumber): a value v within ±limit becomes
 * the integer trunc(1e6 × (limit + v)), so comparisons keep six decimals and 0.0000001 equals 0,
 * as on AWS. A number outside ±limit has no comparable form: it matches no numeric condition
 * (only an exact match on the same number).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html#filtering-numeric-matching
 * https://docs.aws.amazon.com/sns/latest/dg/subscription-filter-policy-constraints.html
 *
 * JavaScript doubles give the same integers as Java's `(long) (1E6 * (limit + v))`: the product
 * is the same IEEE double in both, and truncation of a non-negative double is exact.
 */

export interface NumberScale {
  /** ±limit is the comparable range. */
  limit: number;
}

/** The comparable key of `v`, or undefined when `v` is outside the range. */
export function comparable(v: number, scale: NumberScale): number | undefined {
  if (!(v >= -scale.limit && v <= scale.limit)) return undefined;
  return Math.trunc(1e6 * (scale.limit + v));
}

/** A numeric condition: the bounds are comparable keys; an absent bound is unbounded. */
export interface NumericRange {
  low?: number;
  lowOpen: boolean;
  high?: number;
  highOpen: boolean;
}

export function inRange(key: number, r: NumericRange): boolean {
  if (r.low !== undefined && (r.lowOpen ? key <= r.low : key < r.low)) return false;
  if (r.high !== undefined && (r.highOpen ? key >= r.high : key > r.high)) return false;
  return true;
}
