// The Runtime API server on its own, spoken to over HTTP as a runtime would.
import assert from "node:assert/strict";
import { connect } from "node:net";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { MAX_RESPONSE_BYTES } from "./limits.js";
import { RuntimeApiServer, type NextInvocation, type RuntimeReport } from "./runtime-api-server.js";

interface Recorded {
  ready: number;
  initErrors: Array<{ body: string; type?: string }>;
  results: RuntimeReport[];
}

async function startServer(): Promise<{ server: RuntimeApiServer; base: string; rec: Recorded }> {
  const rec: Recorded = { ready: 0, initErrors: [], results: [] };
  const server = new RuntimeApiServer({
    ready: () => rec.ready++,
    initError: (body, type) => rec.initErrors.push({ body: body.toString(), type }),
    delivered: () => {},
    result: (r) => rec.results.push(r),
  });
  const address = await server.listen();
  return { server, base: `http://${address}/2018-06-01/runtime`, rec };
}

function invocation(id: string, extra: Partial<NextInvocation> = {}): NextInvocation {
  return { requestId: id, payload: Buffer.from('{"k":1}'), deadlineMs: 1_700_000_003_000, invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:f", traceId: "Root=1-a-b", ...extra };
}

test("GET /next blocks until an invocation is delivered, then carries AWS's headers", async (t) => {
  const { server, base, rec } = await startServer();
  t.after(() => server.close());
  const pending = fetch(`${base}/invocation/next`);
  await sleep(50);
  assert.equal(rec.ready, 1, "the first /next ends INIT");
  server.deliver(invocation("req-1", { clientContext: '{"custom":{"a":1}}', cognitoIdentity: '{"cognitoIdentityId":"id-1"}' }));
  const res = await pending;
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '{"k":1}');
  assert.equal(res.headers.get("lambda-runtime-aws-request-id"), "req-1");
  assert.equal(res.headers.get("lambda-runtime-deadline-ms"), "1700000003000");
  assert.equal(res.headers.get("lambda-runtime-invoked-function-arn"), "arn:aws:lambda:us-east-1:123456789012:function:f");
  assert.equal(res.headers.get("lambda-runtime-trace-id"), "Root=1-a-b");
  assert.equal(res.headers.get("lambda-runtime-client-context"), '{"custom":{"a":1}}');
  assert.equal(res.headers.get("lambda-runtime-cognito-identity"), '{"cognitoIdentityId":"id-1"}');
});

test("an invocation delivered before /next is kept for it; optional headers are absent", async (t) => {
  const { server, base } = await startServer();
  t.after(() => server.close());
  server.deliver(invocation("req-2"));
  const res = await fetch(`${base}/invocation/next`);
  assert.equal(res.headers.get("lambda-runtime-aws-request-id"), "req-2");
  assert.equal(res.headers.get("lambda-runtime-client-context"), null);
  assert.equal(res.headers.get("lambda-runtime-cognito-identity"), null);
});

test("response and error posts answer 202; unknown or repeated ids answer 400 InvalidRequestID", async (t) => {
  const { server, base, rec } = await startServer();
  t.after(() => server.close());
  server.deliver(invocation("req-3"));
  await (await fetch(`${base}/invocation/next`)).text();
  const bad = await fetch(`${base}/invocation/nope/response`, { method: "POST", body: "{}" });
  assert.equal(bad.status, 400);
  assert.deepEqual(await bad.json(), { errorMessage: "Invalid request ID", errorType: "InvalidRequestID" });
  const ok = await fetch(`${base}/invocation/req-3/response`, { method: "POST", body: '"done"' });
  assert.equal(ok.status, 202);
  assert.deepEqual(await ok.json(), { status: "OK" });
  const again = await fetch(`${base}/invocation/req-3/error`, { method: "POST", body: "{}" });
  assert.equal(again.status, 400, "an answered invocation cannot be answered twice");
  assert.equal(rec.results.length, 1);
  assert.deepEqual(rec.results[0], { kind: "response", requestId: "req-3", body: Buffer.from('"done"') });

  server.deliver(invocation("req-4"));
  await (await fetch(`${base}/invocation/next`)).text();
  const err = await fetch(`${base}/invocation/req-4/error`, {
    method: "POST",
    headers: { "Lambda-Runtime-Function-Error-Type": "Runtime.Custom" },
    body: '{"errorType":"Custom","errorMessage":"m"}',
  });
  assert.equal(err.status, 202);
  assert.equal(rec.results[1].kind, "error");
  assert.equal((rec.results[1] as { errorType?: string }).errorType, "Runtime.Custom");
});

test("a response over 6 MB is refused with 413 and reported as too large", async (t) => {
  const { server, base, rec } = await startServer();
  t.after(() => server.close());
  server.deliver(invocation("big"));
  await (await fetch(`${base}/invocation/next`)).text();
  const res = await fetch(`${base}/invocation/big/response`, { method: "POST", body: Buffer.alloc(MAX_RESPONSE_BYTES + 1, 97) });
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { errorType: string }).errorType, "RequestEntityTooLarge");
  assert.deepEqual(rec.results, [{ kind: "tooLarge", requestId: "big", size: MAX_RESPONSE_BYTES + 1 }]);
});

test("init errors are accepted before the first /next only; unknown paths are 404", async (t) => {
  const { server, base, rec } = await startServer();
  t.after(() => server.close());
  const res = await fetch(`${base}/init/error`, { method: "POST", headers: { "Lambda-Runtime-Function-Error-Type": "Runtime.X" }, body: '{"errorType":"Runtime.X"}' });
  assert.equal(res.status, 202);
  assert.deepEqual(rec.initErrors, [{ body: '{"errorType":"Runtime.X"}', type: "Runtime.X" }]);
  assert.equal((await fetch(`${base.replace("/runtime", "")}/nothing`)).status, 404);
  assert.equal((await fetch(`${base}/invocation/next`, { method: "POST" })).status, 405);
});

test("an answer pipelined with the next GET is accepted; its 202 goes out with the next event, the GET waiting for it", async (t) => {
  const { server, base, rec } = await startServer();
  t.after(() => server.close());
  server.deliver(invocation("req-5"));
  await (await fetch(`${base}/invocation/next`)).text();
  const { hostname, port } = new URL(base);
  const socket = connect(Number(port), hostname);
  t.after(() => socket.destroy());
  let received = "";
  socket.setEncoding("latin1").on("data", (text: string) => (received += text));
  const body = '"five"';
  socket.write(
    `POST /2018-06-01/runtime/invocation/req-5/response HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
      "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: x\r\n\r\n",
  );
  while (rec.results.length === 0) await sleep(5);
  assert.deepEqual(rec.results, [{ kind: "response", requestId: "req-5", body: Buffer.from(body) }]);
  await sleep(30);
  assert.equal(received, "", "the 202 waits for the next event, and the GET is not taken for one sent before the answer");
  server.deliver(invocation("req-6"));
  while (!received.includes('{"k":1}')) await sleep(5);
  assert.match(received, /^HTTP\/1\.1 202 [^]*\{"status":"OK"\}HTTP\/1\.1 200 OK\r\n[^]*Lambda-Runtime-Aws-Request-Id: req-6\r\n/i);
});

test("an answer sent on its own is acknowledged at once", async (t) => {
  const { server, base } = await startServer();
  t.after(() => server.close());
  server.deliver(invocation("req-7"));
  await (await fetch(`${base}/invocation/next`)).text();
  const res = await fetch(`${base}/invocation/req-7/response`, { method: "POST", body: '"seven"' });
  assert.equal(res.status, 202);
  assert.deepEqual(await res.json(), { status: "OK" });
});
