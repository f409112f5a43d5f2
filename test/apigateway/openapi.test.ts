/**
 * OpenAPI import and export through the real APIGatewayClient: ImportRestApi of an OpenAPI 3
 * document with AWS's extensions and of a Swagger 2.0 YAML document, AWS's errors and warnings
 * (failonwarnings), PutRestApi merge and overwrite, and GetExport of a deployed stage as
 * OpenAPI 3 JSON and Swagger YAML that imports back into the same API.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetExportCommand,
  GetGatewayResponseCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetModelCommand,
  GetModelsCommand,
  GetRequestValidatorsCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  type Resource,
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

const fixture = (name: string) => readFileSync(new URL(`../fixtures/apigateway/${name}`, import.meta.url), "utf8");
const bytes = (text: string) => new TextEncoder().encode(text);
const petstore = () => fixture("petstore-oas3.json");
const lambdaUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pets-handler/invocations";

async function resources(restApiId: string): Promise<Map<string, Resource>> {
  const items = (await gw.send(new GetResourcesCommand({ restApiId, embed: ["methods"], limit: 500 }))).items!;
  return new Map(items.map((r) => [r.path!, r]));
}

/** A minimal OpenAPI 3 document around some paths (and optionally components). */
function oas3(paths: object, extra: object = {}): string {
  return JSON.stringify({ openapi: "3.0.1", info: { title: "small", version: "1" }, paths, ...extra });
}

const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } } };
const ok = { "200": { description: "ok" } };

test("ImportRestApi: the PetStore OpenAPI 3 document with AWS's extensions", async () => {
  const before = (await gw.send(new GetRestApisCommand({ limit: 500 }))).items!.length;
  const api = await gw.send(new ImportRestApiCommand({ body: bytes(petstore()), failOnWarnings: true, parameters: { endpointConfigurationTypes: "REGIONAL" } }));
  assert.equal((await gw.send(new GetRestApisCommand({ limit: 500 }))).items!.length, before + 1);
  assert.match(api.id!, /^[a-z0-9]{10}$/);
  assert.equal(api.name, "PetStore");
  assert.match(api.description!, /^Your first API with Amazon API Gateway/);
  assert.equal(api.version, "1.0.0");
  assert.equal(api.warnings, undefined);
  assert.deepEqual(api.binaryMediaTypes, ["image/png", "application/octet-stream"]);
  assert.equal(api.apiKeySource, "HEADER");
  assert.equal(api.minimumCompressionSize, 1024);
  assert.deepEqual(api.endpointConfiguration, { types: ["REGIONAL"] });
  assert.deepEqual(api.tags, { team: "pets" });
  assert.equal(JSON.parse(api.policy!).Statement[0].Action, "execute-api:Invoke");
  assert.equal((await gw.send(new GetRestApiCommand({ restApiId: api.id }))).name, "PetStore");

  const tree = await resources(api.id!);
  assert.deepEqual([...tree.keys()], ["/", "/files", "/files/{proxy+}", "/pets", "/pets/{petId}"]);
  assert.equal(tree.get("/")!.id, api.rootResourceId);
  assert.equal(tree.get("/pets/{petId}")!.parentId, tree.get("/pets")!.id);
  assert.equal(tree.get("/files/{proxy+}")!.pathPart, "{proxy+}");
  assert.deepEqual(Object.keys(tree.get("/pets")!.resourceMethods!).sort(), ["GET", "OPTIONS", "POST"]);
  assert.deepEqual(Object.keys(tree.get("/files/{proxy+}")!.resourceMethods!), ["ANY"]);

  const method = (path: string, httpMethod: string) => gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: tree.get(path)!.id, httpMethod }));
  const listPets = await method("/pets", "GET");
  assert.equal(listPets.operationName, "ListPets");
  assert.deepEqual(listPets.requestParameters, { "method.request.querystring.type": false, "method.request.querystring.page": true, "method.request.header.X-Request-Id": false });
  assert.equal(listPets.authorizationType, "CUSTOM");
  assert.match(listPets.authorizerId!, /^[a-z0-9]{10}$/);
  assert.equal(listPets.apiKeyRequired, true, "the second security requirement asks for an API key");
  assert.match(listPets.requestValidatorId!, /^[a-z0-9]{10}$/, "the document-wide validator applies");
  assert.deepEqual(listPets.methodResponses, { "200": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": false }, responseModels: { "application/json": "Pets" } } });

  const createPet = await method("/pets", "POST");
  assert.equal(createPet.authorizationType, "COGNITO_USER_POOLS");
  assert.deepEqual(createPet.authorizationScopes, ["pets/write"]);
  assert.equal(createPet.apiKeyRequired, false);
  assert.deepEqual(createPet.requestModels, { "application/json": "NewPet" });
  assert.notEqual(createPet.requestValidatorId, listPets.requestValidatorId, "its own validator, body-only");
  assert.deepEqual(Object.keys(createPet.methodResponses!).sort(), ["200", "400"]);
  assert.deepEqual(createPet.methodIntegration, {
    type: "AWS_PROXY",
    httpMethod: "POST",
    uri: lambdaUri,
    passthroughBehavior: "WHEN_NO_MATCH",
    contentHandling: "CONVERT_TO_TEXT",
    timeoutInMillis: 10000,
    cacheNamespace: tree.get("/pets")!.id,
    cacheKeyParameters: [],
  });

  const getPet = await method("/pets/{petId}", "GET");
  assert.deepEqual(getPet.requestParameters, { "method.request.path.petId": true });
  assert.equal(getPet.authorizationType, "NONE");
  assert.equal(getPet.apiKeyRequired, true, "the document-wide security applies");
  assert.deepEqual(getPet.methodResponses!["200"].responseParameters, { "method.response.header.Access-Control-Allow-Origin": true });
  assert.match(getPet.methodResponses!["404"].responseModels!["application/json"], /^MODEL[0-9a-f]{6}$/, "an inline object schema gets a model of its own");
  const deletePet = await method("/pets/{petId}", "DELETE");
  assert.equal(deletePet.authorizationType, "CUSTOM");
  assert.notEqual(deletePet.authorizerId, listPets.authorizerId);
  assert.equal(deletePet.apiKeyRequired, false);

  const root = await method("/", "GET");
  assert.equal(root.authorizationType, "NONE");
  assert.equal(root.apiKeyRequired, false, "security: [] switches the document's security off");

  const integration = (path: string, httpMethod: string) => gw.send(new GetIntegrationCommand({ restApiId: api.id, resourceId: tree.get(path)!.id, httpMethod }));
  const http = await integration("/pets", "GET");
  assert.equal(http.type, "HTTP");
  assert.equal(http.httpMethod, "GET");
  assert.equal(http.connectionType, "INTERNET");
  assert.equal(http.uri, "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets");
  assert.deepEqual(http.requestParameters, { "integration.request.querystring.page": "method.request.querystring.page", "integration.request.querystring.type": "method.request.querystring.type" });
  assert.deepEqual(http.integrationResponses, { "200": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } });
  const byPattern = await integration("/pets/{petId}", "GET");
  assert.deepEqual(byPattern.integrationResponses!["404"], { statusCode: "404", selectionPattern: "4\\d{2}", responseTemplates: { "application/json": '{"message": "not found"}' } });
  assert.equal(byPattern.integrationResponses!["200"].selectionPattern, undefined);
  const mocked = await integration("/", "GET");
  assert.equal(mocked.type, "MOCK");
  assert.equal(mocked.httpMethod, undefined);
  assert.deepEqual(mocked.requestTemplates, { "application/json": '{"statusCode": 200}' });
  assert.equal(mocked.integrationResponses!["200"].responseTemplates!["text/html"], "<html><body><h1>Welcome to your Pet Store API</h1></body></html>");
  const proxy = await integration("/files/{proxy+}", "ANY");
  assert.deepEqual([proxy.type, proxy.httpMethod, proxy.cacheNamespace, proxy.cacheKeyParameters], ["HTTP_PROXY", "ANY", "files-cache", ["method.request.path.proxy"]]);

  // Models: the document's schemas (not CreateRestApi's defaults), plus one for the inline 404 body.
  const models = (await gw.send(new GetModelsCommand({ restApiId: api.id, limit: 500 }))).items!;
  const inline = getPet.methodResponses!["404"].responseModels!["application/json"];
  assert.deepEqual(models.map((m) => m.name).sort(), ["Empty", "Error", inline, "NewPet", "NewPetResponse", "Pet", "PetType", "Pets"].sort());
  const stored = await gw.send(new GetModelCommand({ restApiId: api.id, modelName: "NewPetResponse" }));
  assert.equal(stored.contentType, "application/json");
  assert.deepEqual(JSON.parse(stored.schema!).properties.pet, { $ref: `https://apigateway.amazonaws.com/restapis/${api.id}/models/Pet` }, "AWS stores model references as canonical URLs");
  assert.deepEqual(JSON.parse((await gw.send(new GetModelCommand({ restApiId: api.id, modelName: inline }))).schema!), { type: "object", properties: { message: { type: "string" } } });

  const validators = (await gw.send(new GetRequestValidatorsCommand({ restApiId: api.id }))).items!;
  assert.deepEqual(validators.map((v) => [v.name, v.validateRequestBody, v.validateRequestParameters]).sort(), [["body-only", true, false], ["params-only", false, true]]);
  assert.equal(validators.find((v) => v.name === "body-only")!.id, createPet.requestValidatorId);
  const missingToken = await gw.send(new GetGatewayResponseCommand({ restApiId: api.id, responseType: "MISSING_AUTHENTICATION_TOKEN" }));
  assert.equal(missingToken.statusCode, "404");
  assert.deepEqual(missingToken.responseParameters, { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" });
  assert.deepEqual(missingToken.responseTemplates, { "application/json": '{"message": "No such route: $context.path"}' });
});

test("ImportRestApi: a Swagger 2.0 YAML document, its base path prepended", async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: bytes(fixture("bookstore-swagger.yaml")), parameters: { basepath: "prepend" } }));
  assert.equal(api.name, "Bookstore");
  assert.equal(api.version, "1.0", "an unquoted YAML 1.0 keeps its text");
  assert.deepEqual(api.endpointConfiguration, { types: ["EDGE"] });
  assert.equal(api.warnings, undefined);
  const tree = await resources(api.id!);
  assert.deepEqual([...tree.keys()], ["/", "/v2", "/v2/books", "/v2/books/{isbn}"]);
  const list = await gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: tree.get("/v2/books")!.id, httpMethod: "GET" }));
  assert.deepEqual(list.requestParameters, { "method.request.querystring.author": false, "method.request.querystring.pageSize": true }, "a $ref parameter is resolved");
  assert.equal(list.apiKeyRequired, true);
  assert.deepEqual(list.methodResponses!["200"], { statusCode: "200", responseParameters: { "method.response.header.X-Total-Count": false }, responseModels: { "application/json": "Books" } });
  assert.deepEqual(list.methodIntegration!.integrationResponses, { "200": { statusCode: "200", responseParameters: { "method.response.header.X-Total-Count": "integration.response.header.X-Total-Count" } } });
  const add = await gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: tree.get("/v2/books")!.id, httpMethod: "POST" }));
  assert.equal(add.authorizationType, "AWS_IAM");
  assert.deepEqual(add.requestModels, { "application/json": "Book" }, "the body parameter's schema, for each content type consumed");
  assert.equal(add.methodIntegration!.type, "MOCK");
  const one = await gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: tree.get("/v2/books/{isbn}")!.id, httpMethod: "GET" }));
  assert.deepEqual(one.requestParameters, { "method.request.path.isbn": true });
  assert.equal(one.methodIntegration!.type, "HTTP_PROXY");

  const split = await gw.send(new ImportRestApiCommand({ body: bytes(fixture("bookstore-swagger.yaml").replace("basePath: /v2", "basePath: /api/v2")), parameters: { basepath: "split" } }));
  assert.deepEqual([...(await resources(split.id!)).keys()], ["/", "/v2", "/v2/books", "/v2/books/{isbn}"], "split drops the base path's first part");
  const ignored = await gw.send(new ImportRestApiCommand({ body: bytes(fixture("bookstore-swagger.yaml")) }));
  assert.deepEqual([...(await resources(ignored.id!)).keys()], ["/", "/books", "/books/{isbn}"], "ignore is the default");
  await fails(gw.send(new ImportRestApiCommand({ body: bytes(fixture("bookstore-swagger.yaml")), parameters: { basepath: "sideways" } })), "BadRequestException", /basepath: sideways/);
});

test("warnings: reported in the RestApi, or fail the import with failonwarnings=true", async () => {
  const doc = oas3(
    {
      "/pets": {
        get: { security: [{ basicAuth: [] }], responses: ok, "x-amazon-apigateway-integration": mock },
        post: { "x-amazon-apigateway-integration": mock },
      },
    },
    { components: { securitySchemes: { basicAuth: { type: "http", scheme: "basic" } } } },
  );
  const expected = ["Unsupported security definition type 'http' for 'basicAuth'. Ignoring.", "Parse issue: attribute paths.'/pets'(post).responses is missing"];
  const count = async () => (await gw.send(new GetRestApisCommand({ limit: 500 }))).items!.length;
  const before = await count();
  await fails(gw.send(new ImportRestApiCommand({ body: bytes(doc), failOnWarnings: true })), "BadRequestException", `Warnings found during import:\n\t${expected.join("\n\t")}`);
  assert.equal(await count(), before, "a failed import leaves no API behind");
  const api = await gw.send(new ImportRestApiCommand({ body: bytes(doc) }));
  assert.deepEqual(api.warnings, expected);
  const tree = await resources(api.id!);
  assert.deepEqual(Object.keys(tree.get("/pets")!.resourceMethods!).sort(), ["GET", "POST"], "the import went ahead");
});

test("malformed documents: AWS's BadRequestException and message, nothing created", async () => {
  const count = async () => (await gw.send(new GetRestApisCommand({ limit: 500 }))).items!.length;
  const before = await count();
  const importing = (doc: string, failOnWarnings = false) => gw.send(new ImportRestApiCommand({ body: bytes(doc), failOnWarnings }));
  await fails(importing("openapi: 3.0.1\npaths: [unclosed\n  : {"), "BadRequestException", "Invalid OpenAPI input.");
  await fails(importing('{"hello": "world"}'), "BadRequestException", "Invalid OpenAPI input.");
  await fails(importing("just some text"), "BadRequestException", "Invalid OpenAPI input.");
  await fails(importing(JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} })), "BadRequestException", "Invalid OpenAPI input.");

  // A path item key that is not an operation is a parse warning; TRACE cannot be a method.
  await fails(importing(oas3({ "/pets": { fetch: { responses: ok } } }), true), "BadRequestException", "Warnings found during import:\n\tParse issue: attribute paths.'/pets'.fetch is unexpected");
  await fails(importing(oas3({ "/pets": { trace: { responses: ok } } })), "BadRequestException", "Errors found during import:\n\tUnable to put method 'TRACE' on resource at path '/pets': Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");

  // Unresolved $refs: a model pointing at a missing schema fails; a method's missing model is a warning.
  const brokenModel = oas3(
    { "/pets": { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } }, responses: ok, "x-amazon-apigateway-integration": mock } } },
    { components: { schemas: { Pet: { type: "object", properties: { owner: { $ref: "#/components/schemas/Owner" } } } } } },
  );
  await fails(
    importing(brokenModel),
    "BadRequestException",
    "Errors found during import:\n\tUnable to create model for 'Pet': Invalid model specified: Validation Result: warnings : [], errors : [Model reference must be in canonical form]\nAdditionally, these warnings were found:\n\tReference to model 'Pet' not found. Ignoring.",
  );
  const missingModel = oas3({ "/pets": { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Nope" } } } }, responses: ok, "x-amazon-apigateway-integration": mock } } });
  await fails(importing(missingModel, true), "BadRequestException", "Warnings found during import:\n\tReference to model 'Nope' not found. Ignoring.");

  await fails(
    importing(oas3({ "/pets": { get: { responses: ok, "x-amazon-apigateway-integration": { type: "carrier_pigeon" } } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/pets': Invalid integration type specified: carrier_pigeon",
  );
  await fails(
    importing(oas3({ "/pets": { get: { responses: ok, "x-amazon-apigateway-integration": { type: "aws_proxy", httpMethod: "POST", uri: "not-an-arn" } } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/pets': Invalid ARN specified in the request",
  );
  await fails(
    importing(oas3({ "/pets": { get: { responses: ok, "x-amazon-apigateway-integration": { ...mock, timeoutInMillis: 45000 } } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to put integration on 'GET' for resource at path '/pets': Timeout should be between 50 ms and 29000 ms",
  );
  await fails(
    importing(oas3({ "/pets/{id}": { get: { responses: ok } }, "/pets/{name}/toys": { get: { responses: ok } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to create resource at path '/pets/{name}': A sibling ({id}) of this resource already has a variable path part -- only one is allowed",
  );
  await fails(
    importing(oas3({ "/pets": { get: { parameters: [{ name: "page[size]", in: "query" }], responses: ok } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to put method 'GET' on resource at path '/pets': Invalid mapping expression specified: Validation Result: warnings : [], errors : [Parameter name should match the following regular expression: ^[a-zA-Z0-9._$-]+$]",
  );
  await fails(
    importing(oas3({ "/pets": { get: { security: [{ magic: [] }], responses: ok } } }, { components: { securitySchemes: { magic: { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authorizer": { type: "wizard" } } } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to create authorizer 'magic': Invalid authorizer type specified: wizard. Valid options are token, request, cognito_user_pools",
  );
  await fails(
    importing(oas3({ "/pets": { get: { "x-amazon-apigateway-request-validator": "strict", responses: ok } } })),
    "BadRequestException",
    "Errors found during import:\n\tUnable to put method 'GET' on resource at path '/pets': Invalid Request Validator identifier specified",
  );
  assert.equal(await count(), before, "no failed import left an API behind");
});

test("PutRestApi: merge adds to the API, overwrite replaces its definition; id and root stay", async () => {
  const first = oas3(
    { "/a": { get: { responses: ok, "x-amazon-apigateway-integration": mock } }, "/shared": { get: { responses: ok, "x-amazon-apigateway-integration": mock } } },
    { components: { schemas: { Thing: { type: "object" } } } },
  );
  const api = await gw.send(new ImportRestApiCommand({ body: bytes(first) }));
  const original = await resources(api.id!);
  const second = JSON.stringify({
    openapi: "3.0.1",
    info: { title: "renamed", version: "2" },
    paths: {
      "/b": { post: { requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } }, responses: ok, "x-amazon-apigateway-integration": mock } },
      "/shared": { post: { responses: ok, "x-amazon-apigateway-integration": mock } },
    },
  });

  const merged = await gw.send(new PutRestApiCommand({ restApiId: api.id, body: bytes(second), mode: "merge", failOnWarnings: true }));
  assert.equal(merged.id, api.id);
  assert.equal(merged.rootResourceId, api.rootResourceId);
  assert.equal(merged.name, "renamed");
  let tree = await resources(api.id!);
  assert.deepEqual([...tree.keys()], ["/", "/a", "/b", "/shared"]);
  assert.deepEqual(Object.keys(tree.get("/shared")!.resourceMethods!).sort(), ["GET", "POST"]);
  assert.equal(tree.get("/shared")!.id, original.get("/shared")!.id);
  const b = await gw.send(new GetMethodCommand({ restApiId: api.id, resourceId: tree.get("/b")!.id, httpMethod: "POST" }));
  assert.deepEqual(b.requestModels, { "application/json": "Thing" }, "merge keeps the API's models for the new methods");

  const overwritten = await gw.send(new PutRestApiCommand({ restApiId: api.id, body: bytes(second), mode: "overwrite" }));
  assert.deepEqual(overwritten.warnings, ["Reference to model 'Thing' not found. Ignoring."], "overwrite dropped the model the document does not define");
  tree = await resources(api.id!);
  assert.deepEqual([...tree.keys()], ["/", "/b", "/shared"]);
  assert.deepEqual(Object.keys(tree.get("/shared")!.resourceMethods!), ["POST"]);
  assert.equal(tree.get("/shared")!.id, original.get("/shared")!.id, "a path that stays keeps its resource id");
  assert.equal(tree.get("/")!.id, api.rootResourceId);

  // A failed PutRestApi changes nothing; the mode is checked.
  await fails(gw.send(new PutRestApiCommand({ restApiId: api.id, body: bytes(oas3({ "/c": { get: { responses: ok, "x-amazon-apigateway-integration": { type: "nope" } } } })), mode: "overwrite" })), "BadRequestException", /^Errors found during import:/);
  assert.deepEqual([...(await resources(api.id!)).keys()], ["/", "/b", "/shared"]);
  await fails(gw.send(new PutRestApiCommand({ restApiId: api.id, body: bytes(second), mode: "replace" as never })), "BadRequestException", "1 validation error detected: Value 'replace' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [merge, overwrite]");
  await fails(gw.send(new PutRestApiCommand({ restApiId: "nosuchapi0", body: bytes(second) })), "NotFoundException", "Invalid API identifier specified 000000000000:nosuchapi0", 404);
});

/** What an API does, without the ids that differ between two imports of the same document. */
async function shape(restApiId: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [path, r] of await resources(restApiId)) {
    for (const [verb, m] of Object.entries(r.resourceMethods ?? {})) {
      const { authorizerId, requestValidatorId, methodIntegration, ...rest } = m;
      const integration = methodIntegration ? { ...methodIntegration, cacheNamespace: methodIntegration.cacheNamespace === r.id ? "<resource>" : methodIntegration.cacheNamespace } : undefined;
      out[`${verb} ${path}`] = { ...rest, authorizer: authorizerId !== undefined, validator: requestValidatorId !== undefined, integration };
    }
  }
  return out;
}

test("GetExport: the deployed stage as OpenAPI 3 JSON and Swagger YAML, which import back the same", async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: bytes(petstore()) }));
  await fails(gw.send(new GetExportCommand({ restApiId: api.id, stageName: "dev", exportType: "oas30" })), "NotFoundException", "Invalid stage identifier specified", 404);
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" }));

  const oasOut = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: "dev", exportType: "oas30", accepts: "application/json", parameters: { extensions: "apigateway" } }));
  assert.equal(oasOut.contentType, "application/json");
  assert.match(oasOut.contentDisposition!, /^attachment; filename="oas30_\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\.json"$/);
  const oas = JSON.parse(new TextDecoder().decode(oasOut.body));
  assert.equal(oas.openapi, "3.0.1");
  assert.deepEqual(oas.info, { title: "PetStore", description: api.description, version: "1.0.0" });
  assert.deepEqual(oas.servers, [{ url: `https://${api.id}.execute-api.us-east-1.amazonaws.com/{basePath}`, variables: { basePath: { default: "dev" } } }]);
  assert.deepEqual(Object.keys(oas.paths), ["/", "/files/{proxy+}", "/pets", "/pets/{petId}"]);
  const list = oas.paths["/pets"].get;
  assert.equal(list.operationId, "ListPets");
  assert.deepEqual(list.security, [{ petsAuthorizer: [] }, { api_key: [] }]);
  assert.deepEqual(list.parameters, [
    { name: "type", in: "query", schema: { type: "string" } },
    { name: "page", in: "query", required: true, schema: { type: "string" } },
    { name: "X-Request-Id", in: "header", schema: { type: "string" } },
  ]);
  assert.deepEqual(list.responses["200"], {
    description: "200 response",
    headers: { "Access-Control-Allow-Origin": { schema: { type: "string" } } },
    content: { "application/json": { schema: { $ref: "#/components/schemas/Pets" } } },
  });
  assert.equal(list["x-amazon-apigateway-request-validator"], "params-only");
  assert.deepEqual(list["x-amazon-apigateway-integration"], {
    httpMethod: "GET",
    uri: "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets",
    responses: { default: { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } } },
    requestParameters: { "integration.request.querystring.page": "method.request.querystring.page", "integration.request.querystring.type": "method.request.querystring.type" },
    passthroughBehavior: "when_no_match",
    type: "http",
  });
  assert.deepEqual(oas.paths["/pets"].post.requestBody, { content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } }, required: true });
  assert.ok(oas.paths["/files/{proxy+}"]["x-amazon-apigateway-any-method"]);
  assert.deepEqual(oas.components.schemas.NewPetResponse.properties.pet, { $ref: "#/components/schemas/Pet" }, "stored model refs come back as local refs");
  assert.deepEqual(oas.components.securitySchemes.api_key, { type: "apiKey", name: "x-api-key", in: "header" });
  assert.deepEqual(oas.components.securitySchemes.petsAuthorizer, {
    type: "apiKey",
    name: "Authorization",
    in: "header",
    "x-amazon-apigateway-authtype": "oauth2",
    "x-amazon-apigateway-authorizer": {
      authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:pets-authorizer/invocations",
      authorizerCredentials: "arn:aws:iam::000000000000:role/apigateway-invoke-authorizer",
      authorizerResultTtlInSeconds: 60,
      identityValidationExpression: "^Bearer [-0-9a-zA-Z._]*$",
      type: "token",
    },
  });
  assert.deepEqual(oas["x-amazon-apigateway-request-validators"]["body-only"], { validateRequestBody: true, validateRequestParameters: false });
  assert.equal(oas["x-amazon-apigateway-gateway-responses"].MISSING_AUTHENTICATION_TOKEN.statusCode, "404");
  assert.deepEqual(oas["x-amazon-apigateway-binary-media-types"], ["image/png", "application/octet-stream"]);

  const reimported = await gw.send(new ImportRestApiCommand({ body: oasOut.body!, failOnWarnings: true }));
  assert.deepEqual(await shape(reimported.id!), await shape(api.id!));
  assert.deepEqual(reimported.binaryMediaTypes, api.binaryMediaTypes);

  const yamlOut = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: "dev", exportType: "swagger", accepts: "application/yaml", parameters: { extensions: "integrations,authorizers" } }));
  assert.equal(yamlOut.contentType, "application/yaml");
  assert.match(yamlOut.contentDisposition!, /^attachment; filename="swagger_.+Z\.yaml"$/);
  const text = new TextDecoder().decode(yamlOut.body);
  const swagger = parseYaml(text);
  assert.equal(swagger.swagger, "2.0");
  assert.equal(swagger.host, `${api.id}.execute-api.us-east-1.amazonaws.com`);
  assert.equal(swagger.basePath, "/dev");
  assert.deepEqual(swagger.schemes, ["https"]);
  assert.deepEqual(swagger.paths["/pets"].post.parameters, [{ in: "body", name: "NewPet", required: true, schema: { $ref: "#/definitions/NewPet" } }]);
  assert.deepEqual(swagger.paths["/pets"].post.consumes, ["application/json"]);
  assert.deepEqual(swagger.paths["/pets"].get.responses["200"].schema, { $ref: "#/definitions/Pets" });
  assert.deepEqual(swagger.definitions.Pets.items, { $ref: "#/definitions/Pet" });
  assert.equal(swagger.securityDefinitions.cognitoAuth["x-amazon-apigateway-authorizer"].type, "cognito_user_pools");
  assert.equal(swagger["x-amazon-apigateway-request-validators"], undefined, "API-level extensions only with extensions=apigateway");
  assert.equal(swagger.paths["/pets"].get["x-amazon-apigateway-request-validator"], undefined);
  const fromYaml = await gw.send(new ImportRestApiCommand({ body: yamlOut.body!, failOnWarnings: true }));
  const expected = await shape(api.id!);
  // Without the apigateway extension the validators do not travel; everything else does.
  for (const m of Object.values(expected) as Array<{ validator: boolean }>) m.validator = false;
  assert.deepEqual(await shape(fromYaml.id!), expected);

  const plain = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: "dev", exportType: "oas30" }));
  const plainText = new TextDecoder().decode(plain.body);
  assert.ok(!plainText.includes("x-amazon-apigateway-integration") && !plainText.includes("x-amazon-apigateway-authorizer"), "no extensions unless asked for");
  assert.ok(JSON.parse(plainText).paths["/pets"].get.responses);

  await fails(gw.send(new GetExportCommand({ restApiId: api.id, stageName: "dev", exportType: "raml" })), "BadRequestException", "Invalid export type specified: raml. Valid options are oas30, swagger");
  await fails(gw.send(new GetExportCommand({ restApiId: api.id, stageName: "dev", exportType: "oas30", parameters: { extensions: "postman" } })), "BadRequestException", /postman/);
});

test("an API made by hand exports and re-imports too (Swagger, integrations only)", async () => {
  const api = await gw.send(new CreateRestApiCommand({ name: "by hand" }));
  await gw.send(new PutRestApiCommand({ restApiId: api.id, body: bytes(oas3({ "/ping": { get: { responses: ok, "x-amazon-apigateway-integration": mock } } })), mode: "overwrite" }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
  const out = await gw.send(new GetExportCommand({ restApiId: api.id, stageName: "prod", exportType: "swagger", parameters: { extensions: "integrations" } }));
  const doc = JSON.parse(new TextDecoder().decode(out.body));
  assert.equal(doc.info.title, "small", "PutRestApi took the document's title");
  assert.deepEqual(doc.paths["/ping"].get["x-amazon-apigateway-integration"], { requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } }, passthroughBehavior: "when_no_match", type: "mock" });
  const again = await gw.send(new ImportRestApiCommand({ body: out.body!, failOnWarnings: true }));
  assert.deepEqual(await shape(again.id!), await shape(api.id!));
});

test("an imported API answers once deployed: its MOCK integration and its gateway responses", async () => {
  const api = await gw.send(new ImportRestApiCommand({ body: bytes(petstore()) }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "live" }));
  const home = await fetch(`${server.endpoint}/restapis/${api.id}/live/_user_request_/`);
  assert.equal(home.status, 200);
  assert.equal(home.headers.get("content-type"), "text/html");
  assert.equal(await home.text(), "<html><body><h1>Welcome to your Pet Store API</h1></body></html>");
  const unknown = await fetch(`${server.endpoint}/restapis/${api.id}/live/_user_request_/nope`);
  assert.equal(unknown.status, 404, "MISSING_AUTHENTICATION_TOKEN answers 404 as the document customised it");
  assert.equal(unknown.headers.get("access-control-allow-origin"), "*");
});
