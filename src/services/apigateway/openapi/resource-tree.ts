/**
 * Places an imported path in the API's resource tree, creating the resources it lacks with the
 * rules CreateResource enforces (operations/resources.ts: path part characters, no child under
 * a greedy `{proxy+}`, one variable part among siblings); a breach is AWS's import error
 * "Unable to create resource at path '/x': …".
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateResource.html
 */
import { newId } from "../ids.js";
import type { ResourceRecord, RestApiRecord } from "../types.js";
import type { ImportReport } from "./import-report.js";

const PATH_PART = /^([a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;
const isVariable = (part: string | undefined) => part !== undefined && part.startsWith("{");

export function ensureResource(api: RestApiRecord, path: string, report: ImportReport): ResourceRecord | undefined {
  let parent = api.resources[api.rootResourceId];
  let current = "";
  for (const part of path.split("/").filter((p) => p.length > 0)) {
    current += `/${part}`;
    const siblings = Object.values(api.resources).filter((r) => r.parentId === parent.id);
    const existing = siblings.find((s) => s.pathPart === part);
    if (existing) {
      parent = existing;
      continue;
    }
    const fail = (why: string) => {
      report.error(`Unable to create resource at path '${current}': ${why}`);
      return undefined;
    };
    if (!PATH_PART.test(part)) return fail("Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.");
    if (parent.pathPart?.endsWith("+}")) return fail("Cannot create a child of a resource with a greedy path variable");
    const variable = siblings.find((s) => isVariable(s.pathPart));
    if (isVariable(part) && variable) return fail(`A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`);
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
