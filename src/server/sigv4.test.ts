import { test } from "node:test";
import assert from "node:assert/strict";
import { verifySignature, canonicalUri } from "./sigv4.js";

// AWS's worked example (IAM ListUsers, 2015-08-30) from the SigV4 documentation.
const EXAMPLE = {
  method: "GET",
  path: "/",
  rawQuery: "Action=ListUsers&Version=2010-05-08",
  query: new URLSearchParams("Action=ListUsers&Version=2010-05-08"),
  headers: {
    "content-type": "application/x-www-form-urlencoded; charset=utf-8",
    host: "iam.amazonaws.com",
    "x-amz-date": "20150830T123600Z",
    authorization:
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
  },
  body: Buffer.alloc(0),
};
const SCOPE = { accessKeyId: "AKIDEXAMPLE", date: "20150830", region: "us-east-1", service: "iam" };
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const SIGNED_AT = Date.UTC(2015, 7, 30, 12, 36, 0);

test("AWS's documented example verifies", () => {
  verifySignature(EXAMPLE, SCOPE, SECRET, SIGNED_AT + 60_000);
});

test("another secret does not", () => {
  assert.throws(() => verifySignature(EXAMPLE, SCOPE, SECRET + "x", SIGNED_AT), { code: "SignatureDoesNotMatch" });
});

test("a signature older than 15 minutes is expired", () => {
  assert.throws(() => verifySignature(EXAMPLE, SCOPE, SECRET, SIGNED_AT + 16 * 60_000), /Signature expired/);
});

test("a changed header that was signed breaks the signature", () => {
  assert.throws(() => verifySignature({ ...EXAMPLE, headers: { ...EXAMPLE.headers, host: "evil.example.com" } }, SCOPE, SECRET, SIGNED_AT), { code: "SignatureDoesNotMatch" });
});

test("canonical URIs encode each (already encoded) segment again and drop dot segments", () => {
  assert.equal(canonicalUri("/2015-03-31/functions/arn%3Aaws%3Alambda/invocations"), "/2015-03-31/functions/arn%253Aaws%253Alambda/invocations");
  assert.equal(canonicalUri("/a/./b/../c"), "/a/c");
  assert.equal(canonicalUri("/"), "/");
});
