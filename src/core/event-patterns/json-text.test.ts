import { test } from "node:test";
import assert from "node:assert/strict";
import { afterText, afterToken, jacksonLocation, JsonSyntaxError, parseJsonText, type JsonObject } from "./json-text.js";

test("values keep their spans; Jackson's pointer stops past a string's opening quote, a number, a bracket", () => {
  const text = '{"s": "ab\\"c", "n": -1.5e3, "t": true, "a": [1], "o": {}}';
  const root = parseJsonText(text) as JsonObject;
  const [s, n, t, a, o] = root.entries.map((e) => e.value);
  assert.deepEqual(root.entries.map((e) => e.key), ["s", "n", "t", "a", "o"]);
  assert.equal(s.kind === "string" && s.value, 'ab"c');
  assert.equal(text.slice(s.start, s.end), '"ab\\"c"');
  assert.equal(n.kind === "number" && n.text, "-1.5e3");
  assert.equal(n.kind === "number" && n.value, -1500);
  assert.deepEqual([afterToken(s), afterText(s)], [s.start + 1, s.end]);
  assert.deepEqual([afterToken(n), afterToken(t), afterToken(a), afterToken(o)], [n.end, t.end, a.start + 1, o.start + 1]);
  assert.equal(root.end, text.length);
});

test("text after the first value is ignored, as Jackson does; empty text is no value", () => {
  assert.equal(parseJsonText('{"a": ["b"]} trailing')?.kind, "object");
  assert.equal(parseJsonText("   "), undefined);
});

test("syntax errors carry Jackson's sentence and pointer", () => {
  const cases: [string, string, number][] = [
    ["this is valid json but not a dict", "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", 4],
    ["{'bad': 'quotation'}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name", 1],
    ['{"a" 1}', "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value", 5],
    ['{"a": 1 "b": 2}', "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries", 8],
    ["[1 2]", "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries", 3],
    ['{"a": nul}', "Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')", 9],
    ['{"a": 01}', "Invalid numeric value: Leading zeroes not allowed", 8],
    ['{"a": "x\ny"}', "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value", 9],
    ['{"a": "\\q"}', "Unrecognized character escape 'q' (code 113)", 9],
    ['{"a": "x', "Unexpected end-of-input: was expecting closing quote for a string value", 8],
  ];
  for (const [text, reason, pointer] of cases) {
    assert.throws(() => parseJsonText(text), (err: unknown) => err instanceof JsonSyntaxError && err.reason === reason && err.pointer === pointer, text);
  }
  assert.throws(() => parseJsonText('{"a": [1'), (err: unknown) => err instanceof JsonSyntaxError && err.reason === 'Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)"{"a": [1"; line: 1, column: 7])');
});

test("jacksonLocation counts \\n, \\r\\n and \\r as line breaks", () => {
  assert.equal(jacksonLocation("ab", 1), '\n at [Source: (String)"ab"; line: 1, column: 2]');
  assert.equal(jacksonLocation("a\nb\r\nc\rd", 8), '\n at [Source: (String)"a\nb\r\nc\rd"; line: 4, column: 2]');
});
