/**
 * The StringMatches pattern: `*` matches any run of characters (including none); `\*` is a
 * literal star and `\\` a literal backslash (in JSON text: "\\*" and "\\\\"). No other character
 * is special. The States language spec makes any other backslash ("open escape") a runtime error.
 * https://states-language.net/spec.html#choice-state
 */

/** A compiled pattern: the literal pieces between the stars. */
export interface StringPattern {
  readonly source: string;
  /** Literal segments; a pattern with n stars has n + 1 segments. */
  readonly segments: readonly string[];
}

export type CompiledPattern = { readonly ok: true; readonly pattern: StringPattern } | { readonly ok: false; readonly position: number };

export function compileStringPattern(source: string): CompiledPattern {
  const segments: string[] = [];
  let current = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "*") {
      segments.push(current);
      current = "";
    } else if (c === "\\") {
      const next = source[i + 1];
      if (next !== "*" && next !== "\\") return { ok: false, position: i };
      current += next;
      i++;
    } else {
      current += c;
    }
  }
  segments.push(current);
  return { ok: true, pattern: { source, segments } };
}

/** Whether the whole of `value` matches the pattern. */
export function matchesStringPattern(pattern: StringPattern, value: string): boolean {
  const { segments } = pattern;
  const first = segments[0];
  if (segments.length === 1) return value === first;
  const last = segments[segments.length - 1];
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  // Leftmost placement of each middle segment is optimal: a star absorbs whatever lies between.
  let position = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const found = value.indexOf(segments[i], position);
    if (found < 0 || found + segments[i].length > end) return false;
    position = found + segments[i].length;
  }
  return true;
}

/** The cause of the runtime failure for an open escape (our wording; AWS's is not recorded). */
export function openEscapeCause(source: string, position: number): string {
  return `The StringMatches value '${source}' has an unescaped backslash at position ${position}; only \\* and \\\\ are escapes.`;
}
