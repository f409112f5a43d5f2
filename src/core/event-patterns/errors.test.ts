/**
 * Refused patterns and AWS's exact messages. The expected strings are AWS's answers as LocalStack
 * recorded them against real SNS and EventBridge (tests/aws/services/sns/
 * test_sns_filter_policy.snapshot.json, tests/aws/services/events/
 * test_events_patterns.snapshot.json), locations included.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compilePattern, EventPatternError, type PatternMode } from "./index.js";

/** The message a pattern is refused with, or "OK". */
function outcome(pattern: string, mode: PatternMode, scope?: "MessageAttributes" | "MessageBody"): string {
  try {
    compilePattern(pattern, { mode, scope });
    return "OK";
  } catch (err) {
    if (err instanceof EventPatternError) return err.message;
    throw err;
  }
}

const at = (source: string, column: number) => `\n at [Source: (String)"${source}"; line: 1, column: ${column}]`;

/** [pattern, event-ruler's sentence, column] — the SNS message is "Invalid parameter: FilterPolicy: " + sentence + location. */
const SNS_RECORDED: [string, string, number][] = [
  ['{"key":[["value"]]}', "Match value must be String, number, true, false, or null", 10],
  ['{"key":[{"wrong-operator":true}]}', "Unrecognized match type wrong-operator", 31],
  ['{"key":[{"suffix":"value","prefix":"value2"}]}', "Only one key allowed in match expression", 37],
  ['{"key":[{"suffix":100}]}', "suffix match pattern must be a string", 22],
  ['{"key":[{"suffix":null}]}', "suffix match pattern must be a string", 23],
  ['{"key":{"suffix":"value"}}', '"suffix" must be an object or an array', 19],
  ['{"key":[{"suffix":[]}]}', "suffix match pattern must be a string", 20],
  ['{"key":[{"suffix":["test","test2"]}]}', "suffix match pattern must be a string", 20],
  ['{"key":{"not-an-operator":"value"}}', '"not-an-operator" must be an object or an array', 28],
  ['{"key":[{"numeric":[]}]}', "Invalid member in numeric match: ]", 22],
  ['{"key":[{"numeric":["operator"]}]}', "Unrecognized numeric range operator: operator", 32],
  ['{"key":[{"numeric":[1,"<="]}]}', "Invalid member in numeric match: 1", 22],
  ['{"key":[{"numeric":["=","000"]}]}', "Value of equals must be numeric", 26],
  ['{"key":[{"numeric":[">="]}]}', "Value of >= must be numeric", 26],
  ['{"key":[{"numeric":["<",100,">",10]}]}', "Too many elements in numeric expression", 30],
  ['{"key":[{"numeric":[">=",1,">",2]}]}', "Bad numeric range operator: >", 31],
  ['{"key":[{"numeric":[">",3,"<",1]}]}', "Bottom must be less than top", 33],
  ['{"key":[{"numeric":[">",20,"<="]}]}', "Value of <= must be numeric", 33],
  ['{"key":[{"numeric":[">",20,30]}]}', "Bad value in numeric range: 30", 30],
  ['{"key":[{"numeric":[">",20,"test"]}]}', "Bad numeric range operator: test", 34],
  ['{"key":[{"numeric":[">","20","<","30"]}]}', "Value of > must be numeric", 26],
  ['{"key":[{"numeric":[">",20,"<","30"]}]}', "Value of < must be numeric", 33],
  ['{"key":[{"numeric":[">",20,"<",30,"<",50]}]}', "Too many terms in numeric range expression", 36],
  ['{"key":[{"exists":null}]}', "exists match pattern must be either true or false.", 23],
  ['{"key":[{"exists":"no"}]}', "exists match pattern must be either true or false.", 20],
  ['{"key_a":"value_one"}', '"key_a" must be an object or an array', 11],
];

test("SNS: AWS's recorded messages, with Jackson's location", () => {
  for (const [pattern, reason, column] of SNS_RECORDED) {
    assert.equal(outcome(pattern, "sns"), `Invalid parameter: FilterPolicy: ${reason}${at(pattern, column)}`, pattern);
  }
});

/** [pattern, full EventBridge message]. */
const EVENTBRIDGE_RECORDED: [string, string][] = [
  ['{"int": 42}', `"int" must be an object or an array${at('{"int": 42}', 11)}`],
  ['{"string": "my-value"}', `"string" must be an object or an array${at('{"string": "my-value"}', 13)}`],
  ['{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}', `Unrecognized match type NUMERIC${at('{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}', 36)}`],
  ['{"resources": []}', `Empty arrays are not allowed${at('{"resources": []}', 17)}`],
  ['{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}', `Bad numeric range operator: >${at('{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}', 49)}`],
  ['{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}', `Value of < must be numeric${at('{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}', 50)}`],
  ['{"my_key": [{"EXISTS": true}]}', `Unrecognized match type EXISTS${at('{"my_key": [{"EXISTS": true}]}', 28)}`],
  ['{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}', `Consecutive wildcard characters at pos 26${at('{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}', 72)}`],
  ['{"detail-type": [{"equals-ignore-case": ["ec2"]}]}', `equals-ignore-case match pattern must be a string${at('{"detail-type": [{"equals-ignore-case": ["ec2"]}]}', 42)}`],
  ['{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}', `equals-ignore-case match pattern must be a string${at('{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}', 42)}`],
  ['{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}', `Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.${at('{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}', 66)}`],
  // Errors raised inside event-ruler's list loops are re-wrapped: AWS repeats the location.
  ['{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}', `Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.${at('{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}', 67).repeat(2)}`],
  ['{"EventBusArn": [{"wildcard": 123}]}', `wildcard match pattern must be a string${at('{"EventBusArn": [{"wildcard": 123}]}', 34)}`],
  ['{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}', `wildcard match pattern must be a string${at('{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}', 57).repeat(2)}`],
  ['{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}', `wildcard match pattern must be a string${at('{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}', 59)}`],
  ['{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}', `prefix/suffix match pattern must be a string${at('{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}', 58).repeat(2)}`],
  ['{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}', `prefix/suffix match pattern must be a string${at('{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}', 57)}`],
  ['{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}', `prefix/suffix match pattern must be a string${at('{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}', 54)}`],
  ['{"time": [{"prefix": ["2022-07-13"]}]}', `prefix match pattern must be a string${at('{"time": [{"prefix": ["2022-07-13"]}]}', 23)}`],
  ['{"time": [{"prefix": 123}]}', `prefix match pattern must be a string${at('{"time": [{"prefix": 123}]}', 25)}`],
  ['{"FileName": [{"suffix": [".png"]}]}', `suffix match pattern must be a string${at('{"FileName": [{"suffix": [".png"]}]}', 27)}`],
  ['{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}', `Value of anything-but must be an array or single string/number value.${at('{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}', 55)}`],
  ['{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}', `prefix match pattern must be a string${at('{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}', 43)}`],
  // CIDR problems are found after parsing: no location.
  ['{"ip": [{"cidr": "10.0.0.0"}]}', "Malformed CIDR, one '/' required"],
  ['{"ip": [{"cidr": "10.0.0.0/x"}]}', "Malformed CIDR, mask bits must be an integer"],
  ['{"ip": [{"cidr": "xx.11.xx/24"}]}', "Nonstandard IP address: xx.11.xx"],
  ['{"ip": [{"cidr": "xxxx:db8:1234:1a00::/56"}]}', "Nonstandard IP address: xxxx:db8:1234:1a00::"],
  // Not JSON, or not an object.
  ["this is valid json but not a dict", `Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')${at("this is valid json but not a dict", 5)}`],
  ["{'bad': 'quotation'}", `Unexpected character (''' (code 39)): was expecting double-quote to start field name${at("{'bad': 'quotation'}", 2)}`],
  ['{"not": closed mark"', `Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')${at('{"not": closed mark"', 15)}`],
  ['["not", "a", "dict", "but valid json"]', `Filter is not an object${at('["not", "a", "dict", "but valid json"]', 2)}`],
];

test("EventBridge: AWS's recorded messages", () => {
  for (const [pattern, detail] of EVENTBRIDGE_RECORDED) {
    assert.equal(outcome(pattern, "eventbridge"), `Event pattern is not valid. Reason: ${detail}`, pattern);
  }
});

/** event-ruler's other checks (same sentences in both modes; shown in EventBridge form). */
const STRUCTURE: [string, string][] = [
  ["", `Filter is not an object${at("", 1)}`],
  ['"s"', `Filter is not an object${at('"s"', 2)}`],
  ["{}", `Empty objects are not allowed${at("{}", 3)}`],
  ['{"a": {}}', `Empty objects are not allowed${at('{"a": {}}', 9)}`],
  ['{"a": [{}]}', `Match expression name not found${at('{"a": [{}]}', 10)}`],
  ['{"$or": {"a": ["1"]}}', `It must be an Array followed with $or.${at('{"$or": {"a": ["1"]}}', 10)}`],
  ['{"$or": [{"a": ["1"]}]}', `There must have at least 2 Objects in $or relationship.${at('{"$or": [{"a": ["1"]}]}', 23)}`],
  ['{"$or": [{"a": ["1"]}, "b"]}', `Only JSON object is allowed in array of $or relationship.${at('{"$or": [{"a": ["1"]}, "b"]}', 25)}`],
  ['{"$or": [{"a": ["1"]}, {"prefix": ["b"]}]}', `prefix is Ruler reserved fieldName which cannot be used inside $or.${at('{"$or": [{"a": ["1"]}, {"prefix": ["b"]}]}', 36)}`],
  ['{"a": [{"numeric": 5}]}', `Value of numeric must be an array.${at('{"a": [{"numeric": 5}]}', 21)}`],
  ['{"a": [{"numeric": [">", 1], "prefix": "x"}]}', `Too many elements in numeric expression${at('{"a": [{"numeric": [">", 1], "prefix": "x"}]}', 41)}`],
  ['{"a": [{"anything-but": ["x", 1]}]}', `Inside anything but list, either all values are number or string, mixed type is not supported${at('{"a": [{"anything-but": ["x", 1]}]}', 33)}`],
  ['{"a": [{"anything-but": []}]}', `Inside anything but list, either all values are number or string, mixed type is not supported${at('{"a": [{"anything-but": []}]}', 27)}`],
  ['{"a": [{"anything-but": [null]}]}', `Inside anything but list, start|null|boolean is not supported.${at('{"a": [{"anything-but": [null]}]}', 30).repeat(2)}`],
  ['{"a": [{"anything-but": null}]}', `Value of anything-but must be an array or single string/number value.${at('{"a": [{"anything-but": null}]}', 29)}`],
  ['{"a": [{"anything-but": {}}]}', `Anything-But expression name not found${at('{"a": [{"anything-but": {}}]}', 27)}`],
  ['{"a": [{"anything-but": {"numeric": [">", 1]}}]}', `Unsupported anything-but pattern: numeric${at('{"a": [{"anything-but": {"numeric": [">", 1]}}]}', 38)}`],
  ['{"a": [{"anything-but": {"prefix": ""}}]}', `Null prefix/suffix not allowed${at('{"a": [{"anything-but": {"prefix": ""}}]}', 38)}`],
  ['{"a": [{"prefix": {"eq": "x"}}]}', `Unsupported prefix pattern: eq${at('{"a": [{"prefix": {"eq": "x"}}]}', 27)}`],
  ['{"a": [{"exists": true, "prefix": "x"}]}', `Only one key allowed in match expression${at('{"a": [{"exists": true, "prefix": "x"}]}', 36)}`],
  ['{"a": [{"wildcard": "a\\\\b"}]}', `Invalid escape character at pos 1${at('{"a": [{"wildcard": "a\\\\b"}]}', 27)}`],
  ['{"a": [{"numeric": [">", 6e9]}]}', `Value must be between -5.0E9 and 5.0E9, inclusive${at('{"a": [{"numeric": [">", 6e9]}]}', 30)}`],
  ['{"a": [{"cidr": "10.0.0.1/32"}]}', "IPv4 mask bits must be < 32"],
  ['{"a": [{"cidr": "::1/128"}]}', "IPv6 mask bits must be < 128"],
  ['{"a": [{"cidr": "10.0.0.1/-1"}]}', "Malformed CIDR, mask bits must not be negative"],
];

test("structural and operand errors", () => {
  for (const [pattern, detail] of STRUCTURE) {
    assert.equal(outcome(pattern, "eventbridge"), `Event pattern is not valid. Reason: ${detail}`, pattern);
  }
});

test("EventBridge-only operators: accepted in eventbridge mode, refused by SNS with its error", () => {
  const rows: [unknown, string, number][] = [
    [{ wildcard: "a*" }, "Unrecognized match type wildcard", 20],
    [{ "anything-but": { suffix: ".png" } }, "Unsupported anything-but pattern: suffix", 34],
    [{ "anything-but": { "equals-ignore-case": "x" } }, "Unsupported anything-but pattern: equals-ignore-case", 46],
    [{ "anything-but": { wildcard: "x*" } }, "Unsupported anything-but pattern: wildcard", 36],
    [{ prefix: { "equals-ignore-case": "x" } }, "prefix match pattern must be a string", 18],
    [{ suffix: { "equals-ignore-case": "x" } }, "suffix match pattern must be a string", 18],
    [{ "anything-but": { prefix: ["a", "b"] } }, "prefix/suffix match pattern must be a string", 34],
  ];
  for (const [op, reason, column] of rows) {
    const pattern = JSON.stringify({ a: [op] });
    assert.equal(outcome(pattern, "eventbridge"), "OK", pattern);
    assert.equal(outcome(pattern, "sns"), `Invalid parameter: FilterPolicy: ${reason}${at(pattern, column)}`, pattern);
  }
  const common: unknown[] = ["x", 5, true, null, { prefix: "a" }, { suffix: "a" }, { "equals-ignore-case": "a" }, { "anything-but": "a" }, { "anything-but": [1, 2] }, { "anything-but": { prefix: "a" } }, { numeric: [">", 0, "<=", 5] }, { exists: false }, { cidr: "10.0.0.0/8" }];
  for (const op of common) {
    const pattern = JSON.stringify({ a: [op] });
    assert.equal(outcome(pattern, "sns"), "OK", pattern);
    assert.equal(outcome(pattern, "eventbridge"), "OK", pattern);
  }
});

test("the error carries the code, the sentence, the location and both SNS forms of the message", () => {
  const pattern = '{"key":[{"prefox":"a"}]}';
  const err = (() => {
    try {
      compilePattern(pattern, { mode: "sns" });
    } catch (e) {
      return e as EventPatternError;
    }
    throw new Error("expected a refusal");
  })();
  assert.ok(err instanceof EventPatternError);
  assert.equal(err.code, "InvalidParameter");
  assert.equal(err.reason, "Unrecognized match type prefox");
  assert.equal(err.location, at(pattern, 20));
  assert.equal(err.detail, `FilterPolicy: Unrecognized match type prefox${at(pattern, 20)}`);
  assert.equal(err.message, `Invalid parameter: ${err.detail}`);
  assert.equal(err.subscribeMessage, `Invalid parameter: Attributes Reason: ${err.detail}`);
  assert.throws(() => compilePattern(pattern, { mode: "eventbridge" }), (e: unknown) => e instanceof EventPatternError && e.code === "InvalidEventPatternException" && e.detail === `Unrecognized match type prefox${at(pattern, 20)}`);
});

test("locations count lines and columns the way Jackson does, and truncate long sources", () => {
  const multiLine = '{\n  "a": [\r\n    {"prefox": "x"}\n  ]\n}';
  assert.equal(outcome(multiLine, "eventbridge"), `Event pattern is not valid. Reason: Unrecognized match type prefox\n at [Source: (String)"${multiLine}"; line: 3, column: 17]`);
  const long = JSON.stringify({ a: ["x".repeat(600)], b: [{ prefox: 1 }] });
  const message = outcome(long, "eventbridge");
  assert.equal(message, `Event pattern is not valid. Reason: Unrecognized match type prefox\n at [Source: (String)"${long.slice(0, 500)}"[truncated ${long.length - 500} chars]; line: 1, column: ${long.indexOf("prefox") + 10}]`);
});

test("a pattern given as an object is checked as its JSON text", () => {
  assert.equal(outcome(JSON.stringify({ a: "b" }), "sns"), `Invalid parameter: FilterPolicy: "a" must be an object or an array${at('{"a":"b"}', 7)}`);
  assert.throws(() => compilePattern({ a: "b" }, { mode: "sns" }), /"a" must be an object or an array/);
  assert.equal(compilePattern({ a: ["b"] }, { mode: "sns" }).matches({ a: "b" }), true);
});
