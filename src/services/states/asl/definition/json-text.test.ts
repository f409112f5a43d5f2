import { test } from "node:test";
import assert from "node:assert/strict";
import { charDesc, MAX_JSON_DEPTH, readJsonText, sourceLocation } from "./json-text.js";
import { validateDefinition } from "./validate.js";
import { invalidDefinitionMessage } from "./diagnostics.js";

function failure(text: string): { message: string; location: string } {
  const result = readJsonText(text);
  if (result.ok) throw new Error(`expected a syntax error for ${text}`);
  return { message: result.message, location: result.location };
}

/** The message without its "\n at [Source ...]" tail. */
function sentence(text: string): string {
  return failure(text).message.split("\n at ")[0];
}

test("reads JSON values like JSON.parse", () => {
  const samples = ['{"a":1,"b":[true,false,null],"c":{"d":"e"}}', "[]", '"x"', "-0.5e+3", '{"s":"\\u00e9\\n\\"\\\\\\/"}', " \n\t{ } "];
  for (const sample of samples) {
    const result = readJsonText(sample);
    assert.ok(result.ok, sample);
    assert.deepEqual(result.value, JSON.parse(sample));
  }
});

test("-0 reads as 0", () => {
  const result = readJsonText("-0");
  assert.ok(result.ok && Object.is(result.value, 0));
});

test("empty or blank text holds no value", () => {
  for (const sample of ["", "   ", "\n"]) {
    const result = readJsonText(sample);
    assert.ok(result.ok);
    assert.equal(result.value, undefined);
  }
});

test("an unknown token: AWS's recorded message and location", () => {
  // Recorded against AWS (ValidateStateMachineDefinition, definition "not a definition").
  const { message, location } = failure("not a definition");
  assert.equal(location, '[Source: (String)"not a definition"; line: 1, column: 4]');
  assert.equal(
    message,
    "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at " + location,
  );
});

test("Jackson's sentences for the common syntax errors", () => {
  assert.equal(sentence("{a:1}"), "Unexpected character ('a' (code 97)): was expecting double-quote to start field name");
  assert.equal(sentence('{"a" 1}'), "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value");
  assert.equal(sentence('{"a":1 "b":2}'), "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
  assert.equal(sentence("[1 2]"), "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries");
  assert.equal(sentence('{"a":}'), "Unexpected character ('}' (code 125)): expected a value");
  assert.equal(sentence("[1,]"), "Unexpected character (']' (code 93)): expected a value");
  assert.equal(sentence('{"a":1,}'), "Unexpected character ('}' (code 125)): was expecting double-quote to start field name");
  assert.equal(sentence("{'a':1}"), "Unexpected character (''' (code 39)): was expecting double-quote to start field name");
  assert.equal(sentence('{"a":#}'), "Unexpected character ('#' (code 35)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  assert.equal(sentence('{"a":tru}'), "Unrecognized token 'tru': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  assert.equal(sentence('{"a":truex}'), "Unrecognized token 'truex': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
  assert.equal(sentence('{"a":"x\ny"}'), "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value");
  assert.equal(sentence('{"a":"\\x"}'), "Unrecognized character escape 'x' (code 120)");
  assert.equal(sentence('{"a":"\\u12g4"}'), "Unexpected character ('g' (code 103)): expected a hex-digit for character escape sequence");
  assert.equal(sentence('{"a":01}'), "Invalid numeric value: Leading zeroes not allowed");
  assert.equal(sentence('{"a":-x}'), "Unexpected character ('x' (code 120)): expected digit (0-9) to follow minus sign, for valid numeric value");
  assert.equal(sentence('{"a":1.}'), "Unexpected character ('}' (code 125)) in numeric value: Decimal point not followed by a digit");
  assert.equal(sentence('{"a":1e}'), "Unexpected character ('}' (code 125)) in numeric value: Exponent indicator not followed by a digit");
});

test("end of input inside a value", () => {
  assert.equal(sentence('{"a":"x'), "Unexpected end-of-input: was expecting closing quote for a string value");
  assert.equal(sentence('{"a":1'), 'Unexpected end-of-input: expected close marker for OBJECT (start marker at [Source: (String)"{"a":1"; line: 1, column: 1])');
  assert.equal(sentence("[1"), 'Unexpected end-of-input: expected close marker for ARRAY (start marker at [Source: (String)"[1"; line: 1, column: 1])');
  assert.equal(failure('{"a":1').location, '[Source: (String)"{"a":1"; line: 1, column: 7]');
});

test("mismatched close markers", () => {
  assert.equal(sentence('{"a":1]'), "Unexpected close marker ']': expected '}' (for Object starting at [Source: (String)\"{\"a\":1]\"; line: 1, column: 1])");
  assert.equal(sentence("[1}"), "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"[1}\"; line: 1, column: 1])");
});

test("content after the value is refused", () => {
  assert.match(sentence('{"a":1} x'), /^Unexpected content after the end of the JSON value: 'x' \(code 120\)$/);
});

test("locations count lines and columns past the offending character", () => {
  const text = '{\n  "a": 1,\n  b: 2\n}';
  assert.equal(failure(text).location, `[Source: (String)"${text}"; line: 3, column: 4]`);
  assert.equal(sourceLocation("ab\r\ncd", 5), '[Source: (String)"ab\r\ncd"; line: 2, column: 2]');
});

test("long sources are cut at 500 characters", () => {
  const text = `{"a": "${"x".repeat(600)}", }`;
  const { location } = failure(text);
  assert.ok(location.startsWith(`[Source: (String)"${text.slice(0, 500)}"[truncated ${text.length - 500} chars]; line: 1, column:`), location);
});

test("character descriptions", () => {
  assert.equal(charDesc(97), "'a' (code 97)");
  assert.equal(charDesc(9), "(CTRL-CHAR, code 9)");
  assert.equal(charDesc(0x263a), "'☺' (code 9786 / 0x263a)");
});

test("repeated keys are remembered per object", () => {
  const result = readJsonText('{"States":{"A":1,"B":2,"A":3},"x":{"y":1}}');
  assert.ok(result.ok);
  const root = result.value as Record<string, never>;
  assert.deepEqual(result.repeatedKeys.get(root.States), ["A"]);
  assert.equal(result.repeatedKeys.get(root), undefined);
  assert.deepEqual(root.States, { A: 3, B: 2 });
});

test("__proto__ is an ordinary key", () => {
  const result = readJsonText('{"__proto__":{"polluted":true}}');
  assert.ok(result.ok);
  const value = result.value as Record<string, unknown>;
  assert.ok(Object.prototype.hasOwnProperty.call(value, "__proto__"));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
});

test("nesting deeper than Jackson's limit is a syntax error", () => {
  const ok = "[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH);
  assert.ok(readJsonText(ok).ok);
  const deep = "[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1);
  assert.match(sentence(deep), /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000/);
});

test("a syntax error becomes one INVALID_JSON_DESCRIPTION diagnostic", () => {
  const result = validateDefinition('{"StartAt": "A",, }');
  assert.ok(!result.ok);
  assert.equal(result.diagnostics.length, 1);
  const [d] = result.diagnostics;
  assert.equal(d.code, "INVALID_JSON_DESCRIPTION");
  assert.equal(d.severity, "ERROR");
  assert.equal(d.location, '[Source: (String)"{"StartAt": "A",, }"; line: 1, column: 18]');
  assert.equal(d.message, `Unexpected character (',' (code 44)): was expecting double-quote to start field name\n at ${d.location}`);
  assert.equal(invalidDefinitionMessage(result.diagnostics), `Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: ${d.message}'`);
});
