/**
 * API keys through the APIGatewayClient (create, read, list with filters and paging, patch,
 * delete, CSV import) with AWS's defaults and errors, and what a key-required method answers to
 * no key, a disabled key, a key in no plan, and a valid key in a plan of the stage.
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
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  ImportApiKeysCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateApiKeyCommand,
} from "@aws-sdk/client-api-gateway";
import { fails, startStratus } from "../helpers/stratus.js";
import { callApi, statusAndBody, gatewayClient } from "./support.js";

let server: Awaited<ReturnType<typeof startStratus>>;
let gw: APIGatewayClient;
let backend: HttpServer;
let apiId: string;
let planId: string;

before(async () => {
  server = await startStratus();
  gw = gatewayClient(server);
  // The integration: an HTTP_PROXY to a local server that answers 200 "ok".
  backend = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  await new Promise<void>((r) => backend.listen(0, "127.0.0.1", r));
  const api = await gw.send(new CreateRestApiCommand({ name: "keyed" }));
  apiId = api.id!;
  const pets = await gw.send(new CreateResourceCommand({ restApiId: apiId, parentId: api.rootResourceId, pathPart: "pets" }));
  await gw.send(new PutMethodCommand({ restApiId: apiId, resourceId: pets.id, httpMethod: "GET", authorizationType: "NONE", apiKeyRequired: true }));
  const uri = `http://127.0.0.1:${(backend.address() as AddressInfo).port}/`;
  await gw.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: pets.id, httpMethod: "GET", type: "HTTP_PROXY", integrationHttpMethod: "GET", uri }));
  await gw.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: "dev" }));
  planId = (await gw.send(new CreateUsagePlanCommand({ name: "basic", apiStages: [{ apiId, stage: "dev" }] }))).id!;
});
after(async () => {
  await server.stop();
  await new Promise((r) => backend.close(r));
});

const call = (path: string, headers: Record<string, string> = {}) => statusAndBody(callApi(server.port, path, { headers }));

test("CreateApiKey: disabled by default, a generated 40-character value, AWS's checks", async () => {
  const k = await gw.send(new CreateApiKeyCommand({ name: "alpha", description: "first", customerId: "cust-1", tags: { team: "a" } }));
  assert.match(k.id!, /^[a-z0-9]{10}$/);
  assert.match(k.value!, /^[A-Za-z0-9]{40}$/);
  assert.equal(k.enabled, false);
  assert.equal(k.name, "alpha");
  assert.equal(k.description, "first");
  assert.equal(k.customerId, "cust-1");
  assert.deepEqual(k.tags, { team: "a" });
  assert.deepEqual(k.stageKeys, []);
  assert.ok(k.createdDate instanceof Date);

  const got = await gw.send(new GetApiKeyCommand({ apiKey: k.id }));
  assert.equal(got.value, undefined, "the value only when asked for");
  assert.equal((await gw.send(new GetApiKeyCommand({ apiKey: k.id, includeValue: true }))).value, k.value);

  await fails(gw.send(new CreateApiKeyCommand({ name: "short", value: "tooshort" })), "BadRequestException", "API Key value should be at least 20 characters");
  const custom = await gw.send(new CreateApiKeyCommand({ name: "custom", value: "custom-value-0123456789", enabled: true, stageKeys: [{ restApiId: apiId, stageName: "dev" }] }));
  assert.equal(custom.value, "custom-value-0123456789");
  assert.equal(custom.enabled, true);
  assert.deepEqual(custom.stageKeys, [`${apiId}/dev`]);
  await fails(gw.send(new CreateApiKeyCommand({ name: "again", value: "custom-value-0123456789" })), "ConflictException", "API Key already exists", 409);
  await fails(gw.send(new CreateApiKeyCommand({ stageKeys: [{ restApiId: apiId, stageName: "nope" }] })), "BadRequestException", "Invalid stage identifier specified");
  await fails(gw.send(new GetApiKeyCommand({ apiKey: "missing123" })), "NotFoundException", "Invalid API Key identifier specified", 404);
});

test("GetApiKeys: nameQuery is a prefix, customerId an exact match, values on request, paging", async () => {
  for (const name of ["list-a", "list-b", "list-c"]) await gw.send(new CreateApiKeyCommand({ name, customerId: name === "list-b" ? "cust-b" : undefined }));
  const listed = await gw.send(new GetApiKeysCommand({ nameQuery: "list-" }));
  assert.deepEqual(listed.items!.map((k) => k.name), ["list-a", "list-b", "list-c"]);
  assert.ok(listed.items!.every((k) => k.value === undefined));
  const withValues = await gw.send(new GetApiKeysCommand({ nameQuery: "list-", includeValues: true }));
  assert.ok(withValues.items!.every((k) => k.value?.length === 40));
  assert.deepEqual((await gw.send(new GetApiKeysCommand({ customerId: "cust-b" }))).items!.map((k) => k.name), ["list-b"]);
  const first = await gw.send(new GetApiKeysCommand({ nameQuery: "list-", limit: 2 }));
  assert.equal(first.items!.length, 2);
  assert.ok(first.position);
  const second = await gw.send(new GetApiKeysCommand({ nameQuery: "list-", limit: 2, position: first.position }));
  assert.deepEqual(second.items!.map((k) => k.name), ["list-c"]);
  assert.equal(second.position, undefined);
});

test("UpdateApiKey patches name, description, enabled, customerId and stages; DeleteApiKey", async () => {
  const k = await gw.send(new CreateApiKeyCommand({ name: "patch-me" }));
  const updated = await gw.send(
    new UpdateApiKeyCommand({
      apiKey: k.id,
      patchOperations: [
        { op: "replace", path: "/name", value: "patched" },
        { op: "replace", path: "/description", value: "now described" },
        { op: "replace", path: "/enabled", value: "true" },
        { op: "replace", path: "/customerId", value: "cust-9" },
        { op: "add", path: "/stages", value: `${apiId}/dev` },
      ],
    }),
  );
  assert.equal(updated.name, "patched");
  assert.equal(updated.description, "now described");
  assert.equal(updated.enabled, true);
  assert.equal(updated.customerId, "cust-9");
  assert.deepEqual(updated.stageKeys, [`${apiId}/dev`]);
  assert.equal(updated.value, undefined);
  const removed = await gw.send(new UpdateApiKeyCommand({ apiKey: k.id, patchOperations: [{ op: "remove", path: "/stages", value: `${apiId}/dev` }] }));
  assert.deepEqual(removed.stageKeys, []);

  await fails(
    gw.send(new UpdateApiKeyCommand({ apiKey: k.id, patchOperations: [{ op: "replace", path: "/value", value: "x".repeat(30) }] })),
    "BadRequestException",
    "Invalid patch path  '/value' specified for op 'replace'. Must be one of: [/name, /description, /enabled, /customerId]",
  );
  await fails(gw.send(new UpdateApiKeyCommand({ apiKey: k.id, patchOperations: [{ op: "replace", path: "/enabled", value: "yes" }] })), "BadRequestException", "Invalid boolean value specified: yes");
  assert.equal((await gw.send(new GetApiKeyCommand({ apiKey: k.id }))).enabled, true, "a failed update changes nothing");

  await gw.send(new DeleteApiKeyCommand({ apiKey: k.id }));
  await fails(gw.send(new GetApiKeyCommand({ apiKey: k.id })), "NotFoundException", "Invalid API Key identifier specified", 404);
  await fails(gw.send(new DeleteApiKeyCommand({ apiKey: k.id })), "NotFoundException", "Invalid API Key identifier specified", 404);
});

test("ImportApiKeys: AWS's CSV format, plan association, overwrite by value, warnings", async () => {
  const csv = [
    "Enabled,Name,key,UsageplanIds,Description,Ignored",
    `true,imported-1,imported-key-value-000001,"${planId}",first import,x`,
    "FALSE,imported-2,imported-key-value-000002,,,",
    "true,imported-bad,short,,,",
  ].join("\n");
  const r = await gw.send(new ImportApiKeysCommand({ body: Buffer.from(csv), format: "csv" }));
  assert.equal(r.ids!.length, 2);
  assert.deepEqual(r.warnings, ["Invalid API key value on line 4: a Key must be between 20 and 128 characters"]);
  const [first, second] = await Promise.all(r.ids!.map((id) => gw.send(new GetApiKeyCommand({ apiKey: id, includeValue: true }))));
  assert.deepEqual([first.name, first.value, first.enabled, first.description], ["imported-1", "imported-key-value-000001", true, "first import"]);
  assert.deepEqual([second.name, second.enabled, second.description], ["imported-2", false, ""]);
  const planKeys = await gw.send(new GetUsagePlanKeysCommand({ usagePlanId: planId, nameQuery: "imported-" }));
  assert.deepEqual(planKeys.items!.map((k) => [k.id, k.type, k.value]), [[first.id, "API_KEY", "imported-key-value-000001"]]);

  // The same key value again overwrites the key (same id); columns in another order and case.
  const again = await gw.send(new ImportApiKeysCommand({ body: Buffer.from("key,NAME\nimported-key-value-000002,renamed\n"), format: "csv" }));
  assert.deepEqual(again.ids, [second.id]);
  const renamed = await gw.send(new GetApiKeyCommand({ apiKey: second.id }));
  assert.deepEqual([renamed.name, renamed.enabled], ["renamed", true]);

  // failOnWarnings: nothing is imported.
  const bad = "Name,Key,UsagePlanIds\nstrict-1,strict-key-value-0000001,\nstrict-2,strict-key-value-0000002,nosuchplan\n";
  await fails(gw.send(new ImportApiKeysCommand({ body: Buffer.from(bad), format: "csv", failOnWarnings: true })), "BadRequestException", "Invalid usage plan ID nosuchplan on line 3");
  assert.deepEqual((await gw.send(new GetApiKeysCommand({ nameQuery: "strict-" }))).items, []);
  await fails(gw.send(new ImportApiKeysCommand({ body: Buffer.from("Name,Description\nx,y\n"), format: "csv" })), "BadRequestException", "Invalid API key file: the header must contain the Name and Key columns");
});

test("a key-required method: 403 without a key, with a disabled key or one in no plan; 200 with a key in the stage's plan", async () => {
  const path = `/restapis/${apiId}/dev/_user_request_/pets`;
  const forbidden = { status: 403, body: JSON.stringify({ message: "Forbidden" }) };
  assert.deepEqual(await call(path), forbidden);
  assert.deepEqual(await call(path, { "x-api-key": "no-such-key-value-at-all" }), forbidden);

  const disabled = await gw.send(new CreateApiKeyCommand({ name: "disabled", value: "disabled-key-value-00001" }));
  await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: disabled.id, keyType: "API_KEY" }));
  assert.deepEqual(await call(path, { "x-api-key": disabled.value! }), forbidden);

  const unplanned = await gw.send(new CreateApiKeyCommand({ name: "unplanned", value: "unplanned-key-value-0001", enabled: true }));
  assert.deepEqual(await call(path, { "x-api-key": unplanned.value! }), forbidden);

  await gw.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: unplanned.id, keyType: "API_KEY" }));
  assert.deepEqual(await call(path, { "x-api-key": unplanned.value! }), { status: 200, body: "ok" });
  assert.deepEqual(await call(path, { "X-API-Key": unplanned.value! }), { status: 200, body: "ok" }, "the header name in any case");

  await gw.send(new UpdateApiKeyCommand({ apiKey: disabled.id, patchOperations: [{ op: "replace", path: "/enabled", value: "true" }] }));
  assert.equal((await call(path, { "x-api-key": disabled.value! })).status, 200);
  await gw.send(new DeleteApiKeyCommand({ apiKey: disabled.id }));
  assert.deepEqual(await call(path, { "x-api-key": disabled.value! }), forbidden);
});
