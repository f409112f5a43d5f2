/**
 * Wildcard matching (`{"wildcard": "dir/*.png"}`, EventBridge only): `*` matches any run of
 * characters, including none. `\*` is a literal star and `\\` a literal backslash; any other
 * escape, and two stars in a row, are refused with event-ruler's sentence.
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-content-based-filtering.html#eb-filtering-wildcard-matching
 */

export class WildcardError extends Error {}

const cache = new Map<string, RegExp>();

/** Checks a wildcard pattern and returns an anchored RegExp for it; throws WildcardError. */
export function wildcardRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  let source = "";
  let lastWasStar = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (lastWasStar) throw new WildcardError(`Consecutive wildcard characters at pos ${i}`);
      source += "[\\s\\S]*";
      lastWasStar = true;
      continue;
    }
    lastWasStar = false;
    if (c === "\\") {
      const next = pattern[i + 1];
      if (next !== "*" && next !== "\\") throw new WildcardError(`Invalid escape character at pos ${i}`);
      source += next === "*" ? "\\*" : "\\\\";
      i++;
      continue;
    }
    source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  const re = new RegExp(`^${source}$`);
  if (cache.size < 10_000) cache.set(pattern, re);
  return re;
}
