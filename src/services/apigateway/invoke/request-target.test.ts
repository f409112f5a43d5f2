// The cheap request-target reading must agree with the WHATWG URL parser it stands in for.
import { test } from "node:test";
import assert from "node:assert/strict";
import { requestTarget } from "./request-target.js";

const TARGETS = [
  "/",
  "/restapis/abcdefghij/prod/_user_request_/hello",
  "/prod/pets/1?limit=10&tag=a+b&tag=c%20d&empty=&flag",
  "/prod/a%2Fb/%E2%82%AC?q=%26%3D",
  "/prod/a/../b",
  "/prod/./a/%2e%2E/b",
  "/prod/.well-known/x",
  "/prod/with space?x=1 2",
  "/prod/{id}?a=<b>",
  "/prod/a#frag?x=1",
  "/prod/caf\u00e9?n=\u00e9",
  "/prod//double//slash/",
  "/prod/q?x=it's&y=\"z\"",
  "/prod/back\\slash",
  "/prod/p?x=a?b/c",
  "/prod/100%/x?p=%zz&q=%",
  "/prod;a=b/c:d@e?x=(1)*[2]",
  "/prod/a|b^c?x=a|b^c",
  "/prod/..",
  "/prod/%2E",
  "/prod?",
  "/prod/x?a=1&&b=2&=3",
  "*",
  "http://other.example/prod/abs?x=1",
];

test("requestTarget gives new URL's pathname and query for any request target", () => {
  for (const t of TARGETS) {
    const url = new URL(t, "http://localhost");
    const got = requestTarget(t);
    assert.equal(got.pathname, url.pathname, t);
    assert.deepEqual([...got.query], [...url.searchParams], t);
  }
});
