/**
 * Places an imported path in the API's resource tree, creating the resources it lacks with the
 * rules CreateResource enforces (operations/resources.ts: path part characters, no child under
 * a greedy `{proxy+}`, one variable part among siblings); a breach is AWS's import error
 * "Unable to create resource at path '/x': …".
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateResource.html
 */
import { newId } from "../ids.js";
import { placementProblem } from "../operations/resources.js";
import type { ResourceRecord, RestApiRecord } from "../types.js";
import type { ImportReport } from "./import-report.js";

export function ensureResource(api: RestApiRecord, path: string, report: ImportReport): ResourceRecord | undefined {
  let parent = api.resources[api.rootResourceId];
  let current = "";
  for (const part of path.split("/").filter((p) => p.length > 0)) {
    current += `/${part}`;
    const existing = Object.values(api.resources).find((r) => r.parentId === parent.id && r.pathPart === part);
    if (existing) {
      parent = existing;
      continue;
    }
    const problem = placementProblem(api, parent, part);
    if (problem) {
      report.error(`Unable to create resource at path '${current}': ${problem.message}`);
      return undefined;
    }
    const created: ResourceRecord = { id: newId(), parentId: parent.id, pathPart: part, path: current, methods: {} };
    api.resources[created.id] = created;
    parent = created;
  }
  return parent;
}

/**
 * Overwrite mode: only the document's paths (and their ancestors) remain, without methods.
 * A resource whose path survives keeps its id, as AWS keeps it.
 */
export function pruneToPaths(api: RestApiRecord, paths: string[]): void {
  const keep = new Set(["/"]);
  for (const path of paths) {
    let current = "";
    for (const part of path.split("/").filter((p) => p.length > 0)) keep.add((current += `/${part}`));
  }
  for (const r of Object.values(api.resources)) {
    if (r.id !== api.rootResourceId && !keep.has(r.path)) delete api.resources[r.id];
    else r.methods = {};
  }
}
