/**
 * The management API's second part through the APIGatewayClient: method and integration
 * responses, models (with the two default ones), request validators, gateway responses, and
 * the Update* operations with AWS's patch paths and errors.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import {
  APIGatewayClient,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteGatewayResponseCommand,
  DeleteModelCommand,
  DeleteRequestValidatorCommand,
  GetGatewayResponseCommand,
  GetGatewayResponsesCommand,
  GetIntegrationResponseCommand,
  GetMethodCommand,
  GetModelsCommand,
  GetResourcesCommand,
  GetTagsCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIntegrationCommand,
  UpdateIntegrationResponseCommand,
  UpdateMethodCommand,
  UpdateModelCommand,
  UpdateRequestValidatorCommand,
  UpdateResourceCommand,
  UpdateRestApiCommand,
} from "@aws-sdk/client-api-gateway";
import type { StratusServer } from "../../src/index.js";
import { fails, startStratus } from "../helpers/stratus.js";
import { gatewayClient } from "./support.js";

let server: StratusServer;
let gw: APIGatewayClient;
let apiId: string;
let rootId: string;
let petsId: string;

before(async () => {
  server = await startStratus();
  gw = gatewayClient(server);
  const api = await gw.send(new CreateRestApiCommand({ name: "updates" }));
  apiId = api.id!;
  rootId = api.rootResourceId!;
  petsId = (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: "pets" }))).id!;
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: petsId, httpMethod: "GET", authorizationType: "NONE" }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: petsId, httpMethod: "GET", type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }));
});
after(() => server.stop());

const target = () => ({ restApiId: apiId, resourceId: petsId, httpMethod: "GET" });

test("a new API has the Empty and Error models; models are created, patched and guarded while in use", async () => {
  const models = await gw.send(new GetModelsCommand({ restApiId: apiId }));
  assert.deepEqual(models.items?.map((m) => m.name).sort(), ["Empty", "Error"]);
  await gw.send(new CreateModelCommand({ restApiId: apiId, name: "Pet", contentType: "application/json", schema: '{"type":"object"}' }));
  await fails(gw.send(new CreateModelCommand({ restApiId: apiId, name: "Pet", contentType: "application/json", schema: "{}" })), "ConflictException", "Model name already exists for this REST API", 409);
  await fails(gw.send(new CreateModelCommand({ restApiId: apiId, name: "bad-name", contentType: "application/json" })), "BadRequestException", "Model name must be non-empty and alphanumeric");
  await fails(gw.send(new CreateModelCommand({ restApiId: apiId, name: "Broken", contentType: "application/json", schema: "{not json" })), "BadRequestException", /Invalid model schema specified/);
  const patched = await gw.send(new UpdateModelCommand({ restApiId: apiId, modelName: "Pet", patchOperations: [{ op: "replace", path: "/description", value: "a pet" }] }));
  assert.equal(patched.description, "a pet");
  await gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "add", path: "/requestModels/application~1json", value: "Pet" }] }));
  await fails(gw.send(new DeleteModelCommand({ restApiId: apiId, modelName: "Pet" })), "ConflictException", "Cannot delete model 'Pet', is referenced in method request: /pets/GET", 409);
  await fails(gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "add", path: "/requestModels/text~1plain", value: "Nope" }] })), "BadRequestException", "Invalid model identifier specified: Nope");
  await gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "remove", path: "/requestModels/application~1json" }] }));
  await gw.send(new DeleteModelCommand({ restApiId: apiId, modelName: "Pet" }));
});

test("method and integration responses: put, get, patch; an integration response needs its method response", async () => {
  await fails(gw.send(new PutIntegrationResponseCommand({ ...target(), statusCode: "201" })), "NotFoundException", "Invalid Response status code specified", 404);
  await fails(gw.send(new PutMethodResponseCommand({ ...target(), statusCode: "2000" })), "BadRequestException", "Invalid response status code specified");
  await gw.send(new PutMethodResponseCommand({ ...target(), statusCode: "200", responseParameters: { "method.response.header.X-Id": false } }));
  await fails(gw.send(new PutMethodResponseCommand({ ...target(), statusCode: "200" })), "ConflictException", "Response already exists for this resource", 409);
  await gw.send(new PutIntegrationResponseCommand({ ...target(), statusCode: "200", selectionPattern: "", responseTemplates: { "application/json": "{}" } }));
  const patched = await gw.send(
    new UpdateIntegrationResponseCommand({
      ...target(),
      statusCode: "200",
      patchOperations: [
        { op: "replace", path: "/selectionPattern", value: "2\\d{2}" },
        { op: "add", path: "/responseParameters/method.response.header.X-Id", value: "'abc'" },
        { op: "remove", path: "/responseTemplates/application~1json" },
      ],
    }),
  );
  assert.equal(patched.selectionPattern, "2\\d{2}");
  assert.deepEqual(patched.responseParameters, { "method.response.header.X-Id": "'abc'" });
  const fetched = await gw.send(new GetIntegrationResponseCommand({ ...target(), statusCode: "200" }));
  assert.deepEqual(fetched.responseTemplates, {});
  const method = await gw.send(new GetMethodCommand(target()));
  assert.deepEqual(Object.keys(method.methodResponses ?? {}), ["200"]);
  assert.deepEqual(Object.keys(method.methodIntegration?.integrationResponses ?? {}), ["200"]);
});

test("UpdateIntegration and UpdateMethod: patch paths, values checked, unknown paths refused with AWS's message", async () => {
  const i = await gw.send(
    new UpdateIntegrationCommand({
      ...target(),
      patchOperations: [
        { op: "replace", path: "/timeoutInMillis", value: "5000" },
        { op: "add", path: "/requestParameters/integration.request.header.X-Y", value: "'z'" },
        { op: "replace", path: "/passthroughBehavior", value: "NEVER" },
      ],
    }),
  );
  assert.equal(i.timeoutInMillis, 5000);
  assert.equal(i.passthroughBehavior, "NEVER");
  assert.deepEqual(i.requestParameters, { "integration.request.header.X-Y": "'z'" });
  await fails(gw.send(new UpdateIntegrationCommand({ ...target(), patchOperations: [{ op: "replace", path: "/timeoutInMillis", value: "30001" }] })), "BadRequestException", "Invalid integer value specified: 30001");
  await fails(gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "replace", path: "/nope", value: "x" }] })), "BadRequestException", /^Invalid patch path {2}'\/nope' specified for op 'replace'. Must be one of: \[\/authorizationType/);
  const m = await gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "replace", path: "/apiKeyRequired", value: "true" }, { op: "add", path: "/requestParameters/method.request.querystring.q", value: "true" }] }));
  assert.equal(m.apiKeyRequired, true);
  assert.deepEqual(m.requestParameters, { "method.request.querystring.q": true });
  await fails(gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "replace", path: "/authorizationType", value: "CUSTOM" }] })), "BadRequestException", /requires a valid authorizer/);
});

test("request validators: create, patch, delete detaches them from methods", async () => {
  const v = await gw.send(new CreateRequestValidatorCommand({ restApiId: apiId, name: "body-only", validateRequestBody: true }));
  assert.equal(v.validateRequestParameters, false);
  await fails(gw.send(new CreateRequestValidatorCommand({ restApiId: apiId, name: "body-only" })), "ConflictException", "Validator with name 'body-only' already exists", 409);
  const u = await gw.send(new UpdateRequestValidatorCommand({ restApiId: apiId, requestValidatorId: v.id, patchOperations: [{ op: "replace", path: "/validateRequestParameters", value: "true" }] }));
  assert.equal(u.validateRequestParameters, true);
  await fails(gw.send(new UpdateRequestValidatorCommand({ restApiId: apiId, requestValidatorId: v.id, patchOperations: [{ op: "replace", path: "/validateRequestBody", value: "yes" }] })), "BadRequestException", "Invalid boolean value specified: yes");
  await gw.send(new UpdateMethodCommand({ ...target(), patchOperations: [{ op: "replace", path: "/requestValidatorId", value: v.id }] }));
  await gw.send(new DeleteRequestValidatorCommand({ restApiId: apiId, requestValidatorId: v.id }));
  const m = await gw.send(new GetMethodCommand(target()));
  assert.equal(m.requestValidatorId, undefined);
});

test("gateway responses: defaults for every type, customised, then restored", async () => {
  const all = await gw.send(new GetGatewayResponsesCommand({ restApiId: apiId, limit: 500 }));
  assert.equal(all.items?.length, 21);
  const throttled = all.items?.find((r) => r.responseType === "THROTTLED");
  assert.deepEqual({ statusCode: throttled?.statusCode, defaultResponse: throttled?.defaultResponse }, { statusCode: "429", defaultResponse: true });
  await gw.send(new PutGatewayResponseCommand({ restApiId: apiId, responseType: "THROTTLED", statusCode: "503", responseParameters: { "gatewayresponse.header.Retry-After": "'1'" } }));
  const custom = await gw.send(new GetGatewayResponseCommand({ restApiId: apiId, responseType: "THROTTLED" }));
  assert.equal(custom.statusCode, "503");
  assert.equal(custom.defaultResponse, false);
  await fails(gw.send(new PutGatewayResponseCommand({ restApiId: apiId, responseType: "NOT_A_TYPE" as never })), "BadRequestException", /responseType/);
  await gw.send(new DeleteGatewayResponseCommand({ restApiId: apiId, responseType: "THROTTLED" }));
  assert.equal((await gw.send(new GetGatewayResponseCommand({ restApiId: apiId, responseType: "THROTTLED" }))).defaultResponse, true);
});

test("UpdateResource moves a subtree; UpdateRestApi patches", async () => {
  const dogs = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: petsId, pathPart: "dogs" }));
  await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: dogs.id, pathPart: "{id}" }));
  await gw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: petsId, patchOperations: [{ op: "replace", path: "/pathPart", value: "animals" }] }));
  const paths = (await gw.send(new GetResourcesCommand({ restApiId: apiId }))).items?.map((r) => r.path).sort();
  assert.deepEqual(paths, ["/", "/animals", "/animals/dogs", "/animals/dogs/{id}"]);
  await fails(gw.send(new UpdateResourceCommand({ restApiId: apiId, resourceId: petsId, patchOperations: [{ op: "replace", path: "/parentId", value: dogs.id }] })), "BadRequestException", "Resource cannot be moved under itself");
  const api = await gw.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: "replace", path: "/name", value: "renamed" }, { op: "replace", path: "/apiKeySource", value: "AUTHORIZER" }] }));
  assert.equal(api.name, "renamed");
  assert.equal(api.apiKeySource, "AUTHORIZER");
  await fails(gw.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: "move", path: "/name", from: "/description" }] })), "BadRequestException", /Invalid patch path {2}'\/name' specified for op 'move'/);
});

test("tags on a REST API: TagResource, GetTags, UntagResource, AWS's limits", async () => {
  const arn = `arn:aws:apigateway:us-east-1::/restapis/${apiId}`;
  await gw.send(new TagResourceCommand({ resourceArn: arn, tags: { team: "core", env: "dev" } }));
  assert.deepEqual((await gw.send(new GetTagsCommand({ resourceArn: arn }))).tags, { team: "core", env: "dev" });
  await gw.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["env"] }));
  assert.deepEqual((await gw.send(new GetTagsCommand({ resourceArn: arn }))).tags, { team: "core" });
  await fails(gw.send(new TagResourceCommand({ resourceArn: arn, tags: { "aws:x": "y" } })), "BadRequestException", "Tag keys starting with 'aws:' are reserved for AWS");
  const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"]));
  await fails(gw.send(new TagResourceCommand({ resourceArn: arn, tags: many })), "BadRequestException", /at most 50/);
  await fails(gw.send(new GetTagsCommand({ resourceArn: "arn:aws:apigateway:us-east-1::/restapis/nope000000" })), "NotFoundException", /Invalid API identifier specified/, 404);
  await fails(gw.send(new GetTagsCommand({ resourceArn: "arn:aws:apigateway:us-east-1::/domainnames/x" })), "NotFoundException", /Invalid resource ARN specified/, 404);
});
