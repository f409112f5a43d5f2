/**
 * For the tests only: a minimal path reader ($, .name, ['name'], [n]) standing in for the real
 * JSONPath evaluator, which this folder must not import.
 */
import type { ReadPath } from "./choice-eval.js";

export function readerFor(input: unknown): ReadPath {
  return (path) => {
    if (!path.startsWith("$")) throw new Error(`test reader: bad path ${path}`);
    let current: unknown = input;
    const steps = /\.([A-Za-z_][\w-]*)|\['([^']*)'\]|\[(\d+)\]/gy;
    steps.lastIndex = 1;
    let m: RegExpExecArray | null;
    while (steps.lastIndex < path.length && (m = steps.exec(path))) {
      if (m[3] !== undefined) {
        if (!Array.isArray(current) || Number(m[3]) >= current.length) return { found: false };
        current = current[Number(m[3])];
      } else {
        const key = m[1] ?? m[2];
        if (typeof current !== "object" || current === null || Array.isArray(current) || !Object.hasOwn(current, key)) return { found: false };
        current = (current as Record<string, unknown>)[key];
      }
    }
    if (steps.lastIndex !== path.length && path !== "$") throw new Error(`test reader: cannot read ${path}`);
    return { found: true, value: current };
  };
}
