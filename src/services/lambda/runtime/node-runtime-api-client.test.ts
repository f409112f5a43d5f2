// The Node bootstrap's raw-socket Runtime API client against plain node:http servers.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
// @ts-expect-error: plain JavaScript module loaded by the runtime process, without types
import { RuntimeApiClient } from "./bootstraps/node-runtime-api-client.mjs";

interface ClientResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}
interface Client {
  request(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<ClientResponse>;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ server: Server; client: Client; connections: () => number }> {
  let connections = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handler(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, client: new RuntimeApiClient("127.0.0.1", port) as Client, connections: () => connections };
}

test("requests reuse one keep-alive connection and carry body and headers", async (t) => {
  const { server, client, connections } = await serve((req, res, body) => {
    res.writeHead(202, { "Content-Type": "application/json", "X-Echo": String(req.headers["lambda-runtime-function-error-type"]) });
    res.end(JSON.stringify({ method: req.method, url: req.url, body, type: req.headers["content-type"] }));
  });
  t.after(() => server.close());
  const a = await client.request("POST", "/2018-06-01/runtime/invocation/r1/error", '{"errorMessage":"é"}', { "Lambda-Runtime-Function-Error-Type": "Oops" });
  assert.equal(a.status, 202);
  assert.equal(a.headers["x-echo"], "Oops");
  assert.deepEqual(JSON.parse(a.body), { method: "POST", url: "/2018-06-01/runtime/invocation/r1/error", body: '{"errorMessage":"é"}', type: "application/json" });
  const b = await client.request("GET", "/2018-06-01/runtime/invocation/next");
  assert.equal(JSON.parse(b.body).method, "GET");
  assert.equal(connections(), 1);
});

test("a chunked answer is decoded", async (t) => {
  const { server, client } = await serve((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" }); // no length: Node sends it chunked
    res.write('{"part":');
    setImmediate(() => res.end('"two"}'));
  });
  t.after(() => server.close());
  const r = await client.request("GET", "/x");
  assert.deepEqual(JSON.parse(r.body), { part: "two" });
});

test("a connection the server closed while idle is replaced, and the request still succeeds", async (t) => {
  const sockets: Socket[] = [];
  const { server, client, connections } = await serve((_req, res) => res.end("ok"));
  server.on("connection", (s: Socket) => sockets.push(s));
  t.after(() => server.close());
  assert.equal((await client.request("GET", "/a")).body, "ok");
  for (const s of sockets) s.destroy();
  assert.equal((await client.request("GET", "/b")).body, "ok");
  assert.equal(connections(), 2);
});

test("a server that drops the connection mid-request rejects the call", async (t) => {
  const { server, client } = await serve((req) => req.socket.destroy());
  t.after(() => server.close());
  await assert.rejects(client.request("GET", "/gone"));
});

test("pipelined requests go out together on one connection and are answered in order", async (t) => {
  let gotNext: () => void = () => {};
  const nextArrived = new Promise<void>((resolve) => (gotNext = resolve));
  const { server, client, connections } = await serve((req, res, body) => {
    if (req.method === "GET") {
      gotNext();
      // Held back, as a long-polling GET /next is, then sent chunked.
      void sleep(20).then(() => res.end("the next event"));
    } else {
      // Answered only once the GET is in: a client waiting for this 202 would never get it.
      void nextArrived.then(() => res.writeHead(202, { "Content-Length": Buffer.byteLength(body) }).end(body));
    }
  });
  t.after(() => server.close());
  const pipelined = client as Client & { pipeline(requests: unknown[][]): Array<Promise<ClientResponse>> };
  const [posted, next] = pipelined.pipeline([
    ["POST", "/2018-06-01/runtime/invocation/r1/response", '"answer"'],
    ["GET", "/2018-06-01/runtime/invocation/next"],
  ]);
  const first = await posted;
  assert.equal(first.status, 202);
  assert.equal(first.body, '"answer"');
  assert.equal((await next).body, "the next event");
  assert.equal((await client.request("GET", "/again")).status, 200);
  assert.equal(connections(), 1);
});

test("a connection dropped between pipelined answers rejects the rest", async (t) => {
  const { server, client } = await serve((req, res) => (req.method === "GET" ? req.socket.destroy() : res.end("ok")));
  t.after(() => server.close());
  const pipelined = client as Client & { pipeline(requests: unknown[][]): Array<Promise<ClientResponse>> };
  const [posted, next] = pipelined.pipeline([["POST", "/a", "{}"], ["GET", "/b"]]);
  assert.equal((await posted).body, "ok");
  await assert.rejects(next);
});
