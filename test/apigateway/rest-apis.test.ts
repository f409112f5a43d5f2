/**
 * API Gateway's management API through the real APIGatewayClient (restJson1): REST APIs,
 * the resource tree ({param} and {proxy+}), methods and integrations, with AWS's errors.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  APIGatewayClient,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteResourceCommand,
  DeleteRestApiCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from "@aws-sdk/client-api-gateway";
import { fails, startStratus } from "../helpers/stratus.js";
import { gatewayClient } from "./support.js";

type Server = Awaited<ReturnType<typeof startStratus>>;
let server: Server;
let gw: APIGatewayClient;
before(async () => {
  server = await startStratus();
  gw = gatewayClient(server);
});
after(() => server.stop());

test("REST APIs: create with AWS's defaults, get, list, delete", async () => {
  const api = await gw.send(new CreateRestApiCommand({ name: "pets", description: "Pet store" }));
  assert.match(api.id!, /^[a-z0-9]{10}$/);
  assert.equal(api.name, "pets");
  assert.equal(api.apiKeySource, "HEADER");
  assert.deepEqual(api.endpointConfiguration, { types: ["EDGE"] });
  assert.equal(api.disableExecuteApiEndpoint, false);
  assert.ok(api.createdDate instanceof Date);
  assert.match(api.rootResourceId!, /^[a-z0-9]{10}$/);
  assert.equal((await gw.send(new GetRestApiCommand({ restApiId: api.id }))).description, "Pet store");
  assert.ok((await gw.send(new GetRestApisCommand({}))).items!.some((a) => a.id === api.id));
  await gw.send(new DeleteRestApiCommand({ restApiId: api.id }));
  await fails(gw.send(new GetRestApiCommand({ restApiId: api.id })), "NotFoundException", `Invalid API identifier specified 000000000000:${api.id}`, 404);
});

test("the resource tree: paths, {param} and {proxy+}, sibling rules, recursive delete", async () => {
  const api = await gw.send(new CreateRestApiCommand({ name: "tree", endpointConfiguration: { types: ["REGIONAL"] } }));
  const root = api.rootResourceId!;
  const pets = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: root, pathPart: "pets" }));
  assert.equal(pets.path, "/pets");
  const pet = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: pets.id, pathPart: "{petId}" }));
  assert.equal(pet.path, "/pets/{petId}");
  const proxy = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: root, pathPart: "{proxy+}" }));
  assert.equal(proxy.path, "/{proxy+}");
  await fails(gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: root, pathPart: "pets" })), "ConflictException", "Another resource with the same parent already has this name: pets", 409);
  await fails(gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: pets.id, pathPart: "{other}" })), "BadRequestException", /already has a variable path part/);
  await fails(gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: root, pathPart: "bad part" })), "BadRequestException", /path part only allow/);
  await fails(gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: "nope", pathPart: "x" })), "NotFoundException", /^Invalid Resource identifier specified/, 404);
  const paths = (await gw.send(new GetResourcesCommand({ restApiId: api.id }))).items!.map((r) => r.path);
  assert.deepEqual(paths, ["/", "/pets", "/pets/{petId}", "/{proxy+}"]);
  await gw.send(new DeleteResourceCommand({ restApiId: api.id, resourceId: pets.id }));
  assert.deepEqual((await gw.send(new GetResourcesCommand({ restApiId: api.id }))).items!.map((r) => r.path), ["/", "/{proxy+}"]);
});

test("methods and integrations: put, get (embedded in GetResources), AWS's checks", async () => {
  const api = await gw.send(new CreateRestApiCommand({ name: "methods" }));
  const r = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "items" }));
  const m = await gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", authorizationType: "NONE", requestParameters: { "method.request.querystring.q": false } }));
  assert.deepEqual([m.httpMethod, m.authorizationType, m.apiKeyRequired], ["GET", "NONE", false]);
  await fails(gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", authorizationType: "NONE" })), "ConflictException", "Method already exists for this resource", 409);
  await fails(gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "POST", authorizationType: "MAGIC" })), "BadRequestException", /Invalid authorization type/);
  const lambdaUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:fn/invocations";
  const i = await gw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", type: "AWS_PROXY", integrationHttpMethod: "POST", uri: lambdaUri }));
  assert.deepEqual([i.type, i.httpMethod, i.uri, i.timeoutInMillis, i.passthroughBehavior, i.cacheNamespace], ["AWS_PROXY", "POST", lambdaUri, 29000, "WHEN_NO_MATCH", r.id]);
  await fails(gw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", type: "HTTP", integrationHttpMethod: "GET", uri: "ftp://x" })), "BadRequestException", "Invalid HTTP endpoint specified for URI");
  await fails(gw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", type: "MOCK", timeoutInMillis: 30_000 })), "BadRequestException", "Timeout should be between 50 ms and 29000 ms");
  assert.equal((await gw.send(new GetIntegrationCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET" }))).type, "AWS_PROXY");
  assert.equal((await gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET" }))).methodIntegration?.type, "AWS_PROXY");
  const embedded = (await gw.send(new GetResourcesCommand({ restApiId: api.id, embed: ["methods"] }))).items!.find((x) => x.id === r.id)!;
  assert.equal(embedded.resourceMethods?.GET?.methodIntegration?.uri, lambdaUri);
  await fails(gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "DELETE" })), "NotFoundException", "Invalid Method identifier specified", 404);
});
