/**
 * TestInvokeMethod through the SDK: the API as defined now (never deployed here), a MOCK
 * method, an HTTP_PROXY method with a path parameter, query string, headers and stage
 * variables reaching a local backend, request validation, and an unknown method.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type APIGatewayClient,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TestInvokeMethodCommand,
} from "@aws-sdk/client-api-gateway";
import type { StratusServer } from "../../src/index.js";
import { fails, startStratus } from "../helpers/stratus.js";
import { gatewayClient } from "./support.js";

let server: StratusServer;
let gw: APIGatewayClient;
let backend: Server;
let apiId = "";
const ids: Record<string, string> = {};

before(async () => {
  backend = createServer((req, res) => {
    res.writeHead(201, { "content-type": "application/json", "x-backend": "yes" });
    res.end(JSON.stringify({ url: req.url, tag: req.headers["x-tag"] ?? null }));
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;
  server = await startStratus();
  gw = gatewayClient(server);
  const api = await gw.send(new CreateRestApiCommand({ name: "test-invoke" }));
  apiId = api.id!;
  const resource = async (parentId: string, pathPart: string) => (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId, pathPart }))).id!;
  ids.mock = await resource(api.rootResourceId!, "mock");
  ids.items = await resource(api.rootResourceId!, "items");
  ids.item = await resource(ids.items, "{id}");
  ids.checked = await resource(api.rootResourceId!, "checked");

  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: ids.mock, httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: true }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: ids.mock, httpMethod: "GET", type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
  await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId: ids.mock, httpMethod: "GET", statusCode: "200" }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: ids.mock, httpMethod: "GET", statusCode: "200", responseTemplates: { "application/json": '{"stage": "$context.stage", "v": "$stageVariables.v"}' } }));

  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: ids.item, httpMethod: "GET", authorizationType: "NONE" }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: ids.item, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: `${url}/things/{id}`, requestParameters: { "integration.request.path.id": "method.request.path.id" } }));

  const validator = await gw.send(new CreateRequestValidatorCommand({ restApiId: apiId, name: "params", validateRequestParameters: true }));
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: ids.checked, httpMethod: "GET", authorizationType: "NONE", requestValidatorId: validator.id, requestParameters: { "method.request.querystring.q": true } }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: ids.checked, httpMethod: "GET", type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
  await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId: ids.checked, httpMethod: "GET", statusCode: "200" }));
  await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: ids.checked, httpMethod: "GET", statusCode: "200", responseTemplates: { "application/json": '{"q": "$input.params(\'q\')"}' } }));
});

after(async () => {
  await server.stop();
  await new Promise((resolve) => backend.close(resolve));
});

test("a MOCK method answers through its mapping, on test-invoke-stage with the given stage variables, without an API key", async () => {
  const r = await gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: ids.mock, httpMethod: "GET", stageVariables: { v: "seven" } }));
  assert.equal(r.status, 200);
  assert.deepEqual(JSON.parse(r.body!), { stage: "test-invoke-stage", v: "seven" });
  assert.equal(r.headers?.["content-type"], "application/json");
  assert.deepEqual(r.multiValueHeaders?.["content-type"], ["application/json"]);
  assert.match(r.log!, /^Execution log for request [0-9a-f-]{36}\n/);
  assert.match(r.log!, /HTTP Method: GET, Resource Path: \/mock/);
  assert.match(r.log!, /Method completed with status: 200\n$/);
  assert.equal(typeof r.latency, "number");
});

test("an HTTP_PROXY method gets the path parameter, query string and headers of pathWithQueryString and headers", async () => {
  const r = await gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: ids.item, httpMethod: "GET", pathWithQueryString: "/items/42?color=red", headers: { "x-tag": "t1" } }));
  assert.equal(r.status, 201);
  assert.deepEqual(JSON.parse(r.body!), { url: "/things/42?color=red", tag: "t1" });
  assert.equal(r.headers?.["x-backend"], "yes");
  assert.match(r.log!, /Method request path: \{id=42\}/);
  assert.match(r.log!, /Method request query string: \{color=red\}/);
});

test("request validation applies: a missing required query string parameter is 400 with AWS's message", async () => {
  const missing = await gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: ids.checked, httpMethod: "GET" }));
  assert.equal(missing.status, 400);
  assert.deepEqual(JSON.parse(missing.body!), { message: "Missing required request parameters: [q]" });
  assert.match(missing.log!, /Method completed with status: 400/);
  const given = await gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: ids.checked, httpMethod: "GET", pathWithQueryString: "/checked?q=1" }));
  assert.equal(given.status, 200);
  assert.deepEqual(JSON.parse(given.body!), { q: "1" });
});

test("a method the resource does not have is NotFoundException", async () => {
  await fails(gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: ids.mock, httpMethod: "POST" })), "NotFoundException", "Invalid Method identifier specified", 404);
  await fails(gw.send(new TestInvokeMethodCommand({ restApiId: apiId, resourceId: "nosuch1234", httpMethod: "GET" })), "NotFoundException", /Invalid Resource identifier specified/, 404);
});
