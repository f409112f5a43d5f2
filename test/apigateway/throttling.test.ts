/**
 * Throttling on virtual time: UpdateStage's method settings (the stage's "*\/*" defaults and a
 * method's own), as GetStage reports them and as calls feel them (a burst, then 429 Too Many
 * Requests, then a refill as the clock moves); a usage plan's per-key throttle; the account's
 * limit through UpdateAccount; and UpdateStage's other paths with AWS's errors.
 */
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetAccountCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateAccountCommand,
  UpdateStageCommand,
} from "@aws-sdk/client-api-gateway";
import type { ManualClock } from "../../src/index.js";
import { fails, startStratus } from "../helpers/stratus.js";
import { apiPath, callApi, statusAndBody, gatewayClient } from "./support.js";

let server: Awaited<ReturnType<typeof startStratus>>;
let clock: ManualClock;
let gw: APIGatewayClient;
let backend: HttpServer;
let backendUri: string;

before(async () => {
  server = await startStratus({ clock: "manual" });
  clock = server.manualClock!;
  gw = gatewayClient(server);
  backend = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  backendUri = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/`;
});
after(async () => {
  await server.stop();
  await new Promise((r) => backend.close(r));
});

/** GET /pets and GET /pets/{id} (optionally key-required), deployed to "dev". */
async function deployedApi(apiKeyRequired = false): Promise<string> {
  const api = await gw.send(new CreateRestApiCommand({ name: "throttled" }));
  const pets = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "pets" }));
  const pet = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: pets.id, pathPart: "{id}" }));
  for (const r of [pets, pet]) {
    await gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", authorizationType: "NONE", apiKeyRequired }));
    await gw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: r.id, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: backendUri }));
  }
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" }));
  return api.id!;
}

const call = (apiId: string, path: string, headers: Record<string, string> = {}) => statusAndBody(callApi(server.port, apiPath(apiId, "dev", path), { headers }));

async function statuses(apiId: string, path: string, n: number, headers: Record<string, string> = {}): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await call(apiId, path, headers)).status);
  return out;
}

const TOO_MANY = { status: 429, body: JSON.stringify({ message: "Too Many Requests" }) };

test("UpdateStage method settings: AWS's defaults for a new entry, GetStage reports them, removal", async () => {
  const apiId = await deployedApi();
  const s = await gw.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: "dev",
      patchOperations: [
        { op: "replace", path: "/*/*/throttling/burstLimit", value: "2" },
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "1" },
        { op: "replace", path: "/*/*/metrics/enabled", value: "true" },
        { op: "replace", path: "/~1pets/GET/caching/ttlInSeconds", value: "60" },
        { op: "replace", path: "/~1pets/GET/logging/loglevel", value: "INFO" },
      ],
    }),
  );
  assert.deepEqual(s.methodSettings, {
    "*/*": {
      metricsEnabled: true,
      dataTraceEnabled: false,
      throttlingBurstLimit: 2,
      throttlingRateLimit: 1,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    },
    "~1pets/GET": {
      metricsEnabled: false,
      loggingLevel: "INFO",
      dataTraceEnabled: false,
      throttlingBurstLimit: 5000,
      throttlingRateLimit: 10000,
      cachingEnabled: false,
      cacheTtlInSeconds: 60,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    },
  });
  assert.deepEqual(Object.keys((await gw.send(new GetStageCommand({ restApiId: apiId, stageName: "dev" }))).methodSettings!), ["*/*", "~1pets/GET"]);

  const removed = await gw.send(new UpdateStageCommand({ restApiId: apiId, stageName: "dev", patchOperations: [{ op: "remove", path: "/~1pets/GET" }, { op: "remove", path: "/*/*" }] }));
  assert.deepEqual(removed.methodSettings, {});
  await fails(
    gw.send(new UpdateStageCommand({ restApiId: apiId, stageName: "dev", patchOperations: [{ op: "remove", path: "/*/*" }] })),
    "BadRequestException",
    "Cannot remove method setting */* because there is no method setting for this method ",
  );
});

test("UpdateStage: other paths, and AWS's errors for bad ones", async () => {
  const apiId = await deployedApi();
  const second = await gw.send(new CreateDeploymentCommand({ restApiId: apiId, description: "second" }));
  const s = await gw.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: "dev",
      patchOperations: [
        { op: "replace", path: "/description", value: "the dev stage" },
        { op: "replace", path: "/deploymentId", value: second.id },
        { op: "replace", path: "/tracingEnabled", value: "true" },
        { op: "replace", path: "/cacheClusterEnabled", value: "true" },
        { op: "replace", path: "/cacheClusterSize", value: "1.6" },
        { op: "add", path: "/variables/color", value: "blue" },
        { op: "add", path: "/variables/size", value: "L" },
        { op: "remove", path: "/variables/size" },
      ],
    }),
  );
  assert.deepEqual(
    [s.description, s.deploymentId, s.tracingEnabled, s.cacheClusterEnabled, s.cacheClusterSize, s.variables],
    ["the dev stage", second.id, true, true, "1.6", { color: "blue" }],
  );

  const update = (path: string, value?: string, op: "replace" | "add" | "remove" = "replace") => gw.send(new UpdateStageCommand({ restApiId: apiId, stageName: "dev", patchOperations: [{ op, path, value }] }));
  await fails(update("/deploymentId", "nosuchdepl"), "BadRequestException", "Deployment id does not exist");
  await fails(update("/~1pets/ANY/throttling/rateLimit", "1"), "BadRequestException", /^Invalid method setting path: \/~1pets\/ANY\/throttling\/rateLimit\. Must be one of: \[\/deploymentId, /);
  await fails(update("/~1pets/*/metrics/enabled", "true"), "BadRequestException", /^Invalid method setting path: \/~1pets\/\*\/metrics\/enabled\./);
  await fails(update("/*/*/caching/ttlInSeconds", "3601"), "BadRequestException", "Invalid cache ttl specified: 3601. Must be between 0 and 3600 seconds");
  await fails(update("/*/*/logging/loglevel", "DEBUG"), "BadRequestException", "Invalid logging level specified: DEBUG. Must be one of: [OFF, ERROR, INFO]");
  await fails(update("/*/*/metrics/enabled", "maybe"), "BadRequestException", "Invalid boolean value specified: maybe");
  await fails(update("/cacheClusterSize", "2"), "BadRequestException", "Invalid cache cluster size specified: 2");
  await fails(update("/variables/bad-name", "x", "add"), "BadRequestException", "Stage variable name must only contain alphanumeric and underscore characters: bad-name");
  await fails(gw.send(new UpdateStageCommand({ restApiId: apiId, stageName: "nope", patchOperations: [] })), "NotFoundException", "Invalid Stage identifier specified", 404);
  const after = await gw.send(new GetStageCommand({ restApiId: apiId, stageName: "dev" }));
  assert.equal(after.methodSettings && Object.keys(after.methodSettings).length, 0, "failed updates leave no method setting behind");
});

test("stage throttling: the stage default (*/*) burst per method, a method's own limit, refill as virtual time passes", async () => {
  const apiId = await deployedApi();
  await gw.send(
    new UpdateStageCommand({
      restApiId: apiId,
      stageName: "dev",
      patchOperations: [
        { op: "replace", path: "/*/*/throttling/burstLimit", value: "2" },
        { op: "replace", path: "/*/*/throttling/rateLimit", value: "1" },
        { op: "replace", path: "/~1pets~1{id}/GET/throttling/burstLimit", value: "1" },
        { op: "replace", path: "/~1pets~1{id}/GET/throttling/rateLimit", value: "-1" },
      ],
    }),
  );
  assert.deepEqual(await statuses(apiId, "/pets", 3), [200, 200, 429]);
  assert.deepEqual(await call(apiId, "/pets"), TOO_MANY);
  // /pets/{id} has its own bucket: burst 1, the rate inherited from */* (1 a second).
  assert.deepEqual(await statuses(apiId, "/pets/7", 2), [200, 429]);

  await clock.advance(999);
  assert.equal((await call(apiId, "/pets")).status, 429, "not a whole token yet");
  await clock.advance(1);
  assert.deepEqual(await statuses(apiId, "/pets", 2), [200, 429]);
  await clock.advance(10_000);
  assert.deepEqual(await statuses(apiId, "/pets", 3), [200, 200, 429], "refilled only up to the burst");
  assert.deepEqual(await statuses(apiId, "/pets/7", 2), [200, 429]);
});

test("a usage plan's throttle is per key, and a method's throttle in the plan replaces it", async () => {
  const apiId = await deployedApi(true);
  const plan = await gw.send(
    new CreateUsagePlanCommand({
      name: "throttled-plan",
      apiStages: [{ apiId, stage: "dev", throttle: { "/pets/{id}/GET": { burstLimit: 1, rateLimit: 0.5 } } }],
      throttle: { burstLimit: 2, rateLimit: 0.5 },
    }),
  );
  const keys = [];
  for (const name of ["first", "second"]) {
    const k = await gw.send(new CreateApiKeyCommand({ name: `plan-${name}`, enabled: true }));
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k.id, keyType: "API_KEY" }));
    keys.push({ "x-api-key": k.value! });
  }
  assert.deepEqual(await statuses(apiId, "/pets", 3, keys[0]), [200, 200, 429]);
  assert.deepEqual(await call(apiId, "/pets", keys[0]), TOO_MANY);
  assert.deepEqual(await statuses(apiId, "/pets", 2, keys[1]), [200, 200], "another key has its own bucket");
  assert.deepEqual(await statuses(apiId, "/pets/1", 2, keys[0]), [200, 429], "the method's own limit in the plan");
  await clock.advance(2000);
  assert.deepEqual(await statuses(apiId, "/pets", 2, keys[0]), [200, 429]);
});

test("the account's throttle: GetAccount's defaults, shrunk through UpdateAccount (a Stratus extension)", async () => {
  const account = await gw.send(new GetAccountCommand({}));
  assert.deepEqual(account.throttleSettings, { burstLimit: 5000, rateLimit: 10000 });
  assert.deepEqual(account.features, ["UsagePlans"]);
  const apiId = await deployedApi();
  const otherApi = await deployedApi();
  const updated = await gw.send(
    new UpdateAccountCommand({
      patchOperations: [
        { op: "replace", path: "/throttleSettings/burstLimit", value: "2" },
        { op: "replace", path: "/throttleSettings/rateLimit", value: "1" },
        { op: "replace", path: "/cloudwatchRoleArn", value: "arn:aws:iam::000000000000:role/apigw-logs" },
      ],
    }),
  );
  assert.deepEqual([updated.throttleSettings, updated.cloudwatchRoleArn], [{ burstLimit: 2, rateLimit: 1 }, "arn:aws:iam::000000000000:role/apigw-logs"]);
  try {
    assert.equal((await call(apiId, "/pets")).status, 200);
    assert.equal((await call(otherApi, "/pets/1")).status, 200);
    assert.deepEqual(await call(apiId, "/pets/2"), TOO_MANY, "one limit for every API of the account");
    await clock.advance(1000);
    assert.equal((await call(otherApi, "/pets")).status, 200);
    await fails(gw.send(new UpdateAccountCommand({ patchOperations: [{ op: "replace", path: "/cloudwatchRoleArn", value: "not-an-arn" }] })), "BadRequestException", "The role ARN is not well formed: not-an-arn");
    await fails(
      gw.send(new UpdateAccountCommand({ patchOperations: [{ op: "replace", path: "/features", value: "x" }] })),
      "BadRequestException",
      "Invalid patch path  '/features' specified for op 'replace'. Must be one of: [/cloudwatchRoleArn, /throttleSettings/rateLimit, /throttleSettings/burstLimit]",
    );
  } finally {
    await gw.send(
      new UpdateAccountCommand({
        patchOperations: [
          { op: "replace", path: "/throttleSettings/burstLimit", value: "5000" },
          { op: "replace", path: "/throttleSettings/rateLimit", value: "10000" },
        ],
      }),
    );
  }
  assert.deepEqual((await gw.send(new GetAccountCommand({}))).throttleSettings, { burstLimit: 5000, rateLimit: 10000 });
});
