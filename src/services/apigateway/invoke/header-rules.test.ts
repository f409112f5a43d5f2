import assert from "node:assert/strict";
import { test } from "node:test";
import { headerRecord, requestHeaders, responseHeaders } from "./header-rules.js";

const client: Array<[string, string]> = [
  ["Host", "abc.execute-api.localhost"],
  ["Accept", "*/*"],
  ["Connection", "keep-alive"],
  ["Keep-Alive", "timeout=5"],
  ["Expect", "100-continue"],
  ["Max-Forwards", "3"],
  ["Content-Encoding", "gzip"],
  ["Content-Length", "3"],
  ["Via", "1.1 proxy"],
  ["User-Agent", "curl"],
  ["X-Custom", "1"],
  ["X-Custom", "2"],
];

test("requests: each integration kind gets what AWS's table lets through", () => {
  const names = (pairs: Array<[string, string]>) => pairs.map(([k]) => k);
  assert.deepEqual(names(requestHeaders("http_proxy", client, false)), ["Accept", "Connection", "User-Agent", "X-Custom", "X-Custom"]);
  assert.deepEqual(names(requestHeaders("http", client, false)), ["Accept", "Connection", "Content-Encoding", "User-Agent", "X-Custom", "X-Custom"]);
  // A Lambda event keeps the client's Host, Via and Content-Length; Connection is dropped.
  assert.deepEqual(names(requestHeaders("lambda", client, false)), ["Host", "Accept", "Content-Encoding", "Content-Length", "Via", "User-Agent", "X-Custom", "X-Custom"]);
});

test("requests: Authorization is dropped when it is a SigV4 signature or the method uses AWS_IAM", () => {
  const bearer: Array<[string, string]> = [["Authorization", "Bearer abc"]];
  const signed: Array<[string, string]> = [["authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=00"]];
  assert.deepEqual(requestHeaders("http_proxy", bearer, false), bearer);
  assert.deepEqual(requestHeaders("http_proxy", bearer, true), []);
  assert.deepEqual(requestHeaders("lambda", signed, false), []);
});

test("responses: Date, Server, Authorization, WWW-Authenticate, … are remapped; hop-by-hop and framing headers dropped", () => {
  const backend: Array<[string, string]> = [
    ["Date", "Tue, 01 Jan 2030 00:00:00 GMT"],
    ["Server", "nginx"],
    ["WWW-Authenticate", "Basic"],
    ["Authorization", "x"],
    ["Connection", "close"],
    ["Keep-Alive", "timeout=5"],
    ["Transfer-Encoding", "chunked"],
    ["Content-Length", "10"],
    ["Content-Type", "text/plain"],
    ["Accept", "*/*"],
    ["Via", "1.1 cache"],
    ["Set-Cookie", "a=1"],
    ["Set-Cookie", "b=2"],
  ];
  assert.deepEqual(headerRecord(responseHeaders("http_proxy", backend)), {
    "x-amzn-Remapped-Date": "Tue, 01 Jan 2030 00:00:00 GMT",
    "x-amzn-Remapped-Server": "nginx",
    "x-amzn-Remapped-WWW-Authenticate": "Basic",
    "x-amzn-Remapped-Authorization": "x",
    "x-amzn-Remapped-Connection": "close",
    "content-type": "text/plain",
    accept: "*/*",
    "set-cookie": ["a=1", "b=2"],
  });
  // A non-proxy HTTP answer loses Accept; a Lambda one keeps it; only HTTP keeps Via.
  assert.equal(headerRecord(responseHeaders("http", backend)).accept, undefined);
  assert.equal(headerRecord(responseHeaders("lambda", backend)).accept, "*/*");
  assert.equal(headerRecord(responseHeaders("http", backend)).via, "1.1 cache");
});
