/**
 * Calling a deployed API: AWS_PROXY to a real Lambda handler through both URL forms, the proxy
 * event as the handler sees it, routing to the most specific resource, 403 for unknown routes
 * and 502 for a malformed function response.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { APIGatewayClient, CreateDeploymentCommand, CreateResourceCommand, CreateRestApiCommand, PutIntegrationCommand, PutMethodCommand } from "@aws-sdk/client-api-gateway";
import { functionArn, startLambda, type LambdaHarness } from "../lambda/support.js";
import { deploy } from "../lambda/invoke-support.js";
import { callApi, gatewayClient } from "./support.js";

let h: LambdaHarness;
let gw: APIGatewayClient;
let apiId: string;
let port: number;

const uri = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn(fn)}/invocations`;

before(async () => {
  h = await startLambda();
  port = Number(new URL(h.server.endpoint).port);
  gw = gatewayClient(h.server);
  await deploy(h, "echo-event", "exports.handler = async (event) => ({ statusCode: 201, headers: { 'x-handled': 'yes' }, body: JSON.stringify(event) });\n");
  await deploy(h, "broken-shape", "exports.handler = async () => ({ status: 'not the proxy format' });\n");
  const api = await gw.send(new CreateRestApiCommand({ name: "proxy" }));
  apiId = api.id!;
  const pets = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: "pets" }));
  const pet = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: pets.id, pathPart: "{petId}" }));
  const proxy = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: "{proxy+}" }));
  const bad = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: "bad" }));
  for (const [resourceId, method, fn] of [[pet.id, "GET", "echo-event"], [proxy.id, "ANY", "echo-event"], [bad.id, "GET", "broken-shape"]] as const) {
    await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod: method, authorizationType: "NONE" }));
    await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod: method, type: "AWS_PROXY", integrationHttpMethod: "POST", uri: uri(fn) }));
  }
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "dev", variables: { flavour: "local" } }));
});
after(() => h.server.stop());

const call = (path: string, options: Parameters<typeof callApi>[2] = {}) => callApi(port, path, options);

test("the path form: the handler gets AWS's proxy event and its response comes back", async () => {
  const r = await call(`/restapis/${apiId}/dev/_user_request_/pets/42?color=red&color=blue`, { headers: { "X-Trace": "t1" } });
  assert.equal(r.status, 201);
  assert.equal(r.headers["x-handled"], "yes");
  const event = JSON.parse(r.body);
  assert.equal(event.resource, "/pets/{petId}");
  assert.equal(event.path, "/pets/42");
  assert.equal(event.httpMethod, "GET");
  assert.deepEqual(event.pathParameters, { petId: "42" });
  assert.deepEqual(event.queryStringParameters, { color: "blue" });
  assert.deepEqual(event.multiValueQueryStringParameters, { color: ["red", "blue"] });
  assert.equal(event.headers["X-Trace"], "t1");
  assert.deepEqual(event.stageVariables, { flavour: "local" });
  assert.equal(event.body, null);
  assert.equal(event.isBase64Encoded, false);
  assert.equal(event.requestContext.stage, "dev");
  assert.equal(event.requestContext.path, "/dev/pets/42");
  assert.equal(event.requestContext.resourcePath, "/pets/{petId}");
  assert.equal(event.requestContext.apiId, apiId);
  assert.equal(event.requestContext.identity.sourceIp, "127.0.0.1");
});

test("the Host form, a greedy {proxy+} with ANY, and a body", async () => {
  const r = await call("/dev/anything/deep/here", { method: "POST", host: `${apiId}.execute-api.localhost:${port}`, body: '{"a":1}', headers: { "content-type": "application/json" } });
  assert.equal(r.status, 201);
  const event = JSON.parse(r.body);
  assert.equal(event.resource, "/{proxy+}");
  assert.deepEqual(event.pathParameters, { proxy: "anything/deep/here" });
  assert.equal(event.httpMethod, "POST");
  assert.equal(event.body, '{"a":1}');
});

test("unknown routes are 403 Missing Authentication Token; a malformed function response is 502", async () => {
  const missing = await call(`/restapis/${apiId}/dev/_user_request_/pets`);
  assert.deepEqual([missing.status, JSON.parse(missing.body)], [403, { message: "Missing Authentication Token" }]);
  const wrongMethod = await call(`/restapis/${apiId}/dev/_user_request_/pets/1`, { method: "DELETE" });
  assert.equal(wrongMethod.status, 403);
  const bad = await call(`/restapis/${apiId}/dev/_user_request_/bad`);
  assert.deepEqual([bad.status, JSON.parse(bad.body)], [502, { message: "Internal server error" }]);
  const noStage = await call(`/restapis/${apiId}/prod/_user_request_/pets/1`);
  assert.equal(noStage.status, 403);
});

test("a payload over API Gateway's 10 MB quota is 413 Request Too Long, and the connection serves the next call", async () => {
  const host = `${apiId}.execute-api.localhost:${port}`;
  const big = await call("/dev/anything", { method: "POST", host, body: Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), headers: { "content-type": "text/plain" } });
  assert.deepEqual([big.status, JSON.parse(big.body)], [413, { message: "Request Too Long" }]);
  const fits = await call("/dev/anything", { method: "POST", host, body: "small", headers: { "content-type": "text/plain" } });
  assert.equal(fits.status, 201);
});
