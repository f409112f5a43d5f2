/**
 * java.lang.String's regex-based methods on JavaScript's regex engine. Java-only syntax that
 * templates use is translated: `\Q...\E` quoting, `\A` / `\z` / `\Z` anchors, leading inline
 * flags `(?i)` `(?s)` `(?m)`, and the POSIX classes `\p{Alpha}` and friends. A pattern JavaScript
 * cannot run (possessive quantifiers, atomic groups) fails like a PatternSyntaxException.
 */
import { JavaException } from "./errors.js";

const POSIX: Record<string, string> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-\\/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
};

const cache = new Map<string, RegExp>();

export function javaRegex(pattern: string, global = false): RegExp {
  const key = `${global ? "g" : "-"}${pattern}`;
  let regex = cache.get(key);
  if (regex) {
    regex.lastIndex = 0;
    return regex;
  }
  let source = pattern;
  let flags = global ? "g" : "";
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline) {
    if (inline[1].includes("x")) throw syntaxError(pattern, "the (?x) flag is not supported");
    flags += [...new Set(inline[1])].join("");
    source = source.slice(inline[0].length);
  }
  source = translate(source, pattern);
  try {
    regex = new RegExp(source, flags);
  } catch (err) {
    throw syntaxError(pattern, (err as Error).message);
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, regex);
  return regex;
}

function syntaxError(pattern: string, message: string): JavaException {
  return new JavaException("java.util.regex.PatternSyntaxException", `${message} near index 0\n${pattern}`);
}

function translate(source: string, pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") {
      const next = source[i + 1];
      if (next === "Q") {
        const end = source.indexOf("\\E", i + 2);
        const quoted = source.slice(i + 2, end < 0 ? source.length : end);
        out += quoted.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
        i = end < 0 ? source.length : end + 1;
        continue;
      }
      if (!inClass && next === "A") out += "(?<![\\s\\S])";
      else if (!inClass && next === "z") out += "(?![\\s\\S])";
      else if (!inClass && next === "Z") out += "(?=(?:\\r\\n|\\n|\\r)?(?![\\s\\S]))";
      else if ((next === "p" || next === "P") && source[i + 2] === "{") {
        const close = source.indexOf("}", i + 3);
        const name = source.slice(i + 3, close).replace(/^Is/, "");
        const range = POSIX[name];
        if (close < 0 || !range) throw syntaxError(pattern, `unknown character property \\${next}{${name}}`);
        out += inClass ? range : `[${next === "P" ? "^" : ""}${range}]`;
        i = close;
        continue;
      } else out += ch + (next ?? "");
      i++;
      continue;
    }
    if (ch === "[" && !inClass) inClass = true;
    else if (ch === "]" && inClass) inClass = false;
    else if (!inClass && (ch === "+" || ch === "*" || ch === "?" || ch === "}") && source[i + 1] === "+") {
      throw syntaxError(pattern, "possessive quantifiers are not supported");
    } else if (!inClass && source.startsWith("(?>", i)) {
      throw syntaxError(pattern, "atomic groups are not supported");
    }
    out += ch;
  }
  return out;
}

/** Expands a java.util.regex.Matcher replacement string (`$1`, `${name}`, `\$`) for one match. */
function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = "";
  const groupCount = match.length - 1;
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === "\\") {
      i++;
      if (i >= replacement.length) throw new JavaException("java.lang.IllegalArgumentException", "character to be escaped is missing");
      out += replacement[i];
    } else if (ch === "$") {
      i++;
      if (i >= replacement.length) throw new JavaException("java.lang.IllegalArgumentException", "Illegal group reference: group index is missing");
      if (replacement[i] === "{") {
        const close = replacement.indexOf("}", i);
        const name = replacement.slice(i + 1, close);
        if (close < 0 || !/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new JavaException("java.lang.IllegalArgumentException", "named capturing group is missing trailing '}'");
        if (!match.groups || !(name in match.groups)) throw new JavaException("java.lang.IllegalArgumentException", `No group with name {${name}}`);
        out += match.groups[name] ?? "";
        i = close;
      } else {
        if (!/\d/.test(replacement[i])) throw new JavaException("java.lang.IllegalArgumentException", "Illegal group reference");
        let group = Number(replacement[i]);
        if (group > groupCount) throw new JavaException("java.lang.IndexOutOfBoundsException", `No group ${group}`);
        // Java takes further digits while the group number stays valid.
        while (i + 1 < replacement.length && /\d/.test(replacement[i + 1]) && group * 10 + Number(replacement[i + 1]) <= groupCount) {
          group = group * 10 + Number(replacement[++i]);
        }
        out += match[group] ?? "";
      }
    } else out += ch;
  }
  return out;
}

function replaceMatches(text: string, pattern: string, replacement: string, all: boolean): string {
  const regex = javaRegex(pattern, true);
  let out = "";
  let last = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    out += text.slice(last, m.index) + expandReplacement(replacement, m);
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      if (m.index >= text.length) break;
      out += text[m.index];
      last = m.index + 1;
      regex.lastIndex = m.index + 1;
    }
    if (!all) break;
  }
  return out + text.slice(last);
}

export const replaceAll = (text: string, pattern: string, replacement: string) => replaceMatches(text, pattern, replacement, true);
export const replaceFirst = (text: string, pattern: string, replacement: string) => replaceMatches(text, pattern, replacement, false);

export function matches(text: string, pattern: string): boolean {
  const base = javaRegex(pattern);
  return new RegExp(`(?<![\\s\\S])(?:${base.source})(?![\\s\\S])`, base.flags).test(text);
}

/** String.split(regex, limit), including Java's rules for leading and trailing empty strings. */
export function split(text: string, pattern: string, limit = 0): string[] {
  const regex = javaRegex(pattern, true);
  const parts: string[] = [];
  let index = 0;
  const limited = limit > 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) regex.lastIndex = m.index + 1;
    if (!limited || parts.length < limit - 1) {
      if (index === 0 && m.index === 0 && end === 0) continue;
      parts.push(text.slice(index, m.index));
      index = end;
    } else break;
  }
  if (index === 0) return [text];
  if (!limited || parts.length < limit) parts.push(text.slice(index));
  if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** String.replace(CharSequence, CharSequence): every literal occurrence. */
export function replaceLiteral(text: string, target: string, replacement: string): string {
  if (target === "") return replacement + [...text].join(replacement) + (text ? replacement : "");
  return text.split(target).join(replacement);
}

/** String.trim: strips every char <= U+0020 at both ends (not Unicode whitespace). */
export function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
  return text.slice(start, end);
}

export function javaHashCode(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const diff = a.charCodeAt(i) - b.charCodeAt(i);
    if (diff !== 0) return diff;
  }
  return a.length - b.length;
}
