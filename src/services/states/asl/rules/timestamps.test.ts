import { test } from "node:test";
import assert from "node:assert/strict";
import { compareInstants, instantToEpochMillisTruncated, isTimestamp, parseTimestamp } from "./timestamps.js";

test("timestamps AWS accepts: uppercase T and Z, or a numeric offset, 0-9 fraction digits", () => {
  const valid = [
    "2016-08-18T17:33:00Z",
    "2012-10-09T19:00:55Z",
    "2025-01-01T00:00:00.000Z",
    "2025-01-01T00:00:00.0000000Z", // seven digits: accepted by AWS (LocalStack recording)
    "2025-01-01T00:00:00.123456789Z",
    "2025-01-01T00:00:00.5Z",
    "2012-10-09T19:00:55+01:00",
    "2012-10-09T19:00:55-05:30",
    "2012-10-09T19:00:55+18:00",
    "2012-10-09T19:00:55-00:00",
    "2024-02-29T23:59:59Z",
    "2000-02-29T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59Z",
  ];
  for (const text of valid) assert.ok(isTimestamp(text), text);
});

test("strings that are not timestamps", () => {
  const invalid = [
    "",
    "not-a-timestamp",
    "2023-02-24",
    "2012-10-09T19:00:55", // no zone: refused by AWS (Wait TimestampPath recording)
    "2012-10-09T19:00:55.000000", // idem
    "2012-10-09 19:00:55Z",
    "2012-10-09t19:00:55Z",
    "2012-10-09T19:00:55z",
    "2012-10-09T19:00Z",
    "2012-10-09T19:00:55.Z",
    "2012-10-09T19:00:55.1234567890Z",
    "2012-10-09T19:00:55+0100",
    "2012-10-09T19:00:55+01",
    "2012-10-09T19:00:55+18:01",
    "2012-10-09T19:00:55+19:00",
    "2012-10-09T19:00:55+01:60",
    "2023-02-24 12:15:56.832957",
    "2025-01-01T00%3A00%3A00Z",
    "2025-13-01T00:00:00Z",
    "2025-00-01T00:00:00Z",
    "2025-04-31T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "1900-02-29T00:00:00Z",
    "2025-01-00T00:00:00Z",
    "2025-01-01T24:00:00Z",
    "2025-01-01T00:60:00Z",
    "2025-01-01T00:00:60Z",
    "12025-01-01T00:00:00Z",
    " 2025-01-01T00:00:00Z",
    "2025-01-01T00:00:00Z ",
    "２０２５-01-01T00:00:00Z",
  ];
  for (const text of invalid) assert.equal(parseTimestamp(text), undefined, text);
  for (const value of [null, 0, 1735689600, true, {}, []]) assert.equal(isTimestamp(value), false);
});

test("instants agree with Date for whole seconds and milliseconds", () => {
  for (const text of ["1970-01-01T00:00:00Z", "2016-08-18T17:33:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2012-10-09T19:00:55+01:00"]) {
    const instant = parseTimestamp(text)!;
    const ms = new Date(text).getTime();
    assert.equal(instant.epochSecond * 1000 + Math.floor(instant.nano / 1e6), ms, text);
  }
});

test("comparison is by instant: offsets, fractions and nanoseconds count", () => {
  const cmp = (a: string, b: string) => compareInstants(parseTimestamp(a)!, parseTimestamp(b)!);
  assert.equal(cmp("2012-10-09T19:00:55+01:00", "2012-10-09T18:00:55Z"), 0);
  assert.equal(cmp("2012-10-09T19:00:55-01:00", "2012-10-09T20:00:55Z"), 0);
  assert.equal(cmp("2025-01-01T12:00:00.000Z", "2025-01-01T12:00:00Z"), 0);
  assert.equal(cmp("2025-01-01T12:00:00.5Z", "2025-01-01T12:00:00.500000000Z"), 0);
  assert.equal(cmp("2025-01-01T12:00:00.000000001Z", "2025-01-01T12:00:00Z"), 1);
  assert.equal(cmp("2025-01-01T12:00:00.0001Z", "2025-01-01T12:00:00.0002Z"), -1);
  assert.equal(cmp("2025-01-01T00:30:00+01:00", "2024-12-31T23:59:59Z"), -1); // 23:30Z on the 31st
  assert.equal(cmp("2024-12-31T23:30:00-01:00", "2025-01-01T00:00:00Z"), 1); // 00:30Z on the 1st
  assert.equal(cmp("2012-10-09T19:00:55Z", "2012-10-09T19:00:56Z"), -1);
  assert.equal(cmp("1969-12-31T23:59:59.5Z", "1970-01-01T00:00:00Z"), -1);
});

test("Wait drops the fraction of a second", () => {
  assert.equal(instantToEpochMillisTruncated(parseTimestamp("2025-01-01T00:00:10.999Z")!), Date.UTC(2025, 0, 1, 0, 0, 10));
  assert.equal(instantToEpochMillisTruncated(parseTimestamp("1969-12-31T23:59:59.5Z")!), -1000);
});
