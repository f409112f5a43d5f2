/**
 * CreateResource, GetResource, GetResources, UpdateResource, DeleteResource: the API's path tree. A path part
 * is a name, a `{param}` or a greedy `{proxy+}`; siblings have distinct names and at most one
 * of them is a variable.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateResource.html
 */
import type { RequestContext } from "../../../core/service.js";
import type { ApiGatewayService } from "../apigateway-service.js";
import { ApiGatewayErrors } from "../errors.js";
import { newId } from "../ids.js";
import { page } from "../pagination.js";
import { applyPatches, requiredValue, type PatchOperation } from "../patch.js";
import type { ResourceRecord, RestApiRecord } from "../types.js";
import { resourceView } from "../views.js";

const PATH_PART = /^([a-zA-Z0-9._:-]+|\{[a-zA-Z0-9._-]+\+?\})$/;
const isVariable = (part: string | undefined) => part !== undefined && part.startsWith("{");

/**
 * Why a path part may not go under this parent (CreateResource's rules: the characters, no
 * child under a greedy `{proxy+}`, distinct sibling names, one variable part among siblings);
 * `conflict` marks the duplicate name. `self` is a resource being moved, not its own sibling.
 */
export function placementProblem(api: RestApiRecord, parent: ResourceRecord, pathPart: string, self?: string): { message: string; conflict?: boolean } | undefined {
  if (!PATH_PART.test(pathPart)) return { message: "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace." };
  if (parent.pathPart?.endsWith("+}")) return { message: "Cannot create a child of a resource with a greedy path variable" };
  const siblings = Object.values(api.resources).filter((s) => s.parentId === parent.id && s.id !== self);
  if (siblings.some((s) => s.pathPart === pathPart)) return { message: `Another resource with the same parent already has this name: ${pathPart}`, conflict: true };
  const variable = siblings.find((s) => isVariable(s.pathPart));
  if (isVariable(pathPart) && variable) return { message: `A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed` };
  return undefined;
}

function throwIfBroken(problem: { message: string; conflict?: boolean } | undefined): void {
  if (problem) throw problem.conflict ? ApiGatewayErrors.conflict(problem.message) : ApiGatewayErrors.badRequest(problem.message);
}

export async function createResource(input: { restApiId: string; parentId: string; pathPart: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const parent = gw.resource(api, input.parentId);
  throwIfBroken(placementProblem(api, parent, input.pathPart ?? ""));
  const r: ResourceRecord = { id: newId(), parentId: parent.id, pathPart: input.pathPart, path: `${parent.path === "/" ? "" : parent.path}/${input.pathPart}`, methods: {} };
  api.resources[r.id] = r;
  await gw.save(api);
  return resourceView(r);
}

export function getResource(input: { restApiId: string; resourceId: string; embed?: string[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  return resourceView(gw.resource(api, input.resourceId), input.embed?.includes("methods"));
}

export function getResources(input: { restApiId: string; limit?: number; position?: string; embed?: string[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const all = Object.values(api.resources).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { items, position } = page(all, input.limit, input.position);
  return { items: items.map((r) => resourceView(r, input.embed?.includes("methods"))), position };
}

export async function deleteResource(input: { restApiId: string; resourceId: string }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const r = gw.resource(api, input.resourceId);
  if (r.id === api.rootResourceId) throw ApiGatewayErrors.badRequest("Cannot delete root resource");
  // The resource and everything under it.
  const doomed = new Set([r.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const x of Object.values(api.resources)) {
      if (x.parentId && doomed.has(x.parentId) && !doomed.has(x.id)) {
        doomed.add(x.id);
        grew = true;
      }
    }
  }
  for (const id of doomed) delete api.resources[id];
  await gw.save(api);
  return {};
}

/**
 * UpdateResource: a new /pathPart or /parentId moves the resource and its subtree.
 * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateResource.html
 */
export async function updateResource(input: { restApiId: string; resourceId: string; patchOperations?: PatchOperation[] }, ctx: RequestContext, gw: ApiGatewayService) {
  const api = gw.api(input.restApiId, ctx);
  const r = gw.resource(api, input.resourceId);
  if (r.id === api.rootResourceId) throw ApiGatewayErrors.badRequest("Cannot update root resource");
  const next = { pathPart: r.pathPart!, parentId: r.parentId! };
  applyPatches(next, input.patchOperations, [
    { path: "/pathPart", ops: ["replace"], apply: (n, p) => (n.pathPart = requiredValue(p)) },
    { path: "/parentId", ops: ["replace"], apply: (n, p) => (n.parentId = requiredValue(p)) },
  ]);
  const parent = gw.resource(api, next.parentId);
  for (let p: ResourceRecord | undefined = parent; p; p = p.parentId ? api.resources[p.parentId] : undefined) {
    if (p.id === r.id) throw ApiGatewayErrors.badRequest("Resource cannot be moved under itself");
  }
  throwIfBroken(placementProblem(api, parent, next.pathPart, r.id));
  r.pathPart = next.pathPart;
  r.parentId = next.parentId;
  repath(api.resources, r, parent.path);
  await gw.save(api);
  return resourceView(r);
}

/** Recomputes the paths of a resource and everything under it. */
function repath(resources: Record<string, ResourceRecord>, r: ResourceRecord, parentPath: string): void {
  r.path = `${parentPath === "/" ? "" : parentPath}/${r.pathPart}`;
  for (const child of Object.values(resources)) if (child.parentId === r.id) repath(resources, child, r.path);
}
