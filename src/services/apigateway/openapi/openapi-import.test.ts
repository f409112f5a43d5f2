/**
 * Unit tests for what the API does not show directly: how documents are parsed (JSON, YAML with
 * anchors, numbers kept as written), how models are stored (AWS's canonical model URLs) and how
 * the import report words its failures.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { RestApiRecord } from "../types.js";
import { applyDefinition } from "./apply-definition.js";
import { parseOpenApi } from "./document.js";
import { ImportReport } from "./import-report.js";
import { readDefinition } from "./read-definition.js";

const bytes = (s: string) => Buffer.from(s, "utf8");

function blankApi(): RestApiRecord {
  return {
    id: "abc123defg",
    accountId: "000000000000",
    region: "us-east-1",
    name: "blank",
    createdDate: 0,
    binaryMediaTypes: [],
    apiKeySource: "HEADER",
    endpointConfiguration: { types: ["EDGE"] },
    tags: {},
    disableExecuteApiEndpoint: false,
    rootResourceId: "rootrootro",
    resources: { rootrootro: { id: "rootrootro", path: "/", methods: {} } },
  };
}

test("documents: JSON or YAML (anchors and merge keys resolved), numbers kept as written", () => {
  const yaml = parseOpenApi(bytes(["swagger: 2.0", "info: {title: t, version: 1.10}", "x-base: &base {type: mock}", "paths:", "  /a:", "    get:", "      responses: {200: {description: ok}}", "      x-amazon-apigateway-integration: {<<: *base, passthroughBehavior: never}"].join("\n")));
  assert.equal(yaml.kind, "swagger2");
  assert.equal((yaml.doc.info as { version: unknown }).version, "1.10");
  const get = ((yaml.doc.paths as Record<string, Record<string, Record<string, unknown>>>)["/a"].get);
  assert.deepEqual(get["x-amazon-apigateway-integration"], { type: "mock", passthroughBehavior: "never" });
  assert.equal(parseOpenApi(bytes('\uFEFF{"openapi": "3.0.3", "paths": {}}')).kind, "oas3");
  for (const bad of ["", "a: [", "- 1\n- 2", '{"openapi": "3.1.0"}', '{"swagger": "1.2"}', '{"openapi": 3}']) {
    assert.throws(() => parseOpenApi(bytes(bad)), { name: "BadRequestException", message: "Invalid OpenAPI input." }, bad);
  }
});

test("models are stored as AWS stores them: JSON text with canonical model URLs", () => {
  const doc = {
    swagger: "2.0",
    info: { title: "t", version: "1" },
    paths: {},
    definitions: { Pet: { type: "object", properties: { tag: { $ref: "#/definitions/Tag" }, tags: { type: "array", items: { $ref: "#/definitions/Tag" } } } }, Tag: { type: "string" } },
  };
  const report = new ImportReport();
  const api = blankApi();
  applyDefinition(api, readDefinition(parseOpenApi(bytes(JSON.stringify(doc))), report, "ignore"), "overwrite", report);
  assert.deepEqual([report.errors, report.warnings], [[], []]);
  const pet = api.models!.Pet;
  assert.equal(pet.contentType, "application/json");
  assert.match(pet.id, /^[a-z0-9]{10}$/);
  assert.deepEqual(JSON.parse(pet.schema!), {
    type: "object",
    properties: {
      tag: { $ref: "https://apigateway.amazonaws.com/restapis/abc123defg/models/Tag" },
      tags: { type: "array", items: { $ref: "https://apigateway.amazonaws.com/restapis/abc123defg/models/Tag" } },
    },
  });
});

test("overwrite keeps the ids of what stays; merge keeps what the document does not mention", () => {
  const doc = (paths: Record<string, unknown>, validators: Record<string, unknown>) =>
    bytes(JSON.stringify({ openapi: "3.0.1", info: { title: "t", version: "1" }, paths, "x-amazon-apigateway-request-validators": validators }));
  const ok = { responses: { "200": { description: "ok" } } };
  const api = blankApi();
  let report = new ImportReport();
  applyDefinition(api, readDefinition(parseOpenApi(doc({ "/a/b": { get: ok } }, { v1: { validateRequestBody: true } })), report, "ignore"), "merge", report);
  const ids = Object.fromEntries(Object.values(api.resources).map((r) => [r.path, r.id]));
  const validatorId = Object.keys(api.requestValidators!)[0];
  report = new ImportReport();
  applyDefinition(api, readDefinition(parseOpenApi(doc({ "/a": { post: ok } }, { v1: { validateRequestParameters: true } })), report, "ignore"), "overwrite", report);
  assert.deepEqual(Object.values(api.resources).map((r) => [r.path, r.id]).sort(), [["/", ids["/"]], ["/a", ids["/a"]]]);
  assert.deepEqual(Object.keys(api.resources[ids["/a"]].methods), ["POST"]);
  assert.deepEqual(api.requestValidators, { [validatorId]: { id: validatorId, name: "v1", validateRequestBody: false, validateRequestParameters: true } });
  report = new ImportReport();
  applyDefinition(api, readDefinition(parseOpenApi(doc({ "/c": { get: ok } }, { v2: {} })), report, "ignore"), "merge", report);
  assert.deepEqual(Object.values(api.resources).map((r) => r.path).sort(), ["/", "/a", "/c"]);
  assert.deepEqual(Object.values(api.requestValidators!).map((v) => v.name).sort(), ["v1", "v2"]);
});

test("the report words failures as AWS does", () => {
  const report = new ImportReport();
  report.warn("w1");
  assert.doesNotThrow(() => report.check(false));
  assert.throws(() => report.check(true), { name: "BadRequestException", message: "Warnings found during import:\n\tw1" });
  report.error("e1");
  report.error("e2");
  assert.throws(() => report.check(false), { message: "Errors found during import:\n\te1\n\te2\nAdditionally, these warnings were found:\n\tw1" });
});
