import { test } from "node:test";
import assert from "node:assert/strict";
import { compileStringPattern, matchesStringPattern } from "./string-matches.js";

/** [pattern as the JSON string's value, matching values, non-matching values] */
const TABLE: [string, string[], string[]][] = [
  ["invoice-2025.json", ["invoice-2025.json"], ["invoice-2025.jsonx", "Invoice-2025.json", ""]],
  ["invoice-*.json", ["invoice-2025.json", "invoice-.json", "invoice-a.b.json"], ["report-2025.json", "invoice-2025.jso", "invoice.json"]],
  ["logs-*-*-done", ["logs-2025-04-done", "logs---done", "logs-a-b-c-done"], ["logs-2025-done", "logs-2025-04-done!"]],
  ["foo*.log", ["foo23.log", "foo.log"], ["fo.log", "foo23.log.gz"]],
  ["*.log", ["zebra.log", ".log"], ["zebra.txt", "log"]],
  ["foo*.*", ["foobar.zebra", "foo.", "foo.x.y"], ["foobar", "fo.o"]],
  ["*", ["", "anything", "*"], []],
  ["**", ["", "x"], []],
  ["a*a", ["aa", "aba", "abaa"], ["a", "ab"]],
  ["*ab*ab*", ["abab", "xabyabz"], ["ab", "aab"]],
  ["file\\*name.txt", ["file*name.txt"], ["filexname.txt", "file\\*name.txt"]],
  ["\\\\*", ["\\", "\\anything"], ["*", "x\\"]],
  ["a\\\\b", ["a\\b"], ["ab", "a\\\\b"]],
  ["\\**", ["*", "*x"], ["x*"]],
  ["?.[x]+", ["?.[x]+"], ["a.x", "?.[x]"]],
  ["", [""], ["x"]],
  ["é*ü", ["éü", "é😀ü"], ["eü"]],
];

test("StringMatches: * is any run of characters, \\* and \\\\ are literals, nothing else is special", () => {
  for (const [source, yes, no] of TABLE) {
    const compiled = compileStringPattern(source);
    assert.ok(compiled.ok, source);
    if (!compiled.ok) continue;
    for (const v of yes) assert.equal(matchesStringPattern(compiled.pattern, v), true, `${source} ~ ${v}`);
    for (const v of no) assert.equal(matchesStringPattern(compiled.pattern, v), false, `${source} !~ ${v}`);
  }
});

test("an open escape is refused with its position", () => {
  assert.deepEqual(compileStringPattern("ab\\c"), { ok: false, position: 2 });
  assert.deepEqual(compileStringPattern("trailing\\"), { ok: false, position: 8 });
  assert.deepEqual(compileStringPattern("\\\\\\"), { ok: false, position: 2 });
});
