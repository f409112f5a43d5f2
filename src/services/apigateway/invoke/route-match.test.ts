// The route table a deployment keeps must pick what a scan of its resources picks.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ResourceRecord } from "../types.js";
import { matchDeployedRoute, matchRoute } from "./route-match.js";

const PATHS = ["/", "/pets", "/pets/{id}", "/pets/mine", "/pets/{id}/toys", "/files/{proxy+}", "/files/readme", "/a b", "/caf\u00e9"];
const resources: Record<string, ResourceRecord> = Object.fromEntries(PATHS.map((path, i) => [`r${i}`, { id: `r${i}`, path, methods: {} } as unknown as ResourceRecord]));

const CALLS = ["/", "/pets", "/pets/", "/pets/1", "/pets/mine", "/pets/mine/toys", "/pets/%6Dine", "//pets", "/files/readme", "/files/a/b", "/files", "/nope", "/a%20b", "/caf%C3%A9", "/pets/%E0%A4%A"];

test("matchDeployedRoute agrees with a scan of the resources", () => {
  for (const path of CALLS) {
    const want = matchRoute(Object.values(resources), path);
    const got = matchDeployedRoute(resources, path);
    assert.deepEqual(got && { path: got.resource.path, params: got.pathParameters }, want && { path: want.resource.path, params: want.pathParameters }, path);
  }
});
