/**
 * Payload compression: an API's minimumCompressionSize makes answers at least that large leave
 * gzip- or deflate-encoded, as the client's Accept-Encoding asks; smaller ones, or calls that
 * accept neither, get the body as it is.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, gzipSync, inflateSync } from "node:zlib";
import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, PutIntegrationCommand, PutIntegrationResponseCommand, PutMethodCommand, PutMethodResponseCommand, UpdateRestApiCommand } from "@aws-sdk/client-api-gateway";
import { startStratus } from "../helpers/stratus.js";
import { apiPath, callApi, gatewayClient } from "./support.js";

let server: Awaited<ReturnType<typeof startStratus>>;
let gw: APIGatewayClient;
let apiId: string;
let backend: Server;
const received: string[] = [];
const BODY = JSON.stringify({ message: "x".repeat(2000) });

before(async () => {
  server = await startStratus();
  gw = gatewayClient(server);
  const api = await gw.send(new CreateRestApiCommand({ name: "compressed", minimumCompressionSize: 1000 }));
  apiId = api.id!;
  for (const [part, body] of [["big", BODY], ["small", '{"ok":true}']]) {
    const r = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: part }));
    const target = { restApiId: apiId, resourceId: r.id, httpMethod: "GET" };
    await gw.send(new PutMethodCommand({ ...target, authorizationType: "NONE" }));
    await gw.send(new PutIntegrationCommand({ ...target, type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
    await gw.send(new PutMethodResponseCommand({ ...target, statusCode: "200" }));
    await gw.send(new PutIntegrationResponseCommand({ ...target, statusCode: "200", responseTemplates: { "application/json": body } }));
  }
  // A non-proxy HTTP integration whose request template reads the (decompressed) payload.
  backend = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push(Buffer.concat(chunks).toString());
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  const r = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: "mapped" }));
  const target = { restApiId: apiId, resourceId: r.id, httpMethod: "POST" };
  await gw.send(new PutMethodCommand({ ...target, authorizationType: "NONE" }));
  await gw.send(new PutIntegrationCommand({ ...target, type: "HTTP", integrationHttpMethod: "POST", uri: `http://127.0.0.1:${(backend.address() as AddressInfo).port}/`, requestTemplates: { "application/json": '{"got": $input.json(\'$.msg\')}' } }));
  await gw.send(new PutMethodResponseCommand({ ...target, statusCode: "200" }));
  await gw.send(new PutIntegrationResponseCommand({ ...target, statusCode: "200" }));
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "dev" }));
});
after(async () => {
  await server.stop();
  await new Promise((resolve) => backend.close(resolve));
});

const get = (path: string, acceptEncoding?: string) => callApi(server.port, apiPath(apiId, "dev", path), { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} });

test("an answer of at least minimumCompressionSize bytes leaves in the encoding the client prefers", async () => {
  const gz = await get("/big", "gzip, deflate");
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.equal(gunzipSync(gz.raw).toString(), BODY);
  assert.equal(Number(gz.headers["content-length"]), gz.raw.length);
  const df = await get("/big", "gzip;q=0.5, deflate");
  assert.equal(df.headers["content-encoding"], "deflate");
  assert.equal(inflateSync(df.raw).toString(), BODY);
});

test("a gzip request payload is decompressed for a non-proxy integration's mapping template", async () => {
  const r = await callApi(server.port, apiPath(apiId, "dev", "/mapped"), { method: "POST", body: gzipSync(JSON.stringify({ msg: "hello" })), headers: { "content-type": "application/json", "content-encoding": "gzip" } });
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(received.at(-1)!), { got: "hello" });
});

test("smaller answers, identity, no Accept-Encoding, or compression turned off: the body as it is", async () => {
  for (const [path, enc] of [["/small", "gzip"], ["/big", "identity"], ["/big", undefined], ["/big", "gzip;q=0"]] as const) {
    const r = await get(path, enc);
    assert.equal(r.headers["content-encoding"], undefined, `${path} ${enc}`);
  }
  await gw.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: "replace", path: "/minimumCompressionSize", value: "" }] }));
  const off = await get("/big", "gzip");
  assert.equal(off.headers["content-encoding"], undefined);
  assert.equal(off.body, BODY);
});
