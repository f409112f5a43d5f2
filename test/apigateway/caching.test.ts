/**
 * The stage cache on the manual clock: a GET answered from the cache until its TTL passes,
 * cache key parameters, `Cache-Control: max-age=0` under each strategy, FlushStageCache, and
 * methods whose settings turn caching off.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  FlushStageCacheCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import type { ManualClock } from "../../src/core/clock.js";
import type { StratusServer } from "../../src/index.js";
import { fails, startStratus } from "../helpers/stratus.js";
import { apiPath, callApi, gatewayClient } from "./support.js";

let server: StratusServer;
let clock: ManualClock;
let gw: APIGatewayClient;
let backend: Server;
let hits = 0;
let apiId: string;

const call = (path: string, headers: Record<string, string> = {}, method = "GET") => callApi(Number(new URL(server.endpoint).port), apiPath(apiId, "prod", path), { headers, method });
const counter = async (path: string, headers: Record<string, string> = {}, method = "GET") => JSON.parse((await call(path, headers, method)).body).n as number;

before(async () => {
  backend = createServer((req, res) => {
    hits += 1;
    if (req.url === "/bytes" || req.url === "/text") {
      // Not UTF-8 (kept as bytes in the cache), and UTF-8 with multi-byte characters (kept as text).
      res.writeHead(200, { "content-type": "application/octet-stream", "x-hit": String(hits) });
      res.end(req.url === "/bytes" ? Buffer.from([0xff, 0x00, 0x80, 0x41, 0xc3]) : Buffer.from("héllo ✓", "utf8"));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ n: hits, url: req.url }));
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  server = await startStratus({ clock: "manual" });
  clock = server.manualClock!;
  gw = gatewayClient(server);
  const api = await gw.send(new CreateRestApiCommand({ name: "cached" }));
  apiId = api.id!;
  for (const [part, method, extra] of [
    ["items", "GET", { cacheKeyParameters: ["method.request.querystring.q"] }],
    ["items", "POST", {}],
    ["fresh", "GET", {}],
    ["bytes", "GET", {}],
    ["text", "GET", {}],
  ] as Array<[string, string, { cacheKeyParameters?: string[] }]>) {
    const existing = part === "items" && method === "POST";
    const resourceId = existing ? itemsId : (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: part }))).id!;
    if (part === "items") itemsId = resourceId;
    await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod: method, authorizationType: "NONE", requestParameters: { "method.request.querystring.q": false } }));
    await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod: method, type: "HTTP_PROXY", integrationHttpMethod: method, uri: `${url}/${part}`, ...extra }));
  }
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "prod", cacheClusterEnabled: true, cacheClusterSize: "0.5" }));
  await gw.send(new UpdateStageCommand({ restApiId: apiId, stageName: "prod", patchOperations: [{ op: "replace", path: "/~1fresh/GET/caching/enabled", value: "false" }] }));
});
let itemsId = "";

after(async () => {
  await server.stop();
  await new Promise((resolve) => backend.close(resolve));
});

test("a GET is answered from the cache for 300 s by default, then from the backend again", async () => {
  const first = await counter("/items");
  assert.equal(await counter("/items"), first, "a hit");
  await clock.advance(299_000);
  assert.equal(await counter("/items"), first, "still within the TTL");
  await clock.advance(1_000);
  assert.equal(await counter("/items"), first + 1, "expired");
});

test("a cached answer comes back byte for byte, whether its body is UTF-8 text or not", async () => {
  for (const [path, bytes] of [
    ["/bytes", [0xff, 0x00, 0x80, 0x41, 0xc3]],
    ["/text", [...Buffer.from("héllo ✓", "utf8")]],
  ] as Array<[string, number[]]>) {
    const first = await call(path);
    const second = await call(path);
    assert.deepEqual([...first.raw], bytes);
    assert.deepEqual([...second.raw], bytes, `${path}: the hit`);
    assert.equal(second.headers["x-hit"], first.headers["x-hit"], `${path}: answered from the cache`);
    assert.equal(second.headers["content-length"], String(bytes.length));
  }
});

test("cache key parameters split entries; other query strings do not", async () => {
  const a = await counter("/items?q=a");
  const b = await counter("/items?q=b");
  assert.notEqual(a, b);
  assert.equal(await counter("/items?q=a&other=1"), a);
});

test("POST is not cached by the stage's defaults; a method can turn caching off", async () => {
  const p1 = await counter("/items", {}, "POST");
  assert.equal(await counter("/items", {}, "POST"), p1 + 1);
  const f1 = await counter("/fresh");
  assert.equal(await counter("/fresh"), f1 + 1);
});

test("Cache-Control: max-age=0 from an unsigned caller is ignored with a Warning by default; when authorization is not required it refreshes", async () => {
  const cached = await counter("/items?q=cc");
  const ignored = await call("/items?q=cc", { "cache-control": "max-age=0" });
  assert.equal(JSON.parse(ignored.body).n, cached);
  assert.match(String(ignored.headers.warning), /Cache-control headers were ignored because the caller was unauthorized/);
  await gw.send(new UpdateStageCommand({ restApiId: apiId, stageName: "prod", patchOperations: [{ op: "replace", path: "/*/*/caching/requireAuthorizationForCacheControl", value: "false" }, { op: "replace", path: "/*/*/caching/enabled", value: "true" }] }));
  assert.equal(await counter("/items?q=cc", { "cache-control": "max-age=0" }), cached + 1, "refreshed");
  assert.equal(await counter("/items?q=cc"), cached + 1, "the refreshed entry is served");
});

test("FAIL_WITH_403 refuses an unauthorized max-age=0; FlushStageCache empties the cache", async () => {
  await gw.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: "prod",
      patchOperations: [
        { op: "replace", path: "/*/*/caching/requireAuthorizationForCacheControl", value: "true" },
        { op: "replace", path: "/*/*/caching/unauthorizedCacheControlHeaderStrategy", value: "FAIL_WITH_403" },
        { op: "replace", path: "/*/*/caching/enabled", value: "true" },
      ],
    }),
  );
  const refused = await call("/items?q=f", { "cache-control": "max-age=0" });
  assert.equal(refused.status, 403, refused.body);
  assert.match(JSON.parse(refused.body).Message, /^User: anonymous is not authorized to perform: execute-api:InvalidateCache on resource: arn:aws:execute-api:us-east-1:000000000000:/);
  const before = await counter("/items?q=f");
  assert.equal(await counter("/items?q=f"), before);
  await gw.send(new FlushStageCacheCommand({ restApiId: apiId, stageName: "prod" }));
  assert.equal(await counter("/items?q=f"), before + 1);
  await fails(gw.send(new FlushStageCacheCommand({ restApiId: apiId, stageName: "nope" })), "NotFoundException", "Invalid stage identifier specified", 404);
});
