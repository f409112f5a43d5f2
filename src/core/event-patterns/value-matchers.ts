/**
 * The tests one value of an event can pass: what each operator means once compiled.
 * A value is a JSON leaf (string, number, boolean, null); arrays were flattened before.
 *
 * Type rules, as event-ruler applies them (it compares the JSON text of values):
 * - strings match strings only: `"300"` never equals the number 300, and prefix, suffix,
 *   equals-ignore-case, wildcard and cidr look at strings only;
 * - numbers match numbers only (exact numbers numerically: 300 = 3.0e2 = 300.0000001);
 * - true, false and null match themselves;
 * - `anything-but` matches every present value except the ones it names, whatever its type:
 *   `{"anything-but": "x"}` matches null and 12; `{"anything-but": [1, 2]}` matches "1".
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html
 * https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 */
import { ipBytes, ipInRange, type CidrRange } from "./cidr.js";
import { comparable, inRange, type NumberScale, type NumericRange } from "./numbers.js";

export type Leaf = string | number | boolean | null;

export interface ValueMatcher {
  readonly kind: string;
  test(v: Leaf): boolean;
}

/** Exact strings of one field, merged into one set lookup. */
export class ExactStrings implements ValueMatcher {
  readonly kind = "exact-strings";
  constructor(readonly values: Set<string>) {}
  test(v: Leaf): boolean {
    return typeof v === "string" && this.values.has(v);
  }
}

/** `true`, `false` or `null` in the pattern. */
export class Literal implements ValueMatcher {
  readonly kind = "literal";
  constructor(readonly value: boolean | null) {}
  test(v: Leaf): boolean {
    return v === this.value;
  }
}

/**
 * A number in the pattern: numerically equal within the comparable range (six decimals),
 * or the very same number outside it (event-ruler's literal match).
 */
export class ExactNumber implements ValueMatcher {
  readonly kind = "exact-number";
  private readonly key: number | undefined;
  constructor(
    readonly value: number,
    private readonly scale: NumberScale,
  ) {
    this.key = comparable(value, scale);
  }
  test(v: Leaf): boolean {
    if (typeof v !== "number") return false;
    if (v === this.value) return true;
    return this.key !== undefined && comparable(v, this.scale) === this.key;
  }
}

export class Prefix implements ValueMatcher {
  readonly kind = "prefix";
  private readonly text: string;
  constructor(text: string, private readonly ignoreCase: boolean) {
    this.text = ignoreCase ? text.toLowerCase() : text;
  }
  test(v: Leaf): boolean {
    return typeof v === "string" && (this.ignoreCase ? v.toLowerCase() : v).startsWith(this.text);
  }
}

export class Suffix implements ValueMatcher {
  readonly kind = "suffix";
  private readonly text: string;
  constructor(text: string, private readonly ignoreCase: boolean) {
    this.text = ignoreCase ? text.toLowerCase() : text;
  }
  test(v: Leaf): boolean {
    return typeof v === "string" && (this.ignoreCase ? v.toLowerCase() : v).endsWith(this.text);
  }
}

export class EqualsIgnoreCase implements ValueMatcher {
  readonly kind = "equals-ignore-case";
  private readonly lower: string;
  constructor(text: string) {
    this.lower = text.toLowerCase();
  }
  test(v: Leaf): boolean {
    return typeof v === "string" && v.length === this.lower.length && v.toLowerCase() === this.lower;
  }
}

export class Wildcard implements ValueMatcher {
  readonly kind = "wildcard";
  constructor(private readonly re: RegExp) {}
  test(v: Leaf): boolean {
    return typeof v === "string" && this.re.test(v);
  }
}

export class Numeric implements ValueMatcher {
  readonly kind = "numeric";
  constructor(
    private readonly range: NumericRange,
    private readonly scale: NumberScale,
  ) {}
  test(v: Leaf): boolean {
    if (typeof v !== "number") return false;
    const key = comparable(v, this.scale);
    return key !== undefined && inRange(key, this.range);
  }
}

export class Cidr implements ValueMatcher {
  readonly kind = "cidr";
  constructor(private readonly range: CidrRange) {}
  test(v: Leaf): boolean {
    if (typeof v !== "string") return false;
    const ip = ipBytes(v);
    return ip !== undefined && ipInRange(ip, this.range);
  }
}

/** `{"anything-but": "x" | ["x", "y"]}` with strings. */
export class AnythingButStrings implements ValueMatcher {
  readonly kind = "anything-but";
  constructor(private readonly values: Set<string>) {}
  test(v: Leaf): boolean {
    return !(typeof v === "string" && this.values.has(v));
  }
}

/** `{"anything-but": 5 | [1, 2]}`: excludes numbers numerically; other types pass. */
export class AnythingButNumbers implements ValueMatcher {
  readonly kind = "anything-but";
  constructor(
    private readonly keys: Set<number>,
    private readonly scale: NumberScale,
  ) {}
  test(v: Leaf): boolean {
    if (typeof v !== "number") return true;
    const key = comparable(v, this.scale);
    return key === undefined || !this.keys.has(key);
  }
}

/** `{"anything-but": {"equals-ignore-case": "x" | [...]}}`. */
export class AnythingButIgnoreCase implements ValueMatcher {
  readonly kind = "anything-but";
  private readonly lower: Set<string>;
  constructor(values: string[]) {
    this.lower = new Set(values.map((s) => s.toLowerCase()));
  }
  test(v: Leaf): boolean {
    return !(typeof v === "string" && this.lower.has(v.toLowerCase()));
  }
}

/** `{"anything-but": {"prefix" | "suffix" | "wildcard": …}}`: passes unless an inner test does. */
export class AnythingButAny implements ValueMatcher {
  readonly kind = "anything-but";
  constructor(private readonly excluded: ValueMatcher[]) {}
  test(v: Leaf): boolean {
    for (const m of this.excluded) if (m.test(v)) return false;
    return true;
  }
}
