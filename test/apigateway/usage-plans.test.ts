/**
 * Usage plans through the APIGatewayClient: create with AWS's checks, patch, delete in AWS's
 * order, usage plan keys (one plan per API stage for a key), and quotas on the data plane: a
 * key's quota runs out (429 Limit Exceeded), stays out across a restart on the same data dir,
 * is extended with UpdateUsage, resets at the next period on the manual clock, and GetUsage
 * reports it per day.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetUsageCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateUsageCommand,
  UpdateUsagePlanCommand,
} from "@aws-sdk/client-api-gateway";
import { ManualClock } from "../../src/index.js";
import { fails, startStratus } from "../helpers/stratus.js";
import { apiPath, callApi, statusAndBody, gatewayClient } from "./support.js";

type Server = Awaited<ReturnType<typeof startStratus>>;

let backend: HttpServer;
let backendUri: string;

before(async () => {
  backend = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  backendUri = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/`;
});
after(() => new Promise((r) => backend.close(r)));

function client(server: Server): APIGatewayClient {
  return gatewayClient(server);
}

/** An API with GET /pets (an API key required) deployed to "dev" and "prod". */
async function keyedApi(gw: APIGatewayClient): Promise<string> {
  const api = await gw.send(new CreateRestApiCommand({ name: "planned" }));
  const pets = await gw.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: "pets" }));
  await gw.send(new PutMethodCommand({ restApiId: api.id, resourceId: pets.id, httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: true }));
  await gw.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: pets.id, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri: backendUri }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "dev" }));
  await gw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: "prod" }));
  return api.id!;
}

const call = (server: Server, apiId: string, key: string) => statusAndBody(callApi(server.port, apiPath(apiId, "dev", "/pets"), { headers: { "x-api-key": key } }));

describe("management", () => {
  let server: Server;
  let gw: APIGatewayClient;
  let apiId: string;
  before(async () => {
    server = await startStratus();
    gw = client(server);
    apiId = await keyedApi(gw);
  });
  after(() => server.stop());

  test("CreateUsagePlan stores stages, throttles and quota; AWS's checks", async () => {
    const p = await gw.send(
      new CreateUsagePlanCommand({
        name: "gold",
        description: "the best",
        apiStages: [{ apiId, stage: "dev", throttle: { "/pets/GET": { burstLimit: 5, rateLimit: 2.5 } } }],
        throttle: { burstLimit: 100, rateLimit: 50 },
        quota: { limit: 1000, offset: 2, period: "WEEK" },
        tags: { tier: "gold" },
      }),
    );
    assert.match(p.id!, /^[a-z0-9]{6}$/);
    assert.deepEqual(
      { name: p.name, description: p.description, apiStages: p.apiStages, throttle: p.throttle, quota: p.quota, tags: p.tags },
      {
        name: "gold",
        description: "the best",
        apiStages: [{ apiId, stage: "dev", throttle: { "/pets/GET": { burstLimit: 5, rateLimit: 2.5 } } }],
        throttle: { burstLimit: 100, rateLimit: 50 },
        quota: { limit: 1000, offset: 2, period: "WEEK" },
        tags: { tier: "gold" },
      },
    );
    const got = await gw.send(new GetUsagePlanCommand({ usagePlanId: p.id }));
    assert.deepEqual(got.quota, { limit: 1000, offset: 2, period: "WEEK" });
    const noOffset = await gw.send(new CreateUsagePlanCommand({ name: "daily", quota: { limit: 10, period: "DAY" } }));
    assert.deepEqual(noOffset.quota, { limit: 10, offset: 0, period: "DAY" });
    assert.equal(noOffset.throttle, undefined);

    await fails(gw.send(new CreateUsagePlanCommand({ name: "x", apiStages: [{ apiId, stage: "nope" }] })), "BadRequestException", "Invalid stage identifier specified");
    await fails(gw.send(new CreateUsagePlanCommand({ name: "x", apiStages: [{ apiId: "abcdefghij", stage: "dev" }] })), "NotFoundException", "Invalid API identifier specified 000000000000:abcdefghij", 404);
    await fails(gw.send(new CreateUsagePlanCommand({ name: "x", quota: { limit: 10, offset: 1, period: "DAY" } })), "BadRequestException", "Invalid quota offset: 1. The offset of a DAY quota must be 0");
    await fails(gw.send(new CreateUsagePlanCommand({ name: "x", quota: { limit: 10, offset: 7, period: "WEEK" } })), "BadRequestException", "Invalid quota offset: 7. The offset of a WEEK quota must be between 0 and 6");
    await fails(gw.send(new CreateUsagePlanCommand({ name: "x", quota: { limit: 10, period: "YEAR" as "DAY" } })), "BadRequestException", "Invalid quota period specified: YEAR. Must be one of: [DAY, WEEK, MONTH]");
    await fails(gw.send(new CreateUsagePlanCommand({ name: "x", throttle: { burstLimit: -1, rateLimit: 1 } })), "BadRequestException", /burst limit/);
    await fails(gw.send(new GetUsagePlanCommand({ usagePlanId: "nosuch" })), "NotFoundException", "Invalid Usage Plan ID specified", 404);
  });

  test("UpdateUsagePlan: fields, throttle, quota, API stages and per-method throttles; DeleteUsagePlan in AWS's order", async () => {
    const p = await gw.send(new CreateUsagePlanCommand({ name: "patchable" }));
    const updated = await gw.send(
      new UpdateUsagePlanCommand({
        usagePlanId: p.id,
        patchOperations: [
          { op: "replace", path: "/name", value: "renamed" },
          { op: "replace", path: "/description", value: "described" },
          { op: "replace", path: "/throttle/burstLimit", value: "20" },
          { op: "replace", path: "/throttle/rateLimit", value: "10.5" },
          { op: "replace", path: "/quota/limit", value: "500" },
          { op: "replace", path: "/quota/period", value: "MONTH" },
          { op: "replace", path: "/quota/offset", value: "3" },
          { op: "add", path: "/apiStages", value: `${apiId}:prod` },
          { op: "replace", path: `/apiStages/${apiId}:prod/throttle/~1pets/GET/rateLimit`, value: "4" },
          { op: "replace", path: `/apiStages/${apiId}:prod/throttle/~1pets/GET/burstLimit`, value: "8" },
        ],
      }),
    );
    assert.equal(updated.name, "renamed");
    assert.equal(updated.description, "described");
    assert.deepEqual(updated.throttle, { burstLimit: 20, rateLimit: 10.5 });
    assert.deepEqual(updated.quota, { limit: 500, offset: 3, period: "MONTH" });
    assert.deepEqual(updated.apiStages, [{ apiId, stage: "prod", throttle: { "/pets/GET": { rateLimit: 4, burstLimit: 8 } } }]);

    await fails(
      gw.send(new UpdateUsagePlanCommand({ usagePlanId: p.id, patchOperations: [{ op: "remove", path: "/apiStages", value: "no-colon" }] })),
      "BadRequestException",
      "Invalid API Stage specified",
    );
    await fails(
      gw.send(new UpdateUsagePlanCommand({ usagePlanId: p.id, patchOperations: [{ op: "remove", path: "/apiStages", value: `${apiId}:dev` }] })),
      "NotFoundException",
      `Invalid API Stage {api: ${apiId}, stage: dev} specified for usageplan ${p.id}`,
      404,
    );
    await fails(
      gw.send(new UpdateUsagePlanCommand({ usagePlanId: p.id, patchOperations: [{ op: "replace", path: "/quota/period", value: "DAY" }] })),
      "BadRequestException",
      "Invalid quota offset: 3. The offset of a DAY quota must be 0",
    );
    await fails(
      gw.send(new UpdateUsagePlanCommand({ usagePlanId: p.id, patchOperations: [{ op: "replace", path: "/id", value: "x" }] })),
      "BadRequestException",
      /^Invalid patch path {2}'\/id' specified for op 'replace'\. Must be one of: \[\/name, /,
    );
    assert.equal((await gw.send(new GetUsagePlanCommand({ usagePlanId: p.id }))).quota?.period, "MONTH", "a failed update changes nothing");

    const trimmed = await gw.send(
      new UpdateUsagePlanCommand({
        usagePlanId: p.id,
        patchOperations: [
          { op: "remove", path: `/apiStages/${apiId}:prod/throttle/~1pets/GET` },
          { op: "remove", path: "/quota" },
          { op: "remove", path: "/throttle" },
        ],
      }),
    );
    assert.deepEqual([trimmed.apiStages, trimmed.quota, trimmed.throttle], [[{ apiId, stage: "prod" }], undefined, undefined]);

    await fails(
      gw.send(new DeleteUsagePlanCommand({ usagePlanId: p.id })),
      "BadRequestException",
      `Cannot delete Usage Plan ${p.id} because there are API Stages associated with it, including ${apiId}:prod`,
    );
    await gw.send(new UpdateUsagePlanCommand({ usagePlanId: p.id, patchOperations: [{ op: "remove", path: "/apiStages", value: `${apiId}:prod` }] }));
    await gw.send(new DeleteUsagePlanCommand({ usagePlanId: p.id }));
    await fails(gw.send(new GetUsagePlanCommand({ usagePlanId: p.id })), "NotFoundException", "Invalid Usage Plan ID specified", 404);
  });

  test("usage plan keys: add, read, list by name, remove; a key in one plan per API stage", async () => {
    const a = await gw.send(new CreateUsagePlanCommand({ name: "plan-a", apiStages: [{ apiId, stage: "dev" }] }));
    const b = await gw.send(new CreateUsagePlanCommand({ name: "plan-b", apiStages: [{ apiId, stage: "dev" }, { apiId, stage: "prod" }] }));
    const c = await gw.send(new CreateUsagePlanCommand({ name: "plan-c" }));
    const k1 = await gw.send(new CreateApiKeyCommand({ name: "member-1", value: "member-key-value-000001" }));
    const k2 = await gw.send(new CreateApiKeyCommand({ name: "other-2" }));

    const added = await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: k1.id, keyType: "API_KEY" }));
    assert.deepEqual([added.id, added.type, added.name, added.value], [k1.id, "API_KEY", "member-1", "member-key-value-000001"]);
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: k2.id, keyType: "API_KEY" }));
    assert.deepEqual((await gw.send(new GetUsagePlanKeyCommand({ usagePlanId: a.id, keyId: k1.id }))).name, "member-1");
    assert.deepEqual((await gw.send(new GetUsagePlanKeysCommand({ usagePlanId: a.id }))).items!.map((k) => k.name), ["member-1", "other-2"]);
    assert.deepEqual((await gw.send(new GetUsagePlanKeysCommand({ usagePlanId: a.id, nameQuery: "mem" }))).items!.map((k) => k.name), ["member-1"]);
    assert.deepEqual((await gw.send(new GetUsagePlansCommand({ keyId: k1.id }))).items!.map((p) => p.name), ["plan-a"]);

    await fails(
      gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: b.id, keyId: k1.id, keyType: "API_KEY" })),
      "ConflictException",
      `Usage Plan ${b.id} cannot be added because API Key ${k1.id} cannot reference multiple Usage Plans with the same API Stage: ${apiId}:dev`,
      409,
    );
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: c.id, keyId: k1.id, keyType: "API_KEY" }));
    await fails(
      gw.send(new UpdateUsagePlanCommand({ usagePlanId: c.id, patchOperations: [{ op: "add", path: "/apiStages", value: `${apiId}:dev` }] })),
      "ConflictException",
      `Usage Plan ${c.id} cannot be added because API Key ${k1.id} cannot reference multiple Usage Plans with the same API Stage: ${apiId}:dev`,
      409,
    );
    await fails(gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: k2.id, keyType: "API_KEY" })), "ConflictException", `API Key ${k2.id} is already associated with usage plan ${a.id}`, 409);
    await fails(gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: c.id, keyId: k2.id, keyType: "COGNITO" })), "BadRequestException", "Invalid key type specified: COGNITO. Must be one of: [API_KEY]");
    await fails(gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: c.id, keyId: "missing123", keyType: "API_KEY" })), "NotFoundException", "Invalid API Key identifier specified", 404);

    await gw.send(new DeleteUsagePlanKeyCommand({ usagePlanId: a.id, keyId: k1.id }));
    await fails(gw.send(new GetUsagePlanKeyCommand({ usagePlanId: a.id, keyId: k1.id })), "NotFoundException", "Invalid Usage Plan Key identifier specified", 404);
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: b.id, keyId: k1.id, keyType: "API_KEY" }));
  });
});

describe("quotas", () => {
  let dataDir: string;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), "stratus-apigw-quota-"));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test("a DAY quota runs out, survives a restart, is extended by UpdateUsage and resets the next day; GetUsage per day", async () => {
    // 2026-03-10, 09:00 UTC.
    const clock = new ManualClock(Date.UTC(2026, 2, 10, 9));
    let server = await startStratus({ inMemory: false, dataDir, clock });
    let gw = client(server);
    const apiId = await keyedApi(gw);
    const plan = await gw.send(new CreateUsagePlanCommand({ name: "metered", apiStages: [{ apiId, stage: "dev" }], quota: { limit: 3, period: "DAY" } }));
    const key = await gw.send(new CreateApiKeyCommand({ name: "metered-key", enabled: true }));
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: "API_KEY" }));

    for (let i = 0; i < 3; i++) assert.deepEqual(await call(server, apiId, key.value!), { status: 200, body: "ok" }, `request ${i + 1}`);
    const exhausted = { status: 429, body: JSON.stringify({ message: "Limit Exceeded" }) };
    assert.deepEqual(await call(server, apiId, key.value!), exhausted);
    let usage = await gw.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: "2026-03-09", endDate: "2026-03-10" }));
    assert.deepEqual(usage.items, { [key.id!]: [[0, 3], [3, 0]] });
    assert.deepEqual([usage.usagePlanId, usage.startDate, usage.endDate], [plan.id, "2026-03-09", "2026-03-10"]);

    await server.stop();
    server = await startStratus({ inMemory: false, dataDir, clock });
    gw = client(server);
    assert.deepEqual(await call(server, apiId, key.value!), exhausted, "still exhausted after a restart");
    usage = await gw.send(new GetUsageCommand({ usagePlanId: plan.id, keyId: key.id, startDate: "2026-03-10", endDate: "2026-03-10" }));
    assert.deepEqual(usage.items, { [key.id!]: [[3, 0]] });

    const extended = await gw.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId: key.id, patchOperations: [{ op: "replace", path: "/remaining", value: "2" }] }));
    assert.deepEqual([extended.startDate, extended.endDate, extended.items], ["2026-03-10", "2026-03-10", { [key.id!]: [[3, 2]] }]);
    assert.equal((await call(server, apiId, key.value!)).status, 200);
    assert.equal((await call(server, apiId, key.value!)).status, 200);
    assert.deepEqual(await call(server, apiId, key.value!), exhausted);

    await clock.advanceTo(Date.UTC(2026, 2, 11, 0, 0, 1));
    assert.deepEqual(await call(server, apiId, key.value!), { status: 200, body: "ok" }, "a new day, a new quota");
    usage = await gw.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: "2026-03-10", endDate: "2026-03-11" }));
    assert.deepEqual(usage.items, { [key.id!]: [[5, 0], [1, 2]] });

    await fails(gw.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: "2026-03-11", endDate: "2026-03-10" })), "BadRequestException", "The end date must not be before the start date");
    await fails(gw.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: "2026-02-30", endDate: "2026-03-10" })), "BadRequestException", "Invalid start date specified: 2026-02-30. Expected yyyy-MM-dd");
    await fails(
      gw.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId: key.id, patchOperations: [{ op: "replace", path: "/remaining", value: "-1" }] })),
      "BadRequestException",
      "Invalid integer value specified: -1",
    );
    await server.stop();
  });

  test("a WEEK quota with an offset starts on that weekday", async () => {
    // 2026-03-10 is a Tuesday; offset 3 starts weeks on Wednesday.
    const clock = new ManualClock(Date.UTC(2026, 2, 10, 12));
    const server = await startStratus({ clock });
    const gw = client(server);
    const apiId = await keyedApi(gw);
    const plan = await gw.send(new CreateUsagePlanCommand({ name: "weekly", apiStages: [{ apiId, stage: "dev" }], quota: { limit: 2, offset: 3, period: "WEEK" } }));
    const key = await gw.send(new CreateApiKeyCommand({ name: "weekly-key", enabled: true }));
    await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: "API_KEY" }));
    assert.equal((await call(server, apiId, key.value!)).status, 200);
    assert.equal((await call(server, apiId, key.value!)).status, 200);
    assert.equal((await call(server, apiId, key.value!)).status, 429);
    await clock.advanceTo(Date.UTC(2026, 2, 11, 0, 0, 1));
    assert.equal((await call(server, apiId, key.value!)).status, 200, "Wednesday starts a new week");
    await clock.advanceTo(Date.UTC(2026, 2, 17, 23));
    assert.equal((await call(server, apiId, key.value!)).status, 200);
    assert.equal((await call(server, apiId, key.value!)).status, 429, "still the week that began on Wednesday the 11th");
    await server.stop();
  });
});
