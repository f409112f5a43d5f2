/**
 * Authorizers of REST APIs: the management API (CreateAuthorizer … TestInvokeAuthorizer) through
 * the real APIGatewayClient, and calls to a deployed API whose methods are guarded by Lambda
 * TOKEN and REQUEST authorizers (real Node handlers) and a Cognito user pool authorizer, on the
 * manual clock so the result cache's TTL can be crossed.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  APIGatewayClient,
  CreateAuthorizerCommand,
  CreateDeploymentCommand,
  FlushStageAuthorizersCacheCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteAuthorizerCommand,
  DeleteMethodCommand,
  GetAuthorizerCommand,
  GetAuthorizersCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  TestInvokeAuthorizerCommand,
  UpdateAuthorizerCommand,
  type CreateAuthorizerCommandInput,
} from "@aws-sdk/client-api-gateway";
import type { ManualClock } from "../../src/index.js";
import { fails } from "../helpers/stratus.js";
import { deploy, functionLogs } from "../lambda/invoke-support.js";
import { functionArn, startLambda, type LambdaHarness } from "../lambda/support.js";
import { apiPath, callApi, type ApiAnswer, gatewayClient } from "./support.js";

const uri = (fn: string) => `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn(fn)}/invocations`;
const POOL = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_TestPool1";
const ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool1";

/** A TOKEN authorizer whose answer the token chooses; every answer carries a fresh invocation id. */
const TOKEN_AUTHORIZER = `
const { randomUUID } = require("node:crypto");
const policy = (effect, resource) => ({ Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: effect, Resource: resource }] });
exports.handler = async (event) => {
  const token = event.authorizationToken.replace(/^Bearer /, "");
  const context = { invocation: randomUUID(), count: 7, admin: true, methodArn: event.methodArn, eventType: event.type };
  switch (token) {
    case "unauthorized": throw new Error("Unauthorized");
    case "boom": throw new Error("something broke");
    case "garbage": return { principalId: "user-1" };
    case "bad-context": return { principalId: "user-1", policyDocument: policy("Allow", event.methodArn), context: { nested: { a: 1 } } };
    case "deny": return { principalId: "user-1", context, policyDocument: { Version: "2012-10-17", Statement: [
      { Action: "execute-api:*", Effect: "Allow", Resource: "*" },
      { Action: "execute-api:Invoke", Effect: "Deny", Resource: event.methodArn },
    ] } };
    case "nothing": return { principalId: "user-1", context, policyDocument: policy("Allow", "arn:aws:execute-api:us-east-1:000000000000:otherapi99/*/GET/*") };
    case "wildcard": return { principalId: "user-1", context, policyDocument: policy("Allow", event.methodArn.split("/")[0] + "/*/GET/pe?s*") };
    default: return { principalId: "user-" + token, context, usageIdentifierKey: "key-" + token, policyDocument: policy("Allow", event.methodArn) };
  }
};
`;

/** A REQUEST authorizer that allows the method and hands its whole event on in the context. */
const REQUEST_AUTHORIZER = `
const { randomUUID } = require("node:crypto");
exports.handler = async (event) => ({
  principalId: event.headers["X-User"],
  policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: [event.methodArn] }] },
  context: { invocation: randomUUID(), event: JSON.stringify(event) },
});
`;

const ECHO = "exports.handler = async (event) => ({ statusCode: 200, body: JSON.stringify(event) });\n";

let h: LambdaHarness;
let clock: ManualClock;
let gw: APIGatewayClient;
let port: number;
/** The API the data-plane tests call, and its authorizers. */
let apiId: string;
const ids: Record<string, string> = {};

before(async () => {
  h = await startLambda({ clock: "manual" });
  clock = h.server.manualClock!;
  port = Number(new URL(h.server.endpoint).port);
  gw = gatewayClient(h.server);
  await deploy(h, "token-auth", TOKEN_AUTHORIZER);
  await deploy(h, "request-auth", REQUEST_AUTHORIZER);
  await deploy(h, "echo", ECHO);

  const api = await gw.send(new CreateRestApiCommand({ name: "guarded" }));
  apiId = api.id!;
  const create = async (input: Omit<CreateAuthorizerCommandInput, "restApiId">) => (await gw.send(new CreateAuthorizerCommand({ restApiId: apiId, ...input }))).id!;
  ids.cached = await create({ name: "cached", type: "TOKEN", authorizerUri: uri("token-auth"), identitySource: "method.request.header.Authorization" });
  ids.plain = await create({ name: "plain", type: "TOKEN", authorizerUri: uri("token-auth"), identitySource: "method.request.header.X-Token", identityValidationExpression: "[a-z-]+", authorizerResultTtlInSeconds: 0 });
  ids.request = await create({ name: "request", type: "REQUEST", authorizerUri: uri("request-auth"), identitySource: "method.request.header.X-User, method.request.querystring.tenant", authorizerResultTtlInSeconds: 60 });
  ids.cognito = await create({ name: "pool", type: "COGNITO_USER_POOLS", providerARNs: [POOL], identitySource: "method.request.header.Authorization" });

  const resource = async (parentId: string, pathPart: string) => (await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId, pathPart }))).id!;
  const pets = await resource(api.rootResourceId!, "pets");
  const pet = await resource(pets, "{id}");
  const open = await resource(api.rootResourceId!, "open");
  const tenants = await resource(api.rootResourceId!, "tenants");
  const me = await resource(api.rootResourceId!, "me");
  const guarded: Array<[string, string, string]> = [
    [pets, "CUSTOM", ids.cached],
    [pet, "CUSTOM", ids.cached],
    [open, "CUSTOM", ids.plain],
    [tenants, "CUSTOM", ids.request],
    [me, "COGNITO_USER_POOLS", ids.cognito],
  ];
  for (const [resourceId, authorizationType, authorizerId] of guarded) {
    await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId, httpMethod: "GET", authorizationType, authorizerId }));
    await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId, httpMethod: "GET", type: "AWS_PROXY", integrationHttpMethod: "POST", uri: uri("echo") }));
  }
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "dev" }));
});
after(() => h.server.stop());

const call = (path: string, headers: Record<string, string> = {}): Promise<ApiAnswer> => callApi(port, apiPath(apiId, "dev", path), { headers });

/** The proxy event the integration received (the echo handler answers it as its body). */
function eventOf(r: ApiAnswer): any {
  assert.equal(r.status, 200, r.body);
  return JSON.parse(r.body);
}

/** How many invocations of the function have finished (REPORT lines in its log). */
async function invocations(fn: string): Promise<number> {
  const { body } = await functionLogs(h, fn);
  return (body.lines as string[]).filter((l) => l.startsWith("REPORT ")).length;
}

/** A JWT as Cognito shapes it; the signature is not checked by Stratus, so any will do. */
function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ kid: "test", alg: "RS256" })}.${part(claims)}.c2lnbmF0dXJl`;
}

function idToken(extra: Record<string, unknown> = {}): string {
  const now = Math.floor(clock.now() / 1000);
  return jwt({ sub: "abc-123", aud: "client-1", token_use: "id", iss: ISSUER, email: "ada@example.com", email_verified: true, "cognito:groups": ["admins", "ops"], auth_time: now, iat: now, exp: now + 3600, ...extra });
}

describe("managing authorizers", () => {
  let restApiId: string;
  before(async () => {
    restApiId = (await gw.send(new CreateRestApiCommand({ name: "crud" }))).id!;
  });

  test("CreateAuthorizer fills in AWS's defaults; Get and GetAuthorizers page through them", async () => {
    const token = await gw.send(new CreateAuthorizerCommand({ restApiId, name: "tok", type: "TOKEN", authorizerUri: uri("token-auth"), identitySource: "method.request.header.Authorization" }));
    assert.equal(token.$metadata.httpStatusCode, 201);
    assert.match(token.id!, /^[a-z0-9]{10}$/);
    assert.deepEqual(
      { name: token.name, type: token.type, authType: token.authType, ttl: token.authorizerResultTtlInSeconds, source: token.identitySource, uri: token.authorizerUri },
      { name: "tok", type: "TOKEN", authType: "custom", ttl: 300, source: "method.request.header.Authorization", uri: uri("token-auth") },
    );
    const pool = await gw.send(new CreateAuthorizerCommand({ restApiId, name: "pool", type: "COGNITO_USER_POOLS", providerARNs: [POOL], identitySource: "method.request.header.Authorization" }));
    assert.equal(pool.authType, "cognito_user_pools");
    assert.deepEqual(pool.providerARNs, [POOL]);
    assert.equal(pool.authorizerResultTtlInSeconds, undefined);
    const req = await gw.send(new CreateAuthorizerCommand({ restApiId, name: "req", type: "REQUEST", authorizerUri: uri("request-auth"), identitySource: "", authorizerResultTtlInSeconds: 0 }));
    assert.equal(req.identitySource, undefined);
    assert.equal(req.authorizerResultTtlInSeconds, 0);

    const got = await gw.send(new GetAuthorizerCommand({ restApiId, authorizerId: token.id }));
    assert.equal(got.name, "tok");
    const first = await gw.send(new GetAuthorizersCommand({ restApiId, limit: 2 }));
    assert.deepEqual(first.items!.map((a) => a.name), ["tok", "pool"]);
    assert.ok(first.position);
    const second = await gw.send(new GetAuthorizersCommand({ restApiId, limit: 2, position: first.position }));
    assert.deepEqual(second.items!.map((a) => a.name), ["req"]);
    assert.equal(second.position, undefined);
  });

  test("CreateAuthorizer refuses what AWS refuses", async () => {
    const base = { restApiId, name: "bad", authorizerUri: uri("token-auth"), identitySource: "method.request.header.Authorization" };
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "TOKEN", identitySource: "method.request.querystring.token" })), "BadRequestException", "Invalid token source expression: method.request.querystring.token. The source must be a method request header, matching 'method.request.header.[a-zA-Z0-9._-]+'");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "TOKEN", identitySource: undefined })), "BadRequestException", /^Invalid token source expression: null\./);
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "COGNITO_USER_POOLS", providerARNs: [POOL], identitySource: "method.request.header." })), "BadRequestException", /^Invalid token source expression: method\.request\.header\.\. The source/);
    await fails(
      gw.send(new CreateAuthorizerCommand({ ...base, type: "TOKEN", authorizerUri: "arn:aws:apigateway:region:lambda:path/2015-03-31/functions/x/invocations" })),
      "BadRequestException",
      "Invalid Authorizer URI: arn:aws:apigateway:region:lambda:path/2015-03-31/functions/x/invocations. Authorizer URI should be a valid API Gateway ARN that represents a Lambda function invocation.",
    );
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "REQUEST", authorizerUri: undefined })), "BadRequestException", /^Invalid Authorizer URI: null\./);
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "TOKEN", authorizerResultTtlInSeconds: 3601 })), "BadRequestException", "Invalid authorizer result TTL specified: 3601. Must be between 0 and 3600");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "REQUEST", identitySource: undefined })), "BadRequestException", "Identity source must be set if authorizer caching is enabled (TTL is greater than 0)");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "REQUEST", identitySource: "method.request.header.A, method.request.body.b" })), "BadRequestException", /^Invalid identity source expression: method\.request\.body\.b\./);
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "TOKEN", identityValidationExpression: "([a-z" })), "BadRequestException", "Invalid identity validation expression specified: ([a-z");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "COGNITO_USER_POOLS", authorizerUri: undefined })), "BadRequestException", "Provider ARNs must be specified for COGNITO_USER_POOLS authorizers");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "COGNITO_USER_POOLS", providerARNs: ["arn:aws:iam::000000000000:role/x"] })), "BadRequestException", "Invalid provider ARN specified: arn:aws:iam::000000000000:role/x");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, type: "JWT" as never })), "BadRequestException", "Invalid authorizer type specified: JWT. Valid options are TOKEN,REQUEST,COGNITO_USER_POOLS");
    await fails(gw.send(new CreateAuthorizerCommand({ ...base, restApiId: "nosuchapi0", type: "TOKEN" })), "NotFoundException", "Invalid API identifier specified 000000000000:nosuchapi0", 404);
    await fails(gw.send(new GetAuthorizerCommand({ restApiId, authorizerId: "nosuchauth" })), "NotFoundException", "Invalid Authorizer identifier specified", 404);
  });

  test("UpdateAuthorizer applies patches, checks the result, and changes nothing when a step fails", async () => {
    const a = await gw.send(new CreateAuthorizerCommand({ restApiId, name: "upd", type: "COGNITO_USER_POOLS", providerARNs: [POOL], identitySource: "method.request.header.Authorization" }));
    const other = "arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_Other2";
    const updated = await gw.send(
      new UpdateAuthorizerCommand({
        restApiId,
        authorizerId: a.id,
        patchOperations: [
          { op: "replace", path: "/name", value: "renamed" },
          { op: "add", path: "/providerARNs", value: other },
          { op: "remove", path: "/providerARNs", value: POOL },
          { op: "replace", path: "/identitySource", value: "method.request.header.X-Id-Token" },
          { op: "replace", path: "/authorizerResultTtlInSeconds", value: "60" },
        ],
      }),
    );
    assert.deepEqual(
      { name: updated.name, pools: updated.providerARNs, source: updated.identitySource, ttl: updated.authorizerResultTtlInSeconds },
      { name: "renamed", pools: [other], source: "method.request.header.X-Id-Token", ttl: 60 },
    );
    await fails(gw.send(new UpdateAuthorizerCommand({ restApiId, authorizerId: a.id, patchOperations: [{ op: "remove", path: "/providerARNs", value: other }] })), "BadRequestException", "Provider ARNs must be specified for COGNITO_USER_POOLS authorizers");
    await fails(
      gw.send(new UpdateAuthorizerCommand({ restApiId, authorizerId: a.id, patchOperations: [{ op: "replace", path: "/name", value: "half" }, { op: "replace", path: "/authorizerResultTtlInSeconds", value: "-1" }] })),
      "BadRequestException",
      "Invalid authorizer result TTL specified: -1. Must be between 0 and 3600",
    );
    await fails(gw.send(new UpdateAuthorizerCommand({ restApiId, authorizerId: a.id, patchOperations: [{ op: "replace", path: "/nope", value: "x" }] })), "BadRequestException", /^Invalid patch path {2}'\/nope' specified for op 'replace'\. Must be one of: \[\/name, \/type/);
    await fails(gw.send(new UpdateAuthorizerCommand({ restApiId, authorizerId: "nosuchauth", patchOperations: [] })), "NotFoundException", "Invalid Authorizer identifier specified", 404);
    const after = await gw.send(new GetAuthorizerCommand({ restApiId, authorizerId: a.id }));
    assert.equal(after.name, "renamed");
    assert.equal(after.authorizerResultTtlInSeconds, 60);
  });

  test("DeleteAuthorizer refuses while a method uses the authorizer, then deletes", async () => {
    const api = await gw.send(new CreateRestApiCommand({ name: "del" }));
    const a = await gw.send(new CreateAuthorizerCommand({ restApiId: api.id, name: "in-use", type: "TOKEN", authorizerUri: uri("token-auth"), identitySource: "method.request.header.Authorization" }));
    const res = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "test" }));
    await gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: res.id, httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: a.id }));
    await fails(gw.send(new DeleteAuthorizerCommand({ restApiId: api.id, authorizerId: a.id })), "ConflictException", "Cannot delete authorizer 'in-use', is referenced in method: GET//test", 409);
    await gw.send(new DeleteMethodCommand({ restApiId: api.id, resourceId: res.id, httpMethod: "GET" }));
    const deleted = await gw.send(new DeleteAuthorizerCommand({ restApiId: api.id, authorizerId: a.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await fails(gw.send(new GetAuthorizerCommand({ restApiId: api.id, authorizerId: a.id })), "NotFoundException", "Invalid Authorizer identifier specified", 404);
  });
});

describe("TOKEN authorizers", () => {
  test("an Allow reaches the integration with principalId and context (as strings) in requestContext.authorizer", async () => {
    const event = eventOf(await call("/open", { "X-Token": "ada" }));
    const authorizer = event.requestContext.authorizer;
    assert.equal(authorizer.principalId, "user-ada");
    assert.equal(authorizer.count, "7");
    assert.equal(authorizer.admin, "true");
    assert.equal(authorizer.eventType, "TOKEN");
    assert.equal(authorizer.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${apiId}/dev/GET/open`);
    assert.equal(typeof authorizer.integrationLatency, "number");
  });

  test("an explicit Deny is 403 with AWS's body; a policy that allows nothing here is 403 too", async () => {
    const denied = await call("/open", { "X-Token": "deny" });
    assert.equal(denied.status, 403);
    assert.equal(denied.body, '{"Message":"User is not authorized to access this resource with an explicit deny"}');
    assert.equal(denied.headers["x-amzn-errortype"], "AccessDeniedException");
    const implicit = await call("/open", { "X-Token": "nothing" });
    assert.equal(implicit.status, 403);
    assert.equal(implicit.body, '{"Message":"User is not authorized to access this resource"}');
  });

  test('the function failing with "Unauthorized" is 401; any other failure or an unusable answer is 500 {"message":null}', async () => {
    const unauthorized = await call("/open", { "X-Token": "unauthorized" });
    assert.deepEqual([unauthorized.status, unauthorized.body, unauthorized.headers["x-amzn-errortype"]], [401, '{"message":"Unauthorized"}', "UnauthorizedException"]);
    for (const token of ["boom", "garbage", "bad-context"]) {
      const failed = await call("/open", { "X-Token": token });
      assert.deepEqual([failed.status, failed.body, failed.headers["x-amzn-errortype"]], [500, '{"message":null}', "AuthorizerConfigurationException"], token);
    }
  });

  test("a missing or empty token, or one failing identityValidationExpression, is 401 without calling the function", async () => {
    const before = await invocations("token-auth");
    const cases: Array<Record<string, string>> = [{}, { "X-Token": "" }, { "X-Token": "Not Valid!" }];
    for (const headers of cases) {
      const r = await call("/open", headers);
      assert.deepEqual([r.status, JSON.parse(r.body)], [401, { message: "Unauthorized" }], JSON.stringify(headers));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await invocations("token-auth"), before);
  });
});

describe("REQUEST authorizers", () => {
  test("the function gets AWS's REQUEST event and the call goes through when every identity source is there", async () => {
    const event = eventOf(await call("/tenants?tenant=acme&x=1", { "X-User": "grace" }));
    const seen = JSON.parse(event.requestContext.authorizer.event);
    assert.equal(seen.type, "REQUEST");
    assert.equal(seen.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${apiId}/dev/GET/tenants`);
    assert.equal(seen.resource, "/tenants");
    assert.equal(seen.path, "/tenants");
    assert.equal(seen.httpMethod, "GET");
    assert.equal(seen.headers["X-User"], "grace");
    assert.deepEqual(seen.multiValueHeaders["X-User"], ["grace"]);
    assert.deepEqual(seen.queryStringParameters, { tenant: "acme", x: "1" });
    assert.deepEqual(seen.multiValueQueryStringParameters, { tenant: ["acme"], x: ["1"] });
    assert.equal(seen.requestContext.stage, "dev");
    assert.equal(seen.requestContext.resourcePath, "/tenants");
    assert.equal(seen.body, undefined);
    assert.equal(event.requestContext.authorizer.principalId, "grace");
  });

  test("a missing identity source is 401 without calling the function", async () => {
    const before = await invocations("request-auth");
    assert.equal((await call("/tenants", { "X-User": "grace" })).status, 401);
    assert.equal((await call("/tenants?tenant=acme")).status, 401);
    assert.equal((await call("/tenants?tenant=", { "X-User": "grace" })).status, 401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await invocations("request-auth"), before);
  });

  test("results are cached per combination of identity source values", async () => {
    const first = eventOf(await call("/tenants?tenant=cache-a", { "X-User": "linus" })).requestContext.authorizer.invocation;
    const again = eventOf(await call("/tenants?tenant=cache-a&other=1", { "X-User": "linus" })).requestContext.authorizer.invocation;
    const otherTenant = eventOf(await call("/tenants?tenant=cache-b", { "X-User": "linus" })).requestContext.authorizer.invocation;
    assert.equal(again, first);
    assert.notEqual(otherTenant, first);
  });
});

describe("the authorizer result cache", () => {
  test("a cached answer is reused until the TTL passes on the clock, and its policy is evaluated for each path", async () => {
    const token = { Authorization: "Bearer cache-me" };
    const runsBefore = await invocations("token-auth");
    const first = eventOf(await call("/pets", token)).requestContext.authorizer;
    assert.equal(first.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${apiId}/dev/GET/pets`);
    const second = eventOf(await call("/pets", token)).requestContext.authorizer;
    assert.equal(second.invocation, first.invocation, "the second call must use the cached answer");
    assert.equal(second.integrationLatency, 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await invocations("token-auth"), runsBefore + 1);

    // The cached policy allows only GET /pets: GET /pets/42 is denied with the same token.
    const other = await call("/pets/42", token);
    assert.deepEqual([other.status, other.body], [403, '{"Message":"User is not authorized to access this resource"}']);

    await clock.advance(299_000);
    assert.equal(eventOf(await call("/pets", token)).requestContext.authorizer.invocation, first.invocation);
    await clock.advance(1_000);
    const fresh = eventOf(await call("/pets/42", token)).requestContext.authorizer;
    assert.notEqual(fresh.invocation, first.invocation);
    assert.equal(fresh.methodArn, `arn:aws:execute-api:us-east-1:000000000000:${apiId}/dev/GET/pets/42`);
    // Now the cache holds the /pets/42 policy: /pets is the one denied.
    assert.equal((await call("/pets", token)).status, 403);
  });

  test("wildcards in a cached policy cover other paths; a TTL of 0 calls the function every time", async () => {
    const token = { Authorization: "wildcard" };
    const a = eventOf(await call("/pets", token)).requestContext.authorizer;
    const b = eventOf(await call("/pets/7", token)).requestContext.authorizer;
    assert.equal(b.invocation, a.invocation);
    const x = eventOf(await call("/open", { "X-Token": "again" })).requestContext.authorizer;
    const y = eventOf(await call("/open", { "X-Token": "again" })).requestContext.authorizer;
    assert.notEqual(x.invocation, y.invocation);
  });

  test("FlushStageAuthorizersCache forgets the stage's cached answers", async () => {
    const token = { Authorization: "Bearer flush-me" };
    const first = eventOf(await call("/pets", token)).requestContext.authorizer.invocation;
    assert.equal(eventOf(await call("/pets", token)).requestContext.authorizer.invocation, first);
    await gw.send(new FlushStageAuthorizersCacheCommand({ restApiId: apiId, stageName: "dev" }));
    assert.notEqual(eventOf(await call("/pets", token)).requestContext.authorizer.invocation, first);
    await fails(gw.send(new FlushStageAuthorizersCacheCommand({ restApiId: apiId, stageName: "nope" })), "NotFoundException", "Invalid stage identifier specified", 404);
  });
});

describe("Cognito user pool authorizers", () => {
  test("a current ID token from the pool is accepted and its claims reach the integration as strings", async () => {
    const now = Math.floor(clock.now() / 1000);
    const event = eventOf(await call("/me", { Authorization: `Bearer ${idToken()}` }));
    const claims = event.requestContext.authorizer.claims;
    assert.equal(claims.sub, "abc-123");
    assert.equal(claims.email, "ada@example.com");
    assert.equal(claims.email_verified, "true");
    assert.equal(claims.auth_time, String(now));
    assert.equal(claims["cognito:groups"], "[admins ops]");
    // Java's Date#toString, as API Gateway writes exp and iat (the manual clock starts on Thursday 2026-01-01).
    assert.equal(claims.exp, `Thu Jan 01 ${new Date((now + 3600) * 1000).toISOString().slice(11, 19)} UTC 2026`);
    assert.equal(claims.iss, ISSUER);
    assert.equal(event.requestContext.authorizer.principalId, undefined);
  });

  test("expired tokens, other issuers, access tokens, malformed and missing tokens are 401", async () => {
    const now = Math.floor(clock.now() / 1000);
    const refused = [
      idToken({ exp: now - 1 }),
      idToken({ iss: "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_SomeOther" }),
      idToken({ token_use: "access" }),
      "not-a-jwt",
    ];
    for (const token of refused) {
      const r = await call("/me", { Authorization: token });
      assert.deepEqual([r.status, r.body], [401, '{"message":"Unauthorized"}'], token);
    }
    assert.equal((await call("/me")).status, 401);
  });
});

describe("TestInvokeAuthorizer", () => {
  test("runs a TOKEN authorizer and reports status, principal and policy", async () => {
    const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.plain, headers: { "X-Token": "tester" } }));
    assert.equal(out.clientStatus, 200);
    assert.equal(out.principalId, "user-tester");
    const policy = JSON.parse(out.policy!);
    assert.equal(policy.Statement[0].Effect, "Allow");
    assert.equal(policy.Statement[0].Resource, `arn:aws:execute-api:us-east-1:000000000000:${apiId}/ESTestInvoke-stage/GET/`);
    assert.match(out.log!, /Starting authorizer: \w+ for request: test-request/);
    assert.equal(typeof out.latency, "number");

    const unauthorized = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.plain, headers: { "X-Token": "unauthorized" } }));
    assert.equal(unauthorized.clientStatus, 401);
    assert.equal(unauthorized.policy, undefined);
    const missing = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.plain, headers: {} }));
    assert.equal(missing.clientStatus, 401);
    const broken = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.plain, headers: { "X-Token": "boom" } }));
    assert.equal(broken.clientStatus, 500);
    assert.match(broken.log!, /AuthorizerConfigurationException/);
  });

  test("runs a REQUEST authorizer with headers, a path with query string and stage variables", async () => {
    const out = await gw.send(
      new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.request, multiValueHeaders: { "X-User": ["hopper"] }, pathWithQueryString: "/tenants?tenant=navy", stageVariables: { v: "1" } }),
    );
    assert.equal(out.clientStatus, 200);
    assert.equal(out.principalId, "hopper");
    const missing = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.request, headers: { "X-User": "hopper" }, pathWithQueryString: "/tenants" }));
    assert.equal(missing.clientStatus, 401);
  });

  test("runs a Cognito authorizer: claims for a valid ID token, 401 for an expired one", async () => {
    const out = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.cognito, headers: { Authorization: idToken() } }));
    assert.equal(out.clientStatus, 200);
    assert.equal(out.claims!.email, "ada@example.com");
    const expired = await gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: ids.cognito, headers: { Authorization: idToken({ exp: Math.floor(clock.now() / 1000) - 5 }) } }));
    assert.equal(expired.clientStatus, 401);
    await fails(gw.send(new TestInvokeAuthorizerCommand({ restApiId: apiId, authorizerId: "nosuchauth" })), "NotFoundException", "Invalid Authorizer identifier specified", 404);
  });
});
