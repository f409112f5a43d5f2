/**
 * docs/benchmarks.md holds one generated section per benchmark between its own markers; a
 * run rewrites only its section and keeps everything else (notes written by hand, other
 * benchmarks' sections). Read just before writing: another benchmark may have written meanwhile.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export function replaceDocsSection(path: string, beginPrefix: string, end: string, generated: string): void {
  const current = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmarks\n";
  const from = current.indexOf(beginPrefix);
  const to = current.indexOf(end);
  const text = from !== -1 && to > from ? current.slice(0, from) + generated + current.slice(to + end.length) : `${current.trimEnd()}\n\n${generated}\n`;
  writeFileSync(path, text);
}
