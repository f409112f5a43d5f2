/**
 * Non-proxy integrations end to end: MOCK with its statusCode template, AWS (custom) Lambda
 * integrations with request and response mapping templates and selectionPattern on the
 * function's errorMessage, HTTP and HTTP_PROXY to a local server with parameter mapping, an
 * SQS SendMessage service integration, passthrough behaviours, request validation, customised
 * gateway responses, binary bodies and the integration timeout.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateModelCommand,
  CreateRequestValidatorCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  PutGatewayResponseCommand,
  PutIntegrationCommand,
  PutIntegrationResponseCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
  UpdateRestApiCommand,
  type PutIntegrationCommandInput,
} from "@aws-sdk/client-api-gateway";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { functionArn, startLambda, type LambdaHarness } from "../lambda/support.js";
import { deploy } from "../lambda/invoke-support.js";
import { sqsClient } from "../helpers/stratus.js";
import { apiPath, callApi, gatewayClient } from "./support.js";

let h: LambdaHarness;
let gw: APIGatewayClient;
let port: number;
let backend: Server;
let backendUrl: string;
let apiId: string;
let rootId: string;
const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];

const lambdaUri = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn(fn)}/invocations`;
const call = (path: string, options: Parameters<typeof callApi>[2] = {}) => callApi(port, apiPath(apiId, "test", path), options);

/** A resource with one method, its integration, and method + integration responses. */
async function route(
  pathPart: string,
  method: string,
  integration: Omit<PutIntegrationCommandInput, "restApiId" | "resourceId" | "httpMethod">,
  responses: Array<{ statusCode: string; selectionPattern?: string; responseTemplates?: Record<string, string>; responseParameters?: Record<string, string> }> = [],
  methodExtra: Record<string, unknown> = {},
  parentId = rootId,
): Promise<string> {
  const r = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId, pathPart }));
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: r.id, httpMethod: method, authorizationType: "NONE", ...methodExtra }));
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: r.id, httpMethod: method, ...integration }));
  for (const resp of responses) {
    const headers = Object.keys(resp.responseParameters ?? {});
    await gw.send(new PutMethodResponseCommand({ restApiId: apiId, resourceId: r.id, httpMethod: method, statusCode: resp.statusCode, responseParameters: Object.fromEntries(headers.map((k) => [k, false])) }));
    await gw.send(new PutIntegrationResponseCommand({ restApiId: apiId, resourceId: r.id, httpMethod: method, ...resp }));
  }
  return r.id!;
}

before(async () => {
  backend = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url?.startsWith("/missing")) {
        res.writeHead(404, { "content-type": "application/json", "x-backend": "b1" });
        res.end(JSON.stringify({ error: "no such thing" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "x-backend": "b1", server: "backend/1.0", "www-authenticate": "Basic realm=up" });
      res.end(JSON.stringify({ method: req.method, url: req.url, body, items: [{ id: 1 }, { id: 2 }] }));
    });
  });
  await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));
  backendUrl = `http://127.0.0.1:${(backend.address() as AddressInfo).port}`;

  h = await startLambda();
  port = Number(new URL(h.server.endpoint).port);
  gw = gatewayClient(h.server);
  await deploy(h, "echo", "exports.handler = async (event) => ({ got: event });\n");
  await deploy(h, "fails", "exports.handler = async (event) => { throw new Error('Not found: ' + event.id); };\n");
  await deploy(h, "slow", "exports.handler = async () => { await new Promise((r) => setTimeout(r, 1500)); return 'late'; };\n");
  await deploy(h, "binary", "exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64'), isBase64Encoded: true });\n");

  const api = await gw.send(new CreateRestApiCommand({ name: "integrations", binaryMediaTypes: ["image/png"] }));
  apiId = api.id!;
  rootId = api.rootResourceId!;

  await route("mock", "GET", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": $input.params(\'code\')}' } }, [
    { statusCode: "200", responseTemplates: { "application/json": '{"mocked": true, "stage": "$context.stage"}' } },
    { statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"mocked": "missing"}' } },
  ]);
  await route("bare-mock", "GET", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } });
  await route("fixed-mock", "GET", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 201}', "text/plain": '{"statusCode": 202}' } }, [
    { statusCode: "201", selectionPattern: "201", responseTemplates: { "application/json": '{"json": true}', "application/xml": "<xml/>" }, responseParameters: { "method.response.header.X-Fixed": "'yes'" } },
    { statusCode: "202", selectionPattern: "202" },
  ]);

  const custom = await route(
    "custom",
    "POST",
    {
      type: "AWS",
      integrationHttpMethod: "POST",
      uri: lambdaUri("echo"),
      passthroughBehavior: "NEVER",
      requestTemplates: { "application/json": '{"name": $input.json(\'$.name\'), "q": "$input.params(\'q\')", "stage": "$context.stage", "var": "$stageVariables.colour"}' },
    },
    [{ statusCode: "200", responseTemplates: { "application/json": '#set($g = $input.path(\'$.got\')){"greeting": "hello $g.name", "q": "$g.q", "var": "$g.var"}' }, responseParameters: { "method.response.header.X-Stage": "'fixed'" } }],
  );
  void custom;
  await route(
    "fails",
    "GET",
    { type: "AWS", integrationHttpMethod: "POST", uri: lambdaUri("fails"), requestTemplates: { "application/json": '{"id": "$input.params(\'id\')"}' } },
    [
      { statusCode: "200" },
      { statusCode: "404", selectionPattern: "Not found: .*", responseTemplates: { "application/json": '{"error": "$input.path(\'$.errorMessage\')"}' } },
    ],
  );
  await route("slow", "GET", { type: "AWS", integrationHttpMethod: "POST", uri: lambdaUri("slow"), timeoutInMillis: 200 }, [{ statusCode: "200" }]);
  await route("binary", "GET", { type: "AWS_PROXY", integrationHttpMethod: "POST", uri: lambdaUri("binary") });

  await route(
    "http",
    "GET",
    {
      type: "HTTP",
      integrationHttpMethod: "POST",
      uri: `${backendUrl}/things/{id}`,
      requestParameters: { "integration.request.path.id": "method.request.querystring.thing", "integration.request.header.X-Source": "'stratus'", "integration.request.querystring.stage": "context.stage" },
      requestTemplates: { "application/json": '{"wrapped": $input.json(\'$\')}' },
    },
    [
      { statusCode: "200", responseParameters: { "method.response.header.X-From-Backend": "integration.response.header.x-backend" }, responseTemplates: { "application/json": "$input.json('$.items[1]')" } },
      { statusCode: "404", selectionPattern: "4\\d{2}" },
    ],
    { requestParameters: { "method.request.querystring.thing": false } },
  );
  await route("http-missing", "GET", { type: "HTTP", integrationHttpMethod: "GET", uri: `${backendUrl}/missing` }, [{ statusCode: "200" }, { statusCode: "404", selectionPattern: "404" }]);
  const proxyParent = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: rootId, pathPart: "passthru" }));
  await route(
    "{proxy+}",
    "ANY",
    { type: "HTTP_PROXY", integrationHttpMethod: "ANY", uri: `${backendUrl}/up/{proxy}`, requestParameters: { "integration.request.path.proxy": "method.request.path.proxy" } },
    [],
    { requestParameters: { "method.request.path.proxy": true } },
    proxyParent.id!,
  );

  await sqsClient(h.server).send(new CreateQueueCommand({ QueueName: "from-api" }));
  await route(
    "enqueue",
    "POST",
    {
      type: "AWS",
      integrationHttpMethod: "POST",
      uri: "arn:aws:apigateway:us-east-1:sqs:path/000000000000/from-api",
      requestParameters: { "integration.request.header.Content-Type": "'application/x-www-form-urlencoded'" },
      requestTemplates: { "application/json": "Action=SendMessage&MessageBody=$util.urlEncode($input.body)" },
    },
    [{ statusCode: "200", responseTemplates: { "application/json": '#set($id = $input.path(\'$\'))$input.body' } }],
  );

  // Validation: a required query string and a body model.
  const validator = await gw.send(new CreateRequestValidatorCommand({ restApiId: apiId, name: "all", validateRequestBody: true, validateRequestParameters: true }));
  await gw.send(new CreateModelCommand({ restApiId: apiId, name: "Pet", contentType: "application/json", schema: JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", type: "object", required: ["name"], properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 } } }) }));
  await route("validated", "POST", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }, [{ statusCode: "200", responseTemplates: { "application/json": '{"ok": true}' } }], {
    requestValidatorId: validator.id,
    requestParameters: { "method.request.querystring.owner": true, "method.request.header.X-Tenant": true },
    requestModels: { "application/json": "Pet" },
  });

  await route("iam", "GET", { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } }, [{ statusCode: "200", responseTemplates: { "application/json": '{"signed": true}' } }], { authorizationType: "AWS_IAM" });

  await gw.send(new PutGatewayResponseCommand({ restApiId: apiId, responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }));
  await gw.send(
    new PutGatewayResponseCommand({
      restApiId: apiId,
      responseType: "MISSING_AUTHENTICATION_TOKEN",
      statusCode: "404",
      responseTemplates: { "application/json": '{"error": $context.error.messageString, "type": "$context.error.responseType"}' },
    }),
  );
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "test", variables: { colour: "green" } }));
});

after(async () => {
  await h.server.stop();
  await new Promise((resolve) => backend.close(resolve));
});

test("MOCK: the request template's statusCode picks the integration response, whose template is the body", async () => {
  const ok = await call("/mock?code=200");
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { mocked: true, stage: "test" });
  const missing = await call("/mock?code=404");
  assert.equal(missing.status, 404);
  assert.deepEqual(JSON.parse(missing.body), { mocked: "missing" });
});

test("MOCK with text-only templates: the same answer on every call, per Content-Type and Accept", async () => {
  const ids = new Set<string>();
  for (let round = 0; round < 2; round++) {
    const json = await call("/fixed-mock");
    assert.deepEqual([json.status, json.headers["content-type"], json.headers["x-fixed"], json.body], [201, "application/json", "yes", '{"json": true}']);
    const xml = await call("/fixed-mock", { headers: { accept: "application/xml" } });
    assert.deepEqual([xml.status, xml.headers["content-type"], xml.headers["x-fixed"], xml.body], [201, "application/xml", "yes", "<xml/>"]);
    const text = await call("/fixed-mock", { headers: { "content-type": "text/plain" } });
    assert.deepEqual([text.status, text.body], [202, ""]);
    for (const r of [json, xml, text]) ids.add(String(r.headers["x-amzn-requestid"]));
  }
  assert.equal(ids.size, 6, "each call has its own request id");
});

test("without an integration response that matches, API Gateway answers 500 Internal server error", async () => {
  const r = await call("/bare-mock");
  assert.equal(r.status, 500);
  assert.deepEqual(JSON.parse(r.body), { message: "Internal server error" });
});

test("AWS Lambda integration: request and response templates, stage variables, static response header", async () => {
  const r = await call("/custom?q=search", { method: "POST", body: JSON.stringify({ name: "Ada" }), headers: { "content-type": "application/json" } });
  assert.equal(r.status, 200);
  assert.equal(r.headers["x-stage"], "fixed");
  assert.deepEqual(JSON.parse(r.body), { greeting: "hello Ada", q: "search", var: "green" });
});

test("passthrough NEVER: a content type without a template is 415", async () => {
  const r = await call("/custom", { method: "POST", body: "name=x", headers: { "content-type": "application/x-www-form-urlencoded" } });
  assert.equal(r.status, 415);
  assert.deepEqual(JSON.parse(r.body), { message: "Unsupported Media Type" });
});

test("a Lambda error's errorMessage is matched by selectionPattern", async () => {
  const r = await call("/fails?id=7");
  assert.equal(r.status, 404);
  assert.deepEqual(JSON.parse(r.body), { error: "Not found: 7" });
});

test("an integration slower than timeoutInMillis is 504 Endpoint request timed out", async () => {
  const r = await call("/slow");
  assert.equal(r.status, 504);
  assert.deepEqual(JSON.parse(r.body), { message: "Endpoint request timed out" });
});

test("HTTP: mapped path, header and query parameters reach the endpoint; the response is mapped back", async () => {
  seen.length = 0;
  const r = await call("/http?thing=t-9", { body: JSON.stringify({ a: 1 }), headers: { "content-type": "application/json", "x-not-forwarded": "secret" } });
  assert.equal(r.status, 200, r.body);
  assert.equal(r.headers["x-from-backend"], "b1");
  assert.deepEqual(JSON.parse(r.body), { id: 2 });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].method, "POST");
  assert.equal(seen[0].url, "/things/t-9?stage=test");
  assert.equal(seen[0].headers["x-source"], "stratus");
  assert.equal(seen[0].headers["x-not-forwarded"], undefined);
  assert.deepEqual(JSON.parse(seen[0].body), { wrapped: { a: 1 } });
});

test("HTTP: the endpoint's status selects the integration response", async () => {
  const r = await call("/http-missing");
  assert.equal(r.status, 404);
  assert.deepEqual(JSON.parse(r.body), { error: "no such thing" });
});

test("HTTP_PROXY: method, greedy path, query string, headers and body go through; the answer comes back as is", async () => {
  seen.length = 0;
  const r = await call("/passthru/a/b%20c?x=1&x=2", { method: "PUT", body: "raw body", headers: { "content-type": "text/plain", "x-custom": "yes" } });
  assert.equal(r.status, 200);
  assert.equal(r.headers["x-backend"], "b1");
  const echoed = JSON.parse(r.body);
  assert.equal(echoed.method, "PUT");
  assert.equal(echoed.url, "/up/a/b%20c?x=1&x=2");
  assert.equal(echoed.body, "raw body");
  assert.equal(seen[0].headers["x-custom"], "yes");
});

test("HTTP_PROXY: headers on both ways as AWS's table has them (dropped, or remapped to x-amzn-Remapped-*)", async () => {
  seen.length = 0;
  const r = await call("/passthru/h", { headers: { "max-forwards": "5", "x-keep": "1", authorization: "Bearer t" } });
  assert.equal(r.status, 200);
  assert.deepEqual([seen[0].headers["max-forwards"], seen[0].headers["x-keep"], seen[0].headers.authorization], [undefined, "1", "Bearer t"]);
  assert.equal(r.headers["x-amzn-remapped-server"], "backend/1.0");
  assert.equal(r.headers["x-amzn-remapped-www-authenticate"], "Basic realm=up");
  assert.equal(r.headers["www-authenticate"], undefined);
  assert.equal(r.headers.server, undefined);
  // The backend's Date goes out remapped; the client's Date is API Gateway's own.
  assert.ok(r.headers["x-amzn-remapped-date"]);
  assert.ok(r.headers.date);
});

test("AWS service integration: SQS SendMessage by path puts the body on the queue", async () => {
  const r = await call("/enqueue", { method: "POST", body: JSON.stringify({ order: 42 }), headers: { "content-type": "application/json" } });
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /<SendMessageResponse/);
  const sqs = sqsClient(h.server);
  const queueUrl = `${h.server.endpoint}/000000000000/from-api`;
  const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
  assert.equal(got.Messages?.[0]?.Body, JSON.stringify({ order: 42 }));
});

test("request validation: missing parameters, then a body that does not match the model", async () => {
  const noParams = await call("/validated", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
  assert.equal(noParams.status, 400);
  assert.deepEqual(JSON.parse(noParams.body), { message: "Missing required request parameters: [owner, X-Tenant]" });
  assert.equal(noParams.headers["access-control-allow-origin"], "*", "DEFAULT_4XX's customisation applies");
  const badBody = await call("/validated?owner=o", { method: "POST", body: JSON.stringify({ age: -1 }), headers: { "content-type": "application/json", "x-tenant": "t" } });
  assert.equal(badBody.status, 400);
  assert.deepEqual(JSON.parse(badBody.body), { message: "Invalid request body" });
  const ok = await call("/validated?owner=o", { method: "POST", body: JSON.stringify({ name: "Rex", age: 3 }), headers: { "content-type": "application/json", "x-tenant": "t" } });
  assert.equal(ok.status, 200);
  assert.deepEqual(JSON.parse(ok.body), { ok: true });
});

test("a customised gateway response: status, template with $context.error", async () => {
  const r = await call("/no/such/route");
  assert.equal(r.status, 404);
  assert.deepEqual(JSON.parse(r.body), { error: "Missing Authentication Token", type: "MISSING_AUTHENTICATION_TOKEN" });
  assert.equal(r.headers["access-control-allow-origin"], undefined, "a type customised on its own does not take DEFAULT_4XX's headers");
});

test("binary: a base64 proxy body leaves as bytes when Accept names a binary media type, as text otherwise", async () => {
  const bytes = await call("/binary", { headers: { accept: "image/png" } });
  assert.equal(bytes.status, 200);
  assert.deepEqual([...bytes.raw], [0x89, 0x50, 0x4e, 0x47]);
  const text = await call("/binary", { headers: { accept: "application/json" } });
  assert.equal(text.body, Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString("base64"));
});

test("UpdateRestApi patches reach the next deployment", async () => {
  const updated = await gw.send(new UpdateRestApiCommand({ restApiId: apiId, patchOperations: [{ op: "add", path: "/binaryMediaTypes/image~1gif" }, { op: "replace", path: "/description", value: "patched" }] }));
  assert.deepEqual(updated.binaryMediaTypes, ["image/png", "image/gif"]);
  assert.equal(updated.description, "patched");
});

test("AWS_IAM methods refuse unsigned calls as MISSING_AUTHENTICATION_TOKEN (customised on this API to 404)", async () => {
  const unsigned = await call("/iam");
  assert.equal(unsigned.status, 404);
  assert.deepEqual(JSON.parse(unsigned.body), { error: "Missing Authentication Token", type: "MISSING_AUTHENTICATION_TOKEN" });
  const signed = await call("/iam", { headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=host, Signature=abc" } });
  assert.equal(signed.status, 200);
  assert.deepEqual(JSON.parse(signed.body), { signed: true });
});
