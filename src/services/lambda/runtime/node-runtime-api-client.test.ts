// The Node bootstrap's raw-socket Runtime API client against plain node:http servers.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { test } from "node:test";
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
